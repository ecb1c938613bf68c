import type { Fragment } from "../db/query-batcher.js";
import type { Plain } from "../db/values.js";

/**
 * A compiled nested read: the fragment to send (it joins the request's
 * QueryBatcher statement), and how the rows it returns — `Row`, the shape
 * its `RETURN … AS row` builds — become the records the resolvers serve. The
 * two are built side by side, from one shape.
 */
export interface NestedRead<T, Row = unknown> {
  readonly fragment: Fragment;
  answer(rows: readonly Row[]): T;
}

/** The rows of a sent fragment, typed as its read says they are: the one place that takes the Cypher at its word. */
export function answer<T, Row>(read: NestedRead<T, Row>, rows: readonly Plain[]): T {
  return read.answer(rows as unknown as readonly Row[]);
}
