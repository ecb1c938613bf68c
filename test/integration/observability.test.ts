import { gunzipSync } from "node:zlib";
import type { ApolloServer } from "@apollo/server";
import type { FastifyInstance } from "fastify";
import { SignJWT } from "jose";
import { afterAll, describe, expect, it } from "vitest";
import { createAuthenticator } from "../../src/auth/authenticator.js";
import { DEFAULT_HTTP_SETTINGS, type HttpSettings, jwtConfig } from "../../src/config.js";
import { type Context, createContext } from "../../src/context/context.js";
import { createApolloServer } from "../../src/server/app.js";
import { createHttpApp } from "../../src/server/http.js";
import { createLogger } from "../../src/server/logger.js";
import { Metrics } from "../../src/server/metrics.js";
import { RequestObservations } from "../../src/server/request-observation.js";
import { smallOrg } from "../fixtures/small-org.js";
import { countRoundTrips, useGraph } from "../support/graph.js";

// The request log and the metrics of a server built as main.ts builds it,
// requests injected; the log is read from an in-memory stream.

const graph = useGraph(smallOrg);
const SECRET = "a-test-secret-of-at-least-32-bytes!!";
const apps: { app: FastifyInstance; apollo: ApolloServer<Context>; stop: () => void }[] = [];

afterAll(async () => {
  for (const { app, apollo, stop } of apps) {
    await app.close();
    await apollo.stop();
    stop();
  }
});

interface Built {
  app: FastifyInstance;
  lines: Record<string, any>[];
  output: () => string;
}

async function makeApp(
  options: {
    settings?: Partial<HttpSettings>;
    metricsToken?: string;
    createContext?: (context: Context) => Context;
  } = {},
): Promise<Built> {
  const text: string[] = [];
  const logger = createLogger({ level: "info", pretty: false }, { write: (line: string) => void text.push(line) });
  const observations = new RequestObservations({ logger, metrics: new Metrics(), metricsToken: options.metricsToken });
  const stop = observations.observeDatabase(graph.db);
  const http = { ...DEFAULT_HTTP_SETTINGS, ...options.settings };
  const apollo = await createApolloServer({
    development: false,
    maxErrors: http.maxErrors,
    logError: observations.logError,
    observations,
  });
  await apollo.start();
  const change = options.createContext ?? ((context: Context) => context);
  const app = await createHttpApp({
    apollo,
    authenticate: createAuthenticator(
      { apiToken: undefined, jwt: jwtConfig({ KMGRAPH_JWT_SECRET: SECRET }) },
      graph.db,
    ),
    createContext: (identity) => change(createContext(graph.db, identity)),
    settings: http,
    logError: observations.logError,
    observations,
  });
  apps.push({ app, apollo, stop });
  return {
    app,
    get lines() {
      return text.map((line) => JSON.parse(line) as Record<string, any>);
    },
    output: () => text.join(""),
  };
}

function token(role: string, email = "ana@example.org"): Promise<string> {
  return new SignJWT({ sub: `u-${role}`, roles: [role], email })
    .setProtectedHeader({ alg: "HS256" })
    .setExpirationTime("5m")
    .sign(new TextEncoder().encode(SECRET));
}

async function post(
  app: FastifyInstance,
  body: object,
  options: { role?: string; headers?: Record<string, string>; auth?: string } = {},
) {
  const authorization = options.auth ?? `Bearer ${await token(options.role ?? "ADMIN")}`;
  return app.inject({
    method: "POST",
    url: "/graphql",
    headers: { "content-type": "application/json", authorization, ...options.headers },
    payload: JSON.stringify(body),
  });
}

async function scrape(app: FastifyInstance): Promise<string> {
  const response = await app.inject({ method: "GET", url: "/metrics" });
  expect(response.statusCode).toBe(200);
  return response.body;
}

/** The value of one series of a scrape, its labels given in any order. */
function sample(scraped: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of scraped.split("\n")) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
}

const TOPICS = "query Topics { topics { totalCount } }";
const PROJECT = `query ProjectPage {
  project(id: "pr-latrines") { name team { person { name } } needs { topic { name } } }
  orgUnit(id: "u-wash") { name }
  topics { totalCount }
}`;

