import { beforeAll, describe, expect, it } from "vitest";
import { analyticsParams } from "../../src/analytics/params.js";
import type { AppError } from "../../src/errors.js";
import { AssetKind } from "../../src/model/enums.js";
import { KnowledgeSearch } from "../../src/search/knowledge-search.js";
import { type SearchFilters, SearchKind } from "../../src/search/types.js";
import { finderOrg } from "../fixtures/finder-org.js";
import { execute, query, useGraph } from "../support/graph.js";

// Worked by hand from test/fixtures/finder-org.ts, asOf 2025-06-01. The three
// asset titles have the same length, so their full-text scores are equal and
// each kind's relevance is 1.

const graph = useGraph(finderOrg);
let search: KnowledgeSearch;
const params = analyticsParams({ asOf: "2025-06-01" });
const run = (text: string, filters: SearchFilters = {}) => search.search(text, filters, params);
const ids = (hits: readonly { id: string }[]) => hits.map((hit) => hit.id);

/** a-notes: published 2023-06-01, 731 days before asOf. */
const NOTES_RANK = 0.4 * 0.5 ** (731 / (365.25 / 12) / 24);

beforeAll(() => {
  search = new KnowledgeSearch(graph.db);
});

describe("knowledge search ranking", () => {
  it("finds quality in the volume: relevance × quality × reuse × freshness", async () => {
    const hits = await run("pump");
    expect(ids(hits)).toEqual(["a-manual", "l-1", "a-video", "a-notes"]);
    const [manual, lesson, video, notes] = hits;
    // Quality 5/5, reused by pr-1 and pr-2 (its origin is pr-old): 1 + 0.25·log2(3); reviewed on asOf.
    expect(manual).toMatchObject({ kind: "ASSET", relevance: 1, quality: 1, reuse: 2, freshness: 1 });
    expect(manual!.rank).toBeCloseTo(1 + 0.25 * Math.log2(3), 9);
    // IDENTIFIED 0.6, applied by pr-1: 1.25.
    expect(lesson).toMatchObject({ kind: "LESSON", rank: 0.75, quality: 0.6, reuse: 1, reuseFactor: 1.25 });
    // Unknown quality 0.5, no date 0.5.
    expect(video).toMatchObject({ rank: 0.25, quality: 0.5, freshness: 0.5 });
    expect(notes!.rank).toBeCloseTo(NOTES_RANK, 9);
  });

  it("searches topics and active people too", async () => {
    expect(ids(await run("stone"))).toEqual(["p-bob"]); // Dan Stone has left
    const topics = await run("pumps");
    expect(topics.map((hit) => [hit.kind, hit.id])).toEqual(
      expect.arrayContaining([
        ["TOPIC", "t-pumps"],
        ["TOPIC", "t-water"],
      ]),
    );
  });

  it("filters by kind, asset kind, topic (with narrower ones), org unit, project and dates", async () => {
    expect(ids(await run("pump", { kinds: [SearchKind.LESSON] }))).toEqual(["l-1"]);
    expect(ids(await run("pump", { assetKind: [AssetKind.GUIDE, AssetKind.VIDEO] }))).toEqual(["a-manual", "a-video"]);
    // t-pumps itself (a-notes) and t-valves below it (l-1).
    expect(ids(await run("pump", { topic: "t-pumps" }))).toEqual(["l-1", "a-notes"]);
    expect(ids(await run("pump", { orgUnit: "u-2" }))).toEqual(["a-video"]);
    expect(ids(await run("pump", { project: "pr-1" }))).toEqual(["a-manual", "l-1", "a-notes"]);
    expect(ids(await run("pump", { from: "2025-01-01" }))).toEqual(["a-manual", "l-1"]);
    expect(ids(await run("pump", { to: "2024-01-01" }))).toEqual(["a-notes"]);
  });
});

describe("user text is never Lucene syntax", () => {
  it("searches such text without errors", async () => {
    for (const text of [
      'pump (manual) AND "notes" OR title:video*',
      "pump^10 || !notes",
      "[pump TO video] {x}",
      'pump" OR "',
      "pump\\",
      "NOT pump",
      "pump~ ?",
    ]) {
      const hits = await run(text);
      expect(ids(hits), text).toContain("a-manual");
    }
  });

  it("rejects text with no word, and text too long", async () => {
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => null,
        (error: unknown) => error as AppError,
      );
    for (const text of ["", "   ", "*", "&& || !", "x".repeat(201)]) {
      expect((await failure(run(text)))?.code, JSON.stringify(text)).toBe("BAD_USER_INPUT");
    }
    expect((await failure(run("pump", { topic: "t-none" })))?.code).toBe("NOT_FOUND");
  });
});

describe("GraphQL search", () => {
  it("pages through ranked hits and resolves each hit's node", async () => {
    const first = await query(
      graph,
      `{ search(text: "pump", first: 2, asOf: "2025-06-01") { totalCount pageInfo { hasNextPage endCursor } edges { node { kind id asset { title } lesson { title } } } } }`,
    );
    expect(first.search.totalCount).toBe(4);
    expect(first.search.edges.map((e: any) => e.node)).toEqual([
      { kind: "ASSET", id: "a-manual", asset: { title: "Pump manual" }, lesson: null },
      { kind: "LESSON", id: "l-1", asset: null, lesson: { title: "Pump seals" } },
    ]);
    const next = await query(
      graph,
      `query($after: String) { search(text: "pump", first: 2, after: $after, asOf: "2025-06-01") { pageInfo { hasNextPage } edges { node { id } } } }`,
      {
        after: first.search.pageInfo.endCursor,
      },
    );
    expect(next.search.edges.map((e: any) => e.node.id)).toEqual(["a-video", "a-notes"]);
    expect(next.search.pageInfo.hasNextPage).toBe(false);
    const tooMany = await execute(graph, `{ search(text: "pump", first: 500) { totalCount } }`);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
