// Shapes of the expertise inference (docs/expertise-inference.md). Not to be
// confused with the expert finder's evidence (src/finder/types.ts): here only
// authorship and roles count, and they propose INFERRED KNOWS edges.

/** Where a piece of evidence of expertise comes from. */
export enum ExpertiseEvidenceKind {
  /** The person authored an asset that covers the topic. */
  AUTHORED = "AUTHORED",
  /** The person has (or had) a role on a project that needs the topic. */
  ROLE = "ROLE",
}

/** What applying a proposal does to the person's INFERRED edge. */
export enum ProposalAction {
  CREATE = "CREATE",
  UPDATE = "UPDATE",
  REMOVE = "REMOVE",
}

/** One piece of evidence: the asset (AUTHORED) or project (ROLE) and what it is worth. */
export interface ExpertiseEvidence {
  readonly kind: ExpertiseEvidenceKind;
  readonly id: string;
  readonly value: number;
}

export interface ExpertiseProposal {
  readonly person: string;
  readonly topic: string;
  readonly action: ProposalAction;
  /** The level to write; null for REMOVE. */
  readonly level: number | null;
  /** The level of the existing INFERRED edge; null for CREATE. */
  readonly previousLevel: number | null;
  /** evidence(p, T): the sum of the values below. */
  readonly total: number;
  /** AUTHORED before ROLE, each by id. */
  readonly evidence: readonly ExpertiseEvidence[];
}

export interface ProposalCounts {
  readonly create: number;
  readonly update: number;
  readonly remove: number;
  /** INFERRED edges the evidence confirms at their level: nothing to do, not listed. */
  readonly unchanged: number;
}

export interface InferenceResult {
  readonly asOf: string;
  /** Only CREATE, UPDATE and REMOVE, by person id then topic id. */
  readonly proposals: readonly ExpertiseProposal[];
  readonly counts: ProposalCounts;
}

export interface AppliedCounts {
  readonly created: number;
  readonly updated: number;
  readonly removed: number;
  /** Proposals not written because the graph changed meanwhile (a declared edge appeared, the person left…). */
  readonly skipped: number;
}

export type AppliedInference = InferenceResult & { readonly applied: AppliedCounts };

/** An applied inference told in one flat record: what it was based on, what it wrote, what it left alone. */
export interface InferenceSummary extends AppliedCounts {
  readonly asOf: string;
  readonly proposals: readonly ExpertiseProposal[];
  readonly unchanged: number;
}

/** One row of cypher/inference/evidence.cypher: an active person and a topic. */
export interface ExpertiseEvidenceRow {
  readonly person: string;
  readonly topic: string;
  /** Assets the person authored that cover the topic, by id. */
  readonly authored: readonly { readonly id: string; readonly quality: number | null }[];
  /** Projects the person has a WORKS_ON to that need the topic, by id. */
  readonly roles: readonly string[];
  /** Every KNOWS edge of the person to the topic. */
  readonly knows: readonly { readonly level: number; readonly source: string | null }[];
}
