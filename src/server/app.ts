import { ApolloServer } from "@apollo/server";
import { DEFAULT_HTTP_SETTINGS, DEFAULT_REQUEST_LIMITS, type RequestLimits } from "../config.js";
import type { Context } from "../context/context.js";
import { admissionPlugin } from "./admission.js";
import { auditPlugin } from "./audit.js";
import { authorize } from "./authorization.js";
import { availabilityPlugin } from "./availability.js";
import { type ErrorLogger, formatError } from "./errors.js";
import { costLimit } from "./query-cost.js";
import { requestIdPlugin } from "./request-id.js";
import { armorProtection } from "./request-limits.js";
import type { RequestObservations } from "./request-observation.js";
import { maxErrorsPlugin } from "./response-limits.js";
import { kmgraphSchema } from "./schema.js";

export interface ServerOptions {
  development: boolean;
  logError?: ErrorLogger;
  /** Answer introspection queries; and, with it, suggest field names in validation errors. */
  introspection?: boolean;
  limits?: RequestLimits;
  /** Errors one response lists (KMGRAPH_MAX_ERRORS); the rest are summarised in one. */
  maxErrors?: number;
  /**
   * Apollo's automatic persisted queries (clients register any text by its hash, kept in memory).
   * Off when a manifest of persisted operations decides which hashes exist (src/server/http.ts).
   */
  automaticPersistedQueries?: boolean;
  /** The request log and metrics (src/server/request-observation.ts); none in tests that do not look at them. */
  observations?: RequestObservations;
}

const logToStderr: ErrorLogger = (error) => console.error(error);

export async function createApolloServer(options: ServerOptions): Promise<ApolloServer<Context>> {
  const limits = options.limits ?? DEFAULT_REQUEST_LIMITS;
  const introspection = options.introspection ?? true;
  const armor = armorProtection(limits, !introspection);
  const logError = options.logError ?? logToStderr;
  return new ApolloServer<Context>({
    schema: await kmgraphSchema(),
    formatError: formatError(logError, options.development),
    includeStacktraceInErrorResponses: options.development,
    introspection,
    // graphql's parser counts tokens as it reads and stops at the limit: a huge text never becomes a tree.
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: armor.validationRules,
    // Access control runs after validation and the cost limit, so the limits have bounded the operation
    // it walks; every mutation field, done, failed or refused, becomes an entry of the audit trail.
    plugins: [
      ...armor.plugins,
      admissionPlugin([costLimit(limits.maxCost), authorize]),
      availabilityPlugin,
      auditPlugin(logError),
      maxErrorsPlugin(options.maxErrors ?? DEFAULT_HTTP_SETTINGS.maxErrors),
      requestIdPlugin,
      // Last: it reads the errors as the client receives them.
      ...(options.observations ? [options.observations.apolloPlugin] : []),
    ],
    ...(options.automaticPersistedQueries === false ? { persistedQueries: false as const } : {}),
    // Apollo's default, stated: a GET or a "simple" POST must carry a header a cross-site form cannot set.
    csrfPrevention: true,
    // One operation per HTTP request: a batch would multiply every limit above.
    allowBatchedHttpRequests: false,
    // main.ts owns shutdown: stop HTTP first, then close Neo4j (and the embedded server).
    stopOnTerminationSignals: false,
  });
}
