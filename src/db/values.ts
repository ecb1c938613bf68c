import neo4j from "neo4j-driver";

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
}

/**
 * Properties ready to write with `SET n += $props`: dates and integers
 * converted, and `undefined` kept out so that only the given keys change
 * (`null` removes one).
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
  }
  return out;
}
