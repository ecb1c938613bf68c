import type { Plain } from "../db/values.js";
import type { Label } from "../model/entities.js";
import { ENTITIES } from "../model/entities.js";
import type { Direction, RelationSpec } from "../model/relations.js";

// What a read returns of a node: the stored properties a query selects, and
// the relationships the query walks from it, to any depth, as nested
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

/** Only the stored properties, nothing walked. */
export function flat(properties: Projection): Shape {
  return { properties, links: [] };
}

export const ALL_PROPERTIES: Shape = flat("*");

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/**
 * Where a walked value sits in a node record. GraphQL names cannot hold `@`,
 * so it never meets a stored property or a field the API serves.
 */
export function prefetchKey(responseKey: string): string {
  let key = prefetchKeys.get(responseKey);
  if (key === undefined) {
    if (!GRAPHQL_NAME.test(responseKey)) throw new Error(`"${responseKey}" is not a GraphQL name`);
    key = `@${responseKey}`;
    if (prefetchKeys.size < 1000) prefetchKeys.set(responseKey, key);
  }
  return key;
}

// Asked once per parent of every relationship field: worked out once per name
// (of the first thousand: clients choose aliases).
const prefetchKeys = new Map<string, string>();

/** Every stored property of a label: the model's, plus `id` and the timestamps every node has. */
export function storedProperties(label: Label): ReadonlySet<string> {
  return new Set(["id", "createdAt", "updatedAt", ...Object.keys(ENTITIES[label].properties.shape)]);
}

/** The node at the other end of a walk. */
export function otherEnd(relation: RelationSpec, direction: Direction): Label {
  return direction === "out" ? relation.to : relation.from;
}

/** `(n)-[r:TYPE]->(m:Label)` or its reverse. */
export function pattern(relation: RelationSpec, direction: Direction, start: string, rel: string, end: string): string {
  const label = otherEnd(relation, direction);
  return direction === "out"
    ? `(${start})-[${rel}:${relation.type}]->(${end}:${label})`
    : `(${start})<-[${rel}:${relation.type}]-(${end}:${label})`;
}

/** The WHERE conditions of a filter on relationship `rel`, its values read from `param`. */
export function filterConditions(rel: string, filter: RelationshipFilter, param: string): string[] {
  const conditions: string[] = [];
  if (filter.minLevel != null) conditions.push(`${rel}.level >= ${param}.minLevel`);
  if (filter.activeOn != null) {
    conditions.push(
      `(${rel}.from IS NULL OR ${rel}.from <= date(${param}.activeOn))`,
      `(${rel}.to IS NULL OR ${rel}.to >= date(${param}.activeOn))`,
    );
  }
  return conditions;
}

/** Strongest level first where the relationship has one, then id: the order of every related list. */
export function relatedOrder(relation: RelationSpec, rel: string, end: string): string {
  return relation.properties?.shape.level ? `${rel}.level DESC, ${end}.id` : `${end}.id`;
}

/** The filter's values as a parameter map. */
export function filterParams(filter: RelationshipFilter): Record<string, unknown> {
  return { minLevel: filter.minLevel ?? null, activeOn: filter.activeOn ?? null };
}

/**
 * Names the variables and parameters of one statement's walks: `r0`/`m0`/`v0`
 * for the first walk's relationship, node and value, and `link0` in the
 * statement's parameter map for its filter values.
 */
export class ShapeWriter {
  readonly params: Record<string, unknown> = {};
  private count = 0;

  /** `param`: how the statement names its parameter map (`$p`). */
  constructor(private readonly param: string) {}

  next(): number {
    return this.count++;
  }

  /** Adds a walk's filter values; returns how the statement reads them. */
  filter(index: number, filter: RelationshipFilter): string {
    this.params[`link${index}`] = filterParams(filter);
    return `${this.param}.link${index}`;
  }
}

/** The Cypher that reads a node with a shape. */
export interface ShapeCypher {
  /** `CALL (n) {…}` subqueries reading the walks; placed once the node's variable is bound. */
  readonly calls: string;
  /** The node as a row, `[n.id, n.name, v0]`, using what the calls bind (see hydrate). */
  readonly row: string;
  /** The variables the calls bind, for a WITH to carry. */
  readonly bound: readonly string[];
}

/**
 * Reads node `variable` with `shape`. Each walk is a CALL subquery that
 * collects the nodes at the other end, themselves read the same way, so a
 * whole nested selection is one statement. A node travels as a list of its
 * values in the shape's order, not as a map: the names would be sent and
 * decoded again for every node of a large answer, and hydrate knows them.
 * Labels, types and property names come from the model; values go into the
 * writer's parameters.
 */
export function readShape(variable: string, label: Label, shape: Shape, writer: ShapeWriter): ShapeCypher {
  const { properties } = layoutOf(shape);
  const values =
    properties === "*"
      ? [`${variable} {.*}`]
      : projected(properties, storedProperties(label)).map((entry) => `${variable}${entry}`);
  const calls: string[] = [];
  const bound: string[] = [];
  for (const link of shape.links) {
    const { call, value } = walk(variable, link, writer);
    calls.push(call);
    bound.push(value);
    values.push(value);
  }
  return { calls: calls.join("\n"), row: `[${values.join(", ")}]`, bound };
}

