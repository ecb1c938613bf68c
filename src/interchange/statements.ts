import { clearKeys } from "../db/values.js";
import type { EntitySpec, Label } from "../model/entities.js";
import type { RelationSpec } from "../model/relations.js";

// The Cypher of import and export, generated from the model: labels,
// relationship types and property names come from its declarations, never
// from a document; every value is a parameter.

/** Which of `$ids` have no node of the label. */
export function missingIds(label: Label): string {
  return `UNWIND $ids AS id
OPTIONAL MATCH (n:${label} {id: id})
WITH id, n WHERE n IS NULL
RETURN id`;
}

/**
 * Upserts `$rows` by id. `updatedAt` moves only when a property really
 * changed, so importing the same document twice leaves the graph as it was.
 * Key properties that change are cleared here and set by setKeys once every
 * row is written, so two nodes can swap unique values.
 */
export function upsertNodes(entity: EntitySpec): string {
  return `UNWIND $rows AS row
MERGE (n:${entity.label} {id: row.id})
ON CREATE SET n.createdAt = datetime()
WITH n, row, n {.*} AS before
SET n += row.props
${clearKeys(entity)}
WITH n, before, before <> n {.*} AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END | SET n.updatedAt = datetime())
RETURN sum(CASE WHEN before.createdAt = datetime() THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN changed AND before.createdAt <> datetime() THEN 1 ELSE 0 END) AS updated`;
}

/** Sets the key properties of `$rows` (after upsertNodes cleared the changing ones). */
export function setKeys(label: Label): string {
  return `UNWIND $rows AS row
MATCH (n:${label} {id: row.id})
SET n += row.keys`;
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

/** Removes the relationships of each of `$owners` to nodes not in its `keep` list. */
export function removeUnlisted(relation: RelationSpec): string {
  return `UNWIND $owners AS owner
MATCH ${ownedPattern(relation)}
WHERE NOT x.id IN owner.keep
DELETE r
RETURN count(r) AS removed`;
}

/** Merges `$rows` (`from`, `to`, `props`), replacing the properties of existing relationships. */
export function mergeRelationships(relation: RelationSpec): string {
  return `UNWIND $rows AS row
MATCH (a:${relation.from} {id: row.from}), (b:${relation.to} {id: row.to})
OPTIONAL MATCH (a)-[old:${relation.type}]->(b)
WITH a, b, row, old IS NULL AS isNew
MERGE (a)-[r:${relation.type}]->(b)
SET r = row.props
RETURN sum(CASE WHEN isNew THEN 1 ELSE 0 END) AS created`;
}

/** Ids of nodes that lie on a cycle of the relation, at most a few. */
export function nodesOnCycles(relation: RelationSpec): string {
  return `MATCH (n:${relation.from})
WHERE EXISTS { (n)-[:${relation.type}*1..]->(n) }
RETURN n.id AS id ORDER BY id LIMIT 5`;
}

/** Every node of a label with its properties, in id order. */
export function readNodes(label: Label): string {
  return `MATCH (n:${label}) RETURN n {.*} AS node ORDER BY n.id`;
}

/** Every relationship of a relation as owner id, other id and properties, in that order. */
export function readRelation(relation: RelationSpec): string {
  const ownerIsFrom = relation.document.owner === "from";
  return `MATCH (a:${relation.from})-[r:${relation.type}]->(b:${relation.to})
RETURN ${ownerIsFrom ? "a.id" : "b.id"} AS owner, ${ownerIsFrom ? "b.id" : "a.id"} AS other, properties(r) AS props
ORDER BY owner, other`;
}
