import { beforeAll, describe, expect, it } from "vitest";
import { settle } from "../../src/analytics/figures.js";
import { reviewCommand, reviewFormat } from "../../src/cli/review.js";
import { AppError } from "../../src/errors.js";
import { withNames } from "../../src/repositories/display-names.js";
import { CSV_COLUMNS, csvRows, renderCsv, renderJson, renderMarkdown } from "../../src/review/render.js";
import { ReviewService } from "../../src/review/review-service.js";
import type { StrategyReview } from "../../src/review/types.js";
import { reviewOrg } from "../fixtures/review-org.js";
import { parseCsv } from "../support/csv.js";
import { countRoundTrips, execute, query, resetGraph, useGraph } from "../support/graph.js";

// Every expected figure is worked out by hand from test/fixtures/review-org.ts,
// as of 2025-07-01 with the defaults (24 months, expert level 4) unless said.
// A month is 365.25 / 12 = 30.4375 days; 24 months = 730.5 days.

const AS_OF = "2025-07-01";
const months = (days: number) => settle(days / 30.4375);

const graph = useGraph(reviewOrg);
let service: ReviewService;
let review: StrategyReview;

beforeAll(async () => {
  service = new ReviewService(graph.db);
  review = await service.review({ asOf: AS_OF });
});

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as AppError,
  );

describe("inventory", () => {
  it("counts assets and lessons by topic (no roll-up), kind, unit and goal", () => {
    expect(review).toMatchObject({ asOf: AS_OF, stalenessMonths: 24, expertLevel: 4 });
    expect(review.inventory.totals).toEqual({ assets: 8, lessons: 6 });
    expect(review.inventory.byTopic).toEqual([
      { topic: "t-gis", name: "GIS", assets: 2, lessons: 1 }, // a-siting, a-map; l-gis
      { topic: "t-hygiene", name: "Hygiene", assets: 1, lessons: 1 }, // a-hygiene; l-soap
      { topic: "t-nutrition", name: "Nutrition", assets: 1, lessons: 1 }, // a-nutri; l-menu
      // t-sanitation is narrower than t-water; neither counts the other's items.
      { topic: "t-sanitation", name: "Sanitation", assets: 1, lessons: 1 }, // a-latrine; l-flush
      { topic: "t-water", name: "Water supply", assets: 3, lessons: 2 }, // a-manual, a-siting, a-data; l-flush, l-pumps
    ]);
    // Every kind and status in enum order, TRAINING with 0.
    expect(review.inventory.byKind).toEqual({
      assets: [
        { kind: "DOCUMENT", count: 1 },
        { kind: "DATASET", count: 2 },
        { kind: "TOOLKIT", count: 1 },
        { kind: "GUIDE", count: 1 },
        { kind: "CASE_STUDY", count: 1 },
        { kind: "TRAINING", count: 0 },
        { kind: "VIDEO", count: 1 },
        { kind: "OTHER", count: 1 },
      ],
      lessons: [
        { status: "IDENTIFIED", count: 4 },
        { status: "ACTIONED", count: 1 },
        { status: "LEARNED", count: 1 },
      ],
    });
    expect(review.inventory.byUnit).toEqual([
      // a-manual, a-map (pr-wells), a-siting, a-nutri (pr-old); l-gis, l-committee (pr-wells), l-flush (pr-old)
      { unit: "u-field", name: "Field operations", assets: 4, lessons: 3 },
      { unit: "u-hq", name: "Headquarters", assets: 1, lessons: 1 }, // a-latrine; l-menu (pr-schools)
      { unit: "u-idle", name: "Idle unit", assets: 0, lessons: 0 },
      // a-hygiene and a-photos have no project, a-data's pr-free has no unit; l-soap no project, l-pumps pr-free.
      { unit: null, name: null, assets: 3, lessons: 2 },
    ]);
    expect(review.inventory.byGoal).toEqual([
      // pr-wells and pr-schools: a-manual, a-map, a-latrine; l-gis, l-committee, l-menu
      { goal: "g-access", name: "Universal access to safe water", assets: 3, lessons: 3 },
      // pr-schools and pr-old (closed projects count too): a-latrine, a-siting, a-nutri; l-menu, l-flush
      { goal: "g-health", name: "Healthier schools", assets: 3, lessons: 2 },
      { goal: "g-quiet", name: "A goal nobody works on", assets: 0, lessons: 0 },
      { goal: null, name: null, assets: 3, lessons: 2 },
    ]);
  });
});

