import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { GraphQLError } from "graphql";
import type { ErrorCode } from "../errors.js";

/** The operations a deployment registered, by the sha256 (hex) of their text. */
export type PersistedOperations = ReadonlyMap<string, string>;

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * Reads a manifest: either a plain object `{ "<sha256>": "<operation text>" }`
 * or Apollo's persisted query manifest (`{ "format": "apollo-persisted-query-manifest",
 * "operations": [{ "id", "body" }] }`). Every hash must be that of its text, so
 * that a hash names one text whoever computes it; anything else stops start-up.
 */
export function loadPersistedOperations(path: string): PersistedOperations {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`KMGRAPH_PERSISTED_OPERATIONS: cannot read ${path}: ${(error as Error).message}`);
  }
  return persistedOperationsFrom(raw, path);
}

export function persistedOperationsFrom(raw: unknown, source: string): PersistedOperations {
  if (!isObject(raw)) throw new Error(`${source}: a persisted operations manifest is a JSON object`);
  const entries: [string, unknown][] = isApolloManifest(raw)
    ? raw.operations.map((operation) => [String(operation.id), operation.body])
    : Object.entries(raw);
  const operations = new Map<string, string>();
  for (const [hash, text] of entries) {
    if (typeof text !== "string") throw new Error(`${source}: the operation of ${hash} is not a string`);
    const actual = sha256(text);
    if (hash.toLowerCase() !== actual) {
      throw new Error(`${source}: ${hash} is not the sha256 of its operation (that is ${actual})`);
    }
    operations.set(actual, text);
  }
  return operations;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isApolloManifest(value: unknown): value is { operations: { id?: unknown; body?: unknown }[] } {
  return isObject(value) && value.format === "apollo-persisted-query-manifest" && Array.isArray(value.operations);
}

/** What the HTTP layer found in a request body about persisted operations. */
export type PersistedLookup =
  /** The request names no persisted operation: its text is its own. */
  | { readonly kind: "text" }
  /** The request runs a registered operation, whose text is now in `body.query`. */
  | { readonly kind: "persisted"; readonly hash: string }
  /** Refused; the error is sent once the caller has been authenticated. */
  | { readonly kind: "refused"; readonly error: GraphQLError };

function refusal(code: ErrorCode, message: string): PersistedLookup {
  return { kind: "refused", error: new GraphQLError(message, { extensions: { code, http: { status: 400 } } }) };
}

/**
 * Resolves a POST body that names a persisted operation, by Apollo's APQ shape
 * (`extensions.persistedQuery.sha256Hash`) or by `documentId`: on success the
 * body carries the manifest's text and no longer the reference, so Apollo runs
 * it as any query (and its own APQ cache never sees it). A body that sends
 * both a hash and a text must send the text of that hash.
 */
export function resolvePersisted(body: unknown, operations: PersistedOperations): PersistedLookup {
  if (!isObject(body)) return { kind: "text" };
  const extensions = isObject(body.extensions) ? body.extensions : undefined;
  const apq = extensions && isObject(extensions.persistedQuery) ? extensions.persistedQuery : undefined;
  const reference = apq ? apq.sha256Hash : body.documentId;
  if (apq === undefined && body.documentId === undefined) return { kind: "text" };
  if (typeof reference !== "string" || !/^(sha256:)?[0-9a-fA-F]{64}$/.test(reference)) {
    return refusal("BAD_REQUEST", "a persisted operation is named by the sha256 of its text, 64 hex digits");
  }
  const hash = reference.replace(/^sha256:/, "").toLowerCase();
  if (typeof body.query === "string" && sha256(body.query) !== hash) {
    return refusal("PERSISTED_OPERATION_MISMATCH", `the query text sent is not the operation ${hash}`);
  }
  const text = operations.get(hash);
  if (text === undefined) {
    return refusal("PERSISTED_OPERATION_NOT_FOUND", `no persisted operation ${hash}: register it in the manifest`);
  }
  body.query = text;
  delete body.documentId;
  if (extensions) {
    delete extensions.persistedQuery;
    if (Object.keys(extensions).length === 0) delete body.extensions;
  }
  return { kind: "persisted", hash };
}

/** The refusal of a text operation from a caller who may run only persisted ones. */
export function persistedOperationRequired(role: string): GraphQLError {
  return new GraphQLError(
    `this server runs only persisted operations for the ${role} role: send extensions.persistedQuery.sha256Hash or documentId of a registered operation`,
    { extensions: { code: "PERSISTED_OPERATION_REQUIRED", http: { status: 403 } } },
  );
}
