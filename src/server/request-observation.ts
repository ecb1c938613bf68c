import { AsyncLocalStorage } from "node:async_hooks";
import { createHash, timingSafeEqual } from "node:crypto";
import type { ApolloServerPlugin } from "@apollo/server";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type GraphQLFormattedError, Kind, parse } from "graphql";
import type { Context } from "../context/context.js";
import type { Database } from "../db/database.js";
import { errorFields, type Logger } from "./logger.js";
import { Metrics } from "./metrics.js";
import type { PersistedOperations } from "./persisted-operations.js";

/** What one request did, gathered while it runs; its log line and its metrics are both read from it. */
export interface RequestObservation {
  readonly requestId: string;
  readonly method: string;
  /** The path, never the query string (a GET's query string holds the operation and its variables). */
  readonly path: string;
  /** Set once Apollo has read the operation. */
  graphql?: { operationName: string; operationType: string };
  role?: string;
  /** Cypher statements the request sent (the audit trail's own writes aside). */
  statements: number;
  errorCodes: string[];
}

/** What a request line says, besides pino's level, time and service. */
export interface RequestLine {
  reqId: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  operation?: string;
  operationType?: string;
  role?: string;
  statements?: number;
  outcome: "ok" | "error";
  errorCodes?: string[];
}

export const ANONYMOUS_OPERATION = "anonymous";
/** A GraphQL request refused before Apollo read its operation: body too large, not authenticated, … */
export const UNREAD_OPERATION = "unknown";

/** The routes whose requests are logged at debug: probes and scrapes come every few seconds. */
const QUIET_PATHS = /^\/(metrics|health)(\/|$)/;

/** Error bodies short enough to read the codes from (kmgraph's own refusals are a few hundred bytes). */
const READ_ERRORS_UP_TO = 64 * 1024;

export interface ObservationOptions {
  logger: Logger;
  metrics: Metrics;
  /** KMGRAPH_METRICS_TOKEN: when set, GET /metrics asks for it as a bearer token. */
  metricsToken?: string;
  graphqlPath?: string;
}

/**
 * The observations of a server in main.ts: its own metrics registry, the
 * statements of `db` counted. With a manifest of persisted operations, its
 * operations' names are the operation label's values (the rest: "other").
 */
export function serverObservations(
  logger: Logger,
  db: Database,
  metricsToken: string | undefined,
  persisted?: PersistedOperations,
): RequestObservations {
  const knownOperations = persisted ? operationNames(persisted.values()) : undefined;
  const observations = new RequestObservations({ logger, metrics: new Metrics({ knownOperations }), metricsToken });
  observations.observeDatabase(db);
  return observations;
}

/**
 * The observation of every HTTP request, in one place: a record is opened
 * when the request arrives, filled by the Apollo plugin (operation, role,
 * errors) and by the database's observer (statements), and closed when the
 * response has been sent, into one log line and the metrics.
 *
 * Statements are attributed to a request through AsyncLocalStorage: the
 * record is the store of everything the request's handler runs, and the
 * observer, called synchronously by Database after each statement, adds to
 * the store of the code that sent it. Concurrent requests do not mix, and no
 * layer between the server and the database has to carry a counter. An
 * organisation analytic shared by concurrent requests (the analytics cache)
 * is counted once, in the request that started its computation.
 */
export class RequestObservations {
  private readonly store = new AsyncLocalStorage<RequestObservation>();
  private readonly records = new WeakMap<FastifyRequest, RequestObservation>();
  private readonly graphqlPath: string;

  constructor(private readonly options: ObservationOptions) {
    this.graphqlPath = options.graphqlPath ?? "/graphql";
  }

  get logger(): Logger {
    return this.options.logger;
  }

  /** The request being served by the calling code, if any. */
  current(): RequestObservation | undefined {
    return this.store.getStore();
  }

  /** Counts the statements each request sends; returns the unsubscribe function. */
  observeDatabase(db: Database): () => void {
    this.options.metrics.observeDatabase(db);
    return db.observe((event) => {
      if (event.audit) return;
      const record = this.store.getStore();
      if (record) record.statements += 1;
    });
  }

