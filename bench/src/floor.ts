import neo4j from "neo4j-driver";
import type { Runnable } from "./apis.js";
import { type Database, toPlain } from "./kmgraph.js";

/**
 * The floor of the nested read: its answer from one hand-written Cypher
 * statement, sent by the driver itself, with nothing of GraphQL around it
 * (no parsing, validation, authorisation, resolvers nor compiler). What is
 * left is Neo4j's work, the Bolt transfer and the decoding of the rows into
 * JSON values (`toPlain`, as kmgraph decodes them), which any API pays. The
 * answer is shaped as kmgraph's (`projects.edges[].node`), so the canonical
 * comparison of nested-read.ts checks it against kmgraph before timing.
 */
export const FLOOR_CYPHER = /* cypher */ `
MATCH (p:Project) WHERE p.id IN $ids
WITH p ORDER BY p.id
RETURN {
  id: p.id, name: p.name, status: p.status, startDate: p.startDate,
  orgUnit: head([(p)-[:OWNED_BY]->(u:OrgUnit) | u {.id, .name}]),
  team: [(person:Person)-[w:WORKS_ON]->(p) | {
    role: w.role, allocation: w.allocation,
    person: person {.id, .name, expertise: [(person)-[k:KNOWS]->(t:Topic) WHERE k.level >= 3 | {level: k.level, topic: t {.id, .name}}]}
  }],
  needs: [(p)-[n:NEEDS]->(t:Topic) | {
    level: n.level, criticality: n.criticality,
    topic: t {.id, .name, experts: [(e:Person)-[k:KNOWS]->(t) WHERE k.level >= 4 | {
      level: k.level, person: e {.id, .name, orgUnit: head([(e)-[:MEMBER_OF]->(u:OrgUnit) | u {.id, .name}])}
    }]}
  }],
  knowledgeGaps: [(p)-[:HAS_GAP]->(g:KnowledgeGap) | g {.id, .status, .criticality,
    activities: [(a:KMActivity)-[:TARGETS]->(g) | a {.id, .kind, .status}]}]
} AS node`;

/** Runs the floor statement with the driver's own `executeQuery`, with kmgraph's database and transaction timeout. */
export function floorNestedRead(db: Database): Runnable {
  return async (variables) => {
    const result = await db.driver.executeQuery(FLOOR_CYPHER, variables, {
      routing: neo4j.routing.READ,
      database: db.name,
      ...(db.transactionTimeoutMs === undefined ? {} : { transactionConfig: { timeout: db.transactionTimeoutMs } }),
    });
    const edges = result.records.map((record) => ({ node: toPlain(record.get("node")) }));
    return { projects: { edges } };
  };
}
