import { beforeAll, describe, expect, it } from "vitest";
import { AnalyticsService } from "../../src/analytics/analytics-service.js";
import { analyticsParams } from "../../src/analytics/params.js";
import { AppError } from "../../src/errors.js";
import { analyticsOrg } from "../fixtures/analytics-org.js";
import { countRoundTrips, execute, query, useGraph } from "../support/graph.js";

// Every expected number here is worked out by hand from test/fixtures/analytics-org.ts.
// Weights: LOW 1, MEDIUM 2, HIGH 3, CRITICAL 5. Reach of t-root (2 hops): t-root 0, t-mid 1, t-leaf 2.

const graph = useGraph(analyticsOrg);
let engine: AnalyticsService;
const A = analyticsParams({ asOf: "2025-03-01" });
const B = analyticsParams({ asOf: "2025-09-01" });

beforeAll(() => {
  engine = new AnalyticsService(graph.db);
});

describe("coverage of a project", () => {
  it("credits narrower topics at half a level per hop, counts only the current team, and breaks ties", async () => {
    const coverage = await engine.projectCoverage("pr-1", A);
    // Team on 2025-03-01: p-a (from 2025-01-01) and p-b (until 2025-06-30); p-e starts in 2026.
    expect(coverage.team).toEqual(["p-a", "p-b"]);
    const [other, root] = coverage.needs;
    // t-root L2: p-a t-mid 2×0.5 = 1 and t-leaf 4×0.25 = 1; p-b t-mid 3×0.5 = 1.5 is the team's best.
    expect(root).toMatchObject({
      topic: "t-root",
      level: 2,
      weight: 3,
      teamLevel: 1.5,
      teamSource: { person: "p-b", topic: "t-mid", hops: 1, declaredLevel: 3, level: 1.5 },
      // Outside the team: p-d t-mid 4×0.5 = 2; p-c (level 5 on t-root itself) has left.
      orgLevel: 2,
      orgSource: { person: "p-d", topic: "t-mid", hops: 1, declaredLevel: 4, level: 2 },
      assets: [{ id: "a-1", topic: "t-leaf", hops: 2, quality: 4 }],
      // l-1 is on t-deep, 3 hops down: out of reach.
      lessons: [],
      status: "REACHABLE",
    });
    expect(other).toMatchObject({
      topic: "t-other",
      level: 4,
      weight: 5,
      teamLevel: 4,
      teamSource: { person: "p-b" },
      orgLevel: 4,
      orgSource: { person: "p-e" },
      status: "COVERED",
      assets: [{ id: "a-2", topic: "t-other", hops: 0, quality: 2 }],
      lessons: [{ id: "l-2", topic: "t-other", hops: 0 }],
    });
    // COVERED weight 5 of 8; REACHABLE 3.
    expect(coverage).toMatchObject({
      totalWeight: 8,
      coveredWeight: 5,
      reachableWeight: 3,
      coverage: 5 / 8,
      reachableCoverage: 1,
    });
  });

  it("moves with asOf: a past member no longer counts for the team but does for the organisation", async () => {
    const coverage = await engine.projectCoverage("pr-1", B);
    expect(coverage.team).toEqual(["p-a"]);
    const [other, root] = coverage.needs;
    expect(root).toMatchObject({
      teamLevel: 1,
      teamSource: { person: "p-a", topic: "t-mid", hops: 1 },
      orgLevel: 2,
      status: "REACHABLE",
    });
    // p-b and p-e both at 4 on t-other: the tie goes to the smaller id.
    expect(other).toMatchObject({ teamLevel: 2, orgLevel: 4, orgSource: { person: "p-b" }, status: "REACHABLE" });
    expect(coverage.coverage).toBe(0);
    expect(coverage.reachableCoverage).toBe(1);
  });

  it("follows the taxonomy parameters: 3 hops without decay covers t-root", async () => {
    const coverage = await engine.projectCoverage(
      "pr-1",
      analyticsParams({ asOf: "2025-03-01", maxTaxonomyHops: 3, taxonomyDecay: 1 }),
    );
    expect(coverage.needs[1]).toMatchObject({
      topic: "t-root",
      teamLevel: 4,
      teamSource: { person: "p-a", topic: "t-leaf" },
      status: "COVERED",
    });
    expect(coverage.needs[1]!.lessons).toEqual([{ id: "l-1", topic: "t-deep", hops: 3 }]);
    expect(coverage.coverage).toBe(1);
  });

  it("prefers the nearer topic when two give the same level, and is null for a project without needs", async () => {
    const coverage = await engine.projectCoverage("pr-3", A);
    // p-a: t-mid 2 (0 hops) and t-leaf 4×0.5 = 2 (1 hop): the topic itself wins.
    expect(coverage.needs[0]).toMatchObject({
      teamLevel: 2,
      teamSource: { topic: "t-mid", hops: 0 },
      orgLevel: 4,
      orgSource: { person: "p-d" },
      status: "REACHABLE",
      assets: [{ id: "a-1", hops: 1 }],
      lessons: [{ id: "l-1", hops: 2 }],
    });
    expect(coverage.coverage).toBe(0);
    const empty = await engine.projectCoverage("pr-empty", A);
    expect(empty).toMatchObject({ needs: [], totalWeight: 0, coverage: null, reachableCoverage: null });
  });
});

