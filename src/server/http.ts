import type { ApolloServer } from "@apollo/server";
import { fastifyApolloHandler } from "@as-integrations/fastify";
import compress from "@fastify/compress";
import cors from "@fastify/cors";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { Authenticator } from "../auth/authenticator.js";
import type { Identity } from "../auth/identity.js";
import { DEFAULT_HTTP_SETTINGS, type HttpSettings } from "../config.js";
import type { Context } from "../context/context.js";
import type { ErrorCode } from "../errors.js";
import { Role } from "../model/roles.js";
import type { ErrorLogger } from "./errors.js";
import {
  type PersistedLookup,
  type PersistedOperations,
  persistedOperationRequired,
  resolvePersisted,
} from "./persisted-operations.js";
import { REQUEST_ID_HEADER, requestIdOf } from "./request-id.js";
import type { RequestObservations } from "./request-observation.js";
import { responseTooLarge } from "./response-limits.js";

export const GRAPHQL_PATH = "/graphql";

export interface HttpAppOptions {
  /** Started: the Fastify handler asserts it. */
  apollo: ApolloServer<Context>;
  authenticate: Authenticator;
  /** The per-request context of an authenticated caller. */
  createContext: (identity: Identity) => Context;
  settings?: HttpSettings;
  /** The manifest of KMGRAPH_PERSISTED_OPERATIONS, loaded; required with `settings.persistedOnly`. */
  persistedOperations?: PersistedOperations;
  logError?: ErrorLogger;
  /** The request log and GET /metrics (src/server/request-observation.ts). */
  observations?: RequestObservations;
  /** Routes and hooks that come before /graphql's (main.ts: health, the shutdown's drain, the outage gate). */
  extend?: (app: FastifyInstance) => void;
}

/** Answers shorter than this go uncompressed: below it, gzip saves less than it costs. */
export const COMPRESS_ABOVE_BYTES = 1024;

/**
 * The HTTP server in front of Apollo: Fastify with Apollo's own integration.
 * Everything here happens before GraphQL parses a byte of the request (the
 * body limit, the JSON parsing, CORS, persisted operations) or after Apollo
 * has serialised its answer (the response limit). Built without listening,
 * so that tests can `inject` requests; main.ts listens.
 */
export async function createHttpApp(options: HttpAppOptions): Promise<FastifyInstance> {
  const settings = options.settings ?? DEFAULT_HTTP_SETTINGS;
  const logError = options.logError ?? ((error) => console.error(error));
  const operations = options.persistedOperations;
  if (settings.persistedOnly && !operations) throw new Error("persisted-only mode needs a manifest of operations");

  const app = Fastify({
    // Fastify checks Content-Length against it before reading, and counts bytes while it reads a chunked body.
    bodyLimit: settings.maxBodyBytes,
    keepAliveTimeout: settings.keepAliveTimeoutMs,
    requestTimeout: settings.requestTimeoutMs,
    http: { headersTimeout: settings.headersTimeoutMs },
    // Requests in flight at shutdown finish; idle keep-alive sockets are closed at once.
    forceCloseConnections: "idle",
    logger: false,
    // The proxy's x-request-id when it is safe to repeat, else a new one (src/server/request-id.ts).
    genReqId: requestIdOf,
  });

  // POST bodies are JSON only. Apollo's CSRF prevention lets a text/plain POST through to its own
  // checks; without a parser for it Fastify answers 415 before anything else looks at it.
  app.removeContentTypeParser("text/plain");

  app.addHook("onRequest", async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });

  if (settings.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: [...settings.corsOrigins],
      methods: ["GET", "POST", "OPTIONS"],
      // Apollo's CSRF prevention asks GET requests for one of these headers; a browser must be allowed to send them.
      allowedHeaders: ["content-type", "authorization", "apollo-require-preflight", "x-apollo-operation-name"],
      maxAge: 600,
    });
  }

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, code, message } = describeHttpError(error, request, settings);
    if (status >= 500) logError(error);
    return sendError(
      reply,
      status,
      code,
      message,
      code === "BODY_TOO_LARGE"
        ? bodyTooLargeDetails(request, settings)
        : status >= 500
          ? { requestId: request.id }
          : {},
    );
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(
      reply,
      404,
      "NOT_FOUND",
      `no route ${request.method} ${request.url.split("?")[0]}; the API is at ${GRAPHQL_PATH}`,
    ),
  );

  app.addHook("onSend", async (_request, _reply, payload) => {
    // A stream (incremental delivery, which kmgraph does not enable) passes unmeasured.
    if (typeof payload !== "string" && !Buffer.isBuffer(payload)) return payload;
    const size = Buffer.byteLength(payload);
    return size > settings.maxResponseBytes ? responseTooLarge(size, settings.maxResponseBytes) : payload;
  });
  // Route-level onSend hooks run after the one above: the limit measures the answer before it is compressed.
  // Request bodies are not decompressed: the body limit counts the bytes that arrive.
  await app.register(compress, { threshold: COMPRESS_ABOVE_BYTES, globalDecompression: false });
  options.observations?.attach(app);
  // After the observation, so that a request refused while the server stops or Neo4j is away is logged and counted.
  options.extend?.(app);

  // The lookup of each request's persisted operation, made before Apollo reads the body, judged once the
  // caller is known (an unknown hash is no answer to give someone who is not authenticated).
  const lookups = new WeakMap<FastifyRequest, PersistedLookup>();
  const preHandler = async (request: FastifyRequest) => {
    if (operations && request.method === "POST") lookups.set(request, resolvePersisted(request.body, operations));
  };

  app.route({
    method: ["GET", "POST", "OPTIONS"],
    url: GRAPHQL_PATH,
    preHandler,
    handler: fastifyApolloHandler<Context>(options.apollo, {
      // Once per request, before any resolver: the identity (and its person lookup) is shared by all fields.
      context: async (request) => {
        const identity = await options.authenticate(request.headers.authorization);
        const lookup = lookups.get(request) ?? { kind: "text" };
        if (lookup.kind === "refused") throw lookup.error;
        if (settings.persistedOnly && lookup.kind === "text" && identity.role !== Role.ADMIN) {
          throw persistedOperationRequired(identity.role);
        }
        return { ...options.createContext(identity), requestId: request.id };
      },
    }),
  });
  return app;
}

