/** Summary of one operation's measured calls, in milliseconds. */
export interface LatencySummary {
  readonly calls: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

/**
 * Nearest-rank percentile: the smallest sample with at least q of the samples
 * at or below it (`sorted[ceil(q·n) − 1]`). Always an observed value, never an
 * interpolation; with 200 calls p99 is the second slowest.
 */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new Error("percentile of no samples");
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

export function summarise(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    calls: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    mean: total / sorted.length,
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
  };
}

/** Round trips per call: the same for every call of a well-behaved operation, so min and max say it all. */
export interface RoundTripSummary {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
}

export function summariseCounts(counts: readonly number[]): RoundTripSummary {
  return {
    min: Math.min(...counts),
    max: Math.max(...counts),
    mean: counts.reduce((sum, value) => sum + value, 0) / counts.length,
  };
}
