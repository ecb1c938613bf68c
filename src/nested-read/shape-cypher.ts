import neo4j from "neo4j-driver";
import type { Label } from "../model/entities.js";
import type { Direction, RelationSpec } from "../model/relations.js";
import { layoutOf } from "./layout.js";
import {
  type Link,
  otherEnd,
  type Projection,
  type RelationshipFilter,
  type Shape,
  storedProperties,
} from "./shape.js";

// A shape as Cypher: labels, types and property names come from the model;
// every value goes into the statement's parameters.

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

/** The filter's values as a parameter map, with the walk's page size when it has one. */
export function filterParams(filter: RelationshipFilter, first: number | null = null): Record<string, unknown> {
  const values = { minLevel: filter.minLevel ?? null, activeOn: filter.activeOn ?? null };
  // An integer, not a float: LIMIT refuses 50.0.
  return first === null ? values : { ...values, first: neo4j.int(first) };
}

/**
 * The rows of a list walk cut to its page in the list's order, before
 * anything below them is read: `LIMIT` after `ORDER BY` is a top-k sort, so
 * Neo4j holds at most `first` rows per start node.
 */
export function firstOnly(
  relation: RelationSpec,
  rel: string,
  end: string,
  param: string,
  carried: readonly string[] = [],
): string {
  return `WITH ${[...carried, rel, end].join(", ")} ORDER BY ${relatedOrder(relation, rel, end)} LIMIT ${param}.first`;
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

  /** Adds a walk's filter values and page size; returns how the statement reads them. */
  filter(index: number, filter: RelationshipFilter, first: number | null): string {
    this.params[`link${index}`] = filterParams(filter, first);
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

/** `r {.level}`, `properties(r)`, or `{}`. */
export function relationshipMap(variable: string, relation: RelationSpec, projection: Projection): string {
  if (projection === "*") return `properties(${variable})`;
  const entries = projected(projection, relationshipProperties(relation));
  return entries.length === 0 ? "{}" : `${variable} {${entries.join(", ")}}`;
}

function walk(start: string, link: Link, writer: ShapeWriter): { call: string; value: string } {
  const index = writer.next();
  const [rel, end, value] = [`r${index}`, `m${index}`, `v${index}`];
  const param = writer.filter(index, link.filter, link.kind === "one" ? null : link.first);
  const conditions = filterConditions(rel, link.filter, param);
  const where = conditions.length > 0 ? `\n  WHERE ${conditions.join(" AND ")}` : "";
  const node = readShape(end, otherEnd(link.relation, link.direction), link.node, writer);
  const item =
    link.kind === "edges" ? `[${[...edgeValues(rel, link.relation, link.props), node.row].join(", ")}]` : node.row;
  const inner = node.calls ? `\n${indent(node.calls)}` : "";
  // A `one` walk follows a relationship its start has at most one of (see TRAVERSALS): nothing to order or cut.
  const page = link.kind === "one" ? "" : `\n  ${firstOnly(link.relation, rel, end, param)}`;
  // The walks below read only the page; sorting it again keeps their rows in its order.
  const resort =
    link.kind !== "one" && node.bound.length > 0
      ? `\n  WITH ${[rel, end, ...node.bound].join(", ")} ORDER BY ${relatedOrder(link.relation, rel, end)}`
      : "";
  const collected = link.kind === "one" ? `head(collect(${item}))` : `collect(${item})`;
  const call = `CALL (${start}) {\n  MATCH ${pattern(link.relation, link.direction, start, rel, end)}${where}${page}${inner}${resort}\n  RETURN ${collected} AS ${value}\n}`;
  return { call, value };
}

/** Clauses on lines of their own after the line before, indented, or nothing. */
export function lines(clauses: string, indent = ""): string {
  return clauses ? `\n${clauses.replace(/^/gm, indent)}` : "";
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
