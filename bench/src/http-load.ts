import autocannon from "autocannon";
import { percentile } from "./stats.js";

/** One kind of request of a load: its path, and the body of the n-th request of this kind. */
export interface RequestKind {
  readonly name: string;
  readonly path: string;
  /** Sent with every request of this kind (the bearer token, for kmgraph). */
  readonly headers?: Record<string, string>;
  readonly body: (n: number) => string;
  /** Out of the sum of all kinds' weights; default 1. */
  readonly weight?: number;
}

export interface LoadResult {
  readonly connections: number;
  readonly durationS: number;
  readonly requests: number;
  /** Answered requests per second over the whole run. */
  readonly throughput: number;
  /** Of all answers, in milliseconds, as autocannon's histogram gives them. */
  readonly latencyMs: {
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
    readonly mean: number;
    readonly max: number;
  };
  /** Answers that were not HTTP 2xx, connection errors and timeouts, and 2xx answers carrying GraphQL errors. */
  readonly non2xx: number;
  readonly socketErrors: number;
  readonly timeouts: number;
  readonly graphqlErrors: number;
  /** The first few error answers, for the log. */
  readonly errorSamples: readonly string[];
  /**
   * Per kind: answers, and latency timed here from building the request to
   * its answer (one request in flight per connection), nearest-rank.
   */
  readonly byKind: Readonly<
    Record<string, { readonly answers: number; readonly p50Ms: number; readonly p99Ms: number }>
  >;
  /** 1-minute load average of the machine when the run started and ended. */
  readonly loadAverage: { readonly start: number; readonly end: number };
}

interface KindContext {
  kind?: string;
  sentAt?: number;
}

/**
 * Sends `kinds` to `origin` for `durationS` seconds over `connections`
 * keep-alive connections, each sending its next request as soon as it has
 * its answer (autocannon, in this process). The kinds are interleaved by
 * weight, round robin, so every connection sends the mix.
 */
export async function runLoad(
  origin: string,
  kinds: readonly RequestKind[],
  connections: number,
  durationS: number,
  loadAverage: () => number,
): Promise<LoadResult> {
  const schedule = kinds.flatMap((kind) => Array.from({ length: kind.weight ?? 1 }, () => kind));
  const sent = new Map<string, number>();
  const latencies = new Map<string, number[]>(kinds.map((kind) => [kind.name, []]));
  let next = 0;
  let graphqlErrors = 0;
  const errorSamples: string[] = [];
  const startLoad = loadAverage();
  const result = await autocannon({
    url: origin,
    connections,
    duration: durationS,
    // Node's HTTP server answers a keep-alive connection one request at a time: no pipelining.
    pipelining: 1,
    timeout: 30,
    requests: [
      {
        method: "POST",
        setupRequest: (request, context) => {
          const kind = schedule[next++ % schedule.length]!;
          const n = sent.get(kind.name) ?? 0;
          sent.set(kind.name, n + 1);
          (context as KindContext).kind = kind.name;
          (context as KindContext).sentAt = performance.now();
          return {
            ...request,
            method: "POST",
            path: kind.path,
            headers: { "content-type": "application/json", ...kind.headers },
            body: kind.body(n),
          };
        },
        onResponse: (status, body, context) => {
          const { kind: name = "?", sentAt = Number.NaN } = context as KindContext;
          latencies.get(name)?.push(performance.now() - sentAt);
          // A GraphQL error comes with 200 too; kmgraph's data never holds this text.
          if (status >= 200 && status < 300 && body.includes('"errors":[')) graphqlErrors++;
          if ((status < 200 || status >= 300 || body.includes('"errors":[')) && errorSamples.length < 5) {
            errorSamples.push(`${name}: HTTP ${status} ${body.slice(0, 300)}`);
          }
        },
      },
    ],
  });
  const latency = result.latency;
  return {
    connections,
    durationS: result.duration,
    requests: result.requests.total,
    throughput: result.requests.total / result.duration,
    latencyMs: { p50: latency.p50, p90: latency.p90, p99: latency.p99, mean: latency.mean, max: latency.max },
    non2xx: result.non2xx,
    socketErrors: result.errors,
    timeouts: result.timeouts,
    graphqlErrors,
    errorSamples,
    byKind: Object.fromEntries(
      [...latencies].map(([name, list]) => {
        const sorted = list.sort((a, b) => a - b);
        const at = (q: number) => (sorted.length === 0 ? Number.NaN : Math.round(percentile(sorted, q) * 10) / 10);
        return [name, { answers: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99) }];
      }),
    ),
    loadAverage: { start: startLoad, end: loadAverage() },
  };
}

/** Every kind of failure of a load together: what "zero errors" counts. */
export function errorCount(result: LoadResult): number {
  return result.non2xx + result.socketErrors + result.graphqlErrors;
}
