import neo4j from "neo4j-driver";
import type { Runnable } from "./apis.js";
import { type Database, type Plain, toPlain } from "./kmgraph.js";

/**
 * The floor of the nested read: its answer from one hand-written Cypher
 * statement, sent by the driver itself, with nothing of GraphQL around it
 * (no parsing, validation, authorisation, resolvers nor compiler). What is
 * left is Neo4j's work, the Bolt transfer, the decoding of the rows
 * (`toPlain`, as kmgraph decodes them) and a loop that names the values,
 * which any API pays. Like kmgraph's compiled statement, it returns each
 * object as a list of values, not as a map (a map repeats its keys in every
 * object on the wire, and took 1.3 to 1.5 times as long here). The answer is shaped as
 * kmgraph's (`projects.edges[].node`), so the canonical comparison of
 * nested-read.ts checks it against kmgraph before timing.
 */
export const FLOOR_CYPHER = /* cypher */ `
MATCH (p:Project) WHERE p.id IN $ids
CALL (p) {
  MATCH (p)-[:OWNED_BY]->(u:OrgUnit)
  RETURN head(collect([u.id, u.name])) AS unit
}
CALL (p) {
  MATCH (p)<-[w:WORKS_ON]-(person:Person)
  CALL (person) {
    MATCH (person)-[k:KNOWS]->(t:Topic) WHERE k.level >= 3
    RETURN collect([k.level, t.id, t.name]) AS expertise
  }
  RETURN collect([w.role, w.allocation, person.id, person.name, expertise]) AS team
}
CALL (p) {
  MATCH (p)-[n:NEEDS]->(t:Topic)
  CALL (t) {
    MATCH (t)<-[k:KNOWS]-(e:Person) WHERE k.level >= 4
    CALL (e) {
      MATCH (e)-[:MEMBER_OF]->(u:OrgUnit)
      RETURN head(collect([u.id, u.name])) AS unit
    }
    RETURN collect([k.level, e.id, e.name, unit]) AS experts
  }
  RETURN collect([n.level, n.criticality, t.id, t.name, experts]) AS needs
}
CALL (p) {
  MATCH (p)-[:HAS_GAP]->(g:KnowledgeGap)
  CALL (g) {
    MATCH (g)<-[:TARGETS]-(a:KMActivity)
    RETURN collect([a.id, a.kind, a.status]) AS activities
  }
  RETURN collect([g.id, g.status, g.criticality, activities]) AS gaps
}
RETURN [p.id, p.name, p.status, p.startDate, unit, team, needs, gaps] AS row
ORDER BY p.id`;

type Values = Plain[];
const unit = (value: Plain) => (value === null ? null : { id: (value as Values)[0]!, name: (value as Values)[1]! });

/** One row of the floor statement as kmgraph's project object. */
function project(row: Values): Plain {
  const [id, name, status, startDate, orgUnit, team, needs, gaps] = row as [
    Plain,
    Plain,
    Plain,
    Plain,
    Plain,
    Values[],
    Values[],
    Values[],
  ];
  return {
    id,
    name,
    status,
    startDate,
    orgUnit: unit(orgUnit),
    team: team.map(([role, allocation, personId, personName, expertise]) => ({
      role: role!,
      allocation: allocation!,
      person: {
        id: personId!,
        name: personName!,
        expertise: (expertise as Values[]).map(([level, topicId, topicName]) => ({
          level: level!,
          topic: { id: topicId!, name: topicName! },
        })),
      },
    })),
    needs: needs.map(([level, criticality, topicId, topicName, experts]) => ({
      level: level!,
      criticality: criticality!,
      topic: {
        id: topicId!,
        name: topicName!,
        experts: (experts as Values[]).map(([expertLevel, personId, personName, personUnit]) => ({
          level: expertLevel!,
          person: { id: personId!, name: personName!, orgUnit: unit(personUnit!) },
        })),
      },
    })),
    knowledgeGaps: gaps.map(([gapId, gapStatus, criticality, activities]) => ({
      id: gapId!,
      status: gapStatus!,
      criticality: criticality!,
      activities: (activities as Values[]).map(([activityId, kind, activityStatus]) => ({
        id: activityId!,
        kind: kind!,
        status: activityStatus!,
      })),
    })),
  };
}

/** Runs the floor statement with the driver's own `executeQuery`, with kmgraph's database and transaction timeout. */
export function floorNestedRead(db: Database): Runnable {
  return async (variables) => {
    const result = await db.driver.executeQuery(FLOOR_CYPHER, variables, {
      routing: neo4j.routing.READ,
      database: db.name,
      ...(db.transactionTimeoutMs === undefined ? {} : { transactionConfig: { timeout: db.transactionTimeoutMs } }),
    });
    const edges = result.records.map((record) => ({ node: project(toPlain(record.get("row")) as Values) }));
    return { projects: { edges } };
  };
}