describe("organisation coverage", () => {
  it("weighs demand from active projects only and lists the two mismatches", async () => {
    const coverage = await engine.organisationCoverage(A);
    const topic = (id: string) => coverage.topics.find((t) => t.topic === id)!;
    // pr-2 is CLOSED: its LOW need on t-other does not count.
    expect(topic("t-other")).toMatchObject({
      demand: 5,
      demandingProjects: ["pr-1"],
      experts: ["p-b", "p-e"],
      assets: ["a-2"],
      lessons: ["l-2"],
      supply: 4,
    });
    expect(topic("t-root")).toMatchObject({ demand: 3, experts: [], supply: 0 });
    expect(topic("t-mid")).toMatchObject({ demand: 2, demandingProjects: ["pr-3"], experts: ["p-d"], supply: 1 });
    expect(coverage.demandWithoutSupply).toEqual(["t-root"]);
    expect(coverage.supplyWithoutDemand).toEqual(["t-deep", "t-leaf", "t-orphan"]);
  });
});

describe("gaps", () => {
  it("explicit gaps with severity, targeting (cancelled activities ignored) and age", async () => {
    const gaps = await engine.projectGaps("pr-1", A);
    expect(gaps).toEqual([
      {
        id: "gap-1",
        source: "EXPLICIT",
        project: "pr-1",
        topic: "t-root",
        criticality: "HIGH",
        weight: 3,
        requiredLevel: 3,
        teamLevel: 1.5,
        severity: 4.5,
        status: "OPEN",
        activities: ["act-1"],
        targeted: true,
        identifiedAt: "2025-01-01",
        ageDays: 59,
      },
      {
        // No level on the gap: the need's level 4; the team has 4. Closed after 17 days.
        id: "gap-2",
        source: "EXPLICIT",
        project: "pr-1",
        topic: "t-other",
        criticality: "MEDIUM",
        weight: 2,
        requiredLevel: 4,
        teamLevel: 4,
        severity: 0,
        status: "CLOSED",
        activities: ["act-3"],
        targeted: true,
        identifiedAt: "2025-01-15",
        ageDays: 17,
      },
    ]);
  });

  it("a closed recorded gap does not hide a need that is again not covered", async () => {
    // On 2025-09-01 p-b has left pr-1's team: t-other (L4, CRITICAL) drops to p-a's 2. gap-2 on it is CLOSED.
    const gaps = await engine.projectGaps("pr-1", B);
    expect(gaps.map((gap) => [gap.id, gap.source, gap.severity])).toEqual([
      ["pr-1:t-other", "DERIVED", 10],
      ["gap-1", "EXPLICIT", 6],
      ["gap-2", "EXPLICIT", 4],
    ]);
  });

  it("derived gaps for needs not covered, and the organisation's gaps across active projects", async () => {
    expect(await engine.projectGaps("pr-3", A)).toEqual([
      {
        id: "pr-3:t-mid",
        source: "DERIVED",
        project: "pr-3",
        topic: "t-mid",
        criticality: "MEDIUM",
        weight: 2,
        requiredLevel: 3,
        teamLevel: 2,
        severity: 2,
        status: null,
        activities: [],
        targeted: false,
        identifiedAt: null,
        ageDays: null,
      },
    ]);
    const all = await engine.organisationGaps(A);
    expect(all.map((gap) => [gap.id, gap.severity])).toEqual([
      ["gap-1", 4.5],
      ["pr-3:t-mid", 2],
      ["gap-2", 0],
    ]);
  });
});

