import type { ApolloServer } from "@apollo/server";
import type { FastifyInstance } from "fastify";
import neo4j from "neo4j-driver";
import { afterAll, describe, expect, it } from "vitest";
import { createAuthenticator } from "../../src/auth/authenticator.js";
import { type Context, createContext } from "../../src/context/context.js";
import { Database } from "../../src/db/database.js";
import { loadMigrations, type Migration } from "../../src/db/migrations.js";
import { createApolloServer } from "../../src/server/app.js";
import { type HealthOptions, registerHealth } from "../../src/server/health.js";
import { createHttpApp } from "../../src/server/http.js";
import { createLifecycle, type ServerLifecycle } from "../../src/server/lifecycle.js";
import { useGraph } from "../support/graph.js";
import { freePort } from "../support/processes.js";

// /health/live and /health/ready as main.ts mounts them, in front of a server
// that demands a token of every GraphQL request: probes send none.

const graph = useGraph();
const TOKEN = "health-test-token";
const opened: { app: FastifyInstance; apollo: ApolloServer<Context> }[] = [];
const drivers: Database[] = [];
const deadPort = await freePort();

afterAll(async () => {
  for (const { app, apollo } of opened) {
    await app.close();
    await apollo.stop();
  }
  for (const db of drivers) await db.close();
});

async function makeApp(health: Partial<HealthOptions> = {}, lifecycle?: ServerLifecycle) {
  const apollo = await createApolloServer({ development: false, logError: () => {} });
  await apollo.start();
  const db = health.db ?? graph.db;
  const app = await createHttpApp({
    apollo,
    authenticate: createAuthenticator({ apiToken: TOKEN, jwt: undefined }, db),
    createContext: (identity) => createContext(db, identity),
    logError: () => {},
    extend: (http) => {
      lifecycle?.register(http);
      registerHealth(http, { db, draining: () => lifecycle?.draining ?? false, ...health });
    },
  });
  opened.push({ app, apollo });
  return app;
}

async function get(app: FastifyInstance, url: string) {
  const response = await app.inject({ method: "GET", url });
  return { status: response.statusCode, headers: response.headers, body: JSON.parse(response.body) };
}

describe("/health/live", () => {
  it("answers 200 without a token, whatever Neo4j does", async () => {
    const app = await makeApp({ db: unreachable() });
    const live = await get(app, "/health/live");
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ live: true });
  });
});

describe("/health/ready", () => {
  it("answers 200 when Neo4j answers and every migration is applied, without a token, beside a /graphql that wants one", async () => {
    const app = await makeApp();
    const ready = await get(app, "/health/ready");
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ ready: true, notReady: [], neo4j: "ok", migrations: "ok", draining: false });
    expect(ready.headers["cache-control"]).toBe("no-store");
    const graphql = await app.inject({
      method: "POST",
      url: "/graphql",
      payload: { query: "{ topics { totalCount } }" },
    });
    expect(graphql.statusCode).toBe(401);
  });

  it("answers 503 naming the migrations not applied", async () => {
    const extra: Migration = { id: "9999-not-yet", checksum: "x", statements: [] };
    const app = await makeApp({ migrations: [...(await loadMigrations()), extra] });
    const ready = await get(app, "/health/ready");
    expect(ready.status).toBe(503);
    expect(ready.body.notReady).toEqual(["migrations"]);
    expect(ready.body.migrations).toEqual({ pending: ["9999-not-yet"] });
  });

  it("answers 503 naming Neo4j when nothing answers, in a word that names no address", async () => {
    const app = await makeApp({ db: unreachable() });
    const ready = await get(app, "/health/ready");
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ ready: false, notReady: ["neo4j", "migrations"], migrations: "unknown" });
    expect(["unreachable", "timed out"]).toContain(ready.body.neo4j);
    expect(JSON.stringify(ready.body)).not.toMatch(/127\.0\.0\.1|bolt/);
  });

  it("reads Neo4j once for the probes of one second, however many", async () => {
    const app = await makeApp({ cacheMs: 60_000 });
    let reads = 0;
    const unsubscribe = graph.db.observe(() => {
      reads += 1;
    });
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, () => get(app, "/health/ready")));
      expect(answers.every((a) => a.status === 200)).toBe(true);
      await get(app, "/health/ready");
    } finally {
      unsubscribe();
    }
    expect(reads).toBe(1);
  });

  it("is false as soon as the server stops, and new GraphQL requests are refused 503 with Connection: close", async () => {
    let exitCode: number | undefined;
    const lifecycle = createLifecycle({
      settings: { drainMs: 60_000, timeoutMs: 120_000 },
      log: () => {},
      exit: (code) => {
        exitCode = code;
      },
    });
    const app = await makeApp({}, lifecycle);
    expect((await get(app, "/health/ready")).status).toBe(200);
    void lifecycle.stop("test");
    const ready = await get(app, "/health/ready");
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ ready: false, notReady: ["draining"], neo4j: "ok", draining: true });
    expect((await get(app, "/health/live")).status).toBe(200);
    const refused = await app.inject({
      method: "POST",
      url: "/graphql",
      headers: { authorization: `Bearer ${TOKEN}` },
      payload: { query: "{ topics { totalCount } }" },
    });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers.connection).toBe("close");
    expect(refused.headers["retry-after"]).toBe("5");
    expect(JSON.parse(refused.body).errors[0].extensions.code).toBe("SERVICE_UNAVAILABLE");
    expect(exitCode).toBeUndefined();
  });
});

describe("after a GraphQL request answered 503", () => {
  it("answers the next ones 503 at once, without reaching for Neo4j, while Neo4j does not answer", async () => {
    const app = await makeApp({ db: unreachable() });
    const ask = () =>
      app.inject({
        method: "POST",
        url: "/graphql",
        headers: { authorization: `Bearer ${TOKEN}` },
        payload: { query: "{ topics { totalCount } }" },
      });
    const first = await ask();
    expect(first.statusCode).toBe(503);
    expect(JSON.parse(first.body).errors[0].message).not.toMatch(/nothing was run/);
    const next = await ask();
    expect(next.statusCode).toBe(503);
    expect(next.headers["retry-after"]).toBe("5");
    expect(JSON.parse(next.body).errors[0]).toMatchObject({
      message: expect.stringMatching(/nothing was run/),
      extensions: { code: "SERVICE_UNAVAILABLE", committed: false },
    });
    // Probes are not held back.
    expect((await get(app, "/health/live")).status).toBe(200);
  });
});

function unreachable(): Database {
  const driver = neo4j.driver(`bolt://127.0.0.1:${deadPort}`, undefined, {
    connectionTimeout: 300,
    connectionAcquisitionTimeout: 300,
    maxTransactionRetryTime: 0,
  });
  const db = new Database(driver, undefined);
  drivers.push(db);
  return db;
}
