/**
 * The HTTP part of `npm run bench`: throughput and latency under concurrency,
 * each server a process of its own over loopback, all on the benchmark's
 * Neo4j and graph:
 *
 * - kmgraph's real server (dist/server/main.js), authentication on: every
 *   request carries a KM lead's bearer JWT (HS256), verified and authorised;
 * - `@neo4j/graphql` in Apollo Server in Fastify (http-server.ts);
 * - the hand-written Cypher floor of the nested read behind a bare Fastify
 *   route (http-server.ts, floor.ts).
 *
 * Before anything is timed, every page of the nested read is asked of the
 * three over HTTP and the answers must be equal (nested-read.ts). Then, for
 * 1, 8 and 32 connections, each target runs in turn for the same duration, so
 * that whatever else the machine does falls on all of them alike; ratios are
 * taken within the run.
 */
import { type ChildProcess, spawn } from "node:child_process";
import os from "node:os";
import { join } from "node:path";
import { SignJWT } from "jose";
import { BENCH_SECRET, type Runnable } from "./apis.js";
import { type LoadResult, type RequestKind, runLoad } from "./http-load.js";
import { AS_OF, type BenchInputs, nth } from "./inputs.js";
import { PROJECT_ROOT } from "./kmgraph.js";
import type { Log } from "./log.js";
import { checkSameAnswers } from "./nested-read.js";
import { freePort } from "./ports.js";
import * as queries from "./queries.js";

export type HttpServerName = "kmgraph" | "@neo4j/graphql" | "Cypher floor";

export interface HttpMeasurement extends LoadResult {
  /** `http/<query>/<server>`, as --only matches it. */
  readonly key: string;
  readonly title: string;
  readonly server: HttpServerName;
}

export interface HttpResults {
  readonly durationS: number;
  readonly warmupS: number;
  readonly connections: readonly number[];
  readonly measurements: readonly HttpMeasurement[];
  /** Nested read at the highest connection count: kmgraph's throughput over @neo4j/graphql's. */
  readonly nestedReadThroughputRatio: number | null;
  /** Nested read at 1 connection over HTTP: kmgraph's p50 over the floor's. */
  readonly nestedReadP50ToFloor: number | null;
}

export interface HttpOptions {
  readonly durationS: number;
  readonly warmupS: number;
  readonly connections: readonly number[];
  /** Keys chosen by --only (empty: all). */
  readonly only: readonly string[];
}

/** The Neo4j the servers use: kmgraph's server reaches it as a remote server would. */
export interface HttpGraph {
  readonly uri: string;
  readonly username: string;
  readonly password: string;
  readonly database: string | undefined;
}

const BUILD = join(PROJECT_ROOT, "bench", ".build", "bench", "src");
const MIX_CONNECTIONS = 32;

/** The targets of the run, in the order they take turns. */
function targets(inputs: BenchInputs, token: string) {
  const auth = { authorization: `Bearer ${token}` };
  const gql = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });
  const page = (n: number) => ({ ids: nth(inputs.projectPages, n) });
  const dashboard: RequestKind = {
    name: "project-dashboard",
    path: "/graphql",
    headers: auth,
    body: (n) => gql(queries.PROJECT_DASHBOARD, { id: nth(inputs.activeProjects, n), asOf: AS_OF }),
  };
  const expertsByTopic: RequestKind = {
    name: "experts-by-topic",
    path: "/graphql",
    headers: auth,
    body: (n) => gql(queries.EXPERTS_BY_TOPIC, { topic: nth(inputs.neededTopics, n).id, asOf: AS_OF }),
  };
  const knowledgeSearch: RequestKind = {
    name: "knowledge-search",
    path: "/graphql",
    headers: auth,
    body: (n) => gql(queries.KNOWLEDGE_SEARCH, { text: nth(inputs.neededTopics, n).name, asOf: AS_OF }),
  };
  return {
    single: [
      { key: "http/project-dashboard/kmgraph", title: "Project dashboard", server: "kmgraph", kinds: [dashboard] },
      {
        key: "http/nested-read/kmgraph",
        title: "Nested read",
        server: "kmgraph",
        kinds: [
          {
            name: "nested-read",
            path: "/graphql",
            headers: auth,
            body: (n) => gql(queries.NESTED_READ_KMGRAPH, page(n)),
          },
        ],
      },
      {
        key: "http/nested-read/neo4j-graphql",
        title: "Nested read",
        server: "@neo4j/graphql",
        kinds: [
          { name: "nested-read", path: "/graphql", body: (n) => gql(queries.NESTED_READ_NEO4J_GRAPHQL, page(n)) },
        ],
      },
      {
        key: "http/nested-read/cypher-floor",
        title: "Nested read",
        server: "Cypher floor",
        kinds: [{ name: "nested-read", path: "/floor", body: (n) => JSON.stringify({ variables: page(n) }) }],
      },
    ] as { key: string; title: string; server: HttpServerName; kinds: RequestKind[] }[],
    mix: {
      key: "http/mix/kmgraph",
      title: "Mix: dashboard + expert search (topic) + knowledge search",
      server: "kmgraph" as const,
      kinds: [dashboard, expertsByTopic, knowledgeSearch],
    },
  };
}

