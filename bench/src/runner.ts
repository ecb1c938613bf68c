import type { ApiName, GraphQLApi, Runnable } from "./apis.js";
import type { Log } from "./log.js";
import { megabytes, type RssSampler } from "./memory.js";
import { type LatencySummary, type RoundTripSummary, summarise, summariseCounts } from "./stats.js";

/** One benchmarked operation bound to the API that serves it. */
export interface Operation {
  /** Stable name in results and --only (`project-dashboard`, `nested-read/kmgraph`). */
  readonly key: string;
  readonly title: string;
  readonly api: GraphQLApi;
  readonly run: Runnable;
  /** The arguments of the call-th call (warm-up calls included), cycling through the inputs. */
  readonly variables: (call: number) => Record<string, unknown>;
  /** Warm-up calls, unless the warm-up budget runs out first. */
  readonly warmup: number;
  /** Stop warming up once this much time has gone into warm-up calls. */
  readonly warmupBudgetMs: number | null;
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
  /** Warm-up calls made (fewer than asked when the warm-up budget ran out). */
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
export async function measureGroup(
  group: readonly Operation[],
  sampler: RssSampler,
  log: Log,
): Promise<OperationResult[]> {
  for (const operation of group) {
    const within = (ms: number | null) => (ms === null ? "" : ` (or ${ms / 1000} s)`);
    log(
      `${operation.key}: ${operation.warmup} warm-up${within(operation.warmupBudgetMs)} + ` +
        `${operation.iterations} measured calls${within(operation.budgetMs)}`,
    );
  }
  sampler.openWindow();
  const runs = group.map((operation) => ({
    operation,
    firstCallMs: NaN,
    warmupCalls: 0,
    latencies: [] as number[],
    statements: [] as number[],
  }));
  // The group's budgets are its members' together: each gets its share of the time.
  const sum = (budgets: (number | null)[]) =>
    budgets.includes(null) ? null : (budgets as number[]).reduce((total, ms) => total + ms, 0);
  const warmupBudgetMs = sum(group.map((operation) => operation.warmupBudgetMs));
  const budgetMs = sum(group.map((operation) => operation.budgetMs));
  const started = performance.now();
  let warming = true;
  let measuringSince: number | null = null;
  for (let call = 0; ; call++) {
    const order = call % 2 === 0 ? runs : [...runs].reverse();
    let called = false;
    for (const run of order) {
      const { operation } = run;
      const warmingThis = warming && run.warmupCalls < operation.warmup;
      if (!warmingThis && run.latencies.length >= operation.iterations) continue;
      called = true;
      const { ms, roundTrips } = await timedCall(operation, call);
      if (call === 0) run.firstCallMs = ms;
      if (warmingThis) run.warmupCalls++;
      else {
        measuringSince ??= performance.now() - ms;
        run.latencies.push(ms);
        run.statements.push(roundTrips);
      }
      sampler.sample();
    }
    if (!called) break;
    if (
      warming &&
      (runs.every((run) => run.warmupCalls >= run.operation.warmup) ||
        (warmupBudgetMs !== null && performance.now() - started > warmupBudgetMs))
    ) {
      warming = false;
    }
    const spent = measuringSince === null ? 0 : performance.now() - measuringSince;
    if (budgetMs !== null && spent > budgetMs && runs.every((run) => run.latencies.length >= MIN_MEASURED_CALLS)) break;
  }
  const peakRssMb = megabytes(sampler.closeWindow());
  return runs.map(({ operation, firstCallMs, warmupCalls, latencies, statements }) => {
    const result: OperationResult = {
      key: operation.key,
      title: operation.title,
      api: operation.api.name,
      warmupCalls,
      firstCallMs,
      latencyMs: summarise(latencies),
      roundTrips: summariseCounts(statements),
      depth: operation.depth ?? null,
      peakRssMb,
    };
    const { calls, p50, p99 } = result.latencyMs;
    log(
      `${operation.key}: ${calls} calls, p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, ${result.roundTrips.max} round trips`,
    );
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
