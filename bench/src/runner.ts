import type { ApiName, GraphQLApi, Runnable } from "./apis.js";
import type { Log } from "./log.js";
import { megabytes, type RssSampler } from "./memory.js";
import { summarise, summariseCounts, type LatencySummary, type RoundTripSummary } from "./stats.js";

/** One benchmarked operation bound to the API that serves it. */
export interface Operation {
  /** Stable name in results and --only (`project-dashboard`, `nested-read/kmgraph`). */
  readonly key: string;
  readonly title: string;
  readonly api: GraphQLApi;
  readonly run: Runnable;
  /** The arguments of the call-th call (warm-up calls included), cycling through the inputs. */
  readonly variables: (call: number) => Record<string, unknown>;
  readonly warmup: number;
  /** Measured calls, unless the budget runs out first. */
  readonly iterations: number;
  /** Stop measuring once this much time has gone into measured calls (but make at least MIN_MEASURED_CALLS). */
  readonly budgetMs: number | null;
  /** Relationship levels of the query, when the round-trip bound (depth + 1) applies. */
  readonly depth?: number;
}

export interface OperationResult {
  readonly key: string;
  readonly title: string;
  readonly api: ApiName;
  readonly warmupCalls: number;
  /** The very first call: cold caches (query plans, page cache, JIT). */
  readonly firstCallMs: number;
  readonly latencyMs: LatencySummary;
  /** Statements sent to Neo4j per measured call. */
  readonly roundTrips: RoundTripSummary;
  readonly depth: number | null;
  /** Peak resident set size of this process while the operation's group ran (warm-up included). */
  readonly peakRssMb: number;
}

/** Fewer calls than this make no percentile worth reading, whatever the budget. */
export const MIN_MEASURED_CALLS = 5;

/**
 * Measures a group of operations: warm-up calls, then measured calls, each
 * timed and its statements counted. The operations of a group take turns
 * call by call (and swap who goes first every round), so that when they are
 * compared (the nested read of both APIs) both meet the same conditions:
 * caches, garbage collection, other processes on the machine.
 */
export async function measureGroup(group: readonly Operation[], sampler: RssSampler, log: Log): Promise<OperationResult[]> {
  for (const operation of group) {
    const budget = operation.budgetMs === null ? "" : ` (or ${operation.budgetMs / 1000} s)`;
    log(`${operation.key}: ${operation.warmup} warm-up + ${operation.iterations} measured calls${budget}`);
  }
  sampler.openWindow();
  const runs = group.map((operation) => ({ operation, firstCallMs: NaN, latencies: [] as number[], statements: [] as number[] }));
  const rounds = Math.max(...group.map((operation) => operation.warmup + operation.iterations));
  // The group's budget is its members' together: each gets its share of the time.
  const budgets = group.map((operation) => operation.budgetMs);
  const budgetMs = budgets.includes(null) ? null : (budgets as number[]).reduce((sum, ms) => sum + ms, 0);
  let measuringSince: number | null = null;
  for (let call = 0; call < rounds; call++) {
    const order = call % 2 === 0 ? runs : [...runs].reverse();
    for (const run of order) {
      const { operation } = run;
      if (call >= operation.warmup + operation.iterations) continue;
      const { ms, roundTrips } = await timedCall(operation, call);
      if (call === 0) run.firstCallMs = ms;
      if (call >= operation.warmup) {
        measuringSince ??= performance.now() - ms;
        run.latencies.push(ms);
        run.statements.push(roundTrips);
      }
      sampler.sample();
    }
    const spent = measuringSince === null ? 0 : performance.now() - measuringSince;
    if (budgetMs !== null && spent > budgetMs && runs.every((run) => run.latencies.length >= MIN_MEASURED_CALLS)) break;
  }
  const peakRssMb = megabytes(sampler.closeWindow());
  return runs.map(({ operation, firstCallMs, latencies, statements }) => {
    const result: OperationResult = {
      key: operation.key,
      title: operation.title,
      api: operation.api.name,
      warmupCalls: operation.warmup,
      firstCallMs,
      latencyMs: summarise(latencies),
      roundTrips: summariseCounts(statements),
      depth: operation.depth ?? null,
      peakRssMb,
    };
    const { calls, p50, p99 } = result.latencyMs;
    log(`${operation.key}: ${calls} calls, p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, ${result.roundTrips.max} round trips`);
    return result;
  });
}

async function timedCall(operation: Operation, call: number): Promise<{ ms: number; roundTrips: number }> {
  const variables = operation.variables(call);
  operation.api.counter.statements = 0;
  const started = performance.now();
  await operation.run(variables);
  const ms = performance.now() - started;
  return { ms, roundTrips: operation.api.counter.statements };
}