describe("stale assets", () => {
  it("lists undated assets first by id, then the oldest review first, ties by id", () => {
    expect(review.staleAssets).toEqual([
      {
        id: "a-data",
        title: "Water-point dataset | raw",
        reviewDate: null,
        ageMonths: null,
        reason: "NO_DATE",
        topics: ["t-water"],
      },
      { id: "a-photos", title: "Team photos", reviewDate: null, ageMonths: null, reason: "NO_DATE", topics: [] },
      // publishedAt 2021-05-01, never reviewed: 1461 + 31 + 30 = 1522 days ≈ 50.0 months.
      {
        id: "a-siting",
        title: 'Borehole "siting" study, 2021',
        reviewDate: "2021-05-01",
        ageMonths: months(1522),
        reason: "OUTDATED",
        topics: ["t-gis", "t-water"],
      },
      // reviewedAt 2023-06-30 (publishedAt ignored): 366 + 365 + 1 = 732 days > 730.5.
      {
        id: "a-latrine",
        title: "Latrine toolkit",
        reviewDate: "2023-06-30",
        ageMonths: months(732),
        reason: "OUTDATED",
        topics: ["t-sanitation"],
      },
      {
        id: "a-map",
        title: "GIS base map",
        reviewDate: "2023-06-30",
        ageMonths: months(732),
        reason: "OUTDATED",
        topics: ["t-gis"],
      },
    ]);
    // a-hygiene, reviewed 730 days before asOf (23.98 months), is inside the window.
    expect(months(732)).toBeCloseTo(24.049281314, 9);
  });

  it("follows stalenessMonths", async () => {
    const shorter = await service.review({ asOf: AS_OF, stalenessMonths: 12 });
    // a-hygiene (730 days) and a-manual (reviewed 2024-03-01: 365 + 122 = 487 days) join; a-nutri (167 days) does not.
    expect(shorter.staleAssets.map((a) => [a.id, a.ageMonths])).toEqual([
      ["a-data", null],
      ["a-photos", null],
      ["a-siting", months(1522)],
      ["a-latrine", months(732)],
      ["a-map", months(732)],
      ["a-hygiene", months(730)],
      ["a-manual", months(487)],
    ]);
  });
});

describe("orphaned assets", () => {
  it("lists assets whose authors have all left, and assets without an author, by id", () => {
    expect(review.orphanedAssets).toEqual([
      {
        id: "a-data",
        title: "Water-point dataset | raw",
        reason: "AUTHORS_INACTIVE",
        authors: ["p-cyd", "p-eve"],
        topics: ["t-water"],
      },
      { id: "a-hygiene", title: "Handwashing video", reason: "NO_AUTHOR", authors: [], topics: ["t-hygiene"] },
      { id: "a-photos", title: "Team photos", reason: "NO_AUTHOR", authors: [], topics: [] },
      {
        id: "a-siting",
        title: 'Borehole "siting" study, 2021',
        reason: "AUTHORS_INACTIVE",
        authors: ["p-cyd"],
        topics: ["t-gis", "t-water"],
      },
    ]);
    // a-latrine has one inactive (p-eve) and one active author (p-ben): not orphaned.
  });
});

