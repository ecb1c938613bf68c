/**
 * `npm run bench -- --size S|M|L`: loads a generated organisation and
 * measures kmgraph's dashboard operations, and one nested read served by
 * both kmgraph and @neo4j/graphql, in this process (docs/benchmarks.md).
 * Progress goes to stderr; the markdown table to stdout; the full results
 * to bench/results/<size>-<date>.json.
 */
import os from "node:os";
import { join, resolve } from "node:path";
import { measureAnalyticsProcess } from "./analytics-probe.js";
import { cypherFloorApi, kmgraphApi, neo4jGraphqlApi } from "./apis.js";
import { type BenchOptions, parseBenchArgs, UsageError } from "./args.js";
import { machine, sourceState, versions } from "./environment.js";
import { countModelNodes, countRelationships } from "./graph.js";
import { measureHttp } from "./http.js";
import { AS_OF, readInputs } from "./inputs.js";
import { type Database, PROJECT_ROOT } from "./kmgraph.js";
import { openLoadedGraph } from "./load.js";
import { logToStderr as log } from "./log.js";
import { megabytes, RssSampler } from "./memory.js";
import { checkSameAnswers } from "./nested-read.js";
import { ANALYTICS_KEY, benchmarkOperations, NESTED_READ_KEYS } from "./operations.js";
import { generateOrganisationFile } from "./organisation-file.js";
import { NESTED_READ_DEPTH } from "./queries.js";
import {
  type AnalyticsMemory,
  type BenchResults,
  markdownReport,
  NESTED_READ_RATIO_TARGET,
  type NestedReadComparison,
  writeResults,
} from "./report.js";
import { measureGroup, type Operation, type OperationResult } from "./runner.js";

async function main(argv: readonly string[]): Promise<void> {
  const startedAt = new Date();
  const started = performance.now();
  const options = parseBenchArgs(argv);
  const sampler = new RssSampler();
  try {
    const documentPath = join(
      PROJECT_ROOT,
      "bench",
      "tmp",
      `org-${options.size.toLowerCase()}-seed-${options.seed}.json`,
    );
    const file = await generateOrganisationFile(options.size, options.seed, documentPath, log);
    const { graph, load } = await openLoadedGraph(options, file, log);
    try {
      const graphCounts = { nodes: await countModelNodes(graph.db), relationships: await countRelationships(graph.db) };
      const { operations, nodesPerPage, loadAverage, inputs } = await measureOperations(graph.db, options, sampler);
      const remote = graph.kind === "remote";
      const http = await measureHttp(
        {
          uri: graph.uri,
          // The embedded Neo4j runs with authentication off: any name is let in.
          username: remote ? (process.env.NEO4J_USERNAME ?? "neo4j") : "neo4j",
          password: remote ? (process.env.NEO4J_PASSWORD ?? "") : "",
          database: remote ? process.env.NEO4J_DATABASE || undefined : undefined,
        },
        inputs,
        {
          durationS: options.httpDurationS,
          warmupS: options.httpWarmupS,
          connections: options.httpConnections,
          only: options.only,
        },
        log,
      );
      let analytics = analyticsMemory(operations);
      if (analytics) {
        log(
          "organisation overview, bottlenecks and truck factor in a process of their own, as the API server runs them",
        );
        analytics = { ...analytics, apiProcess: await measureAnalyticsProcess({ uri: graph.uri }) };
        log(`peak RSS of that process: ${analytics.apiProcess!.peakRssMb} MB`);
      }
      const results: BenchResults = {
        date: startedAt.toISOString().slice(0, 10),
        startedAt: startedAt.toISOString(),
        command: ["npm run bench --", ...argv].join(" "),
        size: options.size,
        seed: options.seed,
        asOf: AS_OF,
        machine: machine(),
        loadAverage,
        versions: await versions(graph.db),
        source: await sourceState(),
        neo4j: {
          kind: graph.kind,
          description: graph.description,
          heap: graph.kind === "embedded" ? options.heap : null,
          pageCache: graph.kind === "embedded" ? options.pageCache : null,
        },
        document: {
          sha256: file.sha256,
          bytes: file.stats.bytes,
          entities: file.stats.totalEntities,
          relationships: file.stats.totalRelationships,
          generateMs: file.generateMs,
        },
        load,
        graph: graphCounts,
        operations,
        nestedRead: nestedReadComparison(operations, nodesPerPage),
        http,
        analytics,
        peakRssMb: megabytes(sampler.peak),
        totalSeconds: (performance.now() - started) / 1000,
      };
      const path = await writeResults(resolve(PROJECT_ROOT, options.resultsDir), results);
      log(`results written to ${path}`);
      process.stdout.write(markdownReport(results));
    } finally {
      await graph.close();
    }
  } finally {
    sampler.stop();
  }
}

