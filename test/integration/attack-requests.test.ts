import { HeaderMap } from "@apollo/server";
import { beforeAll, describe, expect, it } from "vitest";
import { LOCAL_IDENTITY } from "../../src/auth/identity.js";
import { createContext } from "../../src/context/context.js";
import { countRoundTrips, execute, useGraph } from "../support/graph.js";

// Attacks that request-limits.test.ts does not cover, refused before a single
// statement reaches Neo4j. Batches and bodies go through Apollo's HTTP entry
// point, as any web framework integration calls it.

const graph = useGraph();
// executeOperation starts the server by itself; the HTTP entry point wants it started, as an integration does.
beforeAll(() => graph.server.start());

async function overHttp(body: unknown) {
  const headers = new HeaderMap([["content-type", "application/json"]]);
  return countRoundTrips(graph.db, () =>
    graph.server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: "POST", headers, search: "", body },
      context: async () => createContext(graph.db, LOCAL_IDENTITY),
    }),
  );
}

describe("request attacks refused before any Cypher", () => {
  it("refuses a batch (a JSON array of operations)", async () => {
    const batch = Array.from({ length: 1000 }, () => ({ query: "{ topics { totalCount } }" }));
    const { result, queries } = await overHttp(batch);
    expect(result.status).toBe(400);
    expect(result.body.kind === "complete" ? result.body.string : "").toMatch(/batching/i);
    expect(queries).toEqual([]);
  });

  it("refuses multi-MB variables the operation does not declare or use (GRAPHQL_VALIDATION_FAILED)", async () => {
    const huge = "x".repeat(4 * 1024 * 1024);
    const { result, queries } = await countRoundTrips(graph.db, () =>
      execute(graph, `query Q($blob: String) { topics(first: 1) { totalCount } }`, { blob: huge }),
    );
    expect(result.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(queries).toEqual([]);
  });

  it("refuses a multi-MB string in a mutation's input (BAD_USER_INPUT) without writing", async () => {
    const { result, queries } = await countRoundTrips(graph.db, () =>
      execute(graph, `mutation M($input: CreateTopicInput!) { createTopic(input: $input) { id } }`, {
        input: { name: "t".repeat(4 * 1024 * 1024) },
      }),
    );
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(queries.filter((q) => q.mode === "WRITE")).toEqual([]);
    expect(queries).toEqual([]);
  });

  it("refuses a huge list variable of the wrong type (BAD_USER_INPUT)", async () => {
    const ids = Array.from({ length: 200_000 }, (_, i) => ({ i }));
    const { result, queries } = await countRoundTrips(graph.db, () =>
      execute(graph, `query Q($id: ID!) { topic(id: $id) { id } }`, { id: ids }),
    );
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(queries).toEqual([]);
  });
});