describe("topics critical to goals with thin supply", () => {
  it("per goal, HIGH and CRITICAL needs of active projects with supply ≤ 1, thinnest then most critical first", () => {
    // Experts (active, level ≥ 4): t-water p-ana, p-dee; t-sanitation p-ben; t-nutrition p-ben; t-hygiene, t-gis none
    // (p-cyd has left; p-ana 3 on t-gis, p-dee 3 on t-hygiene; interest never counts).
    // Fresh assets (quality ≥ 3, not stale): t-water a-manual, t-hygiene a-hygiene (730 days), t-nutrition a-nutri.
    expect(review.thinSupply).toEqual([
      {
        goal: "g-access",
        name: "Universal access to safe water",
        topics: [
          // pr-schools' LOW need on t-gis does not count: only pr-wells (HIGH).
          {
            topic: "t-gis",
            name: "GIS",
            criticality: "HIGH",
            projects: ["pr-wells"],
            experts: [],
            freshAssets: [],
            supply: 0,
          },
          // CRITICAL for pr-schools, HIGH for pr-wells: the highest.
          {
            topic: "t-sanitation",
            name: "Sanitation",
            criticality: "CRITICAL",
            projects: ["pr-schools", "pr-wells"],
            experts: ["p-ben"],
            freshAssets: [],
            supply: 1,
          },
          {
            topic: "t-hygiene",
            name: "Hygiene",
            criticality: "HIGH",
            projects: ["pr-schools"],
            experts: [],
            freshAssets: ["a-hygiene"],
            supply: 1,
          },
          // t-water: p-ana + p-dee + a-manual = 3, not thin.
        ],
      },
      {
        // pr-old is CLOSED: its CRITICAL need on t-gis does not count.
        goal: "g-health",
        name: "Healthier schools",
        topics: [
          {
            topic: "t-sanitation",
            name: "Sanitation",
            criticality: "CRITICAL",
            projects: ["pr-schools"],
            experts: ["p-ben"],
            freshAssets: [],
            supply: 1,
          },
          {
            topic: "t-hygiene",
            name: "Hygiene",
            criticality: "HIGH",
            projects: ["pr-schools"],
            experts: [],
            freshAssets: ["a-hygiene"],
            supply: 1,
          },
        ],
      },
      { goal: "g-quiet", name: "A goal nobody works on", topics: [] },
    ]);
  });

  it("follows expertLevel and stalenessMonths; equal supply and weight break by id", async () => {
    // Level 5: only p-ana (t-water) is an expert. t-sanitation 0 (CRITICAL) before t-gis 0 (HIGH).
    const strict = await service.review({ asOf: AS_OF, expertLevel: 5 });
    expect(strict.thinSupply[0]!.topics.map((t) => [t.topic, t.supply])).toEqual([
      ["t-sanitation", 0],
      ["t-gis", 0],
      ["t-hygiene", 1],
    ]);
    // 12 months: a-hygiene and a-manual are stale. t-gis and t-hygiene both 0 and HIGH: by id. t-water 2, not thin.
    const shorter = await service.review({ asOf: AS_OF, stalenessMonths: 12 });
    expect(shorter.thinSupply[0]!.topics.map((t) => [t.topic, t.supply])).toEqual([
      ["t-gis", 0],
      ["t-hygiene", 0],
      ["t-sanitation", 1],
    ]);
  });
});

describe("lessons stuck at IDENTIFIED", () => {
  it("oldest first (ties by id, undated last), with the active projects other than the origin that need them", () => {
    expect(review.stuckLessons).toEqual([
      {
        id: "l-committee",
        title: "Committees collect fees",
        project: "pr-wells",
        recordedAt: "2024-07-01",
        ageDays: 365,
        topics: [],
        neededBy: [],
      },
      {
        // t-sanitation: pr-wells, pr-schools; t-water: pr-wells. pr-old is the origin (and closed).
        id: "l-flush",
        title: "Flush latrines need water",
        project: "pr-old",
        recordedAt: "2024-07-01",
        ageDays: 365,
        topics: ["t-sanitation", "t-water"],
        neededBy: ["pr-schools", "pr-wells"],
      },
      {
        // 29 + 31 days. pr-wells is its origin; pr-schools' LOW need counts; pr-old is closed.
        id: "l-gis",
        title: "Survey before drilling",
        project: "pr-wells",
        recordedAt: "2025-05-02",
        ageDays: 60,
        topics: ["t-gis"],
        neededBy: ["pr-free", "pr-schools"],
      },
      {
        id: "l-soap",
        title: "Soap stock-outs",
        project: null,
        recordedAt: null,
        ageDays: null,
        topics: ["t-hygiene"],
        neededBy: ["pr-free", "pr-schools"],
      },
    ]);
  });
});

