import { clearKeys } from "../db/values.js";
import { ownedPattern } from "../interchange/statements.js";
import type { EntitySpec, Label } from "../model/entities.js";
import type { RelationSpec } from "../model/relations.js";

// The Cypher of the bulk import. Labels and relationship types come from the
// model, never from the document; every value is a parameter. Each statement
// that changes the graph also writes what undoes it (see journal.ts), in the
// same transaction, so the journal is never behind the graph.

/** Marks of a before-image that are not the saved properties themselves. */
const IMAGE_MARKS =
  "importRun: null, importLabel: null, importRelation: null, importFrom: null, importTo: null, importKeysCleared: null";

/** Every relationship of the relation as the ids of its two ends. */
export function relationshipEnds(relation: RelationSpec): string {
  return `MATCH (a:${relation.from})-[:${relation.type}]->(b:${relation.to}) RETURN a.id AS from, b.id AS to`;
}

/** Nodes other than the document's own that already hold one of the keys of a unique property (any case). */
export function uniqueValueHolders(label: Label, keyProperty: string): string {
  return `UNWIND $rows AS row
MATCH (n:${label} {${keyProperty}: row.key})
WHERE n.id <> row.id
RETURN row.index AS index, row.key AS key, n.id AS holder`;
}

/** Which of the ids already have a node of the label. */
export function existingIds(label: Label): string {
  return `UNWIND $ids AS id MATCH (n:${label} {id: id}) RETURN collect(n.id) AS ids`;
}

/** New nodes: plain CREATE, the fast path of a first load. */
export function createNodes(label: Label): string {
  return `UNWIND $rows AS row
CREATE (n:${label} {id: row.id})
SET n += row.props, n.createdAt = datetime()
RETURN count(n) AS created`;
}

/**
 * Updates existing nodes. A node's properties before the change are saved as
 * an `ImportBeforeImage`; `updatedAt` moves only when a property really
 * changed, as in the small import. Key properties that change are cleared
 * and set by setKeys once the batch's updates are written (a swap within the
 * batch is no collision).
 */
export function updateNodes(entity: EntitySpec): string {
  const { label } = entity;
  return `UNWIND $rows AS row
MATCH (n:${label} {id: row.id})
WITH row, n, n {.*} AS before
SET n += row.props
${clearKeys(entity)}
WITH n, before WHERE before <> n {.*}
SET n.updatedAt = datetime()
CREATE (image:ImportBeforeImage)
SET image = before, image.importRun = $run, image.importLabel = $label
RETURN count(n) AS updated`;
}

export { setKeys } from "../interchange/statements.js";

/** Relationships with an endpoint created by this import: nothing can be there before, so plain CREATE. */
export function createRelationships(relation: RelationSpec): string {
  return `UNWIND $rows AS row
MATCH (a:${relation.from} {id: row.from})
MATCH (b:${relation.to} {id: row.to})
CREATE (a)-[r:${relation.type}]->(b)
SET r = row.props
RETURN count(r) AS created`;
}

/**
 * Relationships between nodes that were already in the graph: created, or
 * their properties replaced (saving the old ones) when they differ.
 */
export function mergeRelationships(relation: RelationSpec): string {
  return `UNWIND $rows AS row
MATCH (a:${relation.from} {id: row.from})
MATCH (b:${relation.to} {id: row.to})
OPTIONAL MATCH (a)-[old:${relation.type}]->(b)
WITH a, b, row, old, CASE WHEN old IS NULL THEN 'created' WHEN properties(old) = row.props THEN 'unchanged' ELSE 'changed' END AS outcome
FOREACH (_ IN CASE WHEN outcome = 'created' THEN [1] ELSE [] END |
  CREATE (a)-[r:${relation.type}]->(b)
  SET r = row.props)
FOREACH (_ IN CASE WHEN outcome = 'changed' THEN [1] ELSE [] END |
  CREATE (image:ImportBeforeImage)
  SET image = properties(old), image.importRun = $run, image.importRelation = $relation,
      image.importFrom = row.from, image.importTo = row.to
  SET old = row.props)
RETURN outcome, collect(row.from) AS froms, collect(row.to) AS tos`;
}

