import fc from "fast-check";
import { type GraphQLField, getNamedType } from "graphql";
import { afterAll, describe, expect, it } from "vitest";
import { kmgraphSchema } from "../../src/server/schema.js";
import { smallOrg } from "../fixtures/small-org.js";
import { execute, type GraphQLResult, useGraph } from "../support/graph.js";
import { hostileString, inputValue, overTheWire, wrongType } from "../support/hostile.js";
import { leafSelection } from "../support/operations.js";
import { type GraphSnapshot, graphSnapshot } from "../support/snapshot.js";

// Every mutation of the schema, found by walking it (a new mutation is fuzzed
// without an edit here), called through Apollo with the server's error
// formatting, with hostile arguments: never an internal or unmasked error, and
// a call that is refused leaves the graph exactly as it was.
//
// Runs per mutation: KMGRAPH_FUZZ_RUNS (default 5: about 45 s on two busy cores). A failure prints
// fast-check's seed and path; KMGRAPH_FUZZ_SEED=<seed> replays it.

const RUNS = Number(process.env.KMGRAPH_FUZZ_RUNS ?? 5);
const SEED = process.env.KMGRAPH_FUZZ_SEED ? Number(process.env.KMGRAPH_FUZZ_SEED) : undefined;

// Fresh for each mutation, so that accepted calls of one do not pile up into the next.
const graph = useGraph(smallOrg, { eachTest: true });

/** Every id of the fixture: arguments that name real nodes reach deeper than ids that name nothing. */
function idsIn(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) idsIn(item, into);
  else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key === "id" && typeof item === "string") into.add(item);
      else idsIn(item, into);
    }
  }
  return into;
}
const IDS = [...idsIn(smallOrg()), "x-missing", "p-ana ", "P-ANA"];

/** `mutation Fuzz($a: T!, …) { name(a: $a, …) { __typename } }` */
function operation(field: GraphQLField<unknown, unknown>): string {
  const declared = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(", ");
  const passed = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(", ");
  return field.args.length === 0
    ? `mutation Fuzz { ${field.name}${leafSelection(getNamedType(field.type))} }`
    : `mutation Fuzz(${declared}) { ${field.name}(${passed})${leafSelection(getNamedType(field.type))} }`;
}

function variablesFor(field: GraphQLField<unknown, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const record = Object.fromEntries(field.args.map((arg) => [arg.name, inputValue(arg.type, IDS)]));
  // Optional arguments are sometimes left out; a required one is always sent (maybe as null or the wrong type).
  const requiredKeys = field.args.filter((arg) => String(arg.type).endsWith("!")).map((arg) => arg.name);
  return fc.record(record, { requiredKeys });
}

/** Never INTERNAL_SERVER_ERROR, every error coded and free of internals, nothing logged as unexpected. */
function expectHandled(result: GraphQLResult, loggedBefore: number): void {
  for (const error of result.errors ?? []) {
    expect(error.extensions?.code, error.message).toBeTypeOf("string");
    expect(error.extensions?.code, error.message).not.toBe("INTERNAL_SERVER_ERROR");
    expect(error.extensions?.stacktrace).toBeUndefined();
  }
  expect(graph.loggedErrors.slice(loggedBefore)).toEqual([]);
}

const mutations = Object.values((await kmgraphSchema()).getMutationType()!.getFields());
const tally = { calls: 0, rejected: 0, documents: 0, documentsRejected: 0 };
afterAll(() => {
  console.info(`fuzzed ${mutations.length} mutations: ${tally.calls} calls, ${tally.rejected} refused`);
  console.info(`fuzzed importDocument: ${tally.documents} documents, ${tally.documentsRejected} refused`);
});

describe("fuzzing every mutation with hostile input", () => {
  it.each(mutations.map((field) => [field.name, field] as const))("%s", async (_name, field) => {
    const text = operation(field);
    // The graph as it is now; taken again only after a call that was accepted (and may have written).
    let current: GraphSnapshot = await graphSnapshot(graph.db);
    await fc.assert(
      fc.asyncProperty(variablesFor(field), async (variables) => {
        const logged = graph.loggedErrors.length;
        const result = await execute(graph, text, overTheWire(variables));
        expectHandled(result, logged);
        const after = await graphSnapshot(graph.db);
        tally.calls++;
        if (result.errors?.length) {
          tally.rejected++;
          expect(after).toEqual(current);
        }
        current = after;
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

/** Every path in a document to an object key or array item: the places a mutation of it can hit. */
function pathsIn(value: unknown, prefix: (string | number)[] = [], into: (string | number)[][] = []) {
  if (Array.isArray(value)) for (const [i, item] of value.entries()) pathsIn(item, [...prefix, i], into);
  else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) pathsIn(item, [...prefix, key], into);
  }
  if (prefix.length > 0) into.push(prefix);
  return into;
}

type Edit = { path: (string | number)[]; action: "replace" | "drop" | "unknown key"; value: unknown };

function applied(document: unknown, edits: Edit[]): unknown {
  const copy = structuredClone(document) as Record<string | number, any>;
  for (const { path, action, value } of edits) {
    const parent = path.slice(0, -1).reduce<any>((node, key) => node?.[key], copy);
    const key = path.at(-1)!;
    if (parent === null || typeof parent !== "object" || !(key in parent)) continue;
    if (action === "replace") parent[key] = value;
    else if (action === "drop") Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key];
    else if (parent[key] !== null && typeof parent[key] === "object" && !Array.isArray(parent[key]))
      parent[key].unexpected = value;
  }
  return copy;
}

const PATHS = pathsIn(smallOrg());
const edit: fc.Arbitrary<Edit> = fc.record({
  path: fc.constantFrom(...PATHS),
  action: fc.constantFrom("replace", "replace", "drop", "unknown key"),
  value: fc.oneof(hostileString(IDS), wrongType, fc.integer({ min: -1000, max: 1000 })),
});

describe("fuzzing importDocument with edited valid documents", () => {
  it("refuses or imports, never half-imports", async () => {
    let current = await graphSnapshot(graph.db);
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async (edits) => {
        const logged = graph.loggedErrors.length;
        const document = overTheWire(applied(smallOrg(), edits));
        const result = await execute(
          graph,
          `mutation I($d: JSONObject!) { importDocument(document: $d) { __typename } }`,
          {
            d: document,
          },
        );
        expectHandled(result, logged);
        const after = await graphSnapshot(graph.db);
        tally.documents++;
        if (result.errors?.length) {
          tally.documentsRejected++;
          expect(after).toEqual(current);
        }
        current = after;
      }),
      { numRuns: RUNS * 8, seed: SEED },
    );
  });
});
