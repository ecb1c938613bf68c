import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";

/**
 * Keeps the first `maxErrors - 1` errors of a response and replaces the rest
 * with one TOO_MANY_ERRORS error that counts them: a list of 500 people whose
 * e-mail a caller may not read answers with 20 errors, not 500. graphql's own
 * validation stops at 100 errors; execution errors have no such bound.
 */
export function capErrors(
  errors: readonly GraphQLFormattedError[],
  maxErrors: number,
): readonly GraphQLFormattedError[] {
  if (errors.length <= maxErrors) return errors;
  const kept = errors.slice(0, maxErrors - 1);
  const left = errors.length - kept.length;
  return [
    ...kept,
    {
      message: `${left} more errors are not listed: a response lists at most ${maxErrors} errors (${errors.length} in all)`,
      extensions: { code: "TOO_MANY_ERRORS", limit: maxErrors, count: errors.length },
    },
  ];
}

/** The error cap as an Apollo plugin: it sees the errors once formatted, whichever stage raised them. */
export function maxErrorsPlugin(maxErrors: number): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const { singleResult } = response.body;
          if (singleResult.errors && singleResult.errors.length > maxErrors) {
            response.body.singleResult = { ...singleResult, errors: capErrors(singleResult.errors, maxErrors) };
          }
        },
      };
    },
  };
}

/**
 * The body that replaces an answer of `size` bytes over `maxBytes`. Measured
 * on the serialised body Apollo hands to the HTTP layer, so the check costs
 * one pass over bytes that exist anyway; the cost limits are what bound the
 * work and memory that went into building it.
 */
export function responseTooLarge(size: number, maxBytes: number): string {
  return JSON.stringify({
    errors: [
      {
        message: `the response is ${size} bytes; at most ${maxBytes} are sent: ask for fewer fields or a smaller page`,
        extensions: { code: "RESPONSE_TOO_LARGE", limit: maxBytes, size },
      },
    ],
  });
}