/** Removes an existing owner's relationships of the relation that the document no longer lists, saving each. */
export function removeUnlisted(relation: RelationSpec): string {
  return `UNWIND $owners AS owner
MATCH ${ownedPattern(relation)}
WHERE NOT x.id IN owner.keep
CREATE (image:ImportBeforeImage)
SET image = properties(r), image.importRun = $run, image.importRelation = $relation,
    image.importFrom = startNode(r).id, image.importTo = endNode(r).id
DELETE r
RETURN count(*) AS removed`;
}

// Undo, in the reverse order of the writes. Each statement handles a bounded
// slice and deletes the journal entries it undid in the same transaction, so a
// rollback that stops half-way can simply be run again.

export function undoCreatedRelationships(relation: RelationSpec): string {
  return `MATCH (u:ImportUndo {run: $run, kind: 'relationshipsCreated', relation: $relation})
WITH u LIMIT 1
CALL (u) {
  UNWIND range(0, size(u.froms) - 1) AS i
  MATCH (a:${relation.from} {id: u.froms[i]})-[r:${relation.type}]->(b:${relation.to} {id: u.tos[i]})
  DELETE r
}
DELETE u
RETURN count(*) AS undone`;
}

export function restoreRelationships(relation: RelationSpec): string {
  return `MATCH (image:ImportBeforeImage {importRun: $run, importRelation: $relation})
WITH image LIMIT toInteger($limit)
OPTIONAL MATCH (a:${relation.from} {id: image.importFrom})
OPTIONAL MATCH (b:${relation.to} {id: image.importTo})
FOREACH (_ IN CASE WHEN a IS NOT NULL AND b IS NOT NULL THEN [1] ELSE [] END |
  MERGE (a)-[r:${relation.type}]->(b)
  SET r = image {.*, ${IMAGE_MARKS}})
DELETE image
RETURN count(*) AS undone`;
}

/**
 * Before any node of the label is restored: the unique keys (a topic's name,
 * a person's e-mail) of every node the import changed are cleared, a slice at
 * a time, each image marked once done. Neo4j checks a uniqueness constraint
 * at every write, not at commit, so restoring A's old e-mail while B, not yet
 * restored, still holds it (two people who swapped addresses, or one who took
 * another's) would be refused; with every changed node's key cleared, and the
 * nodes the import created deleted, the keys restored are exactly those of
 * the graph before, which held together.
 */
export function clearChangedKeys(entity: EntitySpec): string | null {
  const keys = Object.values(entity.keyProperties ?? {});
  if (keys.length === 0) return null;
  return `MATCH (image:ImportBeforeImage {importRun: $run, importLabel: $label})
WHERE image.importKeysCleared IS NULL
WITH image LIMIT toInteger($limit)
OPTIONAL MATCH (n:${entity.label} {id: image.id})
FOREACH (_ IN CASE WHEN n IS NOT NULL THEN [1] ELSE [] END | SET ${keys.map((key) => `n.${key} = null`).join(", ")})
SET image.importKeysCleared = true
RETURN count(*) AS undone`;
}

export function restoreNodes(label: Label): string {
  return `MATCH (image:ImportBeforeImage {importRun: $run, importLabel: $label})
WITH image LIMIT toInteger($limit)
OPTIONAL MATCH (n:${label} {id: image.id})
FOREACH (_ IN CASE WHEN n IS NOT NULL THEN [1] ELSE [] END | SET n = image {.*, ${IMAGE_MARKS}})
DELETE image
RETURN count(*) AS undone`;
}

export function deleteCreatedNodes(label: Label): string {
  return `MATCH (u:ImportUndo {run: $run, kind: 'nodesCreated', label: $label})
WITH u LIMIT 1
CALL (u) {
  MATCH (n:${label}) WHERE n.id IN u.ids
  DETACH DELETE n
}
DELETE u
RETURN count(*) AS undone`;
}
