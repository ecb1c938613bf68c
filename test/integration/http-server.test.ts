import { Readable } from "node:stream";
import type { ApolloServer } from "@apollo/server";
import type { FastifyInstance } from "fastify";
import { SignJWT } from "jose";
import { afterAll, describe, expect, it } from "vitest";
import { createAuthenticator } from "../../src/auth/authenticator.js";
import { DEFAULT_HTTP_SETTINGS, type HttpSettings, jwtConfig } from "../../src/config.js";
import { type Context, createContext } from "../../src/context/context.js";
import { cypherFile } from "../../src/db/cypher-files.js";
import { createApolloServer } from "../../src/server/app.js";
import { createHttpApp } from "../../src/server/http.js";
import { type PersistedOperations, sha256 } from "../../src/server/persisted-operations.js";
import { smallOrg } from "../fixtures/small-org.js";
import { countRoundTrips, useGraph } from "../support/graph.js";

// The HTTP layer in front of Apollo, built as main.ts builds it (without
// listening: requests are injected), with HS256 tokens for the callers' roles.
// Each refusal here happens before GraphQL parses the request, so the
// statements sent to Neo4j are counted.

const graph = useGraph(smallOrg);
const SECRET = "a-test-secret-of-at-least-32-bytes!!";
const apps: { app: FastifyInstance; apollo: ApolloServer<Context> }[] = [];

afterAll(async () => {
  for (const { app, apollo } of apps) {
    await app.close();
    await apollo.stop();
  }
});

async function makeApp(settings: Partial<HttpSettings> = {}, persistedOperations?: PersistedOperations) {
  const http = { ...DEFAULT_HTTP_SETTINGS, ...settings };
  const apollo = await createApolloServer({
    development: false,
    maxErrors: http.maxErrors,
    automaticPersistedQueries: persistedOperations === undefined,
    logError: () => {},
  });
  await apollo.start();
  const app = await createHttpApp({
    apollo,
    authenticate: createAuthenticator(
      { apiToken: undefined, jwt: jwtConfig({ KMGRAPH_JWT_SECRET: SECRET }) },
      graph.db,
    ),
    createContext: (identity) => createContext(graph.db, identity),
    settings: http,
    persistedOperations,
    logError: () => {},
  });
  apps.push({ app, apollo });
  return app;
}

function token(role: string): Promise<string> {
  return new SignJWT({ sub: `u-${role}`, roles: [role], email: "ana@example.org" })
    .setProtectedHeader({ alg: "HS256" })
    .setExpirationTime("5m")
    .sign(new TextEncoder().encode(SECRET));
}

