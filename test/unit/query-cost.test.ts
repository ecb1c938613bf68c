import "reflect-metadata";
import {
  type GraphQLOutputType,
  type GraphQLSchema,
  getIntrospectionQuery,
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  parse,
} from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { NESTED_READ_KMGRAPH } from "../../bench/src/queries.js";
import { DEFAULT_REQUEST_LIMITS, LIST_PAGES, listPage } from "../../src/config.js";
import { AppError } from "../../src/errors.js";
import { operationCost } from "../../src/server/query-cost.js";
import { kmgraphSchema } from "../../src/server/schema.js";

// The cost of a query, without a database: the most values its answer can
// hold, each list at its page size.

let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await kmgraphSchema();
});

const cost = (text: string, variables: Record<string, unknown> = {}): number =>
  operationCost(schema, parse(text), variables);

const { default: PAGE, max: MAX } = LIST_PAGES.relationship;

describe("a query's cost", () => {
  it("counts a leaf once and an object as itself and what it selects", () => {
    expect(cost(`{ project(id: "p") { id name } }`)).toBe(3);
    expect(cost(`{ project(id: "p") { id orgUnit { id name } } }`)).toBe(5);
  });

  it("multiplies a nested list by its first, or by its default when the query omits it", () => {
    expect(cost(`{ project(id: "p") { team(first: 3) { role } } }`)).toBe(1 + 3 * 2);
    expect(cost(`{ project(id: "p") { team { role } } }`)).toBe(1 + PAGE * 2);
    expect(cost(`{ project(id: "p") { needs(first: 2) { topic { experts(first: 4) { level } } } } }`)).toBe(
      1 + 2 * (1 + (1 + 4 * 2)),
    );
  });

  it("reads first from a variable, its declared default, or the field's default", () => {
    const query = `query ($n: Int) { project(id: "p") { team(first: $n) { role } } }`;
    expect(cost(query, { n: 7 })).toBe(1 + 7 * 2);
    expect(cost(query)).toBe(1 + PAGE * 2);
    expect(cost(`query ($n: Int = 4) { project(id: "p") { team(first: $n) { role } } }`)).toBe(1 + 4 * 2);
  });

  it("multiplies a root connection by its first (default 20) and a finder by its limit", () => {
    expect(cost(`{ projects(first: 10) { totalCount edges { node { id } } } }`)).toBe(10 * (1 + 1 + (1 + 2)));
    expect(cost(`{ projects { edges { node { id } } } }`)).toBe(20 * (1 + (1 + 2)));
    expect(cost(`{ experts(topic: "t", limit: 5) { score } }`)).toBe(5 * 2);
  });

  it("counts a fragment each time it is spread, inline fragments and nested spreads alike", () => {
    const once = cost(`{ project(id: "p") { team(first: 3) { role person { name } } } }`);
    const spread = cost(`
      { a: project(id: "p") { ...T } b: project(id: "q") { ...T } }
      fragment T on Project { team(first: 3) { ...M } }
      fragment M on TeamMember { role ... on TeamMember { person { name } } }`);
    expect(spread).toBe(2 * once);
  });

  it("costs the standard introspection query nothing: it is answered from the schema", () => {
    expect(cost(getIntrospectionQuery())).toBe(0);
  });

  it("refuses a nested first over its maximum, naming the field, the maximum and the value", () => {
    const refusal = (() => {
      try {
        cost(`{ topic(id: "t") { assets(first: ${MAX + 1}) { id } } }`);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe("BAD_USER_INPUT");
    expect((refusal as AppError).message).toBe(
      `Topic.assets(first:) is ${MAX + 1}; it must be a whole number from 0 to ${MAX}`,
    );
    expect(() => cost(`query ($n: Int) { topic(id: "t") { assets(first: $n) { id } } }`, { n: MAX + 1 })).toThrow(
      /^Topic\.assets\(first:\) is 501/,
    );
    expect(cost(`{ topic(id: "t") { assets(first: ${MAX}) { id } } }`)).toBe(1 + MAX * 2);
  });

  it("prices the issue's wide nested lists far over the default limit, the benchmark's nested read under it", () => {
    const wide = `{ topics(first: 100) { edges { node { assets { authors { expertise { topic { assets { id } } } } } } } } }`;
    expect(cost(wide)).toBeGreaterThan(100 * DEFAULT_REQUEST_LIMITS.maxCost);
    // Three lists of the default page below a page of 100 already cost more than the limit.
    const three = `{ topics(first: 100) { edges { node { assets { authors { expertise { level } } } } } } }`;
    expect(cost(three)).toBeGreaterThan(DEFAULT_REQUEST_LIMITS.maxCost);
    // The costliest query the project sends itself leaves room: at most half the limit.
    expect(cost(NESTED_READ_KMGRAPH)).toBeLessThanOrEqual(DEFAULT_REQUEST_LIMITS.maxCost / 2);
  });
});

describe("every list below the root", () => {
  it("takes first (with its page's default) or limit, but the lists of ids and the few listed", () => {
    // Lists the analytics compute whole, bounded by the organisation's size, not yet paged.
    const unpaged = new Set<string>(UNPAGED_LISTS);
    const missing: string[] = [];
    const wrongDefault: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("__")) continue;
      if (type === schema.getQueryType() || type === schema.getMutationType()) continue;
      for (const field of Object.values(type.getFields())) {
        if (!isList(field.type) || !isObjectType(getNamedType(field.type))) continue;
        const coordinate = `${type.name}.${field.name}`;
        // A connection's edges are its page.
        if (type.name.endsWith("Connection") && field.name === "edges") continue;
        const first = field.args.find((arg) => arg.name === "first");
        const limit = field.args.find((arg) => arg.name === "limit");
        if (first) {
          if (first.defaultValue !== listPage(coordinate).default) wrongDefault.push(coordinate);
        } else if (!limit && !unpaged.has(coordinate)) {
          missing.push(coordinate);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(wrongDefault).toEqual([]);
  });
});

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/**
 * The nested lists without a page of their own, each bounded by the model
 * rather than by the organisation's size (docs/security.md).
 */
const UNPAGED_LISTS = [
  // The maturity model's criteria.
  "ProjectMaturity.criteria",
  "ProjectMaturity.missingForNext",
  // A reuse path's hops, at most maxTaxonomyHops + 2.
  "ReusePath.nodes",
  "ReusePath.relationships",
  // One per asset kind and lesson status.
  "KindInventory.assets",
  "KindInventory.lessons",
  // Units and goals: tens, not thousands.
  "ReviewInventory.byUnit",
  "ReviewInventory.byGoal",
  // What a write did, one entry per label or relationship type, or per proposal it wrote.
  "DeletePayload.detached",
  "ImportSummary.nodes",
  "ImportSummary.relationships",
  "InferenceSummary.proposals",
  // What one audited write changed: one count per label or relationship type.
  "AuditEntry.counts",
] as const;
