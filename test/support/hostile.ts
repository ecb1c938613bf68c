import fc from "fast-check";
import { type GraphQLInputType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType } from "graphql";

// Values an attacker (or a careless client) sends: hostile strings of every
// kind, numbers out of range, wrong types, ids that name nothing and ids that
// name real nodes, all as JSON can carry them over HTTP.

/** Query-language syntax: Cypher that closes a literal and deletes everything, Lucene's wildcards and operators. */
export const INJECTIONS = [
  "' }) MATCH (n) DETACH DELETE n //",
  '" }) MATCH (n) DETACH DELETE n //',
  "x` }) MATCH (n) DETACH DELETE n //",
  "'; CALL db.clearQueryCaches(); //",
  "$param",
  "{name: 'x'}",
  "\\' OR 1=1 --",
  "*:*",
  '"~',
  "name:*",
  "a AND NOT b OR c^10 ~2",
  "[* TO *]",
  "/.*/",
  "\\",
  "?",
  "((((((((((",
  "*",
  "",
  " ",
  "null",
  "undefined",
  "__proto__",
  "constructor",
];

/** Unicode that breaks naive code: emoji and ZWJ sequences, RTL overrides, combining marks, NUL, BOM, line separators. */
export const ODD_UNICODE = [
  "👩🏽‍🔬🧪",
  "\u202Eevil\u202C",
  "مرحبا بالعالم",
  "e\u0301\u0301\u0301\u0301\u0301",
  "Z̸̡̢̛̗̘̙̜̝̞̟̠̀́̂̃̄̅̆̇",
  "\u0000",
  "a\u0000b",
  "\uFEFFbom",
  "line\u2028separator\u2029",
  "tab\tnew\nline\rreturn",
  "\u200B\u200C\u200D",
  "\uFFFF\uFFFE",
  "𝕳𝖊𝖑𝖑𝖔",
  "İı",
];

/** Strings that are not valid Unicode: UTF-16 halves without their pair. */
export const LONE_SURROGATES: string[] = ["\uD800", "a\uDC00b", "\uDBFF\uDBFF", "👩\uD83D"];

/** With the u flag a surrogate class matches only halves that have no partner. */
export const hasLoneSurrogate = (s: string) => /[\uD800-\uDFFF]/u.test(s);

/** A long string, up to about 100 KB, made of a repeated fragment (so it is cheap to generate). */
const hugeString = fc
  .tuple(
    fc.constantFrom("x", "é", "👩🏽‍🔬", "' }) MATCH (n) DETACH DELETE n //", "*:* "),
    fc.integer({ min: 1_000, max: 100_000 }),
  )
  .map(([fragment, length]) => fragment.repeat(Math.ceil(length / fragment.length)).slice(0, length));

export function hostileString(ids: readonly string[] = []): fc.Arbitrary<string> {
  const arbitraries: fc.Arbitrary<string>[] = [
    fc.constantFrom(...INJECTIONS),
    fc.constantFrom(...ODD_UNICODE),
    fc.string({ unit: "grapheme", maxLength: 40 }),
    fc.string({ unit: "binary", maxLength: 40 }).filter((s) => LONE_SURROGATES.length > 0 || !hasLoneSurrogate(s)),
    fc.string({ maxLength: 300 }),
    hugeString,
    fc
      .tuple(fc.constantFrom(...INJECTIONS, ...ODD_UNICODE), fc.string({ maxLength: 10 }))
      .map(([a, b]) => `${b}${a}${b}`),
  ];
  if (LONE_SURROGATES.length > 0) arbitraries.push(fc.constantFrom(...LONE_SURROGATES));
  if (ids.length > 0) arbitraries.push(fc.constantFrom(...ids), fc.constantFrom(...ids));
  return fc.oneof(...arbitraries);
}

const hostileInt = fc.oneof(
  fc.integer({ min: -10, max: 10 }),
  fc.integer(),
  fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53, -(2 ** 53), 1e21, Number.MAX_VALUE, -0, 0.5, 1e-7),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const hostileFloat = fc.oneof(
  fc.double({ min: -10, max: 10, noNaN: true }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 1e308, -0),
);

const hostileDate = fc.oneof(
  fc.constantFrom(
    "2025-01-01",
    "2024-02-29",
    "2025-02-29",
    "2025-02-30",
    "2025-13-01",
    "0000-01-01",
    "9999-12-31",
    "+275760-09-13",
    "-000001-01-01",
    "2025-1-1",
    "2025-01-01T00:00:00Z",
    "20250101",
    "",
  ),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);

const hostileDateTime = fc.oneof(
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom("2025-01-01T25:61:61Z", "2025-01-01", "2025-01-01T00:00:00+99:00", "not a time", ""),
);

/** Any JSON value, including the wrong type for whatever it is sent as. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 10 }),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/** A JSON value that is anything at all, nested a little. */
export const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 });

/**
 * Values for a GraphQL input type: mostly of the right shape with hostile
 * contents (so they reach the resolvers, the validation and Cypher), and now
 * and then of the wrong type, null where null is not allowed, an unknown field.
 */
export function inputValue(type: GraphQLInputType, ids: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 9, arbitrary: wellShaped(type, ids) }, { weight: 1, arbitrary: wrongType });
}

function wellShaped(type: GraphQLInputType, ids: readonly string[]): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return wellShaped(type.ofType, ids);
  if (isListType(type)) return fc.array(inputValue(type.ofType, ids), { maxLength: 4 });
  if (isEnumType(type)) {
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...type.getValues().map((v) => v.name)) },
      { weight: 1, arbitrary: hostileString() },
    );
  }
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const record = Object.fromEntries(fields.map((f) => [f.name, inputValue(f.type, ids)]));
    const requiredKeys = fields.filter((f) => isNonNullType(f.type)).map((f) => f.name);
    return fc
      .tuple(
        fc.record(record, { requiredKeys }),
        fc.option(fc.tuple(fc.constantFrom("unknown", "id", "__proto__", "elementId"), anyJson), { freq: 8 }),
      )
      .map(([value, extra]) => (extra ? { ...value, [extra[0]]: extra[1] } : value));
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case "ID":
      case "String":
        return hostileString(ids);
      case "Int":
        return hostileInt;
      case "Float":
        return hostileFloat;
      case "Boolean":
        return fc.boolean();
      case "LocalDate":
        return hostileDate;
      case "DateTimeISO":
        return hostileDateTime;
      case "JSONObject":
        return fc.dictionary(fc.string({ maxLength: 10 }), anyJson, { maxKeys: 5 });
    }
  }
  throw new Error(`no generator for the input type ${String(type)}: add one to test/support/hostile.ts`);
}

/** What HTTP would deliver: the value after a JSON round trip. */
export function overTheWire<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
