import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "../context/context.js";

/** Seconds a client should wait before retrying while Neo4j cannot be reached. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * A request that could not reach Neo4j is answered 503 with Retry-After, so
 * that clients, proxies and load balancers treat it as the outage it is and
 * not as a bug of the request.
 */
export const availabilityPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        const errors = response.body.kind === "single" ? response.body.singleResult.errors : undefined;
        // A write refused while a bulk import is unfinished conflicts with the graph's state, for as long as it lasts.
        if (errors?.some((error) => error.extensions?.code === "IMPORT_IN_PROGRESS")) response.http.status = 409;
        if (!errors?.some((error) => error.extensions?.code === "SERVICE_UNAVAILABLE")) return;
        response.http.status = 503;
        response.http.headers.set("retry-after", String(RETRY_AFTER_SECONDS));
      },
    };
  },
};