describe("rendering", () => {
  it("Markdown: a heading and an explanation per section, tables, escaped cells, empty goals said so", () => {
    const md = renderMarkdown(review);
    expect(md.startsWith("# Strategy review of the organisation's knowledge assets\n")).toBe(true);
    for (const heading of [
      "## Summary",
      "## 1. Inventory",
      "### By topic",
      "### By kind",
      "### By org unit",
      "### By goal",
      "## 2. Stale assets",
      "## 3. Orphaned assets",
      "## 4. Critical topics with thin supply, by goal",
      "## 5. Lessons stuck at IDENTIFIED",
      "### g-access: Universal access to safe water",
      "### g-quiet: A goal nobody works on",
    ]) {
      expect(md).toContain(`\n${heading}\n`);
    }
    expect(md).toContain("As of **2025-07-01**");
    expect(md).toContain("| t-water | Water supply | 3 | 2 |");
    expect(md).toContain("| (no unit) | — | 3 | 2 |");
    expect(md).toContain("| a-data | Water-point dataset \\| raw | — | — | NO_DATE | t-water |");
    expect(md).toContain(
      '| a-siting | Borehole "siting" study, 2021 | 2021-05-01 | 50.0 | OUTDATED | t-gis, t-water |',
    );
    expect(md).toContain("| t-gis | GIS | HIGH | 0 | — | — | pr-wells |");
    expect(md).toContain("| l-soap | Soap stock-outs | — | — | — | t-hygiene | pr-free, pr-schools |");
    expect(md).toContain("### g-quiet: A goal nobody works on\n\nNo critical topic with thin supply.");
    // Every table row has as many cells as its header.
    for (const line of md.split("\n").filter((l) => l.startsWith("|"))) {
      expect(line.endsWith(" |")).toBe(true);
    }
  });

  it("CSV: one RFC 4180 document, first column section, that parses back to the same rows", () => {
    const csv = renderCsv(review);
    expect(csv.split("\r\n")[0]).toBe(CSV_COLUMNS.join(","));
    expect(csv).toContain(`,a-siting,"Borehole ""siting"" study, 2021",`);
    const parsed = parseCsv(csv);
    expect(parsed).toEqual(csvRows(review));
    expect(parsed.every((row) => row.length === CSV_COLUMNS.length)).toBe(true);

    const rows = parsed.slice(1).map((row) => Object.fromEntries(CSV_COLUMNS.map((column, i) => [column, row[i]!])));
    const section = (name: string) => rows.filter((row) => row.section === name);
    expect(section("parameter").map((r) => [r.id, r.value])).toEqual([
      ["asOf", AS_OF],
      ["stalenessMonths", "24"],
      ["expertLevel", "4"],
    ]);
    expect(section("inventory-total")).toMatchObject([{ assets: "8", lessons: "6" }]);
    expect(section("inventory-topic").map((r) => [r.id, r.assets, r.lessons])).toEqual([
      ["t-gis", "2", "1"],
      ["t-hygiene", "1", "1"],
      ["t-nutrition", "1", "1"],
      ["t-sanitation", "1", "1"],
      ["t-water", "3", "2"],
    ]);
    expect(section("inventory-asset-kind").map((r) => [r.id, r.assets])).toContainEqual(["TRAINING", "0"]);
    expect(section("inventory-lesson-status").map((r) => [r.id, r.lessons])).toEqual([
      ["IDENTIFIED", "4"],
      ["ACTIONED", "1"],
      ["LEARNED", "1"],
    ]);
    expect(section("inventory-unit").map((r) => [r.id, r.assets, r.lessons])).toEqual([
      ["u-field", "4", "3"],
      ["u-hq", "1", "1"],
      ["u-idle", "0", "0"],
      ["", "3", "2"],
    ]);
    expect(section("inventory-goal").map((r) => r.id)).toEqual(["g-access", "g-health", "g-quiet", ""]);
    expect(section("stale-asset").find((r) => r.id === "a-siting")).toMatchObject({
      name: 'Borehole "siting" study, 2021',
      date: "2021-05-01",
      age: String(months(1522)),
      reason: "OUTDATED",
      topics: "t-gis; t-water",
    });
    expect(section("orphaned-asset").map((r) => [r.id, r.reason, r.authors])).toEqual([
      ["a-data", "AUTHORS_INACTIVE", "p-cyd; p-eve"],
      ["a-hygiene", "NO_AUTHOR", ""],
      ["a-photos", "NO_AUTHOR", ""],
      ["a-siting", "AUTHORS_INACTIVE", "p-cyd"],
    ]);
    expect(section("thin-supply").map((r) => [r.goal, r.id, r.criticality, r.supply, r.projects])).toEqual([
      ["g-access", "t-gis", "HIGH", "0", "pr-wells"],
      ["g-access", "t-sanitation", "CRITICAL", "1", "pr-schools; pr-wells"],
      ["g-access", "t-hygiene", "HIGH", "1", "pr-schools"],
      ["g-health", "t-sanitation", "CRITICAL", "1", "pr-schools"],
      ["g-health", "t-hygiene", "HIGH", "1", "pr-schools"],
    ]);
    expect(section("stuck-lesson").map((r) => [r.id, r.project, r.date, r.age, r.neededBy])).toEqual([
      ["l-committee", "pr-wells", "2024-07-01", "365", ""],
      ["l-flush", "pr-old", "2024-07-01", "365", "pr-schools; pr-wells"],
      ["l-gis", "pr-wells", "2025-05-02", "60", "pr-free; pr-schools"],
      ["l-soap", "", "", "", "pr-free; pr-schools"],
    ]);
  });

  it("JSON round-trips", () => {
    expect(JSON.parse(renderJson(review))).toEqual(review);
    expect(renderJson(review)).toBe(`${JSON.stringify(review, null, 2)}\n`);
  });
});

