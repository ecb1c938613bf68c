import { prefetchKey } from "./prefetch-key.js";
import type { Shape } from "./shape.js";

/**
 * Where each value of a node's row sits: the Cypher that builds the row
 * (readShape) and the code that reads it back (hydrate) both follow it.
 */
export interface Layout {
  /** The node's values before its walks: these properties, `id` first, or one map of them all. */
  readonly properties: "*" | readonly string[];
  /** The record keys of the walks' values. */
  readonly keys: readonly string[];
}

const layouts = new WeakMap<Shape, Layout>();

export function layoutOf(shape: Shape): Layout {
  let layout = layouts.get(shape);
  if (!layout) {
    const properties = shape.properties === "*" ? "*" : [...new Set(["id", ...shape.properties])];
    layout = { properties, keys: shape.links.map((link) => prefetchKey(link.key)) };
    layouts.set(shape, layout);
  }
  return layout;
}
