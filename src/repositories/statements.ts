import type { Label } from "../model/entities.js";
import type { RelationSpec } from "../model/relations.js";

// The Cypher of single-entity writes and checks, generated from the model:
// labels, relationship types and property names come from its declarations;
// every value is a parameter.

/** The new node as `row`. */
export function createNode(label: Label): string {
  return `CREATE (n:${label} {id: $id})
SET n += $props, n.createdAt = datetime(), n.updatedAt = datetime()
RETURN n {.*} AS row`;
}

/** The updated node as `row`; no row when no node of the label has the id. */
export function updateNode(label: Label): string {
  return `MATCH (n:${label} {id: $id})
SET n += $props, n.updatedAt = datetime()
RETURN n {.*} AS row`;
}

/** Deletes the node; `row` lists what it detached by type and direction. */
export function deleteNode(label: Label): string {
  return `MATCH (n:${label} {id: $id})
CALL (n) {
  MATCH (n)-[r]-()
  WITH type(r) AS type, CASE WHEN startNode(r) = n THEN 'OUT' ELSE 'IN' END AS direction, count(r) AS count
  ORDER BY type, direction
  RETURN collect({type: type, direction: direction, count: count}) AS detached
}
DETACH DELETE n
RETURN detached AS row`;
}

export function nodeExists(label: Label): string {
  return `MATCH (n:${label} {id: $id}) RETURN n.id AS id`;
}

export function endpointsExist(relation: RelationSpec): string {
  return `OPTIONAL MATCH (a:${relation.from} {id: $from})
OPTIONAL MATCH (b:${relation.to} {id: $to})
RETURN a IS NOT NULL AS hasFrom, b IS NOT NULL AS hasTo`;
}

/** Setting and removing a property takes the node's write lock without changing it. */
export function lockNode(label: Label): string {
  return `MATCH (n:${label} {id: $id}) SET n._lock = true REMOVE n._lock`;
}

/**
 * Removes the relationships of a to-one relation that its single end (`from`
 * or `to`) has to nodes other than the one being linked; returns their ids.
 */
export function unlinkOthers(relation: RelationSpec, single: "from" | "to"): string {
  const pattern =
    single === "from"
      ? `(a:${relation.from} {id: $from})-[old:${relation.type}]->(other:${relation.to}) WHERE other.id <> $to`
      : `(other:${relation.from})-[old:${relation.type}]->(b:${relation.to} {id: $to}) WHERE other.id <> $from`;
  return `MATCH ${pattern}
DELETE old
RETURN other.id AS id ORDER BY id`;
}

/** Creates the relationship or replaces its properties; `created` says which. */
export function link(relation: RelationSpec): string {
  return `MATCH (a:${relation.from} {id: $from}), (b:${relation.to} {id: $to})
OPTIONAL MATCH (a)-[existing:${relation.type}]->(b)
WITH a, b, existing IS NULL AS created
MERGE (a)-[r:${relation.type}]->(b)
SET r = $props
RETURN created`;
}

export function unlink(relation: RelationSpec): string {
  return `OPTIONAL MATCH (:${relation.from} {id: $from})-[r:${relation.type}]->(:${relation.to} {id: $to})
DELETE r
RETURN count(r) > 0 AS removed`;
}

/** A cycle of the relation through the node, as the ids along it. */
export function findCycle(relation: RelationSpec): string {
  return `MATCH path = (n:${relation.from} {id: $id})-[:${relation.type}*1..]->(n)
RETURN [x IN nodes(path) | x.id] AS ids
LIMIT 1`;
}
