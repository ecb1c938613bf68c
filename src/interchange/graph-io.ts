import type { Transaction, WriteTransaction } from "../db/database.js";
import { splitKeys, toNeo4jProperties } from "../db/values.js";
import type { Problem } from "../errors.js";
import type { EntitySpec, Label } from "../model/entities.js";
import type { RelationSpec } from "../model/relations.js";
import { formatPath } from "../validation.js";
import type { ExternalReference } from "./document-checker.js";
import type { NodeRow, RelationPlan } from "./plan.js";
import * as statements from "./statements.js";

// Import and export against the graph. Writes go in UNWIND batches inside the
// caller's transaction; the statements are in ./statements.ts.

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
    const rows = await tx.run(statements.missingIds(label), { ids: ids.slice(start, start + CHECK_SLICE) });
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
  const split = rows.map((node) => ({ id: node.id, ...splitKeys(node.props, entity) }));
  for (const batch of batches(split)) {
    const [row] = await tx.run(statements.upsertNodes(entity), { rows: batch });
    counts.created += Number(row?.created ?? 0);
    counts.updated += Number(row?.updated ?? 0);
  }
  // Only now that every node has given up the unique value it changes: a swap is no collision.
  const keyed = split.filter((row) => Object.keys(row.keys).length > 0);
  for (const batch of batches(keyed)) await tx.run(statements.setKeys(entity.label), { rows: batch });
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
    const [row] = await tx.run(statements.removeUnlisted(relation), { owners: batch });
    removed += Number(row?.removed ?? 0);
  }
  let created = 0;
  for (const batch of batches(plan.rows)) {
    const [row] = await tx.run(statements.mergeRelationships(relation), {
      rows: batch.map((rel) => ({ ...rel, props: toNeo4jProperties(rel.props, relation) })),
    });
    created += Number(row?.created ?? 0);
  }
  return { created, removed };
}

/** Ids of nodes that lie on a cycle of the relation, at most a few. */
export async function nodesOnCycles(tx: WriteTransaction, relation: RelationSpec): Promise<string[]> {
  const rows = await tx.run(statements.nodesOnCycles(relation));
  return rows.map((row) => String(row.id));
}

/** Every node of a label with its properties, ordered by id. */
export async function readNodes(tx: Transaction, label: Label) {
  return tx.run(statements.readNodes(label));
}

/** Every relationship of a relation as owner id, other id and properties. */
export async function readRelation(tx: Transaction, relation: RelationSpec) {
  return tx.run(statements.readRelation(relation));
}