  /** The Apollo side: which operation, whose, and the errors of the answer as the client receives them. */
  readonly apolloPlugin: ApolloServerPlugin<Context> = {
    requestDidStart: async () => {
      const record = this.store.getStore();
      if (!record) return;
      return {
        async didResolveOperation({ operation, operationName }) {
          if (!operation) return;
          record.graphql = {
            // A GraphQL name has no length limit of its own.
            operationName: (operationName ?? operation.name?.value ?? ANONYMOUS_OPERATION).slice(0, 100),
            operationType: operation.operation,
          };
        },
        async willSendResponse({ response, contextValue, request, document }) {
          // An operation that did not validate was never resolved: the name the client gave, if it is a
          // name, or the document's when it has one operation.
          if (!record.graphql) {
            const operations = document?.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION) ?? [];
            const only = operations.length === 1 ? operations[0] : undefined;
            record.graphql = {
              operationName: (nameOf(request.operationName) ?? only?.name?.value ?? ANONYMOUS_OPERATION).slice(0, 100),
              operationType: only?.operation ?? UNREAD_OPERATION,
            };
          }
          record.role = contextValue.identity?.role;
          if (response.body.kind === "single") record.errorCodes = codesOf(response.body.singleResult.errors);
        },
      };
    },
  };

  /**
   * The Fastify side, attached after the response-size hook (so that a
   * replaced answer's code is read) and before the routes: the record, the
   * request's store, the response's codes, the line and the metrics; and
   * GET /metrics.
   */
  attach(app: FastifyInstance): void {
    app.addHook("onRequest", (request, _reply, done) => {
      this.records.set(request, {
        requestId: request.id,
        method: request.method,
        path: request.url.split("?")[0]!,
        statements: 0,
        errorCodes: [],
      });
      done();
    });
    // After the body is read (a stream's events would not carry the store), around everything the handler runs.
    app.addHook("preHandler", (request, _reply, done) => {
      const record = this.records.get(request);
      if (record) this.store.run(record, done);
      else done();
    });
    app.addHook("onSend", async (request, _reply, payload) => {
      const record = this.records.get(request);
      // Apollo puts `errors` first; a short error body is read whatever produced it (Apollo, the
      // response limit that replaced an answer, a refusal of the HTTP layer).
      if (
        record &&
        typeof payload === "string" &&
        payload.length <= READ_ERRORS_UP_TO &&
        payload.startsWith('{"errors":')
      ) {
        try {
          record.errorCodes = codesOf((JSON.parse(payload) as { errors?: GraphQLFormattedError[] }).errors);
        } catch {
          // Not JSON after all: the codes Apollo saw stand.
        }
      }
      return payload;
    });
    app.addHook("onResponse", async (request, reply) => {
      const record = this.records.get(request);
      if (record) this.finish(record, reply);
    });
    app.get("/metrics", async (request, reply) => {
      if (!this.authorised(request.headers.authorization)) {
        return reply
          .code(401)
          .header("www-authenticate", 'Bearer realm="kmgraph metrics"')
          .type("text/plain; charset=utf-8")
          .send("the metrics need KMGRAPH_METRICS_TOKEN as a bearer token\n");
      }
      return reply.type(this.options.metrics.registry.contentType).send(await this.options.metrics.scrape());
    });
  }

  private finish(record: RequestObservation, reply: FastifyReply): void {
    const status = reply.statusCode;
    const outcome = status < 400 && record.errorCodes.length === 0 ? "ok" : "error";
    const durationMs = Math.round(reply.elapsedTime * 10) / 10;
    const isGraphql = record.path === this.graphqlPath;
    const line: RequestLine = {
      reqId: record.requestId,
      method: record.method,
      path: record.path,
      status,
      durationMs,
      ...(isGraphql
        ? {
            operation: record.graphql?.operationName ?? UNREAD_OPERATION,
            operationType: record.graphql?.operationType ?? UNREAD_OPERATION,
            statements: record.statements,
          }
        : {}),
      ...(record.role ? { role: record.role } : {}),
      outcome,
      ...(record.errorCodes.length > 0 ? { errorCodes: record.errorCodes } : {}),
    };
    const level = QUIET_PATHS.test(record.path) ? "debug" : status >= 500 ? "warn" : "info";
    this.options.logger[level](line, "request");
    if (isGraphql && record.method !== "OPTIONS") {
      this.options.metrics.record({
        operation: line.operation!,
        operationType: line.operationType!,
        outcome,
        errorCodes: record.errorCodes,
        durationSeconds: reply.elapsedTime / 1000,
        statements: record.statements,
      });
    }
  }

  private authorised(header: string | undefined): boolean {
    const token = this.options.metricsToken;
    if (!token) return true;
    const offered = /^Bearer\s+(\S+)$/i.exec(header ?? "")?.[1] ?? "";
    // Compared as digests of equal length, in constant time.
    return timingSafeEqual(digest(offered), digest(token));
  }

  /** How an unexpected error is logged: scrubbed of literals, with the request's id when one is being served. */
  logError = (error: unknown): void => {
    const record = this.store.getStore();
    this.options.logger.error(
      { ...(record ? { reqId: record.requestId } : {}), err: errorFields(error) },
      "unexpected error",
    );
  };
}

/** The names of the operations of some documents; a document that does not parse names none. */
export function operationNames(texts: Iterable<string>): Set<string> {
  const names = new Set<string>([ANONYMOUS_OPERATION]);
  for (const text of texts) {
    try {
      for (const definition of parse(text).definitions) {
        if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) names.add(definition.name.value);
      }
    } catch {
      // Not an operation kmgraph could run either.
    }
  }
  return names;
}

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

function nameOf(name: string | undefined | null): string | undefined {
  return name && GRAPHQL_NAME.test(name) ? name : undefined;
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

function codesOf(errors: readonly GraphQLFormattedError[] | undefined): string[] {
  return (errors ?? []).map((error) => {
    const code = error.extensions?.code;
    return typeof code === "string" ? code : "INTERNAL_SERVER_ERROR";
  });
}
