import { settle, settledSum } from "../analytics/figures.js";
import { type AnalyticsParams, recency } from "../analytics/params.js";
import { KnowledgeSource } from "../model/enums.js";
import { compareIds } from "../ordering.js";
import {
  type ExpertEvidence,
  ExpertEvidenceKind,
  type ExpertEvidencePiece,
  type ExpertEvidenceRow,
  type ExpertMatch,
} from "./types.js";

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

// Thousands of pieces share a few hundred dates: each date's recency is worked out once per set of parameters.
const recencies = new WeakMap<AnalyticsParams, Map<string | null, number>>();

function recencyOf(date: string | null, params: AnalyticsParams): number {
  let known = recencies.get(params);
  if (!known) {
    known = new Map();
    recencies.set(params, known);
  }
  let value = known.get(date);
  if (value === undefined) {
    value = recency(date, params);
    known.set(date, value);
  }
  return value;
}

function pieceWorth(row: ExpertEvidencePiece, params: AnalyticsParams): number {
  const time = recencyOf(row.date, params);
  switch (row.kind) {
    case ExpertEvidenceKind.DECLARED: {
      const endorsements = Math.min(row.endorsements ?? 0, MAX_ENDORSEMENTS);
      const source = SOURCE_WEIGHT[(row.source as KnowledgeSource) ?? KnowledgeSource.SELF] ?? SOURCE_WEIGHT.SELF;
      return ((row.level ?? 0) / 5) * source * (1 + endorsements / 20) * time;
    }
    case ExpertEvidenceKind.AUTHORED:
      return AUTHORED_WEIGHT * ((row.quality ?? UNKNOWN_QUALITY) / 5) * time;
    case ExpertEvidenceKind.RECORDED:
      return RECORDED_WEIGHT * time;
    case ExpertEvidenceKind.ROLE:
      return ROLE_WEIGHT * time;
  }
}

const byEvidence = (a: ExpertEvidence, b: ExpertEvidence) =>
  b.value - a.value || compareIds(a.kind, b.kind) || compareIds(a.id, b.id) || compareIds(a.topic, b.topic);

/** A person's score on one topic before the evidence list is written out (see explain) or availability known. */
export interface ScoredExpert extends Omit<ExpertMatch, "availability" | "evidence"> {
  /** The row the score comes from, to explain it once the person is among those returned. */
  readonly row: ExpertEvidenceRow;
}

/**
 * The unrounded value of one piece within reach, taxonomy decay included; null
 * beyond maxTaxonomyHops. Sums take it unrounded and are settled once (figures.ts).
 */
function pieceValue(piece: ExpertEvidencePiece, params: AnalyticsParams): number | null {
  if (piece.hops > params.maxTaxonomyHops) return null;
  return pieceWorth(piece, params) * params.taxonomyDecay ** piece.hops;
}

/** Σ of values, largest first, so the sum does not depend on the order the pieces came in. */
function total(values: number[]): number {
  return values.sort((a, b) => b - a).reduce((sum, value) => sum + value, 0);
}

/**
 * Score, parts and level of one person on one topic. Ranking needs only
 * these numbers: the sorted evidence list is written for the people returned.
 */
export function scoreExpert(row: ExpertEvidenceRow, params: AnalyticsParams): ScoredExpert | null {
  const values: Record<ExpertEvidenceKind, number[]> = { DECLARED: [], AUTHORED: [], RECORDED: [], ROLE: [] };
  let level: number | null = null;
  for (const piece of row.evidence) {
    const value = pieceValue(piece, params);
    if (value === null) continue;
    values[piece.kind].push(value);
    if (piece.kind === ExpertEvidenceKind.DECLARED) {
      const effective = settle((piece.level ?? 0) * params.taxonomyDecay ** piece.hops);
      level = level === null ? effective : Math.max(level, effective);
    }
  }
  if (Object.values(values).every((list) => list.length === 0)) return null;
  const exact = {
    declared: Math.max(0, ...values.DECLARED),
    authored: Math.min(1, total(values.AUTHORED)),
    recorded: Math.min(1, total(values.RECORDED)),
    roles: Math.min(1, total(values.ROLE)),
  };
  return {
    person: row.person,
    name: row.name,
    topic: row.topic,
    // The sum of the unrounded parts, settled once: settled parts would not add up to equal scores.
    score: settledSum(Object.values(exact)),
    parts: {
      declared: settle(exact.declared),
      authored: settle(exact.authored),
      recorded: settle(exact.recorded),
      roles: settle(exact.roles),
    },
    level,
    row,
  };
}

/** The evidence behind a score, strongest first (then kind, id, topic). */
export function explain(row: ExpertEvidenceRow, params: AnalyticsParams): ExpertEvidence[] {
  const evidence: ExpertEvidence[] = [];
  for (const piece of row.evidence) {
    const value = pieceValue(piece, params);
    if (value !== null)
      evidence.push({ kind: piece.kind, id: piece.id, topic: piece.topic, hops: piece.hops, value: settle(value) });
  }
  return evidence.sort(byEvidence);
}

/** availability = max(0, 1 − Σ allocation of the roles current at asOf). */
export function availability(load: number): number {
  return settle(Math.max(0, 1 - load));
}

/** Score descending, then person id. */
export function byScore(a: ScoredExpert, b: ScoredExpert): number {
  return b.score - a.score || compareIds(a.person, b.person);
}
