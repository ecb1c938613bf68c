import { describe, expect, it } from "vitest";
import { DEFAULT_HTTP_SETTINGS, httpSettings } from "../../src/config.js";
import { persistedOperationsFrom, resolvePersisted, sha256 } from "../../src/server/persisted-operations.js";
import { capErrors, responseTooLarge } from "../../src/server/response-limits.js";

const Q = "query Projects { projects { totalCount } }";
const operations = new Map([[sha256(Q), Q]]);

describe("HTTP settings", () => {
  it("has the documented defaults", () => {
    expect(httpSettings({})).toEqual(DEFAULT_HTTP_SETTINGS);
    expect(DEFAULT_HTTP_SETTINGS).toMatchObject({ maxBodyBytes: 1048576, maxResponseBytes: 10485760, maxErrors: 20 });
  });

  it("reads origins, limits and persisted-only mode, and refuses what would not work", () => {
    expect(
      httpSettings({
        KMGRAPH_CORS_ORIGINS: "https://dash.example.org, http://localhost:5173",
        KMGRAPH_MAX_BODY_BYTES: "4096",
        KMGRAPH_PERSISTED_OPERATIONS: "ops.json",
        KMGRAPH_PERSISTED_ONLY: "true",
      }),
    ).toMatchObject({
      corsOrigins: ["https://dash.example.org", "http://localhost:5173"],
      maxBodyBytes: 4096,
      persistedOperations: "ops.json",
      persistedOnly: true,
    });
    expect(() => httpSettings({ KMGRAPH_CORS_ORIGINS: "*" })).toThrow(/KMGRAPH_CORS_ORIGINS/);
    expect(() => httpSettings({ KMGRAPH_CORS_ORIGINS: "https://dash.example.org/app" })).toThrow(/no path/);
    expect(() => httpSettings({ KMGRAPH_PERSISTED_ONLY: "true" })).toThrow(/KMGRAPH_PERSISTED_OPERATIONS/);
    expect(() => httpSettings({ KMGRAPH_MAX_BODY_BYTES: "0" })).toThrow(/at least 1/);
    expect(() => httpSettings({ KMGRAPH_MAX_ERRORS: "lots" })).toThrow(/whole number/);
    expect(() => httpSettings({ KMGRAPH_HEADERS_TIMEOUT_MS: "90000" })).toThrow(/KMGRAPH_REQUEST_TIMEOUT_MS/);
  });
});

describe("the error cap", () => {
  const errors = Array.from({ length: 30 }, (_, i) => ({ message: `e${i}` }));

  it("leaves a short list alone and summarises the rest of a long one in its last error", () => {
    expect(capErrors(errors.slice(0, 20), 20)).toHaveLength(20);
    const capped = capErrors(errors, 20);
    expect(capped).toHaveLength(20);
    expect(capped.slice(0, 19).map((e) => e.message)).toEqual(errors.slice(0, 19).map((e) => e.message));
    expect(capped[19]).toEqual({
      message: "11 more errors are not listed: a response lists at most 20 errors (30 in all)",
      extensions: { code: "TOO_MANY_ERRORS", limit: 20, count: 30 },
    });
  });

  it("says the limit and the size of a response too large", () => {
    expect(JSON.parse(responseTooLarge(12, 10))).toEqual({
      errors: [
        {
          message: "the response is 12 bytes; at most 10 are sent: ask for fewer fields or a smaller page",
          extensions: { code: "RESPONSE_TOO_LARGE", limit: 10, size: 12 },
        },
      ],
    });
  });
});

describe("persisted operations", () => {
  it("loads a plain manifest and Apollo's, and refuses a hash that is not its text's", () => {
    expect(persistedOperationsFrom({ [sha256(Q)]: Q }, "m.json")).toEqual(operations);
    const apollo = { format: "apollo-persisted-query-manifest", version: 1, operations: [{ id: sha256(Q), body: Q }] };
    expect(persistedOperationsFrom(apollo, "m.json")).toEqual(operations);
    expect(() => persistedOperationsFrom({ [sha256("{ x }")]: Q }, "m.json")).toThrow(/is not the sha256/);
    expect(() => persistedOperationsFrom([Q], "m.json")).toThrow(/JSON object/);
    expect(() => persistedOperationsFrom({ [sha256(Q)]: 1 }, "m.json")).toThrow(/not a string/);
  });

  it("puts the manifest's text in the body and takes the reference out", () => {
    const body: Record<string, unknown> = {
      variables: {},
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256(Q) } },
    };
    expect(resolvePersisted(body, operations)).toEqual({ kind: "persisted", hash: sha256(Q) });
    expect(body).toEqual({ variables: {}, query: Q });
    const byId: Record<string, unknown> = { documentId: `sha256:${sha256(Q).toUpperCase()}` };
    expect(resolvePersisted(byId, operations).kind).toBe("persisted");
    expect(byId).toEqual({ query: Q });
  });

  it("treats a body without a reference as text, and refuses bad references", () => {
    expect(resolvePersisted({ query: Q }, operations)).toEqual({ kind: "text" });
    expect(resolvePersisted([{ query: Q }], operations)).toEqual({ kind: "text" });
    const code = (body: unknown) => {
      const lookup = resolvePersisted(body, operations);
      return lookup.kind === "refused" ? lookup.error.extensions.code : lookup.kind;
    };
    expect(code({ documentId: "abc" })).toBe("BAD_REQUEST");
    expect(code({ extensions: { persistedQuery: { sha256Hash: 7 } } })).toBe("BAD_REQUEST");
    expect(code({ documentId: sha256("{ x }") })).toBe("PERSISTED_OPERATION_NOT_FOUND");
    expect(code({ documentId: sha256(Q), query: "{ topics { totalCount } }" })).toBe("PERSISTED_OPERATION_MISMATCH");
    expect(code({ documentId: sha256(Q), query: Q })).toBe("persisted");
  });
});
