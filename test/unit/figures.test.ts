import { describe, expect, it } from "vitest";
import { keyPersonRisk } from "../../src/analytics/bottlenecks.js";
import { addFractions, compareFractions, fraction, settledSum, settleFraction } from "../../src/analytics/figures.js";
import { analyticsParams } from "../../src/analytics/params.js";
import type { TopicExperts } from "../../src/analytics/types.js";
import { byScore, scoreExpert } from "../../src/finder/score.js";
import { ExpertEvidenceKind, type ExpertEvidenceRow } from "../../src/finder/types.js";

// Figures equal in exact arithmetic tie, and the tie breaks by id (docs/analytics.md, "Equal figures tie").

describe("exact figures", () => {
  it("adds fractions exactly: 1/3 + 1/3 is 2/3", () => {
    const third = fraction(1, 3);
    expect(compareFractions(addFractions(third, third), fraction(2, 3))).toBe(0);
    expect(compareFractions(fraction(2, 3), fraction(666_666_666, 1_000_000_000))).toBeGreaterThan(0);
    expect(settleFraction(addFractions(third, third))).toBe(settleFraction(fraction(2, 3)));
  });

  it("settles a sum once, whatever the order of its terms", () => {
    expect(settledSum([0.1, 0.2])).toBe(0.3);
    expect(settledSum([0.7, 0.2, 0.1])).toBe(settledSum([0.1, 0.2, 0.7]));
  });
});

describe("key-person risk", () => {
  const topic = (id: string, demand: number, experts: string[]): TopicExperts => ({
    topic: id,
    name: id,
    demand,
    experts,
    busFactor: experts.length,
    bottleneck: false,
  });

  it("ties 1/3 + 1/3 with 2/3 and breaks the tie by id", () => {
    // p-a, p-x, p-y: 1/3 (t-1) + 1/3 (t-2); p-b, p-w, p-z: 2/3 (t-3). Settled term by term, the
    // first three came out at 0.666666666, after the others (0.666666667) whatever their ids.
    const risks = keyPersonRisk([
      topic("t-1", 1, ["p-a", "p-x", "p-y"]),
      topic("t-2", 1, ["p-a", "p-x", "p-y"]),
      topic("t-3", 2, ["p-b", "p-w", "p-z"]),
    ]);
    expect(risks.map((r) => r.person)).toEqual(["p-a", "p-b", "p-w", "p-x", "p-y", "p-z"]);
    const a = risks.find((r) => r.person === "p-a")!;
    const b = risks.find((r) => r.person === "p-b")!;
    expect(a.risk).toBe(b.risk);
    expect(a.risk).toBe(0.666666667);
    expect(a.topics.map((t) => t.share)).toEqual([0.333333333, 0.333333333]);
  });

  it("leaves out topics without demand or without an expert", () => {
    expect(keyPersonRisk([topic("t-1", 3, []), topic("t-2", 0, ["p-a"])])).toEqual([]);
  });
});

describe("expert finder score", () => {
  const params = analyticsParams({ asOf: "2025-06-01" });
  // 6 days before asOf: 0.3 × recency settled twice falls 1e-9 short of 0.6 × recency settled once.
  const date = "2025-05-26";

  it("sums the unrounded parts, so that equal scores tie and break by id", () => {
    const roleAndLesson: ExpertEvidenceRow = {
      topic: "t-water",
      person: "p-a",
      name: "A",
      evidence: [
        { kind: ExpertEvidenceKind.ROLE, id: "pr-1", topic: "t-water", hops: 0, date },
        { kind: ExpertEvidenceKind.RECORDED, id: "l-1", topic: "t-water", hops: 0, date },
      ],
    };
    const declared: ExpertEvidenceRow = {
      topic: "t-water",
      person: "p-b",
      name: "B",
      evidence: [
        {
          kind: ExpertEvidenceKind.DECLARED,
          id: "t-water",
          topic: "t-water",
          hops: 0,
          date,
          level: 3,
          source: "PEER",
          endorsements: 0,
        },
      ],
    };
    const a = scoreExpert(roleAndLesson, params)!;
    const b = scoreExpert(declared, params)!;
    // 0.3 r + 0.3 r = 0.6 r exactly.
    expect(a.score).toBe(b.score);
    expect([b, a].sort(byScore).map((m) => m.person)).toEqual(["p-a", "p-b"]);
  });
});
