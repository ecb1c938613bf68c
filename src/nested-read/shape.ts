import { ENTITIES, type Label } from "../model/entities.js";
import type { Direction, RelationSpec } from "../model/relations.js";

// What a nested read returns of a node: the stored properties a query selects,
// and the relationships the query walks from it, to any depth, as nested
// subqueries of the same statement. A nested read is then one round trip, and
// GraphQL resolves the nested fields from the prefetched values without a
// promise per parent.

/** The stored properties a read returns: all of them, or only these (and `id`, always). */
export type Projection = "*" | readonly string[];

/** Narrows a traversal by properties of the relationship it walks. */
export interface RelationshipFilter {
  /** KNOWS and NEEDS: level at least this. */
  readonly minLevel?: number | null;
  /** WORKS_ON: membership current on this date (`from` ≤ date ≤ `to`, open ends match). */
  readonly activeOn?: string | null;
}

interface LinkBase {
  /** The GraphQL response key the walked value answers; it is stored under `prefetchKey(key)`. */
  readonly key: string;
  readonly relation: RelationSpec;
  readonly direction: Direction;
  readonly filter: RelationshipFilter;
  /**
   * The most nodes a list walk reads per start node (its field's `first`),
   * the first ones in the list's order; null for a `one` walk.
   */
  readonly first: number | null;
  /** What is read of the nodes at the other end. */
  readonly node: Shape;
}

/**
 * A relationship walked in the same statement. `one`: the first node or null;
 * `nodes`: the nodes; `edges`: `{...relationship properties, [as]: node}`.
 */
export type Link =
  | (LinkBase & { readonly kind: "one" | "nodes" })
  | (LinkBase & { readonly kind: "edges"; readonly as: string; readonly props: Projection });

export interface Shape {
  readonly properties: Projection;
  readonly links: readonly Link[];
}

/** What a walk read through the loaders reads of the nodes at the other end (and below them), and of the relationships. */
export interface RelatedShape {
  readonly node: Shape;
  readonly props: Projection;
}

/** Only the stored properties, nothing walked. */
export function flat(properties: Projection): Shape {
  return { properties, links: [] };
}

export const ALL_PROPERTIES: Shape = flat("*");

/** Every stored property of a label: the model's, plus `id` and the timestamps every node has. */
export function storedProperties(label: Label): ReadonlySet<string> {
  return new Set(["id", "createdAt", "updatedAt", ...Object.keys(ENTITIES[label].properties.shape)]);
}

/** The node at the other end of a walk. */
export function otherEnd(relation: RelationSpec, direction: Direction): Label {
  return direction === "out" ? relation.to : relation.from;
}

const keys = new WeakMap<Shape, string>();

/** Shapes that read the same thing share a loader: worked out once per shape. */
export function shapeKey(shape: Shape): string {
  let key = keys.get(shape);
  if (key === undefined) {
    key = JSON.stringify(canonical(shape));
    keys.set(shape, key);
  }
  return key;
}

function canonical(shape: Shape): unknown {
  const properties = shape.properties === "*" ? "*" : [...new Set(shape.properties)].sort();
  return [
    properties,
    shape.links.map((link) => [
      link.key,
      link.relation.key,
      link.direction,
      link.kind,
      link.filter.minLevel ?? null,
      link.filter.activeOn ?? null,
      link.first,
      link.kind === "edges" ? [link.as, link.props === "*" ? "*" : [...link.props].sort()] : null,
      canonical(link.node),
    ]),
  ];
}