describe("maturity", () => {
  const levels = (criteria: { name: string; met: boolean }[]) =>
    Object.fromEntries(criteria.map((c) => [c.name, c.met]));

  it("reaches 5 when every criterion holds, and says nothing is missing", async () => {
    const maturity = await engine.projectMaturity("pr-1", A);
    expect(maturity.level).toBe(5);
    expect(Object.values(levels(maturity.criteria)).every(Boolean)).toBe(true);
    expect(maturity.missingForNext).toEqual([]);
  });

  it("stops at the first level with an unmet criterion, even when higher ones are met", async () => {
    // pr-3: activities in all three phases but no explicit gap while a need is not covered.
    const maturity = await engine.projectMaturity("pr-3", A);
    expect(maturity.level).toBe(2);
    expect(maturity.missingForNext.map((c) => c.name)).toEqual(["gaps targeted"]);
    expect(levels(maturity.criteria)).toMatchObject({
      "all phases": true,
      "knowledge reused": true,
      "gaps closed": true,
    });
    expect((await engine.projectMaturity("pr-2", A)).missingForNext.map((c) => c.name)).toEqual([
      "KM activity planned",
    ]);
    expect((await engine.projectMaturity("pr-empty", A)).missingForNext.map((c) => c.name)).toEqual([
      "needs identified",
      "KM activity planned",
    ]);
  });

  it("distributions for org units and the organisation", async () => {
    expect(await engine.organisationMaturity(A)).toMatchObject({ distribution: [2, 1, 0, 0, 1], mean: 2.25 });
    expect(await engine.unitMaturity("u-1", A)).toMatchObject({ distribution: [1, 0, 0, 0, 1], mean: 3 });
    expect(await engine.unitMaturity("u-2", A)).toMatchObject({ distribution: [1, 1, 0, 0, 0], mean: 1.5 });
  });
});

