import neo4j from "neo4j-driver";
import { z } from "zod";
import type { Fragment } from "../db/query-batcher.js";
import { ENTITIES, type Label } from "../model/entities.js";
import type { Direction, RelationSpec } from "../model/relations.js";
import { FILTERS, type FilterValues } from "./filters.js";
import {
  ALL_PROPERTIES,
  filterConditions,
  filterParams,
  otherEnd,
  type Projection,
  pattern,
  type RelationshipFilter,
  readShape,
  relatedOrder,
  relationshipMap,
  type Shape,
  ShapeWriter,
} from "./shape.js";

// Read fragments for the per-request QueryBatcher. Labels, relationship types
// and property names come from the model's constants; every value a client
// sends travels in `$p`.

/** Rows: `{key, node}` for each id that exists, `node` a row to hydrate with the shape. */
export function nodesById(label: Label, ids: readonly string[], shape: Shape = ALL_PROPERTIES): Fragment {
  const writer = new ShapeWriter("$p");
  const node = readShape("n", label, shape, writer);
  return {
    cypher: `UNWIND $p.keys AS key
MATCH (n:${label} {id: key})${lines(node.calls)}
RETURN {key: key, node: ${node.row}} AS row`,
    params: { keys: ids, ...writer.params },
  };
}

/** What a walk reads of the nodes at the other end (and below them), and of the relationships. */
export interface RelatedShape {
  readonly node: Shape;
  readonly props: Projection;
}

/**
 * Rows: `{key, items: [{node, props}]}` for each start node with at least one
 * relationship; items ordered by the strongest level first, then id; `node`
 * a row to hydrate with the shape.
 */
export function related(
  relation: RelationSpec,
  direction: Direction,
  ids: readonly string[],
  filter: RelationshipFilter = {},
  shape: RelatedShape = { node: ALL_PROPERTIES, props: "*" },
): Fragment {
  const start = direction === "out" ? relation.from : relation.to;
  const conditions = filterConditions("r", filter, "$p");
  const where = conditions.length > 0 ? `\nWHERE ${conditions.join(" AND ")}` : "";
  const writer = new ShapeWriter("$p");
  const node = readShape("m", otherEnd(relation, direction), shape.node, writer);
  return {
    cypher: `UNWIND $p.keys AS key
MATCH ${pattern(relation, direction, `n:${start} {id: key}`, "r", "m")}${where}${lines(node.calls)}
WITH ${["key", "r", "m", ...node.bound].join(", ")} ORDER BY ${relatedOrder(relation, "r", "m")}
WITH key, collect({node: ${node.row}, props: ${relationshipMap("r", relation, shape.props)}}) AS items
RETURN {key: key, items: items} AS row`,
    params: { keys: ids, ...filterParams(filter), ...writer.params },
  };
}

export interface PageRequest {
  readonly offset: number;
  readonly limit: number;
}

export interface Ordering {
  /** A property name of the label, checked against the model by the caller. */
  readonly property: string;
  readonly descending: boolean;
}

/** One row: `{total, nodes}`: the filtered count and one sorted page of rows to hydrate with the shape. */
export function connection(
  label: Label,
  filter: FilterValues,
  ordering: Ordering,
  page: PageRequest,
  shape: Shape = ALL_PROPERTIES,
): Fragment {
  const writer = new ShapeWriter("$p");
  const node = readShape("n", label, shape, writer);
  const match = matchFiltered(label, filter);
  const direction = ordering.descending ? "DESC" : "ASC";
  const tieBreak = ordering.property === "id" ? "" : ", n.id ASC";
  const rank = enumRank(label, ordering.property);
  const sortKey = rank ? `$p.rank[n.${ordering.property}]` : `n.${ordering.property}`;
  return {
    cypher: `CALL () {
  ${match}
  RETURN count(n) AS total
}
CALL () {
  ${match}
  WITH n ORDER BY ${sortKey} ${direction}${tieBreak}
  SKIP $p.offset LIMIT $p.limit${lines(node.calls, "  ")}${
    // The walks read only the page; sorting it again keeps their rows in its order.
    node.bound.length > 0
      ? `\n  WITH ${["n", ...node.bound].join(", ")} ORDER BY ${sortKey} ${direction}${tieBreak}`
      : ""
  }
  RETURN collect(${node.row}) AS nodes
}
RETURN {total: total, nodes: nodes} AS row`,
    params: {
      filter: plainValues(filter),
      offset: neo4j.int(page.offset),
      limit: neo4j.int(page.limit),
      rank,
      ...writer.params,
    },
  };
}

/**
 * For a property holding a closed set, the position of each value in the
 * model's declaration (LOW < MEDIUM < HIGH < CRITICAL, PLANNED < ACTIVE < CLOSED…),
 * so that a list sorts in the domain's order rather than alphabetically.
 */
function enumRank(label: Label, property: string): Record<string, number> | null {
  let schema: z.ZodType | undefined = ENTITIES[label].properties.shape[property] as z.ZodType | undefined;
  while (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) schema = schema.unwrap() as z.ZodType;
  if (!(schema instanceof z.ZodEnum)) return null;
  return Object.fromEntries(schema.options.map((value, index) => [String(value), index]));
}

/**
 * `MATCH (n:Label)` narrowed by the filter: predicates in its WHERE, then one
 * MATCH per related-node condition, then one row per node again.
 */
function matchFiltered(label: Label, filter: FilterValues): string {
  const predicates = FILTERS[label];
  const conditions = Object.entries(filter)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([field]) => {
      const predicate = predicates[field];
      if (!predicate) throw new Error(`no filter "${field}" on ${label}`);
      return predicate(`$p.filter.${field}`);
    });
  const wheres = conditions.filter((condition): condition is string => typeof condition === "string");
  const matches = conditions.flatMap((condition) => (typeof condition === "string" ? [] : [condition.match]));
  const where = wheres.length > 0 ? `\nWHERE ${wheres.join("\n  AND ")}` : "";
  const patterns = matches.map((match) => `\nMATCH ${match}`).join("");
  // Two relationships to the same node would repeat n.
  return `MATCH (n:${label})${where}${patterns}${matches.length > 0 ? "\nWITH DISTINCT n" : ""}`;
}

/** Clauses on lines of their own after the line before, indented, or nothing. */
function lines(clauses: string, indent = ""): string {
  return clauses ? `\n${clauses.replace(/^/gm, indent)}` : "";
}

/** GraphQL input objects arrive as class instances with unset fields: send plain maps. */
function plainValues(filter: FilterValues): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(filter)
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([key, value]) => [
        key,
        value !== null && typeof value === "object" && !Array.isArray(value)
          ? plainValues(value as FilterValues)
          : value,
      ]),
  );
}
