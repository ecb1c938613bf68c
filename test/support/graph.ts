import "reflect-metadata";
import type { ApolloServer } from "@apollo/server";
import neo4j from "neo4j-driver";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type Identity, LOCAL_IDENTITY } from "../../src/auth/identity.js";
import { type Context, createContext } from "../../src/context/context.js";
import { Database, type QueryEvent } from "../../src/db/database.js";
import { migrate } from "../../src/db/migrations.js";
import { InterchangeService } from "../../src/interchange/interchange-service.js";
import { LABELS } from "../../src/model/entities.js";
import { createApolloServer } from "../../src/server/app.js";
import { testDatabaseConfig } from "./database-config.js";

export interface TestGraph {
  db: Database;
  server: ApolloServer<Context>;
  /** Errors the server logged as unexpected (INTERNAL_SERVER_ERROR). */
  loggedErrors: unknown[];
  close(): Promise<void>;
}

/** A connection to the test database with the schema migrated, and the GraphQL server. */
export async function openTestGraph(): Promise<TestGraph> {
  const config = testDatabaseConfig();
  const auth = config.password ? neo4j.auth.basic(config.username, config.password) : undefined;
  const driver = neo4j.driver(config.uri, auth, { disableLosslessIntegers: true });
  const db = new Database(driver, config.database);
  await migrate(db);
  const loggedErrors: unknown[] = [];
  const server = await createApolloServer({ development: false, logError: (error) => loggedErrors.push(error) });
  return { db, server, loggedErrors, close: () => db.close() };
}

export interface UseGraphOptions {
  /**
   * Reset the graph (and import the fixture) before every test instead of once
   * before them all, for tests that change the graph.
   */
  eachTest?: boolean;
}

/**
 * The test graph of a file or describe: registers hooks that open it once
 * (migrated), reset it and import `fixture()` (once, or before every test with
 * `eachTest`), and close it after. The handle is usable inside tests and hooks
 * registered after this call.
 */
export function useGraph(fixture?: () => unknown, options: UseGraphOptions = {}): TestGraph {
  let graph: TestGraph | undefined;
  const opened = (): TestGraph => {
    if (!graph) throw new Error("the test graph is used before useGraph's beforeAll opened it");
    return graph;
  };
  const prepare = async () => {
    const { db } = opened();
    await resetGraph(db);
    if (fixture) await importDocument(db, fixture());
  };
  beforeAll(async () => {
    graph = await openTestGraph();
    if (!options.eachTest) await prepare();
  });
  if (options.eachTest) beforeEach(prepare);
  afterAll(async () => {
    await graph?.close();
  });
  return {
    get db() {
      return opened().db;
    },
    get server() {
      return opened().server;
    },
    get loggedErrors() {
      return opened().loggedErrors;
    },
    close: () => opened().close(),
  };
}

/** Removes every node of the model (schema migrations stay recorded). */
export async function resetGraph(db: Database): Promise<void> {
  await db.write((tx) =>
    tx.run("MATCH (n) WHERE any(label IN labels(n) WHERE label IN $labels) DETACH DELETE n", { labels: [...LABELS] }),
  );
}

export async function importDocument(db: Database, document: unknown) {
  return new InterchangeService(db).import(document);
}

export interface GraphQLResult<T = Record<string, any>> {
  data?: T | null;
  errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, any> }[];
}

/** Runs one operation in-process, exactly as an HTTP request would, with a fresh context. */
export async function execute<T = Record<string, any>>(
  graph: TestGraph,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResult<T>> {
  return executeAs(graph, LOCAL_IDENTITY, query, variables);
}

/** execute, as a caller with this identity (what the authenticator would have decided). */
export async function executeAs<T = Record<string, any>>(
  graph: TestGraph,
  identity: Identity,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResult<T>> {
  const contextValue = createContext(graph.db, identity);
  const response = await graph.server.executeOperation({ query, variables }, { contextValue });
  if (response.body.kind !== "single") throw new Error("incremental delivery is not used");
  return response.body.singleResult as GraphQLResult<T>;
}

/** Like execute, but fails the test on any GraphQL error. */
export async function query<T = Record<string, any>>(
  graph: TestGraph,
  text: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const result = await execute<T>(graph, text, variables);
  if (result.errors?.length) {
    const logged = graph.loggedErrors.map((error) =>
      error instanceof Error ? (error.stack ?? error.message) : String(error),
    );
    throw new Error(
      `GraphQL errors: ${JSON.stringify(result.errors, null, 2)}\nlogged by the server:\n${logged.join("\n")}`,
    );
  }
  return result.data as T;
}

/** Counts the statements sent to Neo4j while `work` runs. */
export async function countRoundTrips<T>(
  db: Database,
  work: () => Promise<T>,
): Promise<{ result: T; queries: QueryEvent[] }> {
  const queries: QueryEvent[] = [];
  // The audit trail's record of an operation is not one of its statements (audit-trail.test.ts counts those).
  const stop = db.observe((event) => {
    if (!event.audit) queries.push(event);
  });
  try {
    return { result: await work(), queries };
  } finally {
    stop();
  }
}

/** A snapshot of the whole graph, for "nothing changed" assertions. */
export async function snapshot(db: Database): Promise<unknown> {
  const nodes = await db.read(
    "MATCH (n) WHERE any(label IN labels(n) WHERE label IN $labels) RETURN labels(n)[0] AS label, n {.*} AS props ORDER BY label, n.id",
    { labels: [...LABELS] },
  );
  const relationships = await db.read(
    "MATCH (a)-[r]->(b) WHERE any(label IN labels(a) WHERE label IN $labels) RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props ORDER BY type, from, to",
    { labels: [...LABELS] },
  );
  return { nodes, relationships };
}