describe("the request id", () => {
  it("repeats a safe x-request-id and replaces an unsafe one, in the header and the log line", async () => {
    const built = await makeApp();
    const kept = await post(built.app, { query: TOPICS }, { headers: { "x-request-id": "proxy-42.a_b" } });
    expect(kept.headers["x-request-id"]).toBe("proxy-42.a_b");
    for (const unsafe of ["has space", "x".repeat(65), "a\u00e9", 'quote"d']) {
      const replaced = await post(built.app, { query: TOPICS }, { headers: { "x-request-id": unsafe } });
      expect(replaced.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    }
    const fresh = await post(built.app, { query: TOPICS });
    expect(fresh.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(built.lines.map((line) => line.reqId)).toEqual([
      "proxy-42.a_b",
      ...built.lines.slice(1).map((line) => line.reqId),
    ]);
    expect(built.lines.at(-1)!.reqId).toBe(fresh.headers["x-request-id"]);
    // Unrouted and refused requests carry it too.
    const missing = await built.app.inject({ method: "GET", url: "/nowhere", headers: { "x-request-id": "r-404" } });
    expect(missing.headers["x-request-id"]).toBe("r-404");
  });

  it("is the audit trail's requestId", async () => {
    const built = await makeApp();
    const response = await post(
      built.app,
      { query: `mutation { createTopic(input: { id: "t-observed", name: "Observed" }) { id } }` },
      { headers: { "x-request-id": "audit-link-1" } },
    );
    expect(JSON.parse(response.body).errors).toBeUndefined();
    try {
      const log = await post(built.app, {
        query: `{ auditLog(first: 1) { edges { node { operation requestId } } } }`,
      });
      expect(JSON.parse(log.body).data.auditLog.edges[0].node).toEqual({
        operation: "createTopic",
        requestId: "audit-link-1",
      });
    } finally {
      await graph.db.write((tx) => tx.run("MATCH (t:Topic {id: 't-observed'}) DETACH DELETE t"));
    }
  });

  it("is in a masked INTERNAL_SERVER_ERROR, whose logged cause is scrubbed of literals", async () => {
    const built = await makeApp({
      createContext: (context) => ({
        ...context,
        graph: new Proxy(context.graph, {
          get: () => () => {
            throw new Error(`Node(7) already exists with label Person and property email = 'ana@example.org'`);
          },
        }),
      }),
    });
    const response = await post(
      built.app,
      { query: `mutation { createTopic(input: { id: "t-broken", name: "Broken" }) { id } }` },
      { headers: { "x-request-id": "broken-1" } },
    );
    const [error] = JSON.parse(response.body).errors;
    expect(error.message).toBe("Internal server error");
    expect(error.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", requestId: "broken-1" });
    const logged = built.lines.find((line) => line.msg === "unexpected error");
    expect(logged).toMatchObject({ reqId: "broken-1", level: 50 });
    expect(logged!.err.message).toBe("Node(7) already exists with label Person and property email = '…'");
    expect(built.output()).not.toContain("ana@example.org");
    const line = built.lines.find((l) => l.msg === "request" && l.reqId === "broken-1");
    expect(line).toMatchObject({ outcome: "error", errorCodes: ["INTERNAL_SERVER_ERROR"] });
  });
});

describe("the request log", () => {
  it("writes one line per request with the operation, its statements, outcome and role", async () => {
    const built = await makeApp();
    // The statements the request sends, as Database's observers see them (the caller's person lookup included).
    const { queries } = await countRoundTrips(graph.db, () => post(built.app, { query: PROJECT }, { role: "VIEWER" }));
    expect(queries.length).toBeGreaterThan(1);
    expect(built.lines).toHaveLength(1);
    const [line] = built.lines;
    expect(line).toMatchObject({
      level: 30,
      service: "kmgraph",
      msg: "request",
      method: "POST",
      path: "/graphql",
      status: 200,
      operation: "ProjectPage",
      operationType: "query",
      role: "VIEWER",
      statements: queries.length,
      outcome: "ok",
    });
    expect(line!.durationMs).toBeGreaterThan(0);
    expect(typeof line!.time).toBe("string");
    expect(line!.errorCodes).toBeUndefined();
  });

  it("counts each request's own statements when requests run at the same time", async () => {
    const built = await makeApp();
    // A read and a pair of writes (create, then delete, a topic of its own), which send different numbers of statements.
    const churn = (id: string) => ({
      query: `mutation Churn($id: ID!, $name: String!) { createTopic(input: { id: $id, name: $name }) { id } deleteTopic(id: $id) { id } }`,
      variables: { id, name: id },
    });
    const alone = async (body: object) => (await countRoundTrips(graph.db, () => post(built.app, body))).queries.length;
    const reads = await alone({ query: PROJECT });
    const writes = await alone(churn("t-churn-alone"));
    expect(reads).not.toBe(writes);
    const before = built.lines.length;
    const bodies = Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? { query: PROJECT } : churn(`t-churn-${i}`)));
    const responses = await Promise.all(bodies.map((body) => post(built.app, body)));
    const byId = new Map(built.lines.slice(before).map((line) => [line.reqId, line]));
    expect(byId.size).toBe(8);
    responses.forEach((response, i) => {
      expect(JSON.parse(response.body).errors).toBeUndefined();
      const line = byId.get(response.headers["x-request-id"] as string)!;
      expect([line.operation, line.statements]).toEqual(i % 2 === 0 ? ["ProjectPage", reads] : ["Churn", writes]);
    });
  });

  it("never writes an e-mail, a token, a variable or the query text", async () => {
    const built = await makeApp();
    const jwt = await token("ADMIN", "ana@example.org");
    await post(
      built.app,
      {
        query: `query Person($id: ID!) { person(id: $id) { name email } other: person(id: "secret-literal-ana@example.org") { name } }`,
        variables: { id: "p-ana", note: "ben@example.org" },
      },
      { auth: `Bearer ${jwt}` },
    );
    // A GET carries the operation and its variables in the query string.
    await built.app.inject({
      method: "GET",
      url: `/graphql?query=${encodeURIComponent('{ person(id: "ana@example.org") { name } }')}&variables=${encodeURIComponent('{"x":"ben@example.org"}')}`,
      headers: { authorization: `Bearer ${jwt}`, "apollo-require-preflight": "true" },
    });
    // A refused token.
    await post(built.app, { query: TOPICS }, { auth: `Bearer ${jwt.slice(0, -4)}AAAA` });
    const output = built.output();
    expect(built.lines).toHaveLength(3);
    expect(built.lines.map((line) => line.path)).toEqual(["/graphql", "/graphql", "/graphql"]);
    expect(built.lines[2]).toMatchObject({ status: 401, outcome: "error", errorCodes: ["UNAUTHENTICATED"] });
    for (const secret of [
      "ana@example.org",
      "ben@example.org",
      "secret-literal",
      jwt.slice(0, 20),
      jwt.slice(-20),
      "p-ana",
      "Ana Ruiz",
      "person(",
    ]) {
      expect(output).not.toContain(secret);
    }
  });
});

describe("the metrics", () => {
  it("counts requests by operation and outcome, their statements, latency and error codes", async () => {
    const built = await makeApp();
    const { queries } = await countRoundTrips(graph.db, () => post(built.app, { query: PROJECT }));
    await post(built.app, { query: PROJECT });
    await post(built.app, { query: "{ nonsense }" });
    await post(built.app, { query: `mutation Forbidden { deleteTopic(id: "t-wash") { id } }` }, { role: "VIEWER" });
    const scraped = await scrape(built.app);
    expect(
      sample(scraped, "kmgraph_graphql_requests_total", { operation: "ProjectPage", type: "query", outcome: "ok" }),
    ).toBe(2);
    expect(sample(scraped, "kmgraph_graphql_requests_total", { operation: "anonymous", outcome: "error" })).toBe(1);
    expect(
      sample(scraped, "kmgraph_graphql_requests_total", { operation: "Forbidden", type: "mutation", outcome: "error" }),
    ).toBe(1);
    expect(sample(scraped, "kmgraph_graphql_errors_total", { code: "GRAPHQL_VALIDATION_FAILED" })).toBe(1);
    expect(sample(scraped, "kmgraph_graphql_errors_total", { code: "FORBIDDEN" })).toBe(1);
    // Both ProjectPage requests sent the same statements: each lands in the bucket of that count, none below.
    const n = queries.length;
    expect(sample(scraped, "kmgraph_cypher_statements_per_request_sum", { operation: "ProjectPage" })).toBe(2 * n);
    expect(sample(scraped, "kmgraph_cypher_statements_per_request_count", { operation: "ProjectPage" })).toBe(2);
    const le = [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 100].find((bound) => bound >= n)!;
    const below = [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 100].filter((bound) => bound < n).at(-1)!;
    expect(
      sample(scraped, "kmgraph_cypher_statements_per_request_bucket", { operation: "ProjectPage", le: String(le) }),
    ).toBe(2);
    expect(
      sample(scraped, "kmgraph_cypher_statements_per_request_bucket", { operation: "ProjectPage", le: String(below) }),
    ).toBe(0);
    expect(sample(scraped, "kmgraph_graphql_request_duration_seconds_count", { operation: "ProjectPage" })).toBe(2);
    expect(
      sample(scraped, "kmgraph_graphql_request_duration_seconds_sum", { operation: "ProjectPage" }),
    ).toBeGreaterThan(0);
    // Nothing is held between requests; process metrics are there.
    expect(sample(scraped, "kmgraph_neo4j_connections_in_use")).toBe(0);
    expect(sample(scraped, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect(sample(scraped, "kmgraph_import_running")).toBe(0);
    expect(sample(scraped, "kmgraph_imports_started_total")).toBeGreaterThanOrEqual(0);
    // The scrape itself is no GraphQL request.
    expect(sample(await scrape(built.app), "kmgraph_graphql_requests_total", { operation: "ProjectPage" })).toBe(2);
  });

  it("reads the answer caches' hits and misses at scrape time, one series per family", async () => {
    const built = await makeApp();
    const before = await scrape(built.app);
    const overview = `query Overview { organisation(asOf: "2025-06-01") { maturity { distribution mean } } }`;
    for (let i = 0; i < 3; i++)
      expect(JSON.parse((await post(built.app, { query: overview })).body).errors).toBeUndefined();
    const after = await scrape(built.app);
    const organisation = { cache: "organisation" };
    const delta = (name: string, labels = organisation) => sample(after, name, labels)! - sample(before, name, labels)!;
    expect(delta("kmgraph_analytics_cache_misses_total")).toBe(1);
    expect(delta("kmgraph_analytics_cache_hits_total")).toBe(2);
    expect(delta("kmgraph_analytics_cache_hits_total", { cache: "experts" })).toBe(0);
    expect(sample(after, "kmgraph_analytics_cache_entries", organisation)).toBeGreaterThanOrEqual(1);
  });

  it("counts a connection while a statement holds it", async () => {
    const built = await makeApp();
    let during = -1;
    const stop = graph.db.observe(() => {
      during = Math.max(during, graph.db.connectionsInUse());
    });
    try {
      await graph.db.readTransaction((tx) => tx.run("RETURN 1"));
    } finally {
      stop();
    }
    // The observer runs as the statement's result arrives, before the transaction gives its connection back.
    expect(during).toBe(1);
    expect(sample(await scrape(built.app), "kmgraph_neo4j_connections_in_use")).toBe(0);
  });

  it("asks for KMGRAPH_METRICS_TOKEN when it is set", async () => {
    const built = await makeApp({ metricsToken: "scrape-secret" });
    for (const authorization of [undefined, "Bearer wrong", "scrape-secret", "Bearer scrape-secret-and-more"]) {
      const refused = await built.app.inject({
        method: "GET",
        url: "/metrics",
        headers: authorization ? { authorization } : {},
      });
      expect(refused.statusCode).toBe(401);
      expect(refused.headers["www-authenticate"]).toMatch(/^Bearer/);
      expect(refused.body).not.toContain("kmgraph_graphql");
    }
    const allowed = await built.app.inject({
      method: "GET",
      url: "/metrics",
      headers: { authorization: "Bearer scrape-secret" },
    });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(allowed.body).toContain("# TYPE kmgraph_graphql_requests_total counter");
    expect(built.output()).not.toContain("scrape-secret");
  });
});

describe("compression", () => {
  it("compresses a large answer for a client that accepts it, and leaves a small one alone", async () => {
    const built = await makeApp();
    const large = await post(built.app, { query: "{ exportDocument }" }, { headers: { "accept-encoding": "gzip" } });
    expect(large.headers["content-encoding"]).toBe("gzip");
    const plain = gunzipSync(large.rawPayload).toString("utf8");
    expect(JSON.parse(plain).data.exportDocument).toBeTruthy();
    expect(large.rawPayload.length).toBeLessThan(plain.length / 2);
    const small = await post(built.app, { query: TOPICS }, { headers: { "accept-encoding": "gzip" } });
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(small.body).data).toEqual({ topics: { totalCount: 5 } });
    const refused = await post(built.app, { query: "{ exportDocument }" });
    expect(refused.headers["content-encoding"]).toBeUndefined();
  });

  it("measures the response limit on the uncompressed answer", async () => {
    const open = await makeApp();
    const uncompressed = Buffer.byteLength((await post(open.app, { query: "{ exportDocument }" })).body);
    const compressed = (
      await post(open.app, { query: "{ exportDocument }" }, { headers: { "accept-encoding": "gzip" } })
    ).rawPayload.length;
    // A limit the compressed answer would pass but the answer itself does not.
    const limit = Math.floor((uncompressed + compressed) / 2);
    const built = await makeApp({ settings: { maxResponseBytes: limit } });
    const response = await post(built.app, { query: "{ exportDocument }" }, { headers: { "accept-encoding": "gzip" } });
    const body = JSON.parse(
      response.headers["content-encoding"] === "gzip"
        ? gunzipSync(response.rawPayload).toString("utf8")
        : response.body,
    );
    expect(body.errors[0].extensions).toEqual({ code: "RESPONSE_TOO_LARGE", limit, size: uncompressed });
    expect(built.lines.at(-1)).toMatchObject({ outcome: "error", errorCodes: ["RESPONSE_TOO_LARGE"] });
  });
});
