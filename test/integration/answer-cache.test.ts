import { describe, expect, it } from "vitest";
import { smallOrg } from "../fixtures/small-org.js";
import { countRoundTrips, query, useGraph } from "../support/graph.js";

// Organisation analytics, expert rankings and search rankings are cached per
// graph version: a second identical request reads only the version; any
// write, through the API or any other Database.write, moves the version and
// the next answer sees the change.

const graph = useGraph(smallOrg, { eachTest: true });

const OVERVIEW = `{
  organisation(asOf: "2025-06-01") {
    coverage { demandWithoutSupply }
    bottlenecks { bottlenecks { topic busFactor } }
    truckFactor { truckFactor }
    maturity { mean }
    gaps { id project }
    reuse { assetReuseRate }
  }
}`;

describe("the answer cache", () => {
  it("answers a repeated overview from the cache with one statement, the version read", async () => {
    const first = await countRoundTrips(graph.db, () => query(graph, OVERVIEW));
    const second = await countRoundTrips(graph.db, () => query(graph, OVERVIEW));
    expect(second.result).toEqual(first.result);
    expect(first.queries.length).toBeGreaterThan(3);
    expect(second.queries.map((q) => q.cypher)).toEqual([expect.stringContaining("GraphVersion")]);
  });

  it("never serves an answer older than the last write", async () => {
    const before = await query(graph, OVERVIEW);
    expect(before.organisation.bottlenecks.bottlenecks.map((b: any) => b.topic)).toContain("t-sanitation");
    // A second expert on sanitation: it is no longer a bottleneck.
    await query(
      graph,
      `mutation { linkKnows(person: "p-ben", topic: "t-sanitation", properties: { level: 5, source: PEER }) { changed } }`,
    );
    const after = await query(graph, OVERVIEW);
    expect(after.organisation.bottlenecks.bottlenecks.map((b: any) => b.topic)).not.toContain("t-sanitation");
  });

  it("sees a write made outside the API, by any Database.write", async () => {
    const before = await query(graph, OVERVIEW);
    expect(before.organisation.gaps.map((g: any) => g.project)).toContain("pr-latrines");
    const version = await graph.db.version();
    // Only active projects' gaps are the organisation's.
    await graph.db.write((tx) => tx.run("MATCH (p:Project {id: 'pr-latrines'}) SET p.status = 'CLOSED'"));
    expect(await graph.db.version()).toBe(version + 1);
    const after = await query(graph, OVERVIEW);
    expect(after.organisation.gaps.map((g: any) => g.project)).not.toContain("pr-latrines");
  });

  it("answers a repeated expert search and knowledge search from the cache, and a write changes both", async () => {
    const experts = `{ experts(topic: "t-sanitation", asOf: "2025-06-01") { person { id } score } }`;
    const search = `{ search(text: "sanitation", asOf: "2025-06-01") { totalCount edges { node { id kind } } } }`;
    // The ranking reads evidence (KNOWS) or the full-text indexes; the answer from the cache reads neither.
    const ranks = (cypher: string) => cypher.includes(":KNOWS]") || cypher.includes("db.index.fulltext");
    for (const text of [experts, search]) {
      const first = await countRoundTrips(graph.db, () => query(graph, text));
      const second = await countRoundTrips(graph.db, () => query(graph, text));
      expect(second.result).toEqual(first.result);
      expect(first.queries.some((q) => ranks(q.cypher))).toBe(true);
      expect(second.queries.some((q) => ranks(q.cypher))).toBe(false);
      expect(second.queries[0]!.cypher).toContain("GraphVersion");
    }
    const scoreOfBen = (answer: any) => answer.experts.find((match: any) => match.person.id === "p-ben")?.score ?? 0;
    const before = scoreOfBen(await query(graph, experts));
    const hitsBefore = (await query(graph, search)).search.totalCount;
    await query(
      graph,
      `mutation { linkKnows(person: "p-ben", topic: "t-sanitation", properties: { level: 5, source: PEER }) { changed } }`,
    );
    await graph.db.write((tx) =>
      tx.run(
        "CREATE (:KnowledgeAsset {id: 'a-sanitation-audit', title: 'Sanitation audit checklist', kind: 'CHECKLIST'})",
      ),
    );
    expect(scoreOfBen(await query(graph, experts))).toBeGreaterThan(before);
    expect((await query(graph, search)).search.totalCount).toBe(hitsBefore + 1);
  });
});
