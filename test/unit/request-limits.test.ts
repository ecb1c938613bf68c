import "reflect-metadata";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { getIntrospectionQuery, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import * as benchQueries from "../../bench/src/queries.js";
import { DEFAULT_REQUEST_LIMITS, loadConfig, requestLimits } from "../../src/config.js";
import { PROJECT_ROOT } from "../../src/paths.js";
import { operationCost } from "../../src/server/query-cost.js";
import { armorProtection } from "../../src/server/request-limits.js";
import { kmgraphSchema } from "../../src/server/schema.js";

// The limits are read from the environment, and their defaults leave room for
// every query the README and the benchmark send.

describe("the request limits' configuration", () => {
  it("takes each limit from its variable, the default otherwise", () => {
    expect(requestLimits({})).toEqual(DEFAULT_REQUEST_LIMITS);
    expect(
      requestLimits({
        KMGRAPH_MAX_DEPTH: "8",
        KMGRAPH_MAX_ALIASES: "0",
        KMGRAPH_MAX_TOKENS: " 20000 ",
        KMGRAPH_MAX_DIRECTIVES: "5",
        KMGRAPH_MAX_COST: "",
      }),
    ).toEqual({
      maxDepth: 8,
      maxAliases: 0,
      maxTokens: 20000,
      maxDirectives: 5,
      maxCost: DEFAULT_REQUEST_LIMITS.maxCost,
    });
  });

  it("refuses a limit that is not a whole number, naming its variable", () => {
    expect(() => requestLimits({ KMGRAPH_MAX_DEPTH: "-1" })).toThrow(/^KMGRAPH_MAX_DEPTH must be a whole number/);
    expect(() => requestLimits({ KMGRAPH_MAX_COST: "1e5" })).toThrow(/^KMGRAPH_MAX_COST must be a whole number/);
    expect(() => requestLimits({ KMGRAPH_MAX_TOKENS: "lots" })).toThrow(/^KMGRAPH_MAX_TOKENS must be a whole number/);
  });

  it("times each Neo4j transaction of a request out after 30 s, or as KMGRAPH_NEO4J_TX_TIMEOUT_MS says", () => {
    expect(loadConfig({}).transactionTimeoutMs).toBe(30_000);
    expect(loadConfig({ KMGRAPH_NEO4J_TX_TIMEOUT_MS: "5000" }).transactionTimeoutMs).toBe(5000);
    expect(loadConfig({ KMGRAPH_NEO4J_TX_TIMEOUT_MS: "0" }).transactionTimeoutMs).toBe(0);
    expect(() => loadConfig({ KMGRAPH_NEO4J_TX_TIMEOUT_MS: "30s" })).toThrow(/^KMGRAPH_NEO4J_TX_TIMEOUT_MS must be/);
  });

  it("turns introspection off in production unless KMGRAPH_INTROSPECTION=true", () => {
    expect(loadConfig({}).introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: "development" }).introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: "production" }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", KMGRAPH_INTROSPECTION: "true" }).introspection).toBe(true);
    expect(loadConfig({ KMGRAPH_INTROSPECTION: "false" }).introspection).toBe(false);
  });
});

describe("the default limits", () => {
  const readmeQueries = [
    ...readFileSync(join(PROJECT_ROOT, "README.md"), "utf8").matchAll(/```graphql\n([\s\S]*?)```/g),
  ].map((match) => match[1] ?? "");
  // The other API the benchmark compares with has its own schema.
  const { NESTED_READ_NEO4J_GRAPHQL: _other, ...ours } = benchQueries;
  const benchmarkQueries: string[] = Object.values(ours).flatMap((value) => (typeof value === "string" ? [value] : []));

  it("accept every README and benchmark query, and the standard introspection query", async () => {
    expect(readmeQueries.length).toBeGreaterThanOrEqual(5);
    expect(benchmarkQueries.length).toBeGreaterThanOrEqual(7);
    const schema = await kmgraphSchema();
    const { validationRules } = armorProtection(DEFAULT_REQUEST_LIMITS, true);
    for (const text of [...readmeQueries, ...benchmarkQueries, getIntrospectionQuery()]) {
      const document = parse(text, { maxTokens: DEFAULT_REQUEST_LIMITS.maxTokens });
      expect(validate(schema, document, validationRules).map((error) => error.message)).toEqual([]);
      // With room to spare: each costs at most half the limit.
      expect(operationCost(schema, document)).toBeLessThanOrEqual(DEFAULT_REQUEST_LIMITS.maxCost / 2);
    }
  });
});
