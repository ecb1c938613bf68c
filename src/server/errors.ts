import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { AppError } from "../errors.js";

export type ErrorLogger = (error: unknown) => void;

/**
 * Client errors keep their code, message and problems; anything unexpected is
 * logged and reaches the client as INTERNAL_SERVER_ERROR without internals.
 */
export function formatError(log: ErrorLogger, development: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = appErrorOf(error) ?? tokenLimitOf(formatted) ?? unwrapResolverError(error);
    if (original instanceof AppError) {
      return {
        ...formatted,
        message: original.message,
        extensions: {
          ...formatted.extensions,
          code: original.code,
          ...original.details,
          ...(original.problems.length > 0 ? { problems: original.problems } : {}),
        },
      };
    }
    const code = formatted.extensions?.code;
    if (code !== undefined && code !== "INTERNAL_SERVER_ERROR") return formatted;
    log(original);
    if (development) return formatted;
    return {
      message: "Internal server error",
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  };
}

/** A validation rule's AppError, which Apollo wraps in a GRAPHQL_VALIDATION_FAILED error. */
function appErrorOf(error: unknown): AppError | undefined {
  return error instanceof GraphQLError && error.originalError instanceof AppError ? error.originalError : undefined;
}

/** graphql's parser stops at `parseOptions.maxTokens` with a syntax error; the client gets its own code. */
function tokenLimitOf(formatted: GraphQLFormattedError): AppError | undefined {
  if (formatted.extensions?.code !== "GRAPHQL_PARSE_FAILED") return undefined;
  // graphql 16 spells it "more that".
  const match = /Document contains more tha[nt] (\d+) tokens/.exec(formatted.message);
  if (!match) return undefined;
  return new AppError("TOO_MANY_TOKENS", `the query has more than ${match[1]} tokens; at most ${match[1]} are allowed`);
}