describe("expert bottlenecks", () => {
  it("bus factor, bottlenecks, key-person risk, load and successors", async () => {
    const result = await engine.bottlenecks(A);
    expect(result.bottlenecks.map((t) => [t.topic, t.demand, t.busFactor])).toEqual([
      ["t-root", 3, 0],
      ["t-mid", 2, 1],
    ]);
    expect(result.topics.find((t) => t.topic === "t-other")).toMatchObject({
      experts: ["p-b", "p-e"],
      busFactor: 2,
      bottleneck: false,
    });
    expect(result.keyPersonRisk.map((r) => [r.person, r.risk])).toEqual([
      ["p-b", 2.5],
      ["p-e", 2.5],
      ["p-d", 2],
    ]);
    expect(result.keyPersonRisk[2]!.topics).toEqual([{ topic: "t-mid", demand: 2, busFactor: 1, share: 2 }]);
    // p-a: 0.6 on pr-1 + 0.5 on pr-3; p-b's role on pr-2 ended in 2024; p-e starts in 2026.
    expect(result.load).toEqual([
      {
        person: "p-a",
        load: 1.1,
        overloaded: true,
        assignments: [
          { project: "pr-1", allocation: 0.6 },
          { project: "pr-3", allocation: 0.5 },
        ],
      },
      { person: "p-b", load: 0.5, overloaded: false, assignments: [{ project: "pr-1", allocation: 0.5 }] },
    ]);
    expect(result.successors).toEqual([
      {
        expert: "p-d",
        topic: "t-mid",
        demand: 2,
        candidates: [
          { person: "p-b", level: 3, sharedProjects: [] },
          { person: "p-a", level: 2, sharedProjects: ["pr-3"] },
        ],
      },
    ]);
  });

  it("truck factor of the organisation, a unit and projects", async () => {
    // D = 3 (t-root, no expert) + 5 (t-other: p-b, p-e) + 2 (t-mid: p-d) = 10; 3 uncovered from the start.
    expect(await engine.truckFactor({ kind: "organisation" }, A)).toEqual({
      scope: "organisation",
      totalDemand: 10,
      uncoveredDemand: 8,
      truckFactor: 2,
      removed: [
        { person: "p-b", coveredDemand: 5 },
        { person: "p-e", coveredDemand: 5 },
      ],
    });
    expect(await engine.truckFactor({ kind: "orgUnit", id: "u-2" }, A)).toMatchObject({
      totalDemand: 2,
      truckFactor: 1,
      removed: [{ person: "p-d" }],
    });
    expect(await engine.truckFactor({ kind: "orgUnit", id: "u-1" }, A)).toMatchObject({
      totalDemand: 8,
      truckFactor: 2,
    });
    // A closed project keeps its own needs in its own scope.
    expect(await engine.truckFactor({ kind: "project", id: "pr-2" }, A)).toMatchObject({
      totalDemand: 1,
      truckFactor: 2,
    });
    expect(await engine.truckFactor({ kind: "project", id: "pr-empty" }, A)).toEqual({
      scope: "project:pr-empty",
      totalDemand: 0,
      uncoveredDemand: 0,
      truckFactor: 0,
      removed: [],
    });
  });
});

describe("reuse paths", () => {
  it("ranks assets, lessons and experts of other projects with the factors of their score", async () => {
    const candidates = await engine.reusePaths("pr-3", { topic: "t-mid" }, 5, A);
    expect(candidates.map((c) => [c.kind, c.resource, c.project, c.hops])).toEqual([
      ["EXPERT", "p-d", "pr-2", 0], // 0.9 × 4/5 × 1 (assessed on asOf) × 1
      ["ASSET", "a-1", "pr-2", 1], // 1 × 4/5 × 1 (reviewed on asOf) × 0.5
      ["EXPERT", "p-b", "pr-1", 0], // 0.9 × 3/5 × 0.5 (no date) × 1; pr-1 before pr-2
      ["LESSON", "l-1", "pr-2", 2], // 0.8 × 0.6 (IDENTIFIED) × 0.5 × 0.25
    ]);
    expect(candidates.map((c) => c.score)).toEqual([0.72, 0.4, 0.27, 0.06].map((score) => expect.closeTo(score, 12)));
    expect(candidates[1]!.factors).toEqual({ kindWeight: 1, quality: 0.8, recency: 1, taxonomy: 0.5 });
    expect(candidates[1]!.path).toEqual({
      nodes: [
        { label: "Project", id: "pr-3", name: "Three" },
        { label: "Topic", id: "t-mid", name: "Sanitation" },
        { label: "Topic", id: "t-leaf", name: "Latrines" },
        { label: "KnowledgeAsset", id: "a-1", name: "Latrine guide" },
        { label: "Project", id: "pr-2", name: "Two" },
      ],
      relationships: [
        { type: "NEEDS", from: "pr-3", to: "t-mid" },
        { type: "BROADER", from: "t-leaf", to: "t-mid" },
        { type: "COVERS", from: "a-1", to: "t-leaf" },
        { type: "PRODUCED_BY", from: "a-1", to: "pr-2" },
      ],
    });
    // p-a is on pr-3's team: never proposed to it.
    expect(candidates.some((c) => c.resource === "p-a")).toBe(false);
    expect(await engine.reusePaths("pr-3", { topic: "t-mid" }, 2, A)).toHaveLength(2);
  });

  it("starts the path at a recorded gap and uses its required level", async () => {
    // gap-1: t-root at level 3. p-d's t-mid 4×0.5 = 2 is below 3: not an expert candidate.
    const [only, ...rest] = await engine.reusePaths("pr-1", { gap: "gap-1" }, 5, A);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ kind: "ASSET", resource: "a-1", hops: 2, score: 0.2 });
    expect(only!.path.relationships.map((r) => `${r.from}-${r.type}->${r.to}`)).toEqual([
      "pr-1-HAS_GAP->gap-1",
      "gap-1-ABOUT->t-root",
      "t-mid-BROADER->t-root",
      "t-leaf-BROADER->t-mid",
      "a-1-COVERS->t-leaf",
      "a-1-PRODUCED_BY->pr-2",
    ]);
  });
});

