import neo4j from "neo4j-driver";
import { z } from "zod";
import type { NodeRecord } from "../db/records.js";
import { ENTITIES, type Label } from "../model/entities.js";
import { FILTERS, type FilterValues } from "./filters.js";
import { hydrate } from "./hydrate.js";
import type { NestedRead } from "./nested-read.js";
import { ALL_PROPERTIES, type Shape } from "./shape.js";
import { lines, readShape, ShapeWriter } from "./shape-cypher.js";

// The read of a list field (`projects`, `people`…): one filtered, sorted
// page of a label, each node read with the shape of `edges { node }`.

export interface PageRequest {
  readonly offset: number;
  readonly limit: number;
}

export interface Ordering {
  /** A property name of the label, checked against the model by the caller. */
  readonly property: string;
  readonly descending: boolean;
}

export interface Page {
  readonly total: number;
  readonly nodes: readonly NodeRecord[];
}

/** The one row of a list read: the filtered count and one page of nodes to hydrate. */
interface PageRow {
  readonly total: number;
  readonly nodes: readonly unknown[];
}

/** The filtered count and one sorted page of the label's nodes, read with the shape. */
export function connection(
  label: Label,
  filter: FilterValues,
  ordering: Ordering,
  page: PageRequest,
  shape: Shape = ALL_PROPERTIES,
): NestedRead<Page, PageRow> {
  const writer = new ShapeWriter("$p");
  const node = readShape("n", label, shape, writer);
  const match = matchFiltered(label, filter);
  const direction = ordering.descending ? "DESC" : "ASC";
  const tieBreak = ordering.property === "id" ? "" : ", n.id ASC";
  const rank = enumRank(label, ordering.property);
  const sortKey = rank ? `$p.rank[n.${ordering.property}]` : `n.${ordering.property}`;
  return {
    // One row: `{total, nodes}`.
    fragment: {
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
    },
    answer(rows) {
      const [row] = rows;
      return {
        total: row?.total ?? 0,
        nodes: (row?.nodes ?? []).map((node) => hydrate(shape, node) as NodeRecord),
      };
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
