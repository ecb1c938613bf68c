import neo4j from "neo4j-driver";
import type { Database } from "./kmgraph.js";

/**
 * The arguments the operations cycle through, read from the loaded graph in
 * id order: the same organisation gives the same inputs in every run, so runs
 * compare. Each list is long enough that one id's cache luck does not decide
 * a percentile, short enough to be read in one statement.
 */
export interface BenchInputs {
  /** ACTIVE projects (their team is current at AS_OF), for the project dashboard. */
  readonly activeProjects: readonly string[];
  /** Topics needed by active projects, for the expert finder (by id and by name as free text). */
  readonly neededTopics: readonly { readonly id: string; readonly name: string }[];
  /** One need of each active project: the project and the topic it asks reuse paths for. */
  readonly reuseRequests: readonly { readonly project: string; readonly topic: string }[];
  /** Consecutive windows of project ids, one page of the nested dashboard each. */
  readonly projectPages: readonly (readonly string[])[];
}

/**
 * The analyses' date: the generated world's "now" (docs/generator.md), fixed
 * so that the results do not depend on the day the benchmark runs.
 */
export const AS_OF = "2026-11-30";

const LIST_LENGTH = 50;
const PAGE_SIZE = 10;
const PAGES = 10;

export async function readInputs(db: Database): Promise<BenchInputs> {
  const activeProjects = await db.read(
    "MATCH (p:Project {status: 'ACTIVE'}) RETURN p.id AS id ORDER BY id LIMIT $limit",
    { limit: neo4j.int(LIST_LENGTH) },
  );
  const neededTopics = await db.read(
    `MATCH (p:Project)-[:NEEDS]->(t:Topic) WHERE p.status IN ['ACTIVE', 'PLANNED']
     WITH DISTINCT t
     RETURN t.id AS id, t.name AS name ORDER BY id LIMIT $limit`,
    { limit: neo4j.int(LIST_LENGTH) },
  );
  const reuseRequests = await db.read(
    `MATCH (p:Project)-[:NEEDS]->(t:Topic) WHERE p.status IN ['ACTIVE', 'PLANNED']
     WITH p, min(t.id) AS topic
     RETURN p.id AS project, topic ORDER BY project LIMIT $limit`,
    { limit: neo4j.int(LIST_LENGTH) },
  );
  const projects = await db.read("MATCH (p:Project) RETURN p.id AS id ORDER BY id LIMIT $limit", {
    limit: neo4j.int(PAGE_SIZE * PAGES),
  });
  const ids = projects.map((row) => String(row.id));
  const projectPages = Array.from({ length: Math.ceil(ids.length / PAGE_SIZE) }, (_, page) =>
    ids.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE),
  );
  const inputs: BenchInputs = {
    activeProjects: activeProjects.map((row) => String(row.id)),
    neededTopics: neededTopics.map((row) => ({ id: String(row.id), name: String(row.name) })),
    reuseRequests: reuseRequests.map((row) => ({ project: String(row.project), topic: String(row.topic) })),
    projectPages,
  };
  for (const [name, list] of Object.entries(inputs)) {
    if ((list as unknown[]).length === 0) throw new Error(`the loaded organisation gives no ${name} to benchmark with`);
  }
  return inputs;
}

/** The i-th input of a list, cycling. */
export function nth<T>(list: readonly T[], i: number): T {
  return list[i % list.length]!;
}
