import { getIntrospectionQuery } from "graphql";
import { describe, expect, it } from "vitest";
import { DEFAULT_REQUEST_LIMITS, LIST_PAGES } from "../../src/config.js";
import { countRoundTrips, execute, useGraph } from "../support/graph.js";

// Each cost limit refuses its attack before a single statement reaches Neo4j,
// with its own code and a message naming the limit and the value found.

const graph = useGraph();
const limits = DEFAULT_REQUEST_LIMITS;

async function refused(text: string) {
  const { result, queries } = await countRoundTrips(graph.db, () => execute(graph, text));
  return { error: result.errors?.[0], data: result.data, queries };
}

const times = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join(" ");

/** A list of lists within the depth limit: every level is another batch of rows per row above. */
const NESTED_LISTS = `team { person { expertise { topic { narrower { assets { authors { name } } } } } } }`;

describe("request cost limits", () => {
  it("refuses an alias bomb (TOO_MANY_ALIASES)", async () => {
    const aliases = limits.maxAliases + 1;
    const { error, queries } = await refused(`{ ${times(aliases, (i) => `a${i}: topics { totalCount }`)} }`);
    expect(error?.extensions?.code).toBe("TOO_MANY_ALIASES");
    expect(error?.message).toBe(`the number of aliases is ${aliases}; at most ${limits.maxAliases} is allowed`);
    expect(queries).toEqual([]);
  });

  it("refuses a huge query by its tokens (TOO_MANY_TOKENS), before parsing it whole", async () => {
    // The same field repeated merges into one: only the size of the text is at fault.
    const { error, queries } = await refused(`{ ${"topics { totalCount } ".repeat(limits.maxTokens)} }`);
    expect(error?.extensions?.code).toBe("TOO_MANY_TOKENS");
    expect(error?.message).toBe(
      `the query has more than ${limits.maxTokens} tokens; at most ${limits.maxTokens} are allowed`,
    );
    expect(queries).toEqual([]);
  });

  it("refuses too many directives (TOO_MANY_DIRECTIVES)", async () => {
    const directives = limits.maxDirectives + 1;
    const { error, queries } = await refused(
      `{ ${times(directives, () => "topics @include(if: true) { totalCount }")} }`,
    );
    expect(error?.extensions?.code).toBe("TOO_MANY_DIRECTIVES");
    expect(error?.message).toBe(
      `the number of directives is ${directives}; at most ${limits.maxDirectives} is allowed`,
    );
    expect(queries).toEqual([]);
  });

  it("refuses a query nested too deep (QUERY_TOO_DEEP)", async () => {
    const deep = `{ topics { edges { node { narrower { narrower { narrower { narrower { narrower { narrower { narrower { narrower { narrower { id } } } } } } } } } } } } }`;
    const { error, queries } = await refused(deep);
    expect(error?.extensions?.code).toBe("QUERY_TOO_DEEP");
    expect(error?.message).toBe("the query's depth is 13; at most 12 is allowed");
    expect(queries).toEqual([]);
    // A fragment that spreads itself is refused too, not followed for ever.
    const fragmentLoop = await execute(graph, `fragment A on Topic { narrower { ...A } } { topic(id: "x") { ...A } }`);
    expect(fragmentLoop.errors?.length).toBeGreaterThan(0);
  });

  it("refuses wide nested lists within the depth limit (QUERY_TOO_COSTLY)", async () => {
    const wide = `{ projects(first: 100) { edges { node { ${times(4, (i) => `t${i}: ${NESTED_LISTS}`)} } } } }`;
    const { error, queries } = await refused(wide);
    expect(error?.extensions?.code).toBe("QUERY_TOO_COSTLY");
    expect(error?.message).toMatch(
      new RegExp(`^the query's estimated cost is \\d+(\\.\\d+)?; at most ${limits.maxCost} is allowed$`),
    );
    expect(Number(/cost is (\d+(?:\.\d+)?)/.exec(error?.message ?? "")?.[1])).toBeGreaterThan(limits.maxCost);
    expect(queries).toEqual([]);
  });

  it("counts every fragment's nested lists in the cost (QUERY_TOO_COSTLY)", async () => {
    const fragments = times(100, (i) => `fragment F${i} on Project { ${NESTED_LISTS} }`);
    const spreads = times(100, (i) => `...F${i}`);
    const { error, queries } = await refused(`{ projects(first: 100) { edges { node { ${spreads} } } } } ${fragments}`);
    expect(error?.extensions?.code).toBe("QUERY_TOO_COSTLY");
    expect(queries).toEqual([]);
  });

  it("refuses a nested list's first over its maximum, from the text or a variable, before any statement", async () => {
    const max = LIST_PAGES.relationship.max;
    const literal = await refused(`{ topic(id: "t") { assets(first: ${max + 1}) { id } } }`);
    expect(literal.error?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(literal.error?.message).toBe(
      `Topic.assets(first:) is ${max + 1}; it must be a whole number from 0 to ${max}`,
    );
    expect(literal.queries).toEqual([]);
    const { result, queries } = await countRoundTrips(graph.db, () =>
      execute(graph, `query ($n: Int!) { topics { edges { node { assets { authors(first: $n) { id } } } } } }`, {
        n: 100_000,
      }),
    );
    expect(result.errors?.[0]?.message).toMatch(/^KnowledgeAsset\.authors\(first:\) is 100000; /);
    expect(queries).toEqual([]);
    const computed = await refused(`{ organisation { bottlenecks { keyPersonRisk(first: 1001) { risk } } } }`);
    expect(computed.error?.message).toBe(
      "Bottlenecks.keyPersonRisk(first:) is 1001; it must be a whole number from 0 to 1000",
    );
    expect(computed.queries).toEqual([]);
  });

  it("refuses the issue's wide nested lists, topics → assets → authors → expertise → topic … (QUERY_TOO_COSTLY)", async () => {
    const wide = `{ topics(first: 100) { edges { node { assets { authors { expertise { topic { assets { authors { name } } } } } } } } } }`;
    const { error, queries } = await refused(wide);
    expect(error?.extensions?.code).toBe("QUERY_TOO_COSTLY");
    expect(error?.message).toMatch(
      new RegExp(`^the query's estimated cost is \\d+; at most ${limits.maxCost} is allowed$`),
    );
    expect(queries).toEqual([]);
    // The same, asking for a few of each, is a query like any other.
    const narrow = `{ topics(first: 10) { edges { node { assets(first: 5) { authors(first: 3) { expertise(first: 3) { topic { assets(first: 2) { authors(first: 2) { name } } } } } } } } } }`;
    expect((await execute(graph, narrow)).errors).toBeUndefined();
  });

  it("answers the standard introspection query that code generators send", async () => {
    const result = await execute(graph, getIntrospectionQuery());
    expect(result.errors).toBeUndefined();
    expect(result.data?.__schema?.queryType?.name).toBe("Query");
  });
});
