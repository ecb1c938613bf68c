import { describe, expect, it } from "vitest";
import {
  bottleneckTopics,
  keyPersonRisk,
  personLoad,
  successorPlans,
  topicExperts,
} from "../../src/analytics/bottlenecks.js";
import { projectCoverage } from "../../src/analytics/coverage.js";
import { projectGaps, severity } from "../../src/analytics/gaps.js";
import { maturityDistribution, projectMaturity } from "../../src/analytics/maturity.js";
import { analyticsParams, defaultParams, recency } from "../../src/analytics/params.js";
import type { ProjectContext, TeamContext, TopicRow } from "../../src/analytics/projections.js";
import { truckFactor } from "../../src/analytics/truck-factor.js";
import { AppError } from "../../src/errors.js";
import { Criticality, GapStatus, Phase, ProjectStatus } from "../../src/model/enums.js";

// The formulas of docs/analytics.md, fed small hand-written projections (the
// shapes the Cypher of cypher/analytics returns), without a database.
// Taxonomy of these projections: t-root ← t-mid ← t-leaf (one hop each).

const params = defaultParams("2025-03-01");
const { LOW, MEDIUM, HIGH, CRITICAL } = Criticality;

/** Reach of t-root, t-mid and t-other as the projection sends it. */
const REACH = [
  { root: "t-root", topic: "t-root", hops: 0 },
  { root: "t-root", topic: "t-mid", hops: 1 },
  { root: "t-root", topic: "t-leaf", hops: 2 },
  { root: "t-mid", topic: "t-mid", hops: 0 },
  { root: "t-mid", topic: "t-leaf", hops: 1 },
  { root: "t-other", topic: "t-other", hops: 0 },
];

function teamContext(overrides: Partial<TeamContext> = {}): TeamContext {
  return {
    project: "pr-1",
    status: ProjectStatus.ACTIVE,
    team: ["p-b", "p-a"],
    needs: [],
    reach: REACH,
    teamKnowers: [],
    gaps: [],
    activities: 0,
    phases: [],
    lessonsLearned: 0,
    reusesOthers: false,
    reusedBy: [],
    ...overrides,
  };
}

function projectContext(overrides: Partial<ProjectContext> = {}): ProjectContext {
  return { ...teamContext(), otherKnowers: [], usefulAssetTopics: [], lessonTopics: [], ...overrides };
}

type Gap = TeamContext["gaps"][number];
const gap = (id: string, fields: Partial<Gap> = {}): Gap => ({
  id,
  topic: "t-root",
  criticality: MEDIUM,
  requiredLevel: 3,
  status: GapStatus.OPEN,
  identifiedAt: null,
  closedAt: null,
  activities: [],
  ...fields,
});

