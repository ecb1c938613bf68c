import { inject } from "vitest";

/**
 * Where the test database is, as the integration project's global setup
 * provides it. The unit project has no global setup, so a unit test that tries
 * to reach Neo4j fails here, at once and by name.
 */
export function testDatabaseConfig() {
  const config = inject("neo4j");
  if (!config) {
    throw new Error(
      "no test database here: only test/integration/ runs with Neo4j (its global setup starts it); a unit test must not reach Neo4j",
    );
  }
  return config;
}
