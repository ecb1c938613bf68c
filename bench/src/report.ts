import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { AnalyticsProcessResult } from "./analytics-probe.js";
import type { Machine, SourceState, Versions } from "./environment.js";
import type { HttpResults } from "./http.js";
import type { LoadStats } from "./load.js";
import type { OperationResult } from "./runner.js";
import type { RoundTripSummary } from "./stats.js";

/** Targets of issue 5 that the numbers are read against. */
export const NESTED_READ_RATIO_TARGET = 0.8;

export interface NestedReadComparison {
  readonly depth: number;
  readonly kmgraphP50Ms: number;
  readonly neo4jGraphqlP50Ms: number;
  /** kmgraph p50 / @neo4j/graphql p50; the target is at most 0.8. */
  readonly ratio: number;
  /** The hand-written Cypher statement's p50, and kmgraph's p50 over it (target of issue 14: at most 1.3). */
  readonly floorP50Ms: number | null;
  readonly ratioToFloor: number | null;
  readonly ratioTarget: number;
  readonly roundTrips: { readonly kmgraph: RoundTripSummary; readonly neo4jGraphql: RoundTripSummary };
  /** kmgraph's bound: depth + 1 statements. */
  readonly roundTripBound: number;
  /** Both APIs were checked to return the same data for every page before timing. */
  readonly sameAnswers: true;
  /** Nodes (objects with an id) in each page's answer. */
  readonly nodesPerPage: readonly number[];
}

export interface AnalyticsMemory {
  readonly key: string;
  readonly firstCallMs: number;
  readonly p50Ms: number;
  readonly maxMs: number;
  /** Of the benchmark's process, which also holds what the generator and the other operations left. */
  readonly peakRssMb: number;
  /** The same analytics in a process of their own, as the API server (analytics-process.ts). */
  readonly apiProcess: AnalyticsProcessResult | null;
}

export interface BenchResults {
  readonly date: string;
  readonly startedAt: string;
  readonly command: string;
  readonly size: string;
  readonly seed: number;
  readonly asOf: string;
  readonly machine: Machine;
  /**
   * Load averages (1, 5, 15 min) when the measurements started and ended:
   * above the number of CPUs, other processes competed with the benchmark.
   */
  readonly loadAverage: { readonly start: readonly number[]; readonly end: readonly number[] };
  readonly versions: Versions;
  readonly source: SourceState;
  readonly neo4j: {
    readonly kind: string;
    readonly description: string;
    readonly heap: string | null;
    readonly pageCache: string | null;
  };
  readonly document: {
    readonly sha256: string;
    readonly bytes: number;
    readonly entities: number;
    readonly relationships: number;
    readonly generateMs: number;
  };
  readonly load: LoadStats;
  readonly graph: { readonly nodes: number; readonly relationships: number };
  readonly operations: readonly OperationResult[];
  /** Null when --only left the nested read out. */
  readonly nestedRead: NestedReadComparison | null;
  /** Over HTTP, under concurrency (http.ts); null when --only left every HTTP measurement out. */
  readonly http: HttpResults | null;
  /** Null when --only left the analytics operation out. */
  readonly analytics: AnalyticsMemory | null;
  /** Peak resident set size of this process (the API) over the whole run, load included. */
  readonly peakRssMb: number;
  readonly totalSeconds: number;
}

/** Writes `<dir>/<size>-<date>.json` and returns its path. */
export async function writeResults(dir: string, results: BenchResults): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${results.size}-${results.date}.json`);
  // Hundredths of a millisecond are noise already: fewer digits keep the file readable.
  const rounded = (_key: string, value: unknown) =>
    typeof value === "number" && !Number.isInteger(value) ? Math.round(value * 100) / 100 : value;
  await writeFile(path, `${JSON.stringify(results, rounded, 2)}\n`);
  return path;
}

const ms = (value: number) => value.toFixed(1);

function roundTrips(summary: RoundTripSummary): string {
  return summary.min === summary.max ? String(summary.max) : `${summary.min}–${summary.max}`;
}

/** The results as markdown, as docs/benchmarks.md shows them. */
export function markdownReport(results: BenchResults): string {
  const lines = [
    `### ${results.size} (seed ${results.seed}), ${results.date}`,
    "",
    `\`${results.command}\` on ${results.machine.cpus} × ${results.machine.cpuModel}, ${results.machine.totalMemoryGb} GB, ` +
      `${results.machine.platform} ${results.machine.release}; Node ${results.versions.node}, Neo4j ${results.versions.neo4j}, ` +
      `kmgraph ${results.versions.kmgraph}${sourceNote(results.source)}, @neo4j/graphql ${results.versions.neo4jGraphql}, neo4j-driver ${results.versions.neo4jDriver}.`,
    "",
    "| operation | API | calls | p50 ms | p95 ms | p99 ms | mean ms | min ms | max ms | round trips |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...results.operations.map((op) => {
      const l = op.latencyMs;
      return `| ${op.title} | ${op.api} | ${l.calls} | ${ms(l.p50)} | ${ms(l.p95)} | ${ms(l.p99)} | ${ms(l.mean)} | ${ms(l.min)} | ${ms(l.max)} | ${roundTrips(op.roundTrips)} |`;
    }),
    "",
    ...(results.nestedRead ? [nestedReadLine(results.nestedRead)] : []),
    ...(results.nestedRead?.ratioToFloor != null
      ? [
          `- Nested read against the hand-written Cypher floor, in process: ${ms(results.nestedRead.kmgraphP50Ms)} / ${ms(results.nestedRead.floorP50Ms!)} = **${results.nestedRead.ratioToFloor.toFixed(2)}** (target ≤ ${FLOOR_RATIO_TARGET}).`,
        ]
      : []),
    ...(results.analytics ? [analyticsLine(results.analytics)] : []),
    loadLine(results),
    `- Peak RSS of the API process over the whole run: ${results.peakRssMb} MB; total run ${results.totalSeconds.toFixed(0)} s.`,
    `- Load average (1 min) when the measurements started and ended: ${results.loadAverage.start[0]?.toFixed(2)} and ` +
      `${results.loadAverage.end[0]?.toFixed(2)}, on ${results.machine.cpus} CPUs.`,
    "",
    ...(results.http ? httpReport(results.http) : []),
  ];
  return lines.join("\n");
}