describe("coverage of a project", () => {
  const context = projectContext({
    needs: [
      { topic: "t-root", level: 2, criticality: CRITICAL },
      { topic: "t-mid", level: 4, criticality: HIGH },
      { topic: "t-other", level: 3, criticality: LOW },
    ],
    // p-a knows t-leaf at 5: 2 hops below t-root (5 × 0.5² = 1.25), 1 hop below t-mid (2.5).
    // p-b knows t-root itself at 2: better on t-root than p-a's 1.25 through t-leaf.
    teamKnowers: [
      { person: "p-a", topic: "t-leaf", level: 5 },
      { person: "p-b", topic: "t-root", level: 2 },
      { person: "p-a", topic: "t-mid", level: 1 },
    ],
    // p-z outside the team knows t-mid at 4: reaches t-mid's level 4 (REACHABLE), 2 on t-root.
    otherKnowers: [{ person: "p-z", topic: "t-mid", level: 4 }],
  });

  it("is COVERED by the team, REACHABLE through the organisation, else GAP; weighted by criticality", () => {
    const coverage = projectCoverage(context, params, null);
    expect(coverage.team).toEqual(["p-a", "p-b"]);
    expect(coverage.needs.map((n) => [n.topic, n.status, n.weight, n.teamLevel, n.orgLevel])).toEqual([
      ["t-mid", "REACHABLE", 3, 2.5, 4],
      ["t-other", "GAP", 1, 0, 0],
      ["t-root", "COVERED", 5, 2, 2], // p-z's t-mid 4, one hop down: 2
    ]);
    expect(coverage.needs[0]!.teamSource).toEqual({
      person: "p-a",
      topic: "t-leaf",
      hops: 1,
      declaredLevel: 5,
      level: 2.5,
    });
    expect(coverage.needs[2]!.teamSource).toMatchObject({ person: "p-b", topic: "t-root", hops: 0, level: 2 });
    // coverage = 5 / 9; reachable coverage = (5 + 3) / 9.
    expect(coverage).toMatchObject({ totalWeight: 9, coveredWeight: 5, reachableWeight: 3 });
    expect(coverage.coverage).toBeCloseTo(5 / 9, 12);
    expect(coverage.reachableCoverage).toBeCloseTo(8 / 9, 12);
  });

  it("counts taxonomy credit only within maxTaxonomyHops, and with the decay asked for", () => {
    const oneHop = projectCoverage(context, { ...params, maxTaxonomyHops: 1, taxonomyDecay: 0.8 }, null);
    const root = oneHop.needs.find((n) => n.topic === "t-root")!;
    // p-a's t-leaf is 2 hops down: out of reach. p-a's t-mid 1 × 0.8 < p-b's 2.
    expect(root.teamSource).toMatchObject({ person: "p-b", level: 2 });
    const mid = oneHop.needs.find((n) => n.topic === "t-mid")!;
    expect(mid.teamLevel).toBe(4); // 5 × 0.8
    expect(mid.status).toBe("COVERED");
  });

  it("makes a need REACHABLE through a useful asset or any lesson within reach", () => {
    const gapOnly = { needs: [{ topic: "t-mid", level: 5, criticality: MEDIUM }] };
    const byAsset = projectCoverage(projectContext({ ...gapOnly, usefulAssetTopics: ["t-leaf"] }), params, null);
    const byLesson = projectCoverage(projectContext({ ...gapOnly, lessonTopics: ["t-mid"] }), params, null);
    const outOfReach = projectCoverage(projectContext({ ...gapOnly, lessonTopics: ["t-root"] }), params, null);
    expect(byAsset.needs[0]!.status).toBe("REACHABLE");
    expect(byLesson.needs[0]!.status).toBe("REACHABLE");
    expect(outOfReach.needs[0]!.status).toBe("GAP"); // t-root is above t-mid, not below it
    expect(outOfReach).toMatchObject({ coverage: 0, reachableCoverage: 0 });
  });

  it("is null for a project without needs", () => {
    expect(projectCoverage(projectContext(), params, null)).toMatchObject({
      totalWeight: 0,
      coverage: null,
      reachableCoverage: null,
    });
  });
});

describe("gaps", () => {
  it("severity = weight × max(0, requiredLevel − teamLevel), 0 without a level, settled", () => {
    expect(severity(5, 3, 2.4)).toBe(3); // not 3.0000000000000004
    expect(severity(3, 2, 4)).toBe(0);
    expect(severity(5, null, 0)).toBe(0);
  });

  it("lists explicit gaps and derives the uncovered needs without an open gap, most severe first", () => {
    const context = teamContext({
      needs: [
        { topic: "t-root", level: 4, criticality: HIGH },
        { topic: "t-mid", level: 3, criticality: CRITICAL },
        { topic: "t-other", level: 1, criticality: LOW },
      ],
      teamKnowers: [
        { person: "p-a", topic: "t-mid", level: 2 },
        { person: "p-b", topic: "t-other", level: 1 },
      ],
      gaps: [
        // Open on t-root with no level of its own: the need's level 4; team level 2 × 0.5 = 1.
        gap("gap-1", {
          requiredLevel: null,
          criticality: MEDIUM,
          identifiedAt: "2025-01-30",
          activities: ["act-2", "act-1"],
        }),
        // Closed on t-mid: ages until it closed, and does not hide the need.
        gap("gap-2", {
          topic: "t-mid",
          criticality: LOW,
          status: GapStatus.CLOSED,
          identifiedAt: "2024-12-01",
          closedAt: "2025-01-01",
        }),
        // No topic: team level 0.
        gap("gap-3", { topic: null, criticality: LOW, requiredLevel: 2 }),
      ],
    });
    const gaps = projectGaps(context, params);
    expect(gaps.map((g) => [g.id, g.source, g.requiredLevel, g.teamLevel, g.severity])).toEqual([
      ["gap-1", "EXPLICIT", 4, 1, 6],
      ["pr-1:t-mid", "DERIVED", 3, 2, 5],
      ["gap-3", "EXPLICIT", 2, 0, 2],
      ["gap-2", "EXPLICIT", 3, 2, 1],
    ]);
    expect(gaps[0]).toMatchObject({ activities: ["act-1", "act-2"], targeted: true, ageDays: 30 });
    expect(gaps[1]).toMatchObject({ status: null, targeted: false, ageDays: null });
    expect(gaps.find((g) => g.id === "gap-2")).toMatchObject({ ageDays: 31 });
    // t-root has an open gap, t-other is covered: neither is derived.
    expect(gaps.filter((g) => g.source === "DERIVED")).toHaveLength(1);
  });
});