/** Checks the nested read, then measures the chosen operations group by group. */
async function measureOperations(db: Database, options: BenchOptions, sampler: RssSampler) {
  const inputs = await readInputs(db);
  const kmgraph = await kmgraphApi(db);
  const neo4jGraphql = await neo4jGraphqlApi(db);
  const floor = cypherFloorApi(db);
  const groups = benchmarkOperations(kmgraph, neo4jGraphql, floor, inputs, options);
  const all = groups.flat();

  // Before anything is timed: both APIs must give the same answer to the nested read.
  log(
    `checking that kmgraph and @neo4j/graphql return the same nested read for ${inputs.projectPages.length} pages of projects`,
  );
  const nodesPerPage = await checkSameAnswers(
    byKey(all, NESTED_READ_KEYS.kmgraph).run,
    byKey(all, NESTED_READ_KEYS.neo4jGraphql).run,
    inputs.projectPages,
    byKey(all, NESTED_READ_KEYS.floor).run,
  );

  const chosen = (op: Operation) => options.only.length === 0 || options.only.some((part) => op.key.includes(part));
  const loadAverage = { start: os.loadavg(), end: [] as number[] };
  const operations: OperationResult[] = [];
  for (const group of groups) {
    const members = group.filter(chosen);
    if (members.length > 0) operations.push(...(await measureGroup(members, sampler, log)));
  }
  loadAverage.end = os.loadavg();
  return { operations, nodesPerPage, loadAverage, inputs };
}

function byKey<T extends { key: string }>(list: readonly T[], key: string): T {
  const found = list.find((item) => item.key === key);
  if (!found) throw new Error(`no operation ${key}`);
  return found;
}

function nestedReadComparison(
  results: readonly OperationResult[],
  nodesPerPage: number[],
): NestedReadComparison | null {
  const ours = results.find((r) => r.key === NESTED_READ_KEYS.kmgraph);
  const theirs = results.find((r) => r.key === NESTED_READ_KEYS.neo4jGraphql);
  const floor = results.find((r) => r.key === NESTED_READ_KEYS.floor);
  if (!ours || !theirs) return null;
  return {
    floorP50Ms: floor?.latencyMs.p50 ?? null,
    ratioToFloor: floor ? ours.latencyMs.p50 / floor.latencyMs.p50 : null,
    depth: NESTED_READ_DEPTH,
    kmgraphP50Ms: ours.latencyMs.p50,
    neo4jGraphqlP50Ms: theirs.latencyMs.p50,
    ratio: ours.latencyMs.p50 / theirs.latencyMs.p50,
    ratioTarget: NESTED_READ_RATIO_TARGET,
    roundTrips: { kmgraph: ours.roundTrips, neo4jGraphql: theirs.roundTrips },
    roundTripBound: NESTED_READ_DEPTH + 1,
    sameAnswers: true,
    nodesPerPage,
  };
}

function analyticsMemory(results: readonly OperationResult[]): AnalyticsMemory | null {
  const analytics = results.find((r) => r.key === ANALYTICS_KEY);
  if (!analytics) return null;
  return {
    key: analytics.key,
    firstCallMs: analytics.firstCallMs,
    p50Ms: analytics.latencyMs.p50,
    maxMs: analytics.latencyMs.max,
    peakRssMb: analytics.peakRssMb,
    apiProcess: null,
  };
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    (error.exitCode === 0 ? process.stdout : process.stderr).write(`${error.message}\n`);
    process.exit(error.exitCode);
  }
  process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
