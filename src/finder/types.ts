// Shapes of the expert finder (docs/expert-finder-and-search.md). Not to be
// confused with the expertise inference's evidence (src/inference/types.ts):
// there only authorship and roles count, and they propose KNOWS edges; here
// four kinds of evidence rank people on a topic.

/** What a piece of evidence that a person knows a topic is. */
export enum ExpertEvidenceKind {
  /** A KNOWS edge: the declared level, its source and endorsements. */
  DECLARED = "DECLARED",
  /** An asset the person authored covers the topic. */
  AUTHORED = "AUTHORED",
  /** A lesson the person recorded is about the topic. */
  RECORDED = "RECORDED",
  /** A project the person works or worked on needs the topic. */
  ROLE = "ROLE",
}

/** One piece of evidence, as the Cypher projection returns it. */
export interface ExpertEvidencePiece {
  kind: ExpertEvidenceKind;
  /** The topic (DECLARED), asset (AUTHORED), lesson (RECORDED) or project (ROLE). */
  id: string;
  topic: string;
  hops: number;
  date: string | null;
  level?: number;
  source?: string;
  endorsements?: number;
  quality?: number | null;
}

/** Every piece of evidence of one person on one topic. */
export interface ExpertEvidenceRow {
  topic: string;
  person: string;
  name: string;
  evidence: ExpertEvidencePiece[];
}

/**
 * A row of cypher/finder/expert-evidence as it travels: `[topic, person, name,
 * pieces]`, each piece `[kind, id, topic, hops, date, …]` followed by `level,
 * source, endorsements` (DECLARED) or `quality` (AUTHORED).
 */
export type ExpertEvidenceTuple = [
  string,
  string,
  string,
  [ExpertEvidenceKind, string, string, number, string | null, ...unknown[]][],
];

/** A piece of evidence with what it adds to the score. */
export interface ExpertEvidence {
  kind: ExpertEvidenceKind;
  id: string;
  topic: string;
  hops: number;
  value: number;
}

/** The score, part by part: declared is the best piece, the others a capped sum. */
export interface ExpertScoreParts {
  declared: number;
  authored: number;
  recorded: number;
  roles: number;
}

export interface ExpertMatch {
  person: string;
  name: string;
  /** The topic the person was ranked on. */
  topic: string;
  score: number;
  parts: ExpertScoreParts;
  /** Best declared level × decay^hops; null without a declared level. */
  level: number | null;
  availability: number;
  evidence: ExpertEvidence[];
}