describe("maturity", () => {
  const level3 = teamContext({
    needs: [{ topic: "t-root", level: 1, criticality: LOW }],
    teamKnowers: [{ person: "p-a", topic: "t-root", level: 3 }],
    activities: 3,
    phases: [Phase.BEFORE, Phase.DURING, Phase.AFTER],
  });

  it("is the highest level whose criteria and those below are all met", () => {
    expect(projectMaturity(teamContext(), params).level).toBe(1);
    const three = projectMaturity(level3, params);
    expect(three.level).toBe(3);
    expect(three.criteria.map((c) => [c.level, c.met])).toEqual([
      [2, true],
      [2, true],
      [3, true],
      [3, true],
      [4, false],
      [4, false],
      [4, true],
      [5, false],
    ]);
    expect(three.missingForNext.map((c) => c.name)).toEqual(["lesson captured", "knowledge reused"]);
    const five = projectMaturity(
      { ...level3, lessonsLearned: 1, reusesOthers: true, reusedBy: ["pr-2", "pr-3"] },
      params,
    );
    expect(five).toMatchObject({ level: 5, missingForNext: [] });
    // Level 5 alone does not count while a level-4 criterion fails.
    expect(projectMaturity({ ...level3, reusesOthers: true, reusedBy: ["pr-2", "pr-3"] }, params).level).toBe(3);
  });

  it("targets 80 % of recorded gaps; with none, no derived gap; closes half of them for level 4", () => {
    const targeted = (n: number) =>
      Array.from({ length: 5 }, (_, i) => gap(`gap-${i}`, { activities: i < n ? ["act-1"] : [] }));
    const gapsTargeted = (context: TeamContext) =>
      projectMaturity(context, params).criteria.find((c) => c.name === "gaps targeted")!.met;
    expect(gapsTargeted({ ...level3, gaps: targeted(4) })).toBe(true);
    expect(gapsTargeted({ ...level3, gaps: targeted(3) })).toBe(false);
    // No recorded gap, but the need at level 4 is not covered by p-a's 3: a derived gap.
    expect(gapsTargeted({ ...level3, needs: [{ topic: "t-root", level: 4, criticality: LOW }] })).toBe(false);
    const closed = (n: number) =>
      Array.from({ length: 4 }, (_, i) => gap(`gap-${i}`, { status: i < n ? GapStatus.CLOSED : GapStatus.OPEN }));
    const gapsClosed = (context: TeamContext) =>
      projectMaturity(context, params).criteria.find((c) => c.name === "gaps closed")!.met;
    expect(gapsClosed({ ...level3, gaps: closed(2) })).toBe(true);
    expect(gapsClosed({ ...level3, gaps: closed(1) })).toBe(false);
  });

  it("distributes levels 1–5 with their mean, projects by id", () => {
    const distribution = maturityDistribution([
      projectMaturity({ ...level3, project: "pr-b" }, params),
      projectMaturity({ ...teamContext(), project: "pr-a" }, params),
    ]);
    expect(distribution.distribution).toEqual([1, 0, 1, 0, 0]);
    expect(distribution.mean).toBe(2);
    expect(distribution.projects.map((p) => p.project)).toEqual(["pr-a", "pr-b"]);
    expect(maturityDistribution([]).mean).toBeNull();
  });
});

const row = (topic: string, demand: number, experts: string[]): TopicRow => ({
  topic,
  name: topic,
  demand,
  projects: [],
  experts,
  assetCount: 0,
  lessonCount: 0,
  assets: [],
  lessons: [],
});

