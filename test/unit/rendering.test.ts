import { describe, expect, it } from "vitest";
import { defaultParams } from "../../src/analytics/params.js";
import type { OrganisationReport } from "../../src/analytics/report.js";
import { GapSource } from "../../src/analytics/types.js";
import { renderReport } from "../../src/cli/analyze.js";
import { AssetKind, Criticality, LessonStatus } from "../../src/model/enums.js";
import { NameBook } from "../../src/repositories/display-names.js";
import {
  CSV_COLUMNS,
  csvField,
  csvRows,
  renderCsv,
  renderJson,
  renderMarkdown,
  renderReview,
} from "../../src/review/render.js";
import { StaleReason, type StrategyReview } from "../../src/review/types.js";
import { parseCsv } from "../support/csv.js";

// The review and the organisation report rendered from fixed, hand-written
// inputs: what the renderers do with awkward text, empty sections and nulls,
// without computing anything from a graph.

const review: StrategyReview = {
  asOf: "2025-07-01",
  stalenessMonths: 24,
  expertLevel: 4,
  inventory: {
    totals: { assets: 2, lessons: 1 },
    byTopic: [{ topic: "t-water", name: "Water | supply", assets: 2, lessons: 1 }],
    byKind: {
      assets: Object.values(AssetKind).map((kind) => ({ kind, count: kind === AssetKind.GUIDE ? 2 : 0 })),
      lessons: Object.values(LessonStatus).map((status) => ({ status, count: status === "IDENTIFIED" ? 1 : 0 })),
    },
    byUnit: [{ unit: null, name: null, assets: 2, lessons: 1 }],
    byGoal: [
      { goal: "g-1", name: "Safe water", assets: 0, lessons: 0 },
      { goal: null, name: null, assets: 2, lessons: 1 },
    ],
  },
  staleAssets: [
    {
      id: "a-1",
      title: 'Pump "manual",\nold',
      reviewDate: null,
      ageMonths: null,
      reason: StaleReason.NO_DATE,
      topics: [],
    },
  ],
  orphanedAssets: [],
  thinSupply: [
    {
      goal: "g-1",
      name: "Safe water",
      topics: [
        {
          topic: "t-water",
          name: "Water | supply",
          criticality: Criticality.CRITICAL,
          projects: ["pr-1", "pr-2"],
          experts: [],
          freshAssets: [],
          supply: 0,
        },
      ],
    },
  ],
  stuckLessons: [
    {
      id: "l-1",
      title: "=SUM(A1:A9)",
      project: null,
      recordedAt: "2025-05-02",
      ageDays: 60,
      topics: ["t-water"],
      neededBy: ["pr-2"],
    },
  ],
};

describe("the strategy review rendered", () => {
  it("Markdown: escaped and flattened cells, a dash for nothing, empty sections said so", () => {
    const md = renderMarkdown(review);
    expect(md).toContain("As of **2025-07-01**");
    expect(md).toContain("| t-water | Water \\| supply | 2 | 1 |");
    expect(md).toContain('| a-1 | Pump "manual", old | — | — | NO_DATE | — |');
    expect(md).toContain("\n## 3. Orphaned assets\n");
    expect(md).toContain("No orphaned asset.");
    expect(md).toContain("| t-water | Water \\| supply | CRITICAL | 0 | — | — | pr-1, pr-2 |");
    for (const line of md.split("\n").filter((l) => l.startsWith("|"))) expect(line.endsWith(" |")).toBe(true);
  });

  it("CSV: one row per figure, every row as wide as the header, formulas kept as text", () => {
    const csv = renderCsv(review);
    const rows = parseCsv(csv);
    // Parsed back, the rows are csvRows but for the apostrophe before a formula.
    expect(rows).toEqual(csvRows(review).map((row) => row.map((cell) => (cell.startsWith("=") ? `'${cell}` : cell))));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.every((row) => row.length === CSV_COLUMNS.length)).toBe(true);
    const records = rows.slice(1).map((row) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, row[i]!])));
    expect(records.find((r) => r.section === "stuck-lesson")).toMatchObject({
      id: "l-1",
      name: "'=SUM(A1:A9)",
      project: "",
      age: "60",
      neededBy: "pr-2",
    });
    expect(records.find((r) => r.section === "stale-asset")).toMatchObject({ name: 'Pump "manual",\nold', date: "" });
  });

  it("renders the format asked for", () => {
    expect(renderReview(review, "md")).toBe(renderMarkdown(review));
    expect(renderReview(review, "csv")).toBe(renderCsv(review));
    expect(renderReview(review, "json")).toBe(renderJson(review));
    expect(JSON.parse(renderJson(review))).toEqual(review);
  });
});

