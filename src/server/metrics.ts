import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { AnswerFamily, answerCachesOf } from "../analytics/answer-cache.js";
import { importActivity } from "../bulk/import-activity.js";
import type { Database } from "../db/database.js";

/** Distinct operation names (and error codes) given a series of their own; the rest share "other". */
export const MAX_LABEL_VALUES = 100;
export const OTHER_LABEL = "other";

/**
 * A label whose values come from clients (operation names) must not create a
 * series per value: a client sending a new name on every request would grow
 * Prometheus's memory and kmgraph's without bound. The first `max` distinct
 * values keep their own series for the life of the process; later ones are
 * counted under "other". A deployment with a manifest of persisted operations
 * names its operations in advance (`known`), and only those get a series.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(
    private readonly max = MAX_LABEL_VALUES,
    private readonly known?: ReadonlySet<string>,
  ) {}

  of(value: string): string {
    if (this.known) return this.known.has(value) ? value : OTHER_LABEL;
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max) return OTHER_LABEL;
    this.seen.add(value);
    return value;
  }
}

/** One request as the metrics count it: read from the same record the request's log line is written from. */
export interface RequestSample {
  readonly operation: string;
  readonly operationType: string;
  readonly outcome: "ok" | "error";
  readonly errorCodes: readonly string[];
  readonly durationSeconds: number;
  readonly statements: number;
}

/**
 * The Prometheus metrics of one server: a registry of its own (not
 * prom-client's global one), so that several servers in one process, as the
 * tests build them, each count their own requests.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly operations: BoundedLabel;
  private readonly codes = new BoundedLabel();
  private readonly requests: Counter<"operation" | "type" | "outcome">;
  private readonly duration: Histogram<"operation">;
  private readonly errors: Counter<"code">;
  private readonly statements: Histogram<"operation">;

  constructor(options: { knownOperations?: ReadonlySet<string>; processMetrics?: boolean } = {}) {
    this.operations = new BoundedLabel(MAX_LABEL_VALUES, options.knownOperations);
    const registers = [this.registry];
    this.requests = new Counter({
      name: "kmgraph_graphql_requests_total",
      help: "GraphQL requests answered, by operation name, operation type and outcome (ok: no error in the answer)",
      labelNames: ["operation", "type", "outcome"],
      registers,
    });
    this.duration = new Histogram({
      name: "kmgraph_graphql_request_duration_seconds",
      help: "Time from receiving a GraphQL request to sending its answer, by operation name",
      labelNames: ["operation"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.errors = new Counter({
      name: "kmgraph_graphql_errors_total",
      help: "Errors in GraphQL answers, by code (extensions.code); a request with several errors counts each",
      labelNames: ["code"],
      registers,
    });
    this.statements = new Histogram({
      name: "kmgraph_cypher_statements_per_request",
      help: "Cypher statements a GraphQL request sent to Neo4j (the audit trail's own writes not counted), by operation name",
      labelNames: ["operation"],
      buckets: [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 100],
      registers,
    });
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
    this.importMetrics();
  }

  /** Counts one GraphQL request. */
  record(sample: RequestSample): void {
    const operation = this.operations.of(sample.operation);
    this.requests.inc({ operation, type: sample.operationType, outcome: sample.outcome });
    this.duration.observe({ operation }, sample.durationSeconds);
    this.statements.observe({ operation }, sample.statements);
    for (const code of sample.errorCodes) this.errors.inc({ code: this.codes.of(code) });
  }

  /** The database's metrics, read when Prometheus scrapes: the pool in use and the answer caches. */
  observeDatabase(db: Database): void {
    const registers = [this.registry];
    new Gauge({
      name: "kmgraph_neo4j_connections_in_use",
      help: "Neo4j connections held by statements and transactions under way, or waited for (counted by kmgraph: the driver publishes no pool count)",
      registers,
      collect() {
        this.set(db.connectionsInUse());
      },
    });
    const families = Object.values(AnswerFamily);
    const stats = (family: AnswerFamily) => answerCachesOf(db)[family].stats();
    const labelled = { labelNames: ["cache"], registers };
    counterFrom(
      "kmgraph_analytics_cache_hits_total",
      "Answers served from the cache of their family (organisation, experts, search) at the current graph version",
      families.map((family) => [{ cache: family }, () => stats(family).hits]),
      labelled,
    );
    counterFrom(
      "kmgraph_analytics_cache_misses_total",
      "Answers computed because their family's cache held none of the current graph version",
      families.map((family) => [{ cache: family }, () => stats(family).misses]),
      labelled,
    );
    new Gauge({
      name: "kmgraph_analytics_cache_entries",
      help: "Answers held by the cache of each family",
      ...labelled,
      collect() {
        for (const family of families) this.set({ cache: family }, stats(family).entries);
      },
    });
    new Gauge({
      name: "kmgraph_analytics_cache_in_flight",
      help: "Answers being computed now, shared by the requests that wait for them",
      ...labelled,
      collect() {
        for (const family of families) this.set({ cache: family }, stats(family).inFlight);
      },
    });
  }

  private importMetrics(): void {
    const registers = [this.registry];
    new Gauge({
      name: "kmgraph_import_running",
      help: "Bulk imports running in this process",
      registers,
      collect() {
        this.set(importActivity().running);
      },
    });
    new Gauge({
      name: "kmgraph_import_rows_written",
      help: "Nodes and relationships the running bulk imports of this process have written so far (0 when none runs)",
      registers,
      collect() {
        this.set(importActivity().written);
      },
    });
    for (const [name, help, value] of [
      ["started", "Bulk imports started in this process", () => importActivity().started],
      ["finished", "Bulk imports of this process that committed", () => importActivity().finished],
      ["failed", "Bulk imports of this process that failed and were rolled back", () => importActivity().failed],
    ] as const) {
      counterFrom(`kmgraph_imports_${name}_total`, help, [[{}, value]], { labelNames: [], registers });
    }
  }

  async scrape(): Promise<string> {
    return this.registry.metrics();
  }
}

/**
 * A counter whose values another module keeps, one per set of labels:
 * brought up to them at each scrape.
 */
function counterFrom(
  name: string,
  help: string,
  sources: readonly (readonly [Record<string, string>, () => number])[],
  options: { labelNames: string[]; registers: Registry[] },
): void {
  const counted = sources.map(() => 0);
  new Counter({
    name,
    help,
    ...options,
    collect() {
      sources.forEach(([labels, value], index) => {
        const now = value();
        // The source started again (a new cache for another database): count from there.
        if (now < counted[index]!) {
          this.remove(labels);
          counted[index] = 0;
        }
        this.inc(labels, now - counted[index]!);
        counted[index] = now;
      });
    },
  });
}
