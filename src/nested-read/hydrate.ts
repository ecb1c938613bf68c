import type { Plain } from "../db/values.js";
import { layoutOf } from "./layout.js";
import type { Link, Shape } from "./shape.js";

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
