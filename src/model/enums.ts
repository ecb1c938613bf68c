// The closed sets of the knowledge-management model (MODEL.md). One TypeScript
// enum each, so the GraphQL schema, the input validation and the interchange
// document all accept exactly the same values.

export enum ProjectStatus {
  PLANNED = "PLANNED",
  ACTIVE = "ACTIVE",
  CLOSED = "CLOSED",
}

export enum Novelty {
  ROUTINE = "ROUTINE",
  NEW = "NEW",
  INNOVATIVE = "INNOVATIVE",
}

export enum AssetKind {
  DOCUMENT = "DOCUMENT",
  DATASET = "DATASET",
  TOOLKIT = "TOOLKIT",
  GUIDE = "GUIDE",
  CASE_STUDY = "CASE_STUDY",
  TRAINING = "TRAINING",
  VIDEO = "VIDEO",
  OTHER = "OTHER",
}

export enum Outcome {
  POSITIVE = "POSITIVE",
  NEGATIVE = "NEGATIVE",
}

/** When, relative to the project, a lesson was learned or an activity happens. */
export enum Phase {
  BEFORE = "BEFORE",
  DURING = "DURING",
  AFTER = "AFTER",
}

/** A lesson is LEARNED only once something changed because of it. */
export enum LessonStatus {
  IDENTIFIED = "IDENTIFIED",
  ACTIONED = "ACTIONED",
  LEARNED = "LEARNED",
}

export enum GapStatus {
  OPEN = "OPEN",
  IN_PROGRESS = "IN_PROGRESS",
  CLOSED = "CLOSED",
}

export enum Criticality {
  LOW = "LOW",
  MEDIUM = "MEDIUM",
  HIGH = "HIGH",
  CRITICAL = "CRITICAL",
}

export enum ActivityKind {
  PEER_ASSIST = "PEER_ASSIST",
  AFTER_ACTION_REVIEW = "AFTER_ACTION_REVIEW",
  RETROSPECT = "RETROSPECT",
  EXPERT_CONSULTATION = "EXPERT_CONSULTATION",
  COMMUNITY_OF_PRACTICE = "COMMUNITY_OF_PRACTICE",
  TRAINING = "TRAINING",
  KNOWLEDGE_CAFE = "KNOWLEDGE_CAFE",
  LITERATURE_REVIEW = "LITERATURE_REVIEW",
  STORYTELLING = "STORYTELLING",
  OTHER = "OTHER",
}

export enum ActivityStatus {
  PLANNED = "PLANNED",
  DONE = "DONE",
  CANCELLED = "CANCELLED",
}

/** Where a KNOWS level comes from; INFERRED edges are proposed from evidence. */
export enum KnowledgeSource {
  SELF = "SELF",
  PEER = "PEER",
  MANAGER = "MANAGER",
  INFERRED = "INFERRED",
}

export enum SortDirection {
  ASC = "ASC",
  DESC = "DESC",
}
