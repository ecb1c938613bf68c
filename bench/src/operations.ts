import type { GraphQLApi } from "./apis.js";
import { AS_OF, type BenchInputs, nth } from "./inputs.js";
import * as queries from "./queries.js";
import type { Operation } from "./runner.js";

/** Calls per operation unless --warmup / --iterations say otherwise. */
interface CallCounts {
  readonly warmup: number;
  /** Warming up stops after this long, even before `warmup` calls; null with --warmup. */
  readonly warmupBudgetMs: number | null;
  readonly iterations: number;
  /** Measuring stops after this long (at M and L the analytics take seconds); null with --iterations. */
  readonly budgetMs: number | null;
}

/**
 * Reads of one project or one topic: many calls, they are quick. Both JITs,
 * Neo4j's JVM and V8, take a few hundred calls of a query to reach their
 * steady state (at M the project dashboard's p50 was 29 ms after 20 warm-up
 * calls, 23 ms after 300): warm up like a server that has been running.
 */
const QUICK: CallCounts = { warmup: 300, warmupBudgetMs: 10_000, iterations: 200, budgetMs: 15_000 };
/** Organisation-wide analytics: each call reads the whole graph. */
const ORGANISATION_WIDE: CallCounts = { warmup: 2, warmupBudgetMs: null, iterations: 20, budgetMs: 20_000 };

/** The key of the operation whose memory and wall time are reported on their own (the L analytics target). */
export const ANALYTICS_KEY = "bottlenecks-truck-factor";

export const NESTED_READ_KEYS = {
  kmgraph: "nested-read/kmgraph",
  neo4jGraphql: "nested-read/neo4j-graphql",
  floor: "nested-read/cypher-floor",
} as const;

export interface OperationOverrides {
  readonly warmup: number | undefined;
  readonly iterations: number | undefined;
}

/**
 * The fixed set of operations, in the order they run, in groups: the
 * operations of a group are measured together, taking turns (runner.ts).
 */
export function benchmarkOperations(
  kmgraph: GraphQLApi,
  neo4jGraphql: GraphQLApi,
  floor: GraphQLApi,
  inputs: BenchInputs,
  overrides: OperationOverrides,
): Operation[][] {
  // An explicit --iterations is a promise of exactly that many calls: no budget then.
  // The same for an explicit --warmup.
  const counts = (defaults: CallCounts): CallCounts => ({
    warmup: overrides.warmup ?? defaults.warmup,
    warmupBudgetMs: overrides.warmup === undefined ? defaults.warmupBudgetMs : null,
    iterations: overrides.iterations ?? defaults.iterations,
    budgetMs: overrides.iterations === undefined ? defaults.budgetMs : null,
  });
  const alone: Operation[] = [
    {
      key: "project-dashboard",
      title: "Project dashboard",
      api: kmgraph,
      run: kmgraph.prepare(queries.PROJECT_DASHBOARD),
      variables: (call) => ({ id: nth(inputs.activeProjects, call), asOf: AS_OF }),
      ...counts(QUICK),
    },
    {
      key: "organisation-overview",
      title: "Organisation overview",
      api: kmgraph,
      run: kmgraph.prepare(queries.ORGANISATION_OVERVIEW),
      variables: () => ({ asOf: AS_OF }),
      ...counts(ORGANISATION_WIDE),
    },
    {
      key: "experts-by-topic",
      title: "Expert search (topic)",
      api: kmgraph,
      run: kmgraph.prepare(queries.EXPERTS_BY_TOPIC),
      variables: (call) => ({ topic: nth(inputs.neededTopics, call).id, asOf: AS_OF }),
      ...counts(QUICK),
    },
    {
      key: "experts-by-text",
      title: "Expert search (free text)",
      api: kmgraph,
      run: kmgraph.prepare(queries.EXPERTS_BY_TEXT),
      variables: (call) => ({ text: nth(inputs.neededTopics, call).name, asOf: AS_OF }),
      ...counts(QUICK),
    },
    {
      key: "reuse-paths",
      title: "Reuse paths",
      api: kmgraph,
      run: kmgraph.prepare(queries.REUSE_PATHS),
      variables: (call) => ({ ...nth(inputs.reuseRequests, call), asOf: AS_OF }),
      ...counts(QUICK),
    },
    {
      key: ANALYTICS_KEY,
      title: "Bottlenecks + truck factor",
      api: kmgraph,
      run: kmgraph.prepare(queries.BOTTLENECKS_AND_TRUCK_FACTOR),
      variables: () => ({ asOf: AS_OF }),
      ...counts(ORGANISATION_WIDE),
    },
  ];
  return [
    ...alone.map((operation) => [operation]),
    nestedReadOperations(kmgraph, neo4jGraphql, floor, inputs, counts(QUICK)),
  ];
}

/**
 * The nested read, once per API and once as the hand-written Cypher floor,
 * over the same pages of projects in the same order.
 */
function nestedReadOperations(
  kmgraph: GraphQLApi,
  neo4jGraphql: GraphQLApi,
  floor: GraphQLApi,
  inputs: BenchInputs,
  counts: CallCounts,
): [Operation, Operation, Operation] {
  const variables = (call: number) => ({ ids: nth(inputs.projectPages, call) });
  return [
    {
      key: NESTED_READ_KEYS.neo4jGraphql,
      title: "Nested read (@neo4j/graphql)",
      api: neo4jGraphql,
      run: neo4jGraphql.prepare(queries.NESTED_READ_NEO4J_GRAPHQL),
      variables,
      ...counts,
    },
    {
      key: NESTED_READ_KEYS.kmgraph,
      title: "Nested read (kmgraph)",
      api: kmgraph,
      run: kmgraph.prepare(queries.NESTED_READ_KMGRAPH),
      variables,
      depth: queries.NESTED_READ_DEPTH,
      ...counts,
    },
    {
      key: NESTED_READ_KEYS.floor,
      title: "Nested read (hand-written Cypher, the floor)",
      api: floor,
      run: floor.prepare(""),
      variables,
      ...counts,
    },
  ];
}