/** Targets of issue 14, over HTTP at S, at 32 connections. */
export const FLOOR_RATIO_TARGET = 1.3;

/** The HTTP measurements as docs/benchmarks.md shows them. */
export function httpReport(http: HttpResults): string[] {
  const errors = (m: HttpResults["measurements"][number]) => m.non2xx + m.socketErrors + m.graphqlErrors;
  return [
    `#### Over HTTP (${http.durationS} s per row after ${http.warmupS} s of warm-up per target)`,
    "",
    "| operation | server | connections | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | errors | load avg (1 min) |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...http.measurements.map(
      (m) =>
        `| ${m.title} | ${m.server} | ${m.connections} | ${m.requests} | ${m.throughput.toFixed(1)} | ${m.latencyMs.p50} | ${m.latencyMs.p90} | ${m.latencyMs.p99} | ${m.latencyMs.max} | ${errors(m)} | ${m.loadAverage.start.toFixed(2)} |`,
    ),
    "",
    ...http.measurements
      .filter((m) => Object.keys(m.byKind).length > 1)
      .map(
        (m) =>
          `- ${m.title} at ${m.connections} connections, by kind (answers, p50 / p99 ms): ` +
          Object.entries(m.byKind)
            .map(([kind, k]) => `${kind} ${k.answers}, ${k.p50Ms} / ${k.p99Ms}`)
            .join("; ") +
          ".",
      ),
    ...(http.nestedReadThroughputRatio === null
      ? []
      : [
          `- Nested read at ${Math.max(...http.connections)} connections: kmgraph's throughput / @neo4j/graphql's = **${http.nestedReadThroughputRatio.toFixed(2)}** (target ≥ 1.5).`,
        ]),
    ...(http.nestedReadP50ToFloor === null
      ? []
      : [
          `- Nested read at ${Math.min(...http.connections)} connection: kmgraph's p50 / the Cypher floor's = **${http.nestedReadP50ToFloor.toFixed(2)}** (target ≤ ${FLOOR_RATIO_TARGET}).`,
        ]),
    "",
  ];
}

function sourceNote(source: SourceState): string {
  if (source.commit === null) return "";
  const changes = source.uncommitted.length > 0 ? ` + ${source.uncommitted.length} uncommitted changes` : "";
  return ` (${source.commit.slice(0, 7)}${changes})`;
}

function nestedReadLine(nested: NestedReadComparison): string {
  const verdict = nested.ratio <= nested.ratioTarget ? "meets" : "misses";
  return (
    `- Nested read (depth ${nested.depth}, kmgraph with a KM lead's JWT verified and authorised per call): kmgraph p50 / @neo4j/graphql p50 = ${ms(nested.kmgraphP50Ms)} / ${ms(nested.neo4jGraphqlP50Ms)} = ` +
    `**${nested.ratio.toFixed(2)}** (${verdict} the target ≤ ${nested.ratioTarget}); round trips: kmgraph ${roundTrips(nested.roundTrips.kmgraph)} ` +
    `(bound ${nested.roundTripBound}), @neo4j/graphql ${roundTrips(nested.roundTrips.neo4jGraphql)}; ` +
    `same answers checked on ${nested.nodesPerPage.length} pages (${Math.min(...nested.nodesPerPage)}–${Math.max(...nested.nodesPerPage)} nodes each).`
  );
}

function analyticsLine(analytics: AnalyticsMemory): string {
  const own = analytics.apiProcess;
  const alone = own
    ? ` In a process of their own, as the API server: organisation overview then bottlenecks + truck factor, twice, ` +
      `${own.calls.map((call) => `${ms(call.ms)}`).join(", ")} ms; peak RSS ${own.peakRssMb} MB (${own.baselineRssMb} MB before the first).`
    : "";
  return (
    `- Bottlenecks + truck factor: first (cold) call ${ms(analytics.firstCallMs)} ms, p50 ${ms(analytics.p50Ms)} ms, max ${ms(analytics.maxMs)} ms; ` +
    `peak RSS of the benchmark process meanwhile ${analytics.peakRssMb} MB.${alone}`
  );
}

function loadLine(results: BenchResults): string {
  const { load, graph } = results;
  const what = `${load.entities.toLocaleString("en-US")} entities + ${load.relationships.toLocaleString("en-US")} relationships`;
  const held = `graph: ${graph.nodes.toLocaleString("en-US")} nodes, ${graph.relationships.toLocaleString("en-US")} relationships`;
  if (!load.loaded || load.ms === null || load.perSecond === null)
    return `- Load: reused a graph already holding ${what} (${held}).`;
  return (
    `- Load: ${what} in ${(load.ms / 1000).toFixed(1)} s = ${Math.round(load.perSecond).toLocaleString("en-US")} per second ` +
    `with ${load.method} (${held}).`
  );
}
