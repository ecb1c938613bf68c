import type { Row, WriteTransaction } from "../db/database.js";
import type { Label } from "../model/entities.js";
import type { RelationSpec } from "../model/relations.js";
import type { NodeRecord } from "./records.js";

// Single-entity writes, each run inside the caller's write transaction.

export async function createNode(
  tx: WriteTransaction,
  label: Label,
  id: string,
  props: Record<string, unknown>,
): Promise<NodeRecord> {
  const [row] = await tx.run(
    `CREATE (n:${label} {id: $id})
SET n += $props, n.createdAt = datetime(), n.updatedAt = datetime()
RETURN n {.*} AS node`,
    { id, props },
  );
  return row!.node as NodeRecord;
}

/** The updated node, or null when no node of the label has the id. */
export async function updateNode(
  tx: WriteTransaction,
  label: Label,
  id: string,
  props: Record<string, unknown>,
): Promise<NodeRecord | null> {
  const [row] = await tx.run(
    `MATCH (n:${label} {id: $id})
SET n += $props, n.updatedAt = datetime()
RETURN n {.*} AS node`,
    { id, props },
  );
  return (row?.node as NodeRecord | undefined) ?? null;
}

/** Which way a relationship points, seen from a node at one end of it. */
export enum RelationshipDirection {
  /** From the node. */
  OUT = "OUT",
  /** To the node. */
  IN = "IN",
}

export interface Detached {
  type: string;
  direction: RelationshipDirection;
  count: number;
}

/** What the deletion detached, or null when no node of the label has the id. */
export async function deleteNode(tx: WriteTransaction, label: Label, id: string): Promise<Detached[] | null> {
  const [row] = await tx.run(
    `MATCH (n:${label} {id: $id})
CALL (n) {
  MATCH (n)-[r]-()
  WITH type(r) AS type, CASE WHEN startNode(r) = n THEN 'OUT' ELSE 'IN' END AS direction, count(r) AS count
  ORDER BY type, direction
  RETURN collect({type: type, direction: direction, count: count}) AS detached
}
DETACH DELETE n
RETURN detached`,
    { id },
  );
  return row ? (row.detached as unknown as Detached[]) : null;
}

/** Which of the two endpoints exist. */
export async function endpointsExist(
  tx: WriteTransaction,
  relation: RelationSpec,
  from: string,
  to: string,
): Promise<{ from: boolean; to: boolean }> {
  const [row] = await tx.run(
    `OPTIONAL MATCH (a:${relation.from} {id: $from})
OPTIONAL MATCH (b:${relation.to} {id: $to})
RETURN a IS NOT NULL AS hasFrom, b IS NOT NULL AS hasTo`,
    { from, to },
  );
  return { from: row!.hasFrom === true, to: row!.hasTo === true };
}

/**
 * Takes the write lock of a node until the transaction ends (setting and
 * removing a property locks without changing anything), so that concurrent
 * transactions on the same node run one after the other.
 */
export async function lockNode(tx: WriteTransaction, label: Label, id: string): Promise<void> {
  await tx.run(`MATCH (n:${label} {id: $id}) SET n._lock = true REMOVE n._lock`, { id });
}

/** Takes a named graph-wide lock until the transaction ends (e.g. for every taxonomy change). */
export async function lockGraph(tx: WriteTransaction, name: string): Promise<void> {
  await tx.run("MERGE (l:GraphLock {id: $name}) SET l._lock = true REMOVE l._lock", { name });
}

/**
 * Creates the relationship or replaces its properties. For a to-one relation
 * the single end's other relationships of the type are removed first.
 */
export async function link(
  tx: WriteTransaction,
  relation: RelationSpec,
  from: string,
  to: string,
  props: Record<string, unknown>,
): Promise<{ created: boolean; replaced: string[] }> {
  let replaced: string[] = [];
  if (relation.single) {
    const pattern =
      relation.single === "from"
        ? `(a:${relation.from} {id: $from})-[old:${relation.type}]->(other:${relation.to}) WHERE other.id <> $to`
        : `(other:${relation.from})-[old:${relation.type}]->(b:${relation.to} {id: $to}) WHERE other.id <> $from`;
    const rows = await tx.run(`MATCH ${pattern}\nDELETE old\nRETURN other.id AS id ORDER BY id`, { from, to });
    replaced = rows.map((row: Row) => String(row.id));
  }
  const [row] = await tx.run(
    `MATCH (a:${relation.from} {id: $from}), (b:${relation.to} {id: $to})
OPTIONAL MATCH (a)-[existing:${relation.type}]->(b)
WITH a, b, existing IS NULL AS created
MERGE (a)-[r:${relation.type}]->(b)
SET r = $props
RETURN created`,
    { from, to, props },
  );
  return { created: row!.created === true, replaced };
}

export async function unlink(tx: WriteTransaction, relation: RelationSpec, from: string, to: string): Promise<boolean> {
  const [row] = await tx.run(
    `OPTIONAL MATCH (:${relation.from} {id: $from})-[r:${relation.type}]->(:${relation.to} {id: $to})
DELETE r
RETURN count(r) > 0 AS removed`,
    { from, to },
  );
  return row!.removed === true;
}

/** A cycle through the relation, as the ids along it, or null. */
export async function findCycle(
  tx: WriteTransaction,
  relation: RelationSpec,
  through: string,
): Promise<string[] | null> {
  const [row] = await tx.run(
    `MATCH path = (n:${relation.from} {id: $id})-[:${relation.type}*1..]->(n)
RETURN [x IN nodes(path) | x.id] AS ids
LIMIT 1`,
    { id: through },
  );
  return row ? (row.ids as string[]) : null;
}