export async function measureHttp(
  graph: HttpGraph,
  inputs: BenchInputs,
  options: HttpOptions,
  log: Log,
): Promise<HttpResults | null> {
  const token = await new SignJWT({ roles: ["KM_LEAD"] })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject("benchmark")
    .setExpirationTime("1d")
    .sign(new TextEncoder().encode(BENCH_SECRET));
  const { single, mix } = targets(inputs, token);
  const chosen = (key: string) => options.only.length === 0 || options.only.some((part) => key.includes(part));
  const runs = single.filter((target) => chosen(target.key));
  const withMix = chosen(mix.key);
  if (runs.length === 0 && !withMix) return null;

  const servers = new Map<HttpServerName, Started>();
  try {
    const needed = new Set<HttpServerName>([
      ...runs.map((run) => run.server),
      ...(withMix ? ["kmgraph" as const] : []),
    ]);
    for (const name of needed) {
      log(`HTTP: starting the ${name} server`);
      servers.set(name, await startServer(name, graph));
    }
    const origin = (name: HttpServerName) => servers.get(name)!.origin;
    const nested = runs.filter((run) => run.key.startsWith("http/nested-read/"));
    if (nested.length === 3) {
      log(`HTTP: checking that the three servers return the same nested read for ${inputs.projectPages.length} pages`);
      const over = (run: (typeof runs)[number]): Runnable => {
        const kind = run.kinds[0]!;
        const bodies = new Map(inputs.projectPages.map((ids, n) => [ids, kind.body(n)]));
        return async ({ ids }) => {
          const response = await fetch(`${origin(run.server)}${kind.path}`, {
            method: "POST",
            headers: { "content-type": "application/json", ...kind.headers },
            body: bodies.get(ids as string[])!,
          });
          const answer = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
          if (!response.ok || answer.errors || !answer.data)
            throw new Error(`${run.server} answered HTTP ${response.status}: ${JSON.stringify(answer).slice(0, 500)}`);
          return answer.data;
        };
      };
      await checkSameAnswers(over(nested[0]!), over(nested[1]!), inputs.projectPages, over(nested[2]!));
    }

    const load = (name: HttpServerName, kinds: readonly RequestKind[], connections: number, seconds: number) =>
      runLoad(origin(name), kinds, connections, seconds, () => os.loadavg()[0]!);
    // Both JITs and Neo4j's plan cache: a server that has been running a while.
    for (const run of [...runs, ...(withMix ? [mix] : [])]) {
      log(`HTTP: warming up ${run.key} (${options.warmupS} s at 8 connections)`);
      await load(run.server, run.kinds, 8, options.warmupS);
    }
    const measurements: HttpMeasurement[] = [];
    const record = (run: { key: string; title: string; server: HttpServerName }, result: LoadResult) => {
      measurements.push({ key: run.key, title: run.title, server: run.server, ...result });
      const errors = result.non2xx + result.socketErrors + result.graphqlErrors;
      log(
        `HTTP: ${run.key} at ${result.connections} connections: ${result.throughput.toFixed(1)} req/s, ` +
          `p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, ${errors} errors, load ${result.loadAverage.start.toFixed(2)}` +
          (result.errorSamples.length > 0 ? `\n  ${result.errorSamples.join("\n  ")}` : ""),
      );
    };
    for (const connections of options.connections) {
      for (const run of runs) record(run, await load(run.server, run.kinds, connections, options.durationS));
    }
    if (withMix) record(mix, await load(mix.server, mix.kinds, MIX_CONNECTIONS, options.durationS));
    return {
      durationS: options.durationS,
      warmupS: options.warmupS,
      connections: options.connections,
      measurements,
      ...ratios(measurements, options.connections),
    };
  } finally {
    for (const started of servers.values()) await started.stop();
  }
}

function ratios(measurements: readonly HttpMeasurement[], connections: readonly number[]) {
  const at = (key: string, c: number) => measurements.find((m) => m.key === key && m.connections === c);
  const most = Math.max(...connections);
  const least = Math.min(...connections);
  const ours = at("http/nested-read/kmgraph", most);
  const theirs = at("http/nested-read/neo4j-graphql", most);
  const oursAlone = at("http/nested-read/kmgraph", least);
  const floor = at("http/nested-read/cypher-floor", least);
  return {
    nestedReadThroughputRatio: ours && theirs ? ours.throughput / theirs.throughput : null,
    nestedReadP50ToFloor: oursAlone && floor ? oursAlone.latencyMs.p50 / floor.latencyMs.p50 : null,
  };
}

interface Started {
  readonly origin: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** Starts one server process on a free loopback port and waits until it listens. */
async function startServer(name: HttpServerName, graph: HttpGraph): Promise<Started> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    NEO4J_URI: graph.uri,
    NEO4J_USERNAME: graph.username,
    NEO4J_PASSWORD: graph.password,
    NODE_ENV: "production",
    KMGRAPH_DEMO: "false",
    KMGRAPH_JWT_SECRET: BENCH_SECRET,
    KMGRAPH_JWT_PERSON_CLAIM: "person",
  };
  if (graph.database) env.NEO4J_DATABASE = graph.database;
  else delete env.NEO4J_DATABASE;
  for (const stray of ["KMGRAPH_API_TOKEN", "KMGRAPH_JWKS_URL", "KMGRAPH_PERSISTED_OPERATIONS"]) delete env[stray];
  const [script, args, ready] =
    name === "kmgraph"
      ? [join(PROJECT_ROOT, "dist", "server", "main.js"), [], /GraphQL API ready/]
      : [join(BUILD, "http-server.js"), [name === "@neo4j/graphql" ? "neo4j-graphql" : "floor"], /listening on/];
  const child = spawn(process.execPath, [script, ...args], {
    env,
    cwd: PROJECT_ROOT,
    stdio: ["ignore", "ignore", "pipe"],
  });
  await waitFor(child, ready, name);
  return {
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

function waitFor(child: ChildProcess, pattern: RegExp, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`the ${name} server did not start in 60 s:\n${seen}`)), 60_000);
    child.stderr!.on("data", (chunk: Buffer) => {
      seen += chunk;
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the ${name} server exited (${code}) before it was ready:\n${seen}`));
    });
  });
}