describe("reuse flows", () => {
  it("project and unit flows, reuse rates and lessons never reused", async () => {
    expect(await engine.reuseFlows()).toEqual({
      projectFlows: [
        { from: "pr-1", to: "pr-2", assets: 0, lessons: 1 },
        { from: "pr-1", to: "pr-3", assets: 1, lessons: 0 },
        { from: "pr-2", to: "pr-1", assets: 1, lessons: 0 },
      ],
      unitFlows: [
        { from: "u-1", to: "u-1", assets: 1, lessons: 1 },
        { from: "u-1", to: "u-2", assets: 1, lessons: 0 },
      ],
      assetReuseRate: 1,
      lessonReuseRate: 0.5,
      reusedAssets: 2,
      totalAssets: 2,
      reusedLessons: 1,
      totalLessons: 2,
    });
    expect(await engine.lessonsNeverReused({ limit: 10 })).toEqual([{ lesson: "l-1", project: "pr-2", neededBy: [] }]);
    expect(await engine.lessonsNeverReused({ limit: 10, neededOnly: true })).toEqual([]);
    expect(await engine.lessonsNeverReused({ limit: 10, after: "l-1" })).toEqual([]);
  });
});

describe("errors", () => {
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => error as AppError,
    );

  it("NOT_FOUND for unknown projects and units, BAD_USER_INPUT for bad parameters and targets", async () => {
    expect((await failure(engine.projectCoverage("pr-none", A)))?.code).toBe("NOT_FOUND");
    expect((await failure(engine.unitMaturity("u-none", A)))?.code).toBe("NOT_FOUND");
    expect((await failure(engine.reusePaths("pr-3", { topic: "t-root" }, 5, A)))?.message).toMatch(/does not need/);
    expect((await failure(engine.reusePaths("pr-3", { gap: "gap-1" }, 5, A)))?.message).toMatch(/not a gap of project/);
    expect((await failure(engine.reusePaths("pr-3", { topic: "t-mid" }, 0, A)))?.code).toBe("BAD_USER_INPUT");
    expect((await failure(engine.lessonsNeverReused({ limit: 1001 })))?.code).toBe("BAD_USER_INPUT");
    expect(() => analyticsParams({ maxTaxonomyHops: 9 })).toThrow(/maxTaxonomyHops/);
    expect(() => analyticsParams({ asOf: "2025-02-30" })).toThrow(AppError);
  });
});

