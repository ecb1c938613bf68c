import { describe, expect, it } from "vitest";
import { evidenceOf, inferredLevel, proposeExpertise } from "../../src/inference/evidence.js";
import { ExpertiseEvidenceKind, type ExpertiseEvidenceRow, ProposalAction } from "../../src/inference/types.js";

// The rules of the expertise inference: an authored asset is worth quality / 5
// (0.5 without one), a role 0.5; level = min(3, 1 + floor(evidence)) from 0.5 on.

const AS_OF = "2025-06-01";
const { AUTHORED, ROLE } = ExpertiseEvidenceKind;
const { CREATE } = ProposalAction;

describe("the rules, without a database", () => {
  const row = (
    authored: [string, number | null][],
    roles: string[],
    knows: [number, string][] = [],
  ): ExpertiseEvidenceRow => ({
    person: "p",
    topic: "t",
    authored: authored.map(([id, quality]) => ({ id, quality })),
    roles,
    knows: knows.map(([level, source]) => ({ level, source })),
  });

  it("values evidence, applies the 0.5 threshold and caps at practitioner (3)", () => {
    expect(
      evidenceOf(
        row(
          [
            ["a-2", null],
            ["a-1", 1],
          ],
          ["pr-9", "pr-1"],
        ),
      ),
    ).toEqual([
      { kind: AUTHORED, id: "a-1", value: 0.2 },
      { kind: AUTHORED, id: "a-2", value: 0.5 },
      { kind: ROLE, id: "pr-1", value: 0.5 },
      { kind: ROLE, id: "pr-9", value: 0.5 },
    ]);
    expect([0, 0.4, 0.5, 0.99, 1, 1.9, 2, 2.5, 10].map(inferredLevel)).toEqual([null, null, 1, 1, 2, 2, 3, 3, 3]);
  });

  it("settles the sum before the floor: 1 + 0.2 + 0.6 + 0.2 is 2 (level 3), not 1.9999999999999998", () => {
    const result = proposeExpertise(
      [
        row(
          [
            ["a-1", 5],
            ["a-2", 1],
            ["a-3", 3],
            ["a-4", 1],
          ],
          [],
        ),
      ],
      AS_OF,
    );
    expect(result.proposals[0]).toMatchObject({ total: 2, level: 3, action: CREATE });
  });

  it("never proposes anything on a declared edge, whatever its source", () => {
    const rows = ["SELF", "PEER", "MANAGER"].map((source) => row([["a-1", 5]], ["pr-1"], [[1, source]]));
    expect(proposeExpertise(rows, AS_OF)).toEqual({
      asOf: AS_OF,
      proposals: [],
      counts: { create: 0, update: 0, remove: 0, unchanged: 0 },
    });
  });
});