async function post(app: FastifyInstance, body: string | object, role = "ADMIN", headers: Record<string, string> = {}) {
  const { result: response, queries } = await countRoundTrips(graph.db, async () =>
    app.inject({
      method: "POST",
      url: "/graphql",
      headers: { "content-type": "application/json", authorization: `Bearer ${await token(role)}`, ...headers },
      payload: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
  return { status: response.statusCode, headers: response.headers, text: response.body, queries };
}

const json = (text: string) => JSON.parse(text) as { data?: any; errors?: any[] };
const TOPICS = "{ topics { totalCount } }";
const PERSON_LOOKUP = cypherFile("auth/person-by-email");

describe("the request body limit", () => {
  it("refuses a body over KMGRAPH_MAX_BODY_BYTES with 413 BODY_TOO_LARGE, before any statement", async () => {
    const app = await makeApp({ maxBodyBytes: 4096 });
    const body = JSON.stringify({ query: TOPICS, variables: { pad: "x".repeat(10_000) } });
    const { status, text, queries } = await post(app, body);
    expect(status).toBe(413);
    expect(json(text).errors).toEqual([
      {
        message: `the request body is ${body.length} bytes; at most 4096 bytes are accepted (a larger import document goes through \`kmgraph import\`)`,
        extensions: { code: "BODY_TOO_LARGE", limit: 4096, size: body.length },
      },
    ]);
    // Not even the caller's person is looked up.
    expect(queries).toEqual([]);
    // A body within the limit is served.
    const small = await post(app, { query: TOPICS });
    expect(json(small.text).data).toEqual({ topics: { totalCount: 5 } });
  });

  it("stops reading a chunked body, which declares no size, at the limit", async () => {
    const app = await makeApp({ maxBodyBytes: 4096 });
    const body = JSON.stringify({ query: TOPICS, variables: { pad: "x".repeat(10_000) } });
    const { result, queries } = await countRoundTrips(graph.db, () =>
      app.inject({
        method: "POST",
        url: "/graphql",
        headers: { "content-type": "application/json" },
        payload: Readable.from([body.slice(0, 5000), body.slice(5000)]),
      }),
    );
    expect(result.statusCode).toBe(413);
    expect(json(result.body).errors?.[0]).toEqual({
      message:
        "the request body is over the limit; at most 4096 bytes are accepted (a larger import document goes through `kmgraph import`)",
      extensions: { code: "BODY_TOO_LARGE", limit: 4096 },
    });
    expect(queries).toEqual([]);
  });

  it("has a default of 1 MiB", async () => {
    const app = await makeApp();
    const body = JSON.stringify({ query: TOPICS, variables: { pad: "x".repeat(1024 * 1024) } });
    const { status, text, queries } = await post(app, body);
    expect(status).toBe(413);
    expect(json(text).errors?.[0].extensions).toEqual({ code: "BODY_TOO_LARGE", limit: 1048576, size: body.length });
    expect(queries).toEqual([]);
  });
});

describe("malformed and unexpected requests", () => {
  it("answers a malformed JSON body with a JSON error, no stack trace, no path", async () => {
    const app = await makeApp();
    for (const body of [`{"query": "{ topics { totalCount } }"`, `{"query": }`, "nonsense"]) {
      const { status, headers, text, queries } = await post(app, body);
      expect(status).toBe(400);
      expect(headers["content-type"]).toMatch(/^application\/json/);
      expect(json(text)).toEqual({
        errors: [{ message: "the request body is not a JSON document", extensions: { code: "MALFORMED_BODY" } }],
      });
      expect(queries).toEqual([]);
    }
  });

  it("refuses a prototype-polluting body with MALFORMED_BODY", async () => {
    const app = await makeApp();
    const { status, text } = await post(app, `{"query": "{ topics { totalCount } }", "__proto__": {"x": 1}}`);
    expect(status).toBe(400);
    expect(json(text).errors?.[0].extensions.code).toBe("MALFORMED_BODY");
  });

  it("answers other HTTP-level errors in JSON too: media type, unknown route", async () => {
    const app = await makeApp();
    const plain = await post(app, TOPICS, "ADMIN", { "content-type": "text/plain" });
    expect(plain.status).toBe(415);
    expect(json(plain.text).errors?.[0].extensions.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(plain.queries).toEqual([]);
    const missing = await app.inject({ method: "GET", url: "/admin/../etc/passwd" });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["content-type"]).toMatch(/^application\/json/);
    expect(json(missing.body).errors?.[0].extensions.code).toBe("NOT_FOUND");
  });

  it("keeps Apollo's CSRF prevention: a GET without a preflight header is refused", async () => {
    const app = await makeApp();
    const { result, queries } = await countRoundTrips(graph.db, () =>
      app.inject({ method: "GET", url: `/graphql?query=${encodeURIComponent(TOPICS)}` }),
    );
    expect(result.statusCode).toBe(400);
    expect(result.body).toMatch(/CSRF/);
    expect(queries).toEqual([]);
  });
});

describe("CORS", () => {
  const preflight = (app: FastifyInstance, origin: string) =>
    app.inject({
      method: "OPTIONS",
      url: "/graphql",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });

  it("is off unless KMGRAPH_CORS_ORIGINS lists origins", async () => {
    const app = await makeApp();
    const response = await preflight(app, "https://dash.example.org");
    expect(response.headers["access-control-allow-origin"]).toBeUndefined();
    const { headers } = await post(app, { query: TOPICS }, "ADMIN", { origin: "https://dash.example.org" });
    expect(headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("allows a listed origin and refuses any other", async () => {
    const app = await makeApp({ corsOrigins: ["https://dash.example.org"] });
    const allowed = await preflight(app, "https://dash.example.org");
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers["access-control-allow-origin"]).toBe("https://dash.example.org");
    expect(allowed.headers["access-control-allow-methods"]).toMatch(/POST/);
    const ok = await post(app, { query: TOPICS }, "ADMIN", { origin: "https://dash.example.org" });
    expect(ok.headers["access-control-allow-origin"]).toBe("https://dash.example.org");

    for (const origin of ["https://evil.example.com", "https://dash.example.org.evil.com", "http://dash.example.org"]) {
      const refused = await preflight(app, origin);
      expect(refused.headers["access-control-allow-origin"]).toBeUndefined();
      const { headers } = await post(app, { query: TOPICS }, "ADMIN", { origin });
      expect(headers["access-control-allow-origin"]).toBeUndefined();
    }
  });
});

describe("the response limits", () => {
  it("replaces an answer over KMGRAPH_MAX_RESPONSE_BYTES with RESPONSE_TOO_LARGE", async () => {
    const app = await makeApp({ maxResponseBytes: 2000 });
    const { status, text } = await post(app, { query: "{ exportDocument }" });
    expect(status).toBe(200);
    const body = json(text);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0].extensions).toMatchObject({ code: "RESPONSE_TOO_LARGE", limit: 2000 });
    const size = body.errors?.[0].extensions.size;
    expect(size).toBeGreaterThan(2000);
    expect(body.errors?.[0].message).toBe(
      `the response is ${size} bytes; at most 2000 are sent: ask for fewer fields or a smaller page`,
    );
    expect(json((await post(app, { query: TOPICS })).text).data).toEqual({ topics: { totalCount: 5 } });
  });

  it("lists at most KMGRAPH_MAX_ERRORS errors, the rest summarised in the last", async () => {
    const app = await makeApp({ maxErrors: 5 });
    const fields = Array.from({ length: 12 }, (_, i) => `unknown${i}`).join(" ");
    const { text, queries } = await post(app, { query: `{ ${fields} }` });
    const { errors } = json(text);
    expect(errors).toHaveLength(5);
    expect(errors?.slice(0, 4).every((e) => e.extensions.code === "GRAPHQL_VALIDATION_FAILED")).toBe(true);
    expect(errors?.[4]).toEqual({
      message: "8 more errors are not listed: a response lists at most 5 errors (12 in all)",
      extensions: { code: "TOO_MANY_ERRORS", limit: 5, count: 12 },
    });
    expect(queries.map((q) => q.cypher)).toEqual([PERSON_LOOKUP]);
  });
});

describe("persisted operations", () => {
  const PROJECTS = "query Projects { projects { totalCount } }";
  const manifest: PersistedOperations = new Map([[sha256(PROJECTS), PROJECTS]]);
  const apq = (hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

  it("lets roles below ADMIN run only the manifest's operations in persisted-only mode", async () => {
    const app = await makeApp({ persistedOnly: true }, manifest);
    for (const role of ["VIEWER", "MEMBER", "KM_LEAD"]) {
      const text = await post(app, { query: PROJECTS }, role);
      expect(text.status).toBe(403);
      expect(json(text.text).errors).toEqual([
        {
          message: `this server runs only persisted operations for the ${role} role: send extensions.persistedQuery.sha256Hash or documentId of a registered operation`,
          extensions: { code: "PERSISTED_OPERATION_REQUIRED" },
        },
      ]);
      // Identifying the caller is the only statement: the operation never runs.
      expect(text.queries.map((q) => q.cypher)).toEqual([PERSON_LOOKUP]);

      const byHash = await post(app, apq(sha256(PROJECTS)), role);
      expect(byHash.status).toBe(200);
      expect(json(byHash.text)).toEqual({ data: { projects: { totalCount: 3 } } });
      const byId = await post(app, { documentId: `sha256:${sha256(PROJECTS)}` }, role);
      expect(json(byId.text)).toEqual({ data: { projects: { totalCount: 3 } } });
      // The text with its own hash is the persisted operation too.
      const both = await post(app, { query: PROJECTS, ...apq(sha256(PROJECTS)) }, role);
      expect(json(both.text)).toEqual({ data: { projects: { totalCount: 3 } } });
    }
    const admin = await post(app, { query: TOPICS }, "ADMIN");
    expect(json(admin.text)).toEqual({ data: { topics: { totalCount: 5 } } });
  });

  it("refuses an unknown hash, and a hash sent with another text", async () => {
    const app = await makeApp({ persistedOnly: true }, manifest);
    for (const role of ["VIEWER", "ADMIN"]) {
      const unknown = await post(app, apq(sha256(TOPICS)), role);
      expect(unknown.status).toBe(400);
      expect(json(unknown.text).errors?.[0]).toEqual({
        message: `no persisted operation ${sha256(TOPICS)}: register it in the manifest`,
        extensions: { code: "PERSISTED_OPERATION_NOT_FOUND" },
      });
      expect(unknown.queries.map((q) => q.cypher)).toEqual([PERSON_LOOKUP]);
      const mismatch = await post(app, { query: TOPICS, ...apq(sha256(PROJECTS)) }, role);
      expect(mismatch.status).toBe(400);
      expect(json(mismatch.text).errors?.[0].extensions.code).toBe("PERSISTED_OPERATION_MISMATCH");
      expect(mismatch.queries.map((q) => q.cypher)).toEqual([PERSON_LOOKUP]);
    }
  });

  it("authenticates before it says anything about a hash", async () => {
    const app = await makeApp({ persistedOnly: true }, manifest);
    const response = await app.inject({
      method: "POST",
      url: "/graphql",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify(apq(sha256(TOPICS))),
    });
    expect(response.statusCode).toBe(401);
    expect(json(response.body).errors?.[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it("runs text from every role when the manifest is loaded without persisted-only mode", async () => {
    const app = await makeApp({ persistedOnly: false }, manifest);
    expect(json((await post(app, { query: TOPICS }, "VIEWER")).text)).toEqual({ data: { topics: { totalCount: 5 } } });
    expect(json((await post(app, apq(sha256(PROJECTS)), "VIEWER")).text)).toEqual({
      data: { projects: { totalCount: 3 } },
    });
  });
});