describe("GraphQL", () => {
  it("hangs the analytics on project, orgUnit and organisation", async () => {
    const data = await query(
      graph,
      `{
        project(id: "pr-1") {
          coverage(asOf: "2025-03-01") { coverage needs { topic status teamSource { person } } }
          gaps(asOf: "2025-03-01") { id severity }
          maturity(asOf: "2025-03-01") { level }
          reusePaths(gap: "gap-1", asOf: "2025-03-01") { resource score path { relationships { type } } }
        }
        orgUnit(id: "u-2") { maturity(asOf: "2025-03-01") { distribution mean } truckFactor(asOf: "2025-03-01") { truckFactor } }
        organisation(asOf: "2025-03-01") {
          coverage { demandWithoutSupply }
          gaps(limit: 1) { id }
          bottlenecks { bottlenecks { topic } }
          truckFactor { truckFactor removed { person coveredDemand } }
          maturity { distribution mean }
          reuse { assetReuseRate lessonReuseRate }
        }
      }`,
    );
    expect(data.project.coverage).toEqual({
      coverage: 0.625,
      needs: [
        { topic: "t-other", status: "COVERED", teamSource: { person: "p-b" } },
        { topic: "t-root", status: "REACHABLE", teamSource: { person: "p-b" } },
      ],
    });
    expect(data.project.gaps).toEqual([
      { id: "gap-1", severity: 4.5 },
      { id: "gap-2", severity: 0 },
    ]);
    expect(data.project.maturity.level).toBe(5);
    expect(data.project.reusePaths).toEqual([
      { resource: "a-1", score: 0.2, path: { relationships: expect.any(Array) } },
    ]);
    expect(data.orgUnit).toEqual({
      maturity: { distribution: [1, 1, 0, 0, 0], mean: 1.5 },
      truckFactor: { truckFactor: 1 },
    });
    expect(data.organisation).toEqual({
      coverage: { demandWithoutSupply: ["t-root"] },
      gaps: [{ id: "gap-1" }],
      bottlenecks: { bottlenecks: [{ topic: "t-root" }, { topic: "t-mid" }] },
      truckFactor: {
        truckFactor: 2,
        removed: [
          { person: "p-b", coveredDemand: 5 },
          { person: "p-e", coveredDemand: 5 },
        ],
      },
      maturity: { distribution: [2, 1, 0, 0, 1], mean: 2.25 },
      reuse: { assetReuseRate: 1, lessonReuseRate: 0.5 },
    });
  });

  it("reads the flows between projects and units only when a query selects them", async () => {
    const flowStatements = async (text: string) => {
      const { result, queries } = await countRoundTrips(graph.db, () => query(graph, text));
      return {
        result,
        flows: queries.filter((event) => event.cypher.includes("Actual reuse between projects")).length,
      };
    };
    // An empty write moves the graph's version: nothing is answered from the organisation cache.
    await graph.db.write(async () => {});
    const rates = await flowStatements(`{ organisation { reuse { assetReuseRate } } }`);
    expect(rates).toEqual({ result: { organisation: { reuse: { assetReuseRate: 1 } } }, flows: 0 });
    const flows = await flowStatements(
      `{ organisation { reuse { projectFlows { from to assets lessons } unitFlows { from to } } } }`,
    );
    expect(flows.flows).toBe(1);
    expect(flows.result.organisation.reuse.projectFlows).toEqual([
      { from: "pr-1", to: "pr-2", assets: 0, lessons: 1 },
      { from: "pr-1", to: "pr-3", assets: 1, lessons: 0 },
      { from: "pr-2", to: "pr-1", assets: 1, lessons: 0 },
    ]);
    expect(flows.result.organisation.reuse.unitFlows).toEqual([
      { from: "u-1", to: "u-1" },
      { from: "u-1", to: "u-2" },
    ]);
  });

  it("rejects bad analytics arguments with BAD_USER_INPUT", async () => {
    const both = await execute(
      graph,
      `{ project(id: "pr-1") { reusePaths(topic: "t-root", gap: "gap-1") { resource } } }`,
    );
    expect(both.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const decay = await execute(graph, `{ organisation(taxonomyDecay: 2) { truckFactor { truckFactor } } }`);
    expect(decay.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