describe("expert bottlenecks", () => {
  const topics = topicExperts([
    row("t-a", 6, ["p-x", "p-y", "p-z"]),
    row("t-b", 5, ["p-x"]),
    row("t-c", 5, []),
    row("t-d", 0, ["p-y"]),
    row("t-e", 1, ["p-z", "p-y"]),
  ]);

  it("busFactor = |experts|; a bottleneck has demand and at most one expert, ranked by demand then id", () => {
    expect(topics.map((t) => [t.topic, t.busFactor, t.bottleneck])).toEqual([
      ["t-a", 3, false],
      ["t-b", 1, true],
      ["t-c", 0, true],
      ["t-d", 1, false],
      ["t-e", 2, false],
    ]);
    expect(bottleneckTopics(topics).map((t) => t.topic)).toEqual(["t-b", "t-c"]);
  });

  it("keyPersonRisk = Σ demand / busFactor over the topics with demand, highest first then id", () => {
    // p-x: 6/3 + 5/1 = 7; p-y: 6/3 + 1/2 = 2.5; p-z: 2.5 too, after p-y by id. t-d has no demand.
    expect(keyPersonRisk(topics).map((r) => [r.person, r.risk, r.topics.map((t) => t.share)])).toEqual([
      ["p-x", 7, [2, 5]],
      ["p-y", 2.5, [2, 0.5]],
      ["p-z", 2.5, [2, 0.5]],
    ]);
  });

  it("load = Σ allocation of current roles, settled; overloaded above 1", () => {
    const loads = personLoad([
      { person: "p-a", project: "pr-1", allocation: 0.7 },
      { person: "p-b", project: "pr-1", allocation: 0.5 },
      { person: "p-a", project: "pr-2", allocation: 0.2 },
      { person: "p-a", project: "pr-3", allocation: 0.1 },
      { person: "p-b", project: "pr-2", allocation: 0.6 },
    ]);
    expect(loads.map((l) => [l.person, l.load, l.overloaded])).toEqual([
      ["p-b", 1.1, true],
      ["p-a", 1, false], // 0.7 + 0.2 + 0.1 is 0.9999999999999999 before settling
    ]);
  });

  it("ranks successors of a single expert by level, shared projects, then id; at most 5", () => {
    const candidates = ["p-1", "p-2", "p-3", "p-4", "p-5", "p-6"].map((person, i) => ({
      topic: "t-b",
      person,
      level: i < 2 ? 3 : 2,
      sharedProjects: i === 1 || i === 4 ? ["pr-1"] : [],
    }));
    const plans = successorPlans(bottleneckTopics(topics), [
      ...candidates,
      { topic: "t-b", person: "p-x", level: 4, sharedProjects: [] },
    ]);
    // t-c has no expert to succeed.
    expect(plans.map((p) => [p.expert, p.topic, p.demand])).toEqual([["p-x", "t-b", 5]]);
    expect(plans[0]!.candidates.map((c) => c.person)).toEqual(["p-2", "p-1", "p-5", "p-3", "p-4"]);
  });
});

describe("truck factor", () => {
  it("removes the expert on the most demand still covered until more than half of it has no expert", () => {
    // D = 10. p-x covers 6 (t-a 4 alone, t-b 2 shared), p-y 2 + 3 = 5, p-z 1.
    const result = truckFactor("organisation", [
      row("t-a", 4, ["p-x"]),
      row("t-b", 2, ["p-x", "p-y"]),
      row("t-c", 3, ["p-y"]),
      row("t-d", 1, ["p-z"]),
      row("t-e", 0, ["p-w"]),
    ]);
    // Without p-x, 4 of 10 uncovered (not more than half); without p-y too, 9 of 10.
    expect(result).toEqual({
      scope: "organisation",
      totalDemand: 10,
      uncoveredDemand: 9,
      truckFactor: 2,
      removed: [
        { person: "p-x", coveredDemand: 6 },
        { person: "p-y", coveredDemand: 5 },
      ],
    });
  });

  it("goes on while exactly half has no expert", () => {
    const result = truckFactor("organisation", [row("t-a", 5, ["p-x"]), row("t-b", 5, ["p-y"])]);
    expect(result).toMatchObject({ totalDemand: 10, uncoveredDemand: 10, truckFactor: 2 });
  });

  it("is 0 when more than half has no expert to begin with, or without demand", () => {
    expect(truckFactor("u-1", [row("t-a", 3, []), row("t-b", 2, ["p-x"])])).toMatchObject({
      totalDemand: 5,
      uncoveredDemand: 3,
      truckFactor: 0,
    });
    expect(truckFactor("pr-1", [row("t-a", 0, ["p-x"])])).toMatchObject({ totalDemand: 0, truckFactor: 0 });
  });
});

describe("parameters", () => {
  it("weighs evidence 0.5^(months / stalenessMonths): half at the staleness age, 0.5 undated, 1 at most", () => {
    const p = defaultParams("2025-01-01");
    expect(recency("2023-01-01", p)).toBeCloseTo(0.5, 3); // 731 days ≈ 24.02 months
    expect(recency(null, p)).toBe(0.5);
    expect(recency("2025-06-01", p)).toBe(1);
    expect(recency("2025-01-01", { ...p, stalenessMonths: 6 })).toBe(1);
  });

  it("fills in the defaults and rejects values out of range with BAD_USER_INPUT", () => {
    expect(analyticsParams({ asOf: "2025-01-01", expertLevel: 3 })).toEqual({
      ...defaultParams("2025-01-01"),
      expertLevel: 3,
    });
    for (const bad of [{ taxonomyDecay: 0 }, { maxTaxonomyHops: 6 }, { stalenessMonths: 0 }, { asOf: "2025-02-30" }]) {
      const error = (() => {
        try {
          analyticsParams(bad);
          return null;
        } catch (e) {
          return e;
        }
      })();
      expect(error, JSON.stringify(bad)).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("BAD_USER_INPUT");
    }
  });
});
