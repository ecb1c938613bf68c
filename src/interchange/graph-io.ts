import type { Transaction, WriteTransaction } from "../db/database.js";
import { toNeo4jProperties } from "../db/values.js";
import type { Problem } from "../errors.js";
import type { EntitySpec, Label } from "../model/entities.js";
import type { RelationSpec } from "../model/relations.js";
import { formatPath } from "../validation.js";
import type { ExternalReference } from "./document-checker.js";
import type { NodeRow, RelationPlan } from "./plan.js";

// The Cypher of import and export. Writes go in UNWIND batches inside the
// caller's transaction; labels and types come from the model.

export const BATCH_SIZE = 1000;

export interface WriteCounts {
  created: number;
  updated: number;
}

function* batches<T>(rows: readonly T[]): Generator<T[]> {
  for (let start = 0; start < rows.length; start += BATCH_SIZE) yield rows.slice(start, start + BATCH_SIZE);
}

/** Ids checked per statement: a large document may reference hundreds of thousands. */
const CHECK_SLICE = 10_000;

/** Ids among `ids` that have no node of the label. */
async function missingIds(tx: Transaction, label: Label, ids: readonly string[]): Promise<Set<string>> {
  const missing = new Set<string>();
  for (let start = 0; start < ids.length; start += CHECK_SLICE) {
    const rows = await tx.run(
      `UNWIND $ids AS id
OPTIONAL MATCH (n:${label} {id: id})
WITH id, n WHERE n IS NULL
RETURN id`,
      { ids: ids.slice(start, start + CHECK_SLICE) },
    );
    for (const row of rows) missing.add(String(row.id));
  }
  return missing;
}

/** References to ids a document does not define must name existing nodes: a problem for each that does not. */
export async function unknownReferences(tx: Transaction, external: readonly ExternalReference[]): Promise<Problem[]> {
  const byLabel = new Map<Label, ExternalReference[]>();
  for (const ref of external) {
    const refs = byLabel.get(ref.label);
    if (refs) refs.push(ref);
    else byLabel.set(ref.label, [ref]);
  }
  const problems: Problem[] = [];
  for (const [label, refs] of byLabel) {
    const missing = await missingIds(tx, label, [...new Set(refs.map((ref) => ref.id))]);
    for (const ref of refs) {
      if (missing.has(ref.id)) problems.push({ path: formatPath(ref.path), message: `unknown ${label} "${ref.id}"` });
    }
  }
  return problems;
}

/**
 * Upserts nodes by id. `updatedAt` moves only when a property really changed,
 * so importing the same document twice leaves the graph as it was.
 */
export async function upsertNodes(
  tx: WriteTransaction,
  entity: EntitySpec,
  rows: readonly NodeRow[],
): Promise<WriteCounts> {
  const counts: WriteCounts = { created: 0, updated: 0 };
  for (const batch of batches(rows)) {
    const [row] = await tx.run(
      `UNWIND $rows AS row
MERGE (n:${entity.label} {id: row.id})
ON CREATE SET n.createdAt = datetime()
WITH n, row, n {.*} AS before
SET n += row.props
WITH n, before, before <> n {.*} AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END | SET n.updatedAt = datetime())
RETURN sum(CASE WHEN before.createdAt = datetime() THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN changed AND before.createdAt <> datetime() THEN 1 ELSE 0 END) AS updated`,
      { rows: batch.map((node) => ({ id: node.id, props: toNeo4jProperties(node.props, entity) })) },
    );
    counts.created += Number(row?.created ?? 0);
    counts.updated += Number(row?.updated ?? 0);
  }
  return counts;
}

/**
 * Makes the owners' relationships of this relation exactly those of the
 * document: merges the declared ones, removes the others.
 */
export async function syncRelation(
  tx: WriteTransaction,
  plan: RelationPlan,
): Promise<{ created: number; removed: number }> {
  const { relation } = plan;
  let removed = 0;
  for (const batch of batches(plan.owners)) {
    const [row] = await tx.run(
      `UNWIND $owners AS owner
MATCH ${ownedPattern(relation)}
WHERE NOT x.id IN owner.keep
DELETE r
RETURN count(r) AS removed`,
      { owners: batch },
    );
    removed += Number(row?.removed ?? 0);
  }
  let created = 0;
  for (const batch of batches(plan.rows)) {
    const [row] = await tx.run(
      `UNWIND $rows AS row
MATCH (a:${relation.from} {id: row.from}), (b:${relation.to} {id: row.to})
OPTIONAL MATCH (a)-[old:${relation.type}]->(b)
WITH a, b, row, old IS NULL AS isNew
MERGE (a)-[r:${relation.type}]->(b)
SET r = row.props
RETURN sum(CASE WHEN isNew THEN 1 ELSE 0 END) AS created`,
      {
        rows: batch.map((rel) => ({ ...rel, props: toNeo4jProperties(rel.props, relation) })),
      },
    );
    created += Number(row?.created ?? 0);
  }
  return { created, removed };
}

/**
 * `(o)-[r]->(x)` from an owner (`owner.id`) of the relation in the document to
 * the node at the other end, whichever way the relationship points.
 */
export function ownedPattern(relation: RelationSpec): string {
  const ownerIsFrom = relation.document.owner === "from";
  const [ownerLabel, otherLabel] = ownerIsFrom ? [relation.from, relation.to] : [relation.to, relation.from];
  const arrow = ownerIsFrom ? `-[r:${relation.type}]->` : `<-[r:${relation.type}]-`;
  return `(o:${ownerLabel} {id: owner.id})${arrow}(x:${otherLabel})`;
}

/** Ids of nodes that lie on a cycle of the relation, at most a few. */
export async function nodesOnCycles(tx: WriteTransaction, relation: RelationSpec): Promise<string[]> {
  const rows = await tx.run(
    `MATCH (n:${relation.from})
WHERE EXISTS { (n)-[:${relation.type}*1..]->(n) }
RETURN n.id AS id ORDER BY id LIMIT 5`,
  );
  return rows.map((row) => String(row.id));
}

/** Every node of a label with its properties, ordered by id. */
export async function readNodes(tx: Transaction, label: Label) {
  return tx.run(`MATCH (n:${label}) RETURN n {.*} AS node ORDER BY n.id`);
}

/** Every relationship of a relation as owner id, other id and properties. */
export async function readRelation(tx: Transaction, relation: RelationSpec) {
  const ownerIsFrom = relation.document.owner === "from";
  return tx.run(
    `MATCH (a:${relation.from})-[r:${relation.type}]->(b:${relation.to})
RETURN ${ownerIsFrom ? "a.id" : "b.id"} AS owner, ${ownerIsFrom ? "b.id" : "a.id"} AS other, properties(r) AS props
ORDER BY owner, other`,
  );
}