describe("names in the review", () => {
  it("Markdown and CSV show the topics, people, projects and assets a row refers to by name", async () => {
    const md = await withNames(graph.db, (names) => renderMarkdown(review, names));
    expect(md).toContain("| a-data | Water-point dataset \\| raw | — | — | NO_DATE | Water supply |");
    expect(md).toContain("| t-gis | GIS | HIGH | 0 | — | — | Wells |");
    expect(md).toContain("| l-soap | Soap stock-outs | — | — | — | Hygiene | Free, Schools |");
    const csv = await withNames(graph.db, (names) => csvRows(review, names));
    const stuck = csv.find((row) => row[0] === "stuck-lesson" && row[2] === "l-soap")!;
    expect(stuck[CSV_COLUMNS.indexOf("topics")]).toBe("Hygiene");
    expect(stuck[CSV_COLUMNS.indexOf("neededBy")]).toBe("Free; Schools");
  });

  it("tells two entities of one list that share a name apart by id, and reads the names in one statement", async () => {
    const rename = (name: string) =>
      graph.db.write((tx) => tx.run("MATCH (p:Project {id: $id}) SET p.name = $name", { id: "pr-free", name }));
    await rename("Schools");
    try {
      const { result: md, queries } = await countRoundTrips(graph.db, () =>
        withNames(graph.db, (names) => renderMarkdown(review, names)),
      );
      expect(md).toContain(
        "| l-soap | Soap stock-outs | — | — | — | Hygiene | Schools (pr-free), Schools (pr-schools) |",
      );
      // Elsewhere the one project named Schools keeps its name alone.
      expect(md).toContain("| t-hygiene | Hygiene | HIGH | 1 | — | Handwashing video | Schools |");
      expect(queries).toHaveLength(1);
    } finally {
      await rename("Free");
    }
  });
});

