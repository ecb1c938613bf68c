import { describe, expect, it } from "vitest";
import { smallOrg } from "../fixtures/small-org.js";
import { countRoundTrips, execute, importDocument, query, resetGraph, useGraph } from "../support/graph.js";

// The bound of the API: a query that walks d levels of relationships makes
// at most d + 1 statements to Neo4j, whatever the size of the lists.

// Every test imports its own organisation.
const graph = useGraph();

/** The small organisation plus `extra` more projects with teams and needs, to make lists long. */
function largerOrg(extra: number) {
  const document = smallOrg();
  for (let i = 0; i < extra; i += 1) {
    document.projects.push({
      id: `pr-extra-${i}`,
      name: `Extra project ${i}`,
      status: "ACTIVE",
      novelty: "ROUTINE",
      orgUnit: "u-wash",
      startDate: "2025-01-01",
      endDate: "2026-01-01",
      goals: ["goal-access"],
      needs: [
        { topic: "t-water", level: 2, criticality: "LOW" },
        { topic: "t-latrines", level: 3, criticality: "HIGH" },
      ],
      team: [
        { person: "p-ana", role: "adviser", allocation: 0.01, from: "2025-01-01", to: null },
        { person: "p-ben", role: "engineer", allocation: 0.01, from: "2025-01-01", to: null },
      ],
    } as (typeof document.projects)[number]);
  }
  return document;
}

async function roundTrips(text: string): Promise<number> {
  const { queries } = await countRoundTrips(graph.db, () => query(graph, text));
  return queries.length;
}

// Pages of 20 below the root keep it under the default cost limit (docs/security.md).
const DEPTH_4 = `{
  projects(first: 100) {
    edges { node {
      id
      team(first: 20) { role person {
        id
        expertise(first: 20) { level topic {
          id
          neededBy(first: 20) { level project { id name } }
        } }
      } }
    } }
  }
}`;

const WIDE_DEPTH_2 = `{
  projects(first: 100) {
    totalCount
    edges { node {
      id orgUnit { id } goals { id } needs { topic { id } } team { person { id } }
      used { asset { id } } applied { lesson { id } } producedAssets { id } lessons { id }
      knowledgeGaps { id } activities { id }
    } }
  }
  people(first: 100) { edges { node { id orgUnit { id } expertise { topic { id } } interests { id } } } }
  topics(first: 100) { edges { node { id broader { id } narrower { id } experts(minLevel: 1) { person { id } } } } }
}`;

describe("Bolt round trips per query", () => {
  it("stays at depth + 1 for a 4-level query, on a small and on a 20× larger graph", async () => {
    for (const extra of [0, 60]) {
      await resetGraph(graph.db);
      await importDocument(graph.db, largerOrg(extra));
      const data = await query(graph, DEPTH_4);
      expect(data.projects.edges).toHaveLength(3 + extra);
      expect(await roundTrips(DEPTH_4)).toBeLessThanOrEqual(5);
    }
  });

  it("makes one statement per level however many fields a level selects", async () => {
    await resetGraph(graph.db);
    await importDocument(graph.db, largerOrg(30));
    // Root lists are level 1; their relationship fields level 2; nodes inside them add no level.
    expect(await roundTrips(WIDE_DEPTH_2)).toBeLessThanOrEqual(3);
    expect(await roundTrips(`{ project(id: "pr-latrines") { id name } }`)).toBe(1);
  });

  it("reads a project's analytics context alongside the project, not after it", async () => {
    await resetGraph(graph.db);
    await importDocument(graph.db, largerOrg(0));
    const spans: { cypher: string; start: number; end: number }[] = [];
    const stop = graph.db.observe((event) => {
      const end = performance.now();
      spans.push({ cypher: event.cypher, start: end - event.durationMs, end });
    });
    try {
      const data = await query(
        graph,
        `{
        project(id: "pr-latrines") {
          name team { person { name } }
          coverage(asOf: "2025-06-01") { coverage }
          gaps(asOf: "2025-06-01") { id }
          maturity(asOf: "2025-06-01") { level }
        }
      }`,
      );
      expect(data.project.coverage.coverage).toEqual(expect.any(Number));
    } finally {
      stop();
    }
    // Coverage, gaps and maturity share one context read; it starts before the project's read ends.
    expect(spans).toHaveLength(2);
    const context = spans.find((span) =>
      span.cypher.includes("the coverage, gaps and maturity of a project depend on"),
    )!;
    const project = spans.find((span) => span !== context)!;
    expect(context.start).toBeLessThan(project.end);
  });

  it("leaves a missing project and bad analytics parameters to the fields that read them", async () => {
    const missing = await execute(graph, `{ project(id: "pr-none") { coverage { coverage } } }`);
    expect(missing).toEqual({ data: { project: null } });
    const bad = await execute(
      graph,
      `{ project(id: "pr-latrines") { name coverage(maxTaxonomyHops: 9) { coverage } } }`,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(bad.errors?.[0]?.path).toEqual(["project", "coverage"]);
  });

  it("returns the same data as asking each project on its own", async () => {
    const all = await query(
      graph,
      `{ projects(first: 100) { edges { node { id needs { level topic { id } } team { person { id } } } } } }`,
    );
    for (const edge of all.projects.edges.slice(0, 5)) {
      const one = await query(
        graph,
        `query($id: ID!) { project(id: $id) { id needs { level topic { id } } team { person { id } } } }`,
        {
          id: edge.node.id,
        },
      );
      expect(one.project).toEqual(edge.node);
    }
  });
});
