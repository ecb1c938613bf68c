import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "../context/context.js";

export const REQUEST_ID_HEADER = "x-request-id";

/**
 * What a proxy may pass on as the request's id: short, and nothing a log
 * reader or a header could be fooled by (no spaces, quotes, line breaks).
 */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Fastify's `genReqId`: the proxy's `x-request-id` when it is safe to repeat,
 * so that one id follows a request through the proxy's log and kmgraph's;
 * otherwise a new UUID. A repeated header is not a single id.
 */
export function requestIdOf(request: Pick<IncomingMessage, "headers">): string {
  const offered = request.headers[REQUEST_ID_HEADER];
  return typeof offered === "string" && SAFE_REQUEST_ID.test(offered) ? offered : randomUUID();
}

/**
 * A masked INTERNAL_SERVER_ERROR tells the client nothing but the request's
 * id: the one thing that lets an operator find the logged cause.
 */
export const requestIdPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        const requestId = contextValue.requestId;
        if (!requestId || response.body.kind !== "single") return;
        const { singleResult } = response.body;
        if (!singleResult.errors?.some((error) => error.extensions?.code === "INTERNAL_SERVER_ERROR")) return;
        response.body.singleResult = {
          ...singleResult,
          errors: singleResult.errors.map((error) =>
            error.extensions?.code === "INTERNAL_SERVER_ERROR"
              ? { ...error, extensions: { ...error.extensions, requestId } }
              : error,
          ),
        };
      },
    };
  },
};
