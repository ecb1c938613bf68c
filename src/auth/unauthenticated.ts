import { GraphQLError } from "graphql";

/**
 * The only answer to a request whose credentials fail: HTTP 401 with a short
 * reason. The reason never quotes the token, nor anything read from it.
 */
export function unauthenticated(reason: string): GraphQLError {
  return new GraphQLError(reason, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
}