interface HttpErrorDescription {
  status: number;
  code: ErrorCode | "INTERNAL_SERVER_ERROR" | "NOT_FOUND";
  message: string;
}

/** Fastify's own errors as a client should read them: a code, a message, never a stack or a path. */
function describeHttpError(error: FastifyError, request: FastifyRequest, settings: HttpSettings): HttpErrorDescription {
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE": {
      const size = declaredLength(request);
      // A chunked body declares no size: Fastify stops reading it at the limit.
      const found = size === undefined ? "over the limit" : `${size} bytes`;
      return {
        status: 413,
        code: "BODY_TOO_LARGE",
        message: `the request body is ${found}; at most ${settings.maxBodyBytes} bytes are accepted (a larger import document goes through \`kmgraph import\`)`,
      };
    }
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return { status: 400, code: "MALFORMED_BODY", message: "the request body is not a JSON document" };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return {
        status: 415,
        code: "UNSUPPORTED_MEDIA_TYPE",
        message: "send the operation as JSON, with Content-Type: application/json",
      };
  }
  const status = typeof error.statusCode === "number" ? error.statusCode : 500;
  // secure-json-parse refuses `__proto__` and `constructor.prototype` keys with a SyntaxError of its own.
  if (status === 400 && error instanceof SyntaxError) {
    return { status, code: "MALFORMED_BODY", message: "the request body is not a JSON document kmgraph accepts" };
  }
  if (status >= 400 && status < 500) {
    // Fastify's own messages are fixed sentences; anything else may quote internals.
    const message = error.code?.startsWith("FST_") ? error.message : "bad request";
    return { status, code: "BAD_REQUEST", message };
  }
  return { status: 500, code: "INTERNAL_SERVER_ERROR", message: "Internal server error" };
}

function declaredLength(request: FastifyRequest): number | undefined {
  const raw = request.headers["content-length"];
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : undefined;
}

function bodyTooLargeDetails(request: FastifyRequest, settings: HttpSettings): Record<string, unknown> {
  const size = declaredLength(request);
  return { limit: settings.maxBodyBytes, ...(size === undefined ? {} : { size }) };
}

/** The shape of a GraphQL request error, so that a client reads every refusal the same way. */
function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  details: Record<string, unknown> = {},
): FastifyReply {
  return reply
    .code(status)
    .type("application/json; charset=utf-8")
    .send(JSON.stringify({ errors: [{ message, extensions: { code, ...details } }] }));
}