describe("kmgraph review", () => {
  it("renders the format asked for, or the one of --out, Markdown by default", async () => {
    expect(JSON.parse(await reviewCommand(graph.db, { format: "json", asOf: AS_OF }))).toEqual(review);
    const csv = await withNames(graph.db, (names) => renderCsv(review, names));
    const md = await withNames(graph.db, (names) => renderMarkdown(review, names));
    expect(await reviewCommand(graph.db, { asOf: AS_OF, out: "/tmp/review.csv" })).toBe(csv);
    expect(await reviewCommand(graph.db, { format: "md", asOf: AS_OF, out: "/tmp/review.json" })).toBe(md);
    expect(await reviewCommand(graph.db, { asOf: AS_OF })).toBe(md);
    // Without names, the documents show ids.
    expect(md).not.toBe(renderMarkdown(review));
    expect(reviewFormat(undefined, "review.txt")).toBe("md");
  });

  it("rejects an unknown format and bad parameters with BAD_USER_INPUT", async () => {
    const format = await failure(reviewCommand(graph.db, { format: "xml", asOf: AS_OF }));
    expect(format).toBeInstanceOf(AppError);
    expect(format?.code).toBe("BAD_USER_INPUT");
    expect(format?.message).toMatch(/unknown review format "xml": use one of md, csv, json/);
    expect((await failure(reviewCommand(graph.db, { asOf: "2025-02-30" })))?.code).toBe("BAD_USER_INPUT");
    expect((await failure(service.review({ expertLevel: 9 })))?.code).toBe("BAD_USER_INPUT");
    expect((await failure(service.review({ stalenessMonths: 0 })))?.code).toBe("BAD_USER_INPUT");
  });
});

describe("GraphQL", () => {
  it("Query.strategyReview", async () => {
    const data = await query(
      graph,
      `query ($asOf: LocalDate) {
        strategyReview(asOf: $asOf, stalenessMonths: 24, expertLevel: 4) {
          asOf stalenessMonths expertLevel
          inventory {
            totals { assets lessons }
            byTopic { topic name assets lessons }
            byKind { assets { kind count } lessons { status count } }
            byUnit { unit name assets lessons }
            byGoal { goal name assets lessons }
          }
          staleAssets { id title reviewDate ageMonths reason topics }
          orphanedAssets { id title reason authors topics }
          thinSupply { goal name topics { topic name criticality projects experts freshAssets supply } }
          stuckLessons { id title project recordedAt ageDays topics neededBy }
        }
      }`,
      { asOf: AS_OF },
    );
    expect(data.strategyReview).toEqual(review);
  });

  it("rejects bad parameters with BAD_USER_INPUT", async () => {
    const level = await execute(graph, `{ strategyReview(expertLevel: 9) { asOf } }`);
    expect(level.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const staleness = await execute(graph, `{ strategyReview(stalenessMonths: 0) { asOf } }`);
    expect(staleness.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("an empty graph", () => {
  it("still lists every kind and status, the no-unit and no-goal rows, and nothing else", async () => {
    await resetGraph(graph.db);
    const empty = await service.review({ asOf: AS_OF });
    expect(empty.inventory).toEqual({
      totals: { assets: 0, lessons: 0 },
      byTopic: [],
      byKind: {
        assets: review.inventory.byKind.assets.map((k) => ({ kind: k.kind, count: 0 })),
        lessons: [
          { status: "IDENTIFIED", count: 0 },
          { status: "ACTIONED", count: 0 },
          { status: "LEARNED", count: 0 },
        ],
      },
      byUnit: [{ unit: null, name: null, assets: 0, lessons: 0 }],
      byGoal: [{ goal: null, name: null, assets: 0, lessons: 0 }],
    });
    expect(empty).toMatchObject({ staleAssets: [], orphanedAssets: [], thinSupply: [], stuckLessons: [] });
    expect(renderMarkdown(empty)).toContain("No stale asset.");
    expect(parseCsv(renderCsv(empty))).toEqual(csvRows(empty));
  });
});
