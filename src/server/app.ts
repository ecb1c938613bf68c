import { ApolloServer } from "@apollo/server";
import type { Context } from "../context/context.js";
import { depthLimit } from "./depth-limit.js";
import { type ErrorLogger, formatError } from "./errors.js";
import { kmgraphSchema } from "./schema.js";

export interface ServerOptions {
  development: boolean;
  logError?: ErrorLogger;
}

const logToStderr: ErrorLogger = (error) => console.error(error);

export async function createApolloServer(options: ServerOptions): Promise<ApolloServer<Context>> {
  return new ApolloServer<Context>({
    schema: await kmgraphSchema(),
    formatError: formatError(options.logError ?? logToStderr, options.development),
    includeStacktraceInErrorResponses: options.development,
    introspection: true,
    validationRules: [depthLimit()],
    // main.ts owns shutdown: stop HTTP first, then close Neo4j (and the embedded server).
    stopOnTerminationSignals: false,
  });
}
