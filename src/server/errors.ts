import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import { AppError } from "../errors.js";

export type ErrorLogger = (error: unknown) => void;

/**
 * Client errors keep their code, message and problems; anything unexpected is
 * logged and reaches the client as INTERNAL_SERVER_ERROR without internals.
 */
export function formatError(log: ErrorLogger, development: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) {
      return {
        ...formatted,
        message: original.message,
        extensions: {
          ...formatted.extensions,
          code: original.code,
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