describe("the organisation report of kmgraph analyze", () => {
  const report: OrganisationReport = {
    params: defaultParams("2025-03-01"),
    projects: [
      {
        id: "pr-1",
        name: "Wells",
        status: "ACTIVE",
        coverage: {
          project: "pr-1",
          asOf: "2025-03-01",
          team: [],
          needs: [],
          totalWeight: 0,
          coveredWeight: 0,
          reachableWeight: 0,
          coverage: null,
          reachableCoverage: null,
        },
        maturity: 1,
      },
    ],
    coverage: {
      asOf: "2025-03-01",
      topics: [
        {
          topic: "t-water",
          name: "Water",
          demand: 5,
          demandingProjects: ["pr-1"],
          experts: [],
          assets: [],
          lessons: [],
          supply: 0,
        },
      ],
      demandWithoutSupply: ["t-water"],
      supplyWithoutDemand: [],
    },
    gaps: [1, 2, 3].map((n) => ({
      id: `gap-${n}`,
      source: GapSource.EXPLICIT,
      project: "pr-1",
      topic: null,
      criticality: Criticality.HIGH,
      weight: 3,
      requiredLevel: 3,
      teamLevel: 0,
      severity: 10 - n - 1 / 3,
      status: null,
      activities: [],
      targeted: n === 1,
      identifiedAt: null,
      ageDays: null,
    })),
    bottlenecks: {
      asOf: "2025-03-01",
      topics: [],
      bottlenecks: [{ topic: "t-water", name: "Water", demand: 5, experts: [], busFactor: 0, bottleneck: true }],
      keyPersonRisk: [],
      load: [
        { person: "p-a", load: 1.25, overloaded: true, assignments: [{ project: "pr-1", allocation: 1.25 }] },
        { person: "p-b", load: 0.5, overloaded: false, assignments: [{ project: "pr-1", allocation: 0.5 }] },
      ],
      successors: [],
    },
    truckFactor: { scope: "organisation", totalDemand: 5, uncoveredDemand: 5, truckFactor: 0, removed: [] },
    maturity: { distribution: [1, 0, 0, 0, 0], mean: 1, projects: [] },
    reuse: {
      projectFlows: [],
      unitFlows: [],
      assetReuseRate: null,
      lessonReuseRate: 0.25,
      reusedAssets: 0,
      totalAssets: 0,
      reusedLessons: 1,
      totalLessons: 4,
    },
    neededLessonsNeverReused: [],
  };

  it("prints each section with its table, the top n rows, and 'none' or a dash for nothing", () => {
    const text = renderReport(report, 2, NameBook.collecting());
    expect(text.startsWith("kmgraph organisation report, as of 2025-03-01\n")).toBe(true);
    expect(text).toContain("expert level 4, taxonomy decay 0.5 over 2 hops, staleness 24 months");
    const lines = text.split("\n");
    // Numbers and empty cells right-aligned, a dash for null.
    expect(lines).toContain("pr-1     ACTIVE      0         —          —         1");
    expect(text).toContain("Top 2 gaps\n==========\n");
    expect(lines).toContain("gap-1  EXPLICIT  pr-1         —      8.67  yes                —"); // 10 − 1 − 1/3
    expect(text).not.toContain("gap-3");
    expect(lines).toContain("t-water  Water       5           0  nobody");
    expect(text).toContain("Key-person risk (top 2)\n=======================\nnone\n");
    expect(lines).toContain("p-a     1.25  pr-1");
    expect(text).not.toContain("p-b");
    expect(text).toContain("Successors for sole experts\n===========================\nnone\n");
    expect(text).toContain("Truck factor: 0\n");
    expect(text).toContain("Total demand 5; losing nobody would leave 5 of it with no expert.");
    expect(text).toContain("assets reused beyond their project: 0/0 (—)");
    expect(text).toContain("lessons applied beyond their project: 1/4 (25 %)");
    expect(text.endsWith("\n")).toBe(true);
  });
});

describe("CSV cells a spreadsheet would run", () => {
  it("keeps formulas as text and leaves numbers alone", () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField("+1 for the team")).toBe("'+1 for the team");
    expect(csvField("@admin")).toBe("'@admin");
    expect(csvField("-3")).toBe("-3");
    expect(csvField("Pump manual")).toBe("Pump manual");
  });
});
