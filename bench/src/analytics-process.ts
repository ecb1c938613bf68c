/**
 * The organisation-wide analytics in a process of their own, as the API
 * server would serve them: only kmgraph's schema and a Neo4j driver loaded,
 * not the benchmark's generator, inputs and second API, whose memory the
 * benchmark process keeps. Started by analytics-probe.ts; asks the
 * organisation overview, then bottlenecks and truck factor, twice each (a
 * server answers the same dashboard again), samples its own resident set
 * size, and prints one line of JSON (AnalyticsProcessResult) on stdout.
 */
import { kmgraphApi } from "./apis.js";
import { AS_OF } from "./inputs.js";
import { connect } from "./kmgraph.js";
import { megabytes, RssSampler } from "./memory.js";
import { BOTTLENECKS_AND_TRUCK_FACTOR, ORGANISATION_OVERVIEW } from "./queries.js";

export interface AnalyticsProcessResult {
  /** Resident set size once connected and the schema built, before the first analytic. */
  readonly baselineRssMb: number;
  readonly peakRssMb: number;
  /** Each call in order, with its duration. */
  readonly calls: readonly { readonly query: string; readonly ms: number }[];
}

async function main(): Promise<void> {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error("NEO4J_URI must name the benchmark's Neo4j");
  const sampler = new RssSampler();
  const connection = await connect(
    {
      kind: "remote",
      uri,
      username: process.env.NEO4J_USERNAME ?? "neo4j",
      password: process.env.NEO4J_PASSWORD ?? "",
      database: process.env.NEO4J_DATABASE || undefined,
    },
    () => {},
  );
  try {
    const api = await kmgraphApi(connection.db);
    const queries = {
      "organisation-overview": ORGANISATION_OVERVIEW,
      "bottlenecks-truck-factor": BOTTLENECKS_AND_TRUCK_FACTOR,
    };
    const runs = Object.entries(queries).map(([query, text]) => ({ query, run: api.prepare(text) }));
    const baseline = sampler.sample();
    const calls: { query: string; ms: number }[] = [];
    for (let round = 0; round < 2; round++) {
      for (const { query, run } of runs) {
        const started = performance.now();
        await run({ asOf: AS_OF });
        calls.push({ query, ms: performance.now() - started });
        sampler.sample();
      }
    }
    const result: AnalyticsProcessResult = {
      baselineRssMb: megabytes(baseline),
      peakRssMb: megabytes(sampler.peak),
      calls,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    sampler.stop();
    await connection.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
