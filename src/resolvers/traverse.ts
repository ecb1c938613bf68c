import type { NodeRecord } from "../loaders/loaders.js";
import type { Direction, RelationSpec } from "../model/relations.js";
import type { RelationshipFilter } from "../repositories/reads.js";
import type { Context } from "../server/context.js";

/**
 * A relationship with properties seen from one end: the relationship's fields
 * plus the node at the other end under `as` (`{role, allocation, person}`).
 */
export async function edges<K extends string>(
  ctx: Context,
  relation: RelationSpec,
  direction: Direction,
  id: string,
  as: K,
  filter: RelationshipFilter = {},
): Promise<(Record<string, unknown> & Record<K, NodeRecord>)[]> {
  const items = await ctx.loaders.related(relation, direction, filter).load(id);
  return items.map((item) => ({ ...item.props, [as]: item.node }) as Record<string, unknown> & Record<K, NodeRecord>);
}
