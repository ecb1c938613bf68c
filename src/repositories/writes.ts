import { cypherFile } from "../db/cypher-files.js";
import { type Row, readRows, type WriteTransaction } from "../db/database.js";
import type { NodeRecord } from "../db/records.js";
import type { Label } from "../model/entities.js";
import type { RelationSpec } from "../model/relations.js";
import * as statements from "./statements.js";

// Single-entity writes, each run inside the caller's write transaction.

export async function createNode(
  tx: WriteTransaction,
  label: Label,
  id: string,
  props: Record<string, unknown>,
): Promise<NodeRecord> {
  const [node] = await readRows<NodeRecord>(tx, statements.createNode(label), { id, props });
  return node!;
}

/** The updated node, or null when no node of the label has the id. */
export async function updateNode(
  tx: WriteTransaction,
  label: Label,
  id: string,
  props: Record<string, unknown>,
): Promise<NodeRecord | null> {
  const [node] = await readRows<NodeRecord>(tx, statements.updateNode(label), { id, props });
  return node ?? null;
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
  const [detached] = await readRows<Detached[]>(tx, statements.deleteNode(label), { id });
  return detached ?? null;
}

/** Which of the two endpoints exist. */
export async function endpointsExist(
  tx: WriteTransaction,
  relation: RelationSpec,
  from: string,
  to: string,
): Promise<{ from: boolean; to: boolean }> {
  const [row] = await tx.run(statements.endpointsExist(relation), { from, to });
  return { from: row!.hasFrom === true, to: row!.hasTo === true };
}

/**
 * Takes the write lock of a node until the transaction ends (setting and
 * removing a property locks without changing anything), so that concurrent
 * transactions on the same node run one after the other.
 */
export async function lockNode(tx: WriteTransaction, label: Label, id: string): Promise<void> {
  await tx.run(statements.lockNode(label), { id });
}

/** Takes a named graph-wide lock until the transaction ends (e.g. for every taxonomy change). */
export async function lockGraph(tx: WriteTransaction, name: string): Promise<void> {
  await tx.run(cypherFile("repositories/lock-graph"), { name });
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
    const rows = await tx.run(statements.unlinkOthers(relation, relation.single), { from, to });
    replaced = rows.map((row: Row) => String(row.id));
  }
  const [row] = await tx.run(statements.link(relation), { from, to, props });
  return { created: row!.created === true, replaced };
}

export async function unlink(tx: WriteTransaction, relation: RelationSpec, from: string, to: string): Promise<boolean> {
  const [row] = await tx.run(statements.unlink(relation), { from, to });
  return row!.removed === true;
}

/** A cycle through the relation, as the ids along it, or null. */
export async function findCycle(
  tx: WriteTransaction,
  relation: RelationSpec,
  through: string,
): Promise<string[] | null> {
  const [row] = await tx.run(statements.findCycle(relation), { id: through });
  return row ? (row.ids as string[]) : null;
}
