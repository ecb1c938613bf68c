import { describe, expect, it } from "vitest";
import { testDatabaseConfig } from "../support/database-config.js";
import { openTestGraph } from "../support/graph.js";
import { testDatabaseEnv } from "../support/processes.js";

// The unit project has no global setup: nothing starts Neo4j or says where one
// is, and a unit test that reaches for the database fails at once, by name.

describe("a unit test has no database", () => {
  it("fails clearly when it asks for one", async () => {
    expect(() => testDatabaseConfig()).toThrow(/only test\/integration\/ runs with Neo4j/);
    await expect(openTestGraph()).rejects.toThrow(/a unit test must not reach Neo4j/);
    expect(() => testDatabaseEnv()).toThrow(/a unit test must not reach Neo4j/);
  });
});
