import type { Fragment } from "../db/query-batcher.js";
import type { Plain } from "../db/values.js";

/**
 * A compiled nested read: the fragment to send (it joins the request's
 * QueryBatcher statement), and how the rows it returns become the records
 * the resolvers serve. The two are built side by side, from one shape.
 */
export interface NestedRead<T> {
  readonly fragment: Fragment;
  answer(rows: readonly Plain[]): T;
}
