import type { GraphQLResolveInfo } from "graphql";
import { Arg, Int } from "type-graphql";
import { LIST_PAGES } from "../config.js";
import type { Context } from "../context/context.js";
import type { NodeRecord } from "../db/records.js";
import { linkShape, type RelationshipFilter } from "../nested-read/index.js";

/** A relationship's properties with the node at the other end under the traversal's `as` (`{role, person}`). */
export type EdgeRecord = Readonly<Record<string, unknown>>;

export type Traversed = NodeRecord | null | readonly NodeRecord[] | readonly EdgeRecord[];

/** What a relationship field's resolver returns: the walked value, read now or by a loader. */
export type TraversedField = Traversed | Promise<Traversed>;

/**
 * `first` of a relationship list: the resolver never reads it, the walk does
 * (linkShape), whether the list is prefetched or loaded.
 */
export function FirstArg(): ReturnType<typeof Arg> {
  const { default: size, max } = LIST_PAGES.relationship;
  return Arg("first", () => Int, {
    defaultValue: size,
    description: `The most to return, 0 to ${max} (default ${size}), in the list's order.`,
  });
}

/**
 * Resolves the relationship field being resolved (TRAVERSALS names what it
 * walks) through the loaders, reading the properties and the relationships
 * the query selects below (see nodeShape), so the levels below are
 * prefetched. A parent that already holds the value never gets here (see
 * servePrefetched). `filter` holds the field's arguments.
 */
export function traverse(
  ctx: Context,
  info: GraphQLResolveInfo,
  parent: NodeRecord,
  filter: RelationshipFilter = {},
): Traversed | Promise<Traversed> {
  const link = linkShape(info);
  const { relation, direction } = link;
  switch (link.kind) {
    case "one":
      return ctx.loaders.one(relation, direction, parent.id, link.node);
    case "nodes":
      return ctx.loaders.nodes(relation, direction, parent.id, link.node, link.first);
    case "edges":
      return ctx.loaders
        .related(relation, direction, filter, { node: link.node, props: link.props }, link.first)
        .load(parent.id)
        .then((items) => items.map((item) => ({ ...item.props, [link.as]: item.node })));
  }
}
