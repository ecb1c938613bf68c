export type EvidenceKind = "DECLARED" | "AUTHORED" | "RECORDED" | "ROLE";

/** One piece of evidence, as the Cypher projection returns it. */
export interface EvidenceRow {
  kind: EvidenceKind;
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

export interface ExpertEvidenceRow {
  topic: string;
  person: string;
  name: string;
  evidence: EvidenceRow[];
}

/**
 * A row of cypher/finder/expert-evidence as it travels: `[topic, person, name,
 * pieces]`, each piece `[kind, id, topic, hops, date, …]` followed by `level,
 * source, endorsements` (DECLARED) or `quality` (AUTHORED).
 */
export type EvidenceTuple = [
  string,
  string,
  string,
  [EvidenceKind, string, string, number, string | null, ...unknown[]][],
];

export interface Evidence {
  kind: EvidenceKind;
  id: string;
  topic: string;
  hops: number;
  value: number;
}

export interface ExpertMatch {
  person: string;
  name: string;
  /** The topic the person was ranked on. */
  topic: string;
  score: number;
  parts: { declared: number; authored: number; recorded: number; roles: number };
  /** Best declared level × decay^hops; null without a declared level. */
  level: number | null;
  availability: number;
  evidence: Evidence[];
}
