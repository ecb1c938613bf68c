import { settle } from "../analytics/figures.js";
import { KnowledgeSource } from "../model/enums.js";
import { compareIds } from "../ordering.js";
import {
  type ExpertiseEvidence,
  ExpertiseEvidenceKind,
  type ExpertiseEvidenceRow,
  type ExpertiseProposal,
  type InferenceResult,
  ProposalAction,
} from "./types.js";

// The pure part of the expertise inference: evidence, levels and proposals
// from the projection of cypher/inference/evidence.cypher. Definitions in
// docs/expertise-inference.md.

export const INFERENCE_RULES = {
  /** Quality assumed for an asset without one (1–5 scale). */
  defaultQuality: 2.5,
  /** Value of a role on a project that needs the topic. */
  roleValue: 0.5,
  /** Evidence below this proposes nothing (and removes an INFERRED edge). */
  threshold: 0.5,
  /** Inference alone never goes beyond practitioner: it never makes an expert. */
  maxLevel: 3,
} as const;

/** The evidence behind a row, AUTHORED before ROLE, each by id. */
export function evidenceOf(row: ExpertiseEvidenceRow): ExpertiseEvidence[] {
  const authored = [...row.authored]
    .sort((a, b) => compareIds(a.id, b.id))
    .map((asset) => ({
      kind: ExpertiseEvidenceKind.AUTHORED,
      id: asset.id,
      value: settle((asset.quality ?? INFERENCE_RULES.defaultQuality) / 5),
    }));
  const roles = [...new Set(row.roles)]
    .sort(compareIds)
    .map((project) => ({ kind: ExpertiseEvidenceKind.ROLE, id: project, value: INFERENCE_RULES.roleValue }));
  return [...authored, ...roles];
}

/** min(3, 1 + floor(evidence)) from 0.5 on; null below. The total is settled first, so 1 + 0.2 + 0.6 + 0.2 is 2. */
export function inferredLevel(total: number): number | null {
  const evidence = settle(total);
  if (evidence < INFERENCE_RULES.threshold) return null;
  return Math.min(INFERENCE_RULES.maxLevel, 1 + Math.floor(evidence));
}

/**
 * Proposals for every (active person, topic) row: CREATE where the person has
 * no KNOWS to the topic, UPDATE or REMOVE where they have an INFERRED one, and
 * nothing where they have a declared one (SELF, PEER, MANAGER, or no source).
 */
export function proposeExpertise(rows: readonly ExpertiseEvidenceRow[], asOf: string): InferenceResult {
  const proposals: ExpertiseProposal[] = [];
  let unchanged = 0;
  for (const row of rows) {
    if (row.knows.some((edge) => edge.source !== KnowledgeSource.INFERRED)) continue;
    const evidence = evidenceOf(row);
    const total = settle(evidence.reduce((sum, item) => sum + item.value, 0));
    const level = inferredLevel(total);
    // Several INFERRED edges to one topic should not exist; the highest stands for them.
    const previousLevel = row.knows.length > 0 ? Math.max(...row.knows.map((edge) => edge.level)) : null;
    const base = { person: row.person, topic: row.topic, total, evidence };
    if (previousLevel === null) {
      if (level !== null) proposals.push({ ...base, action: ProposalAction.CREATE, level, previousLevel });
    } else if (level === null) {
      proposals.push({ ...base, action: ProposalAction.REMOVE, level, previousLevel });
    } else if (row.knows.some((edge) => edge.level !== level)) {
      proposals.push({ ...base, action: ProposalAction.UPDATE, level, previousLevel });
    } else {
      unchanged += 1;
    }
  }
  proposals.sort((a, b) => compareIds(a.person, b.person) || compareIds(a.topic, b.topic));
  const count = (action: ProposalAction) => proposals.filter((p) => p.action === action).length;
  return {
    asOf,
    proposals,
    counts: {
      create: count(ProposalAction.CREATE),
      update: count(ProposalAction.UPDATE),
      remove: count(ProposalAction.REMOVE),
      unchanged,
    },
  };
}
