/**
 * Errors a client can act on. Each has a stable code that the GraphQL layer
 * puts in `extensions.code` and the CLI prints; the message is for a person.
 */
export type ErrorCode =
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "CONFLICT"
  // The caller's role may not use a field, argument or mutation of the operation (src/auth/policy.ts).
  | "FORBIDDEN"
  // A request over one of the cost limits (src/server/request-limits.ts), refused before any Cypher.
  | "QUERY_TOO_DEEP"
  | "TOO_MANY_ALIASES"
  | "TOO_MANY_TOKENS"
  | "TOO_MANY_DIRECTIVES"
  | "QUERY_TOO_COSTLY"
  // Neo4j ended the request's transaction at KMGRAPH_NEO4J_TX_TIMEOUT_MS.
  | "TIMEOUT"
  // Neo4j could not be reached within KMGRAPH_NEO4J_UNAVAILABLE_MS (HTTP 503 with Retry-After).
  | "SERVICE_UNAVAILABLE"
  // A bulk import is unfinished (running, or its process died and it is not rolled back yet): writes are
  // refused (HTTP 409) so that its rollback can never revert them (src/bulk/journal.ts).
  | "IMPORT_IN_PROGRESS"
  // A bulk import stopped by SIGTERM or SIGINT and rolled back, or taken over and rolled back by recovery.
  | "IMPORT_INTERRUPTED"
  // The HTTP layer (src/server/http.ts): refused before GraphQL parses anything, or an answer cut short.
  | "BODY_TOO_LARGE"
  | "MALFORMED_BODY"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "BAD_REQUEST"
  | "RESPONSE_TOO_LARGE"
  | "TOO_MANY_ERRORS"
  // Persisted operations (src/server/persisted-operations.ts).
  | "PERSISTED_OPERATION_REQUIRED"
  | "PERSISTED_OPERATION_NOT_FOUND"
  | "PERSISTED_OPERATION_MISMATCH";

/** One thing wrong with the input, located by its path (`projects[3].needs[0].topic`). */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems: readonly Problem[] = [],
    /** Facts a client acts on beside the code, sent as extensions (`committed` of a write cut short). */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export function badInput(message: string, problems: readonly Problem[] = []): AppError {
  return new AppError("BAD_USER_INPUT", message, problems);
}

export function notFound(what: string, id: string): AppError {
  return new AppError("NOT_FOUND", `${what} "${id}" does not exist`);
}

export function conflict(message: string): AppError {
  return new AppError("CONFLICT", message);
}