/** The record of a node read with `shape` from its row; walked values under their prefetch keys. */
export function hydrate(shape: Shape, row: unknown): Record<string, Plain> {
  const values = row as Plain[];
  const { properties, keys } = layoutOf(shape);
  let record: Record<string, Plain>;
  let index: number;
  if (properties === "*") {
    record = values[0] as Record<string, Plain>;
    index = 1;
  } else {
    record = {};
    for (index = 0; index < properties.length; index++) record[properties[index]!] = values[index]!;
  }
  for (let link = 0; link < shape.links.length; link++) {
    record[keys[link]!] = hydrateWalk(shape.links[link]!, values[index++]) as Plain;
  }
  return record;
}

function hydrateWalk(link: Link, value: unknown): unknown {
  if (link.kind === "one") return value === null ? null : hydrate(link.node, value);
  const items = value as unknown[];
  if (link.kind !== "edges") return items.map((item) => hydrate(link.node, item));
  const { props, as } = link;
  return items.map((item) => {
    const values = item as unknown[];
    const edge: Record<string, unknown> = props === "*" ? (values[0] as Record<string, unknown>) : {};
    if (props !== "*") for (let index = 0; index < props.length; index++) edge[props[index]!] = values[index];
    edge[as] = hydrate(link.node, values[values.length - 1]);
    return edge;
  });
}

interface Layout {
  /** The node's values before its walks: these properties, `id` first, or one map of them all. */
  readonly properties: "*" | readonly string[];
  /** The record keys of the walks' values. */
  readonly keys: readonly string[];
}

const layouts = new WeakMap<Shape, Layout>();

function layoutOf(shape: Shape): Layout {
  let layout = layouts.get(shape);
  if (!layout) {
    const properties = shape.properties === "*" ? "*" : [...new Set(["id", ...shape.properties])];
    layouts.set(shape, (layout = { properties, keys: shape.links.map((link) => prefetchKey(link.key)) }));
  }
  return layout;
}

/** `r {.level}`, `properties(r)`, or `{}`. */
export function relationshipMap(variable: string, relation: RelationSpec, projection: Projection): string {
  if (projection === "*") return `properties(${variable})`;
  const entries = projected(projection, relationshipProperties(relation));
  return entries.length === 0 ? "{}" : `${variable} {${entries.join(", ")}}`;
}

function walk(start: string, link: Link, writer: ShapeWriter): { call: string; value: string } {
  const index = writer.next();
  const [rel, end, value] = [`r${index}`, `m${index}`, `v${index}`];
  const conditions = filterConditions(rel, link.filter, writer.filter(index, link.filter));
  const where = conditions.length > 0 ? `\n  WHERE ${conditions.join(" AND ")}` : "";
  const node = readShape(end, otherEnd(link.relation, link.direction), link.node, writer);
  const item =
    link.kind === "edges" ? `[${[...edgeValues(rel, link.relation, link.props), node.row].join(", ")}]` : node.row;
  const inner = node.calls ? `\n${indent(node.calls)}` : "";
  // A `one` walk follows a relationship its start has at most one of (see TRAVERSALS): nothing to order.
  const collected =
    link.kind === "one"
      ? `RETURN head(collect(${item})) AS ${value}`
      : `WITH ${[rel, end, ...node.bound].join(", ")} ORDER BY ${relatedOrder(link.relation, rel, end)}\n  RETURN collect(${item}) AS ${value}`;
  const call = `CALL (${start}) {\n  MATCH ${pattern(link.relation, link.direction, start, rel, end)}${where}${inner}\n  ${collected}\n}`;
  return { call, value };
}

function indent(text: string): string {
  return text.replace(/^/gm, "  ");
}

/** An edge's values before its node: the relationship properties in order, or one map of them all. */
function edgeValues(rel: string, relation: RelationSpec, props: Projection): string[] {
  if (props === "*") return [`properties(${rel})`];
  return projected(props, relationshipProperties(relation)).map((entry) => `${rel}${entry}`);
}

function relationshipProperties(relation: RelationSpec): ReadonlySet<string> {
  return new Set(Object.keys(relation.properties?.shape ?? {}));
}

function projected(names: readonly string[], allowed: ReadonlySet<string>): string[] {
  for (const name of names) if (!allowed.has(name)) throw new Error(`no stored property "${name}" to project`);
  return names.map((name) => `.${name}`);
}

const keys = new WeakMap<Shape, string>();

/** Shapes that read the same thing share a loader: worked out once per shape. */
export function shapeKey(shape: Shape): string {
  let key = keys.get(shape);
  if (key === undefined) keys.set(shape, (key = JSON.stringify(canonical(shape))));
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
      link.kind === "edges" ? [link.as, link.props === "*" ? "*" : [...link.props].sort()] : null,
      canonical(link.node),
    ]),
  ];
}
