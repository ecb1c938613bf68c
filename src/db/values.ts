import neo4j from "neo4j-driver";
import { uniqueKey } from "../validation.js";

// Conversion between Neo4j values and the plain JSON values of the API.
// Calendar dates are stored as Neo4j `Date` so that Cypher can compare them;
// the API speaks ISO strings.

export type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

/**
 * Neo4j value (temporal types, integers, lists, maps) to a JSON-ready value.
 * A nested read decodes thousands of values, so strings, numbers and booleans
 * are answered before the driver's type checks, and the lists and maps the
 * driver has just built for this result are converted in place, not copied.
 */
export function toPlain(value: unknown): Plain {
  if (value === null || value === undefined) return null;
  if (typeof value !== "object") return value as Plain;
  if (neo4j.isInt(value)) return value.toNumber();
  if (neo4j.isDate(value)) return value.toString();
  if (neo4j.isDateTime(value)) return new Date(value.toString()).toISOString();
  if (neo4j.isLocalDateTime(value)) return value.toString();
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const inner: unknown = value[index];
      if (inner !== null && typeof inner === "object") value[index] = toPlain(inner);
    }
    return value as Plain[];
  }
  // The driver's own classes (nodes, durations, points…) may be frozen: copy those.
  if (Object.getPrototypeOf(value) !== Object.prototype) {
    const out: Record<string, Plain> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = toPlain(inner);
    return out;
  }
  const map = value as Record<string, unknown>;
  for (const key in map) {
    const inner = map[key];
    if (inner === undefined) map[key] = null;
    else if (inner !== null && typeof inner === "object") map[key] = toPlain(inner);
  }
  return map as Record<string, Plain>;
}

/** `YYYY-MM-DD` to a Neo4j Date; the string was validated before. */
export function toNeo4jDate(iso: string) {
  const [year, month, day] = iso.split("-").map(Number);
  return new neo4j.types.Date(year!, month!, day!);
}

/** Which properties of a node or relationship need a Neo4j type of their own. */
export interface PropertyTypes {
  readonly dateProperties?: readonly string[];
  readonly integerProperties?: readonly string[];
  /** Unique properties whose comparison form is written beside them, under this name. */
  readonly keyProperties?: Readonly<Record<string, string>>;
}

/**
 * Properties ready to write with `SET n += $props`: dates and integers
 * converted, and `undefined` kept out so that only the given keys change
 * (`null` removes one). A unique property carries its key property along,
 * so every write path keeps the two in step.
 */
export function toNeo4jProperties(
  props: Readonly<Record<string, unknown>>,
  types: PropertyTypes,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined) continue;
    if (typeof value === "string" && types.dateProperties?.includes(key)) out[key] = toNeo4jDate(value);
    else if (typeof value === "number" && types.integerProperties?.includes(key)) out[key] = neo4j.int(value);
    else out[key] = value;
    const keyProperty = types.keyProperties?.[key];
    if (keyProperty) out[keyProperty] = typeof value === "string" ? uniqueKey(value) : null;
  }
  return out;
}

/**
 * Properties (converted as by toNeo4jProperties) split into the key
 * properties and the rest. A write that must let two nodes swap unique
 * values sets the rest first, clearing the keys that change (clearKeys),
 * and the keys only once every node of the change has given its old one up:
 * Neo4j checks a unique constraint at each write, not at commit.
 */
export function splitKeys(
  props: Readonly<Record<string, unknown>>,
  types: PropertyTypes,
): { props: Record<string, unknown>; keys: Record<string, unknown> } {
  const all = toNeo4jProperties(props, types);
  const keyNames = new Set(Object.values(types.keyProperties ?? {}));
  const rest: Record<string, unknown> = {};
  const keys: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(all)) (keyNames.has(key) ? keys : rest)[key] = value;
  return { props: rest, keys };
}

/**
 * Cypher (for a node `n` and a row with `keys`) that clears each key
 * property the row changes; the names come from the model, never a request.
 */
export function clearKeys(types: PropertyTypes): string {
  return Object.values(types.keyProperties ?? {})
    .map(
      (key) =>
        `SET n.${key} = CASE WHEN '${key}' IN keys(row.keys) AND NOT coalesce(n.${key} = row.keys.${key}, false) THEN null ELSE n.${key} END`,
    )
    .join("\n");
}
