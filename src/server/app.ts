import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
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

/**
 * Apollo's cache-control plugin, on by default, hooks every field of every
 * answer to collect cache hints that kmgraph never gives, only to send
 * `cache-control: no-store`; its per-field hook also makes Apollo wrap every
 * resolver. A CPU profile of the nested read (about 2,000 objects) put the
 * two at about 9 % of the server's busy time. The plugin is off, and this
 * sends the same header once per response: answers hold personal data, and
 * no proxy may keep them.
 */
const noStore: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        response.http.headers.set("cache-control", "no-store");
      },
    };
  },
};

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
      ApolloServerPluginCacheControlDisabled(),
      noStore,
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
