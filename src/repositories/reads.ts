import neo4j from "neo4j-driver";
import { z } from "zod";
import type { Fragment } from "../db/query-batcher.js";
import { ENTITIES, type Label } from "../model/entities.js";
import type { Direction, RelationSpec } from "../model/relations.js";
import { FILTERS, type FilterValues } from "./filters.js";

// Read fragments for the per-request QueryBatcher. Labels, relationship types
// and property names come from the model's constants; every value a client
// sends travels in `$p`.

/**
 * The stored properties a read returns: all of them, or only these (and `id`,
 * always). Reading only what a query selects roughly halves the statement
 * time of a nested read, whose nodes carry long descriptions it never shows.
 */
export type Projection = "*" | readonly string[];

/** Every stored property of a label: the model's, plus `id` and the timestamps every node has. */
export function storedProperties(label: Label): ReadonlySet<string> {
  return new Set(["id", "createdAt", "updatedAt", ...Object.keys(ENTITIES[label].properties.shape)]);
}

/** `n {.id, .name}`, or `n {.*}`; names are checked against the model, as they become Cypher text. */
function nodeMap(variable: string, label: Label, projection: Projection): string {
  if (projection === "*") return `${variable} {.*}`;
  return mapProjection(variable, ["id", ...projection.filter((name) => name !== "id")], storedProperties(label));
}

/** `r {.level}`, or `properties(r)` for all of them. */
function relationshipMap(variable: string, relation: RelationSpec, projection: Projection): string {
  if (projection === "*") return `properties(${variable})`;
  return mapProjection(variable, projection, new Set(Object.keys(relation.properties?.shape ?? {})));
}

function mapProjection(variable: string, names: readonly string[], allowed: ReadonlySet<string>): string {
  for (const name of names) if (!allowed.has(name)) throw new Error(`no stored property "${name}" to project`);
  return names.length === 0 ? "{}" : `${variable} {${names.map((name) => `.${name}`).join(", ")}}`;
}

/** Rows: `{key, node}` for each id that exists. */
export function nodesById(label: Label, ids: readonly string[], projection: Projection = "*"): Fragment {
  return {
    cypher: `UNWIND $p.keys AS key
MATCH (n:${label} {id: key})
RETURN {key: key, node: ${nodeMap("n", label, projection)}} AS row`,
    params: { keys: ids },
  };
}

/** Narrows a traversal by properties of the relationship it walks. */
export interface RelationshipFilter {
  /** KNOWS and NEEDS: level at least this. */
  readonly minLevel?: number | null;
  /** WORKS_ON: membership current on this date (`from` ≤ date ≤ `to`, open ends match). */
  readonly activeOn?: string | null;
}

/**
 * Rows: `{key, items: [{node, props}]}` for each start node with at least one
 * relationship; items ordered by the strongest level first, then id.
 */
export function related(
  relation: RelationSpec,
  direction: Direction,
  ids: readonly string[],
  filter: RelationshipFilter = {},
  projection: { node: Projection; props: Projection } = { node: "*", props: "*" },
): Fragment {
  const [start, end] = direction === "out" ? [relation.from, relation.to] : [relation.to, relation.from];
  const arrow = direction === "out" ? `-[r:${relation.type}]->` : `<-[r:${relation.type}]-`;
  const conditions: string[] = [];
  if (filter.minLevel != null) conditions.push("r.level >= $p.minLevel");
  if (filter.activeOn != null) {
    conditions.push("(r.from IS NULL OR r.from <= date($p.activeOn))", "(r.to IS NULL OR r.to >= date($p.activeOn))");
  }
  const where = conditions.length > 0 ? `\nWHERE ${conditions.join(" AND ")}` : "";
  const order = relation.properties?.shape.level ? "r.level DESC, m.id" : "m.id";
  return {
    cypher: `UNWIND $p.keys AS key
MATCH (n:${start} {id: key})${arrow}(m:${end})${where}
WITH key, r, m ORDER BY ${order}
WITH key, collect({node: ${nodeMap("m", end, projection.node)}, props: ${relationshipMap("r", relation, projection.props)}}) AS items
RETURN {key: key, items: items} AS row`,
    params: { keys: ids, minLevel: filter.minLevel ?? null, activeOn: filter.activeOn ?? null },
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

/** One row: `{total, nodes}`: the filtered count and one sorted page. */
export function connection(
  label: Label,
  filter: FilterValues,
  ordering: Ordering,
  page: PageRequest,
  projection: Projection = "*",
): Fragment {
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
  SKIP $p.offset LIMIT $p.limit
  RETURN collect(${nodeMap("n", label, projection)}) AS nodes
}
RETURN {total: total, nodes: nodes} AS row`,
    params: { filter: plainValues(filter), offset: neo4j.int(page.offset), limit: neo4j.int(page.limit), rank },
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

/** GraphQL input objects arrive as class instances with unset fields: send plain maps. */
function plainValues(filter: FilterValues): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(filter)
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([key, value]) => [key, value !== null && typeof value === "object" && !Array.isArray(value) ? plainValues(value as FilterValues) : value]),
  );
}
