import { KnowledgeSource } from "../model/enums.js";
import { recency, settle, type AnalyticsParams } from "../analytics/params.js";
import type { Evidence, EvidenceRow, ExpertEvidenceRow, ExpertMatch } from "./types.js";
import { compareIds } from "../ordering.js";

// The evidence score of the expert finder (docs/expert-finder-and-search.md).

export const SOURCE_WEIGHT: Readonly<Record<KnowledgeSource, number>> = {
  [KnowledgeSource.PEER]: 1,
  [KnowledgeSource.MANAGER]: 1,
  [KnowledgeSource.SELF]: 0.8,
  [KnowledgeSource.INFERRED]: 0.5,
};
const AUTHORED_WEIGHT = 0.5;
const RECORDED_WEIGHT = 0.3;
const ROLE_WEIGHT = 0.3;
const MAX_ENDORSEMENTS = 10;
const UNKNOWN_QUALITY = 2.5;

function valueOf(row: EvidenceRow, params: AnalyticsParams): number {
  const time = recency(row.date, params);
  switch (row.kind) {
    case "DECLARED": {
      const endorsements = Math.min(row.endorsements ?? 0, MAX_ENDORSEMENTS);
      const source = SOURCE_WEIGHT[(row.source as KnowledgeSource) ?? KnowledgeSource.SELF] ?? SOURCE_WEIGHT.SELF;
      return ((row.level ?? 0) / 5) * source * (1 + endorsements / 20) * time;
    }
    case "AUTHORED":
      return AUTHORED_WEIGHT * ((row.quality ?? UNKNOWN_QUALITY) / 5) * time;
    case "RECORDED":
      return RECORDED_WEIGHT * time;
    case "ROLE":
      return ROLE_WEIGHT * time;
  }
}

const byEvidence = (a: Evidence, b: Evidence) =>
  b.value - a.value || compareIds(a.kind, b.kind) || compareIds(a.id, b.id) || compareIds(a.topic, b.topic);

/** A match before its availability is known: the ranking does not depend on it. */
export type ScoredExpert = Omit<ExpertMatch, "availability">;

/** Score, parts and level of one person on one topic. */
export function scoreExpert(row: ExpertEvidenceRow, params: AnalyticsParams): ScoredExpert | null {
  const evidence: Evidence[] = row.evidence
    .filter((piece) => piece.hops <= params.maxTaxonomyHops)
    .map((piece) => ({
      kind: piece.kind,
      id: piece.id,
      topic: piece.topic,
      hops: piece.hops,
      value: settle(valueOf(piece, params) * params.taxonomyDecay ** piece.hops),
    }))
    .sort(byEvidence);
  if (evidence.length === 0) return null;
  const sum = (kind: Evidence["kind"]) => evidence.filter((e) => e.kind === kind).reduce((total, e) => total + e.value, 0);
  const declared = Math.max(0, ...evidence.filter((e) => e.kind === "DECLARED").map((e) => e.value));
  const parts = {
    declared: settle(declared),
    authored: settle(Math.min(1, sum("AUTHORED"))),
    recorded: settle(Math.min(1, sum("RECORDED"))),
    roles: settle(Math.min(1, sum("ROLE"))),
  };
  const levels = row.evidence
    .filter((piece) => piece.kind === "DECLARED" && piece.hops <= params.maxTaxonomyHops)
    .map((piece) => settle((piece.level ?? 0) * params.taxonomyDecay ** piece.hops));
  return {
    person: row.person,
    name: row.name,
    topic: row.topic,
    score: settle(parts.declared + parts.authored + parts.recorded + parts.roles),
    parts,
    level: levels.length > 0 ? Math.max(...levels) : null,
    evidence,
  };
}

/** availability = max(0, 1 − Σ allocation of the roles current at asOf). */
export function availability(load: number): number {
  return settle(Math.max(0, 1 - load));
}

/** Score descending, then person id. */
export function byScore(a: ScoredExpert, b: ScoredExpert): number {
  return b.score - a.score || compareIds(a.person, b.person);
}
