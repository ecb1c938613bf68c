import type { NodeRecord } from "../db/records.js";
import type { Plain } from "../db/values.js";
import type { Label } from "../model/entities.js";
import type { Direction, RelationSpec } from "../model/relations.js";
import { hydrate } from "./hydrate.js";
import type { NestedRead } from "./nested-read.js";
import { ALL_PROPERTIES, otherEnd, type RelatedShape, type RelationshipFilter, type Shape } from "./shape.js";
import {
  filterConditions,
  filterParams,
  firstOnly,
  lines,
  pattern,
  readShape,
  relatedOrder,
  relationshipMap,
  ShapeWriter,
} from "./shape-cypher.js";

// The reads of the per-request loaders, keyed by node id. Labels,
// relationship types and property names come from the model's constants;
// every value a client sends travels in `$p`.

/** A row of nodesById: a node found by id, as a list of values to hydrate. */
interface NodeRow {
  readonly key: string;
  readonly node: unknown;
}

/** A row of related: the walks from one start node, each a node to hydrate and the relationship's properties. */
interface RelatedRow {
  readonly key: string;
  readonly items: readonly { readonly node: unknown; readonly props: RelatedRecord["props"] }[];
}

/** One relationship walked from a node: the node at the other end and the relationship's properties. */
export interface RelatedRecord {
  readonly node: NodeRecord;
  readonly props: Readonly<Record<string, Plain>>;
}

/** The nodes of the label with these ids, read with the shape: one record or null per id, in order. */
export function nodesById(
  label: Label,
  ids: readonly string[],
  shape: Shape = ALL_PROPERTIES,
): NestedRead<(NodeRecord | null)[], NodeRow> {
  const writer = new ShapeWriter("$p");
  const node = readShape("n", label, shape, writer);
  return {
    // Rows: `{key, node}` for each id that exists.
    fragment: {
      cypher: `UNWIND $p.keys AS key
MATCH (n:${label} {id: key})${lines(node.calls)}
RETURN {key: key, node: ${node.row}} AS row`,
      params: { keys: ids, ...writer.params },
    },
    answer(rows) {
      const found = new Map(rows.map((row) => [row.key, hydrate(shape, row.node) as NodeRecord]));
      return ids.map((id) => found.get(id) ?? null);
    },
  };
}

/**
 * The relationships walked from each of these ids, read with the shape: a
 * list per id, in order, ordered by the strongest level first, then id; at
 * most `first` per id (null: all of them, for a to-one relationship).
 */
export function related(
  relation: RelationSpec,
  direction: Direction,
  ids: readonly string[],
  filter: RelationshipFilter = {},
  shape: RelatedShape = { node: ALL_PROPERTIES, props: "*" },
  first: number | null = null,
): NestedRead<RelatedRecord[][], RelatedRow> {
  const start = direction === "out" ? relation.from : relation.to;
  const conditions = filterConditions("r", filter, "$p");
  const writer = new ShapeWriter("$p");
  const node = readShape("m", otherEnd(relation, direction), shape.node, writer);
  // Each start node's page is cut in a subquery of its own, so one batch reads at most `first` per id.
  const walk =
    first === null
      ? `MATCH ${pattern(relation, direction, `n:${start} {id: key}`, "r", "m")}${where(conditions, "")}`
      : `MATCH (n:${start} {id: key})
CALL (n) {
  MATCH ${pattern(relation, direction, "n", "r", "m")}${where(conditions, "  ")}
  ${firstOnly(relation, "r", "m", "$p")}
  RETURN r, m
}`;
  return {
    // Rows: `{key, items: [{node, props}]}` for each start node with at least one relationship.
    fragment: {
      cypher: `UNWIND $p.keys AS key
${walk}${lines(node.calls)}
WITH ${["key", "r", "m", ...node.bound].join(", ")} ORDER BY ${relatedOrder(relation, "r", "m")}
WITH key, collect({node: ${node.row}, props: ${relationshipMap("r", relation, shape.props)}}) AS items
RETURN {key: key, items: items} AS row`,
      params: { keys: ids, ...filterParams(filter, first), ...writer.params },
    },
    answer(rows) {
      const found = new Map(
        rows.map((row) => [
          row.key,
          row.items.map((item) => ({ node: hydrate(shape.node, item.node) as NodeRecord, props: item.props })),
        ]),
      );
      return ids.map((id) => found.get(id) ?? []);
    },
  };
}

function where(conditions: readonly string[], indent: string): string {
  return conditions.length > 0 ? `\n${indent}WHERE ${conditions.join(" AND ")}` : "";
}
