import { describe, expect, it } from "vitest";
import { neo4jConfig } from "../../src/config.js";

// The configuration from the environment: a wrong value is named by the
// variable a person sets, never by an argument of a program kmgraph runs.

describe("the embedded Neo4j's configuration", () => {
  it("names the variables that set its port and data directory, for messages", () => {
    expect(neo4jConfig({ KMGRAPH_NEO4J_DATA: "/tmp/store" })).toMatchObject({
      kind: "local",
      dataDir: "/tmp/store",
      port: 7687,
      settingNames: { port: "KMGRAPH_NEO4J_PORT", dataDir: "KMGRAPH_NEO4J_DATA" },
    });
  });

  it("refuses a bad size or port with the name of its variable", () => {
    expect(() => neo4jConfig({ KMGRAPH_NEO4J_HEAP: "lots" })).toThrow(/^KMGRAPH_NEO4J_HEAP must be a size/);
    expect(() => neo4jConfig({ KMGRAPH_NEO4J_PAGECACHE: "1.5 GB" })).toThrow(/^KMGRAPH_NEO4J_PAGECACHE must be a size/);
    expect(() => neo4jConfig({ KMGRAPH_NEO4J_PORT: "70000" })).toThrow(/^KMGRAPH_NEO4J_PORT must be a port number/);
    expect(neo4jConfig({ KMGRAPH_NEO4J_HEAP: "", KMGRAPH_NEO4J_PAGECACHE: "64m" })).toMatchObject({
      heap: "1g",
      pageCache: "64m",
    });
  });
});
