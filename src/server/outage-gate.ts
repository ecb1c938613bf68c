import type { FastifyInstance } from "fastify";
import type { Log } from "../log.js";
import { RETRY_AFTER_SECONDS } from "./availability.js";
import { GRAPHQL_PATH } from "./http.js";

export interface OutageGateOptions {
  /** A fresh read of Neo4j: true once it answers. */
  readonly neo4jAnswers: () => Promise<boolean>;
  /** While the server stops, its own 503s say nothing about Neo4j. */
  readonly draining: () => boolean;
  readonly log?: Log;
  /** How often Neo4j is asked while the gate is shut. Default 500. */
  readonly probeEveryMs?: number;
}

/**
 * Once a GraphQL request has been answered 503 (Neo4j could not be reached),
 * the next ones are answered 503 at once, without going near Neo4j, until a
 * read of Neo4j succeeds again (asked every `probeEveryMs`).
 *
 * Why: a Neo4j that starts again takes TCP connections before it serves
 * them, and the driver's connection timeout ends at the TCP connection; a
 * request sent then waited for the database, up to its transaction timeout,
 * and could fail with TIMEOUT instead of SERVICE_UNAVAILABLE. Behind the gate
 * only the probe waits there. The gate costs at most one probe interval of
 * extra 503s after Neo4j is back.
 */
export function registerOutageGate(app: FastifyInstance, options: OutageGateOptions): void {
  const every = options.probeEveryMs ?? 500;
  let shut = false;

  const reopen = async () => {
    while (shut) {
      await sleep(every);
      if (await options.neo4jAnswers().catch(() => false)) {
        shut = false;
        options.log?.("Neo4j answers again: GraphQL requests go through");
      }
    }
  };

  const isGraphql = (url: string) => url.split("?")[0] === GRAPHQL_PATH;

  app.addHook("onRequest", async (request, reply) => {
    if (!shut || !isGraphql(request.url)) return;
    return reply
      .code(503)
      .header("retry-after", String(RETRY_AFTER_SECONDS))
      .type("application/json; charset=utf-8")
      .send(
        JSON.stringify({
          errors: [
            {
              message: "the graph database cannot be reached now, try again shortly; nothing was run",
              // As Database says of a write that failed before its commit: here nothing was even begun.
              extensions: { code: "SERVICE_UNAVAILABLE", committed: false },
            },
          ],
        }),
      );
  });

  app.addHook("onResponse", async (request, reply) => {
    if (shut || reply.statusCode !== 503 || !isGraphql(request.url) || options.draining()) return;
    shut = true;
    options.log?.("Neo4j cannot be reached: GraphQL requests are answered 503 until it answers again");
    void reopen();
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
