import { createRequire } from "node:module";
import { defineConfig, type ViteUserConfig } from "vitest/config";

const require = createRequire(import.meta.url);

// graphql 16 ships CommonJS (index.js) and ESM (index.mjs) without an exports map.
// Node loads index.js for type-graphql and Apollo; the test transform must load
// the same file, or the schema's types come from "another module or realm".
const resolve: ViteUserConfig["resolve"] = {
  alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
};

// Three projects, by what a test needs: `npm test` runs all three, `npm run test:unit` the first.
export default defineConfig({
  test: {
    projects: [
      {
        // Pure code (analytics, compiler, validation, generator, rendering): no Java, no Neo4j, no dist/.
        // No globalSetup, so nothing provides "neo4j": openTestGraph fails at once if a unit test calls it.
        resolve,
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          // First, and alone: its failures show before the long integration run, and no unit
          // test competes for the CPU with an integration test's timeout.
          sequence: { groupOrder: 0 },
          testTimeout: 60_000,
        },
      },
      {
        // Against a real Neo4j, started once for the run by the global setup (or NEO4J_URI).
        resolve,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          sequence: { groupOrder: 1 },
          globalSetup: ["test/support/global-setup.ts"],
          // Neo4j Community has one user database: test files share it and run one after another.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        // kmgraph as an operator runs it: server and CLI processes over HTTP on loopback, each file with
        // its own Neo4j, killed, stopped and restarted on purpose. No global setup: nothing is shared.
        resolve,
        test: {
          name: "resilience",
          include: ["test/resilience/**/*.test.ts"],
          sequence: { groupOrder: 2 },
          // Processes, ports and the CPU: one file at a time.
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
