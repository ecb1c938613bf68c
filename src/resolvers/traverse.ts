import type { GraphQLResolveInfo } from "graphql";
import type { NodeRecord } from "../loaders/loaders.js";
import type { Label } from "../model/entities.js";
import type { Direction, RelationSpec } from "../model/relations.js";
import type { RelationshipFilter } from "../repositories/reads.js";
import type { Context } from "../server/context.js";
import { edgeProjection, nodeProjection } from "./selection.js";

// Relationship fields: each reads, of the nodes at the other end, only the
// properties the query selects there (see nodeProjection).

/** The nodes at the other end of a relationship. */
export function nodes(
  ctx: Context,
  info: GraphQLResolveInfo,
  relation: RelationSpec,
  direction: Direction,
  id: string,
): Promise<NodeRecord[]> {
  return ctx.loaders.nodes(relation, direction, id, nodeProjection(info, otherEnd(relation, direction)));
}

/** The node at the other end of a to-one relationship, or null. */
export function one(
  ctx: Context,
  info: GraphQLResolveInfo,
  relation: RelationSpec,
  direction: Direction,
  id: string,
): Promise<NodeRecord | null> {
  return ctx.loaders.one(relation, direction, id, nodeProjection(info, otherEnd(relation, direction)));
}

/**
 * A relationship with properties seen from one end: the relationship's fields
 * plus the node at the other end under `as` (`{role, allocation, person}`).
 */
export async function edges<K extends string>(
  ctx: Context,
  info: GraphQLResolveInfo,
  relation: RelationSpec,
  direction: Direction,
  id: string,
  as: K,
  filter: RelationshipFilter = {},
): Promise<(Record<string, unknown> & Record<K, NodeRecord>)[]> {
  const projection = edgeProjection(info, relation, otherEnd(relation, direction), as);
  const items = await ctx.loaders.related(relation, direction, filter, projection).load(id);
  return items.map((item) => ({ ...item.props, [as]: item.node }) as Record<string, unknown> & Record<K, NodeRecord>);
}

function otherEnd(relation: RelationSpec, direction: Direction): Label {
  return direction === "out" ? relation.to : relation.from;
}
