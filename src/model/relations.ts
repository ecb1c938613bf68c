import { z } from "zod";
import type { Label } from "./entities.js";
import { Criticality, KnowledgeSource } from "./enums.js";
import { Allocation, Count, IsoDate, Level, Name, optional, Text } from "./values.js";

/**
 * Where a relationship appears in the interchange document: on which endpoint's
 * object (`owner`), under which field, and, for relationships with properties,
 * the key that names the other endpoint inside each entry.
 */
export interface DocumentPlacement {
  readonly owner: "from" | "to";
  readonly field: string;
  readonly ref?: string;
}

export interface RelationSpec {
  /** Unique name of the relationship in the API (`linkWorksOn`, `unlinkWorksOn`). */
  readonly key: string;
  /** Neo4j relationship type; two relations may share one (`ABOUT`). */
  readonly type: string;
  readonly from: Label;
  readonly to: Label;
  /** Argument names for the two endpoints in link and unlink mutations. */
  readonly fromArg: string;
  readonly toArg: string;
  /** The endpoint that has at most one such relationship (a person's org unit). */
  readonly single?: "from" | "to";
  readonly properties?: z.ZodObject;
  readonly defaults?: Readonly<Record<string, unknown>>;
  readonly dateProperties?: readonly string[];
  readonly integerProperties?: readonly string[];
  readonly dateRanges?: readonly (readonly [string, string])[];
  readonly document: DocumentPlacement;
  /** The relation forms a hierarchy that must stay acyclic (the topic taxonomy). */
  readonly acyclic?: boolean;
}

function relation(spec: RelationSpec): RelationSpec {
  return spec;
}

export const RELATIONS = {
  MemberOf: relation({
    key: "MemberOf",
    type: "MEMBER_OF",
    from: "Person",
    to: "OrgUnit",
    fromArg: "person",
    toArg: "orgUnit",
    single: "from",
    document: { owner: "from", field: "orgUnit" },
  }),
  OwnedBy: relation({
    key: "OwnedBy",
    type: "OWNED_BY",
    from: "Project",
    to: "OrgUnit",
    fromArg: "project",
    toArg: "orgUnit",
    single: "from",
    document: { owner: "from", field: "orgUnit" },
  }),
  WorksOn: relation({
    key: "WorksOn",
    type: "WORKS_ON",
    from: "Person",
    to: "Project",
    fromArg: "person",
    toArg: "project",
    properties: z.strictObject({
      role: optional(Name),
      allocation: optional(Allocation),
      from: optional(IsoDate),
      to: optional(IsoDate),
    }),
    dateProperties: ["from", "to"],
    dateRanges: [["from", "to"]],
    document: { owner: "to", field: "team", ref: "person" },
  }),
  Knows: relation({
    key: "Knows",
    type: "KNOWS",
    from: "Person",
    to: "Topic",
    fromArg: "person",
    toArg: "topic",
    properties: z.strictObject({
      level: Level,
      source: z.enum(KnowledgeSource),
      endorsements: Count,
      assessedAt: optional(IsoDate),
    }),
    defaults: { source: KnowledgeSource.SELF, endorsements: 0 },
    dateProperties: ["assessedAt"],
    integerProperties: ["level", "endorsements"],
    document: { owner: "from", field: "knows", ref: "topic" },
  }),
  InterestedIn: relation({
    key: "InterestedIn",
    type: "INTERESTED_IN",
    from: "Person",
    to: "Topic",
    fromArg: "person",
    toArg: "topic",
    document: { owner: "from", field: "interestedIn" },
  }),
  Needs: relation({
    key: "Needs",
    type: "NEEDS",
    from: "Project",
    to: "Topic",
    fromArg: "project",
    toArg: "topic",
    properties: z.strictObject({ level: Level, criticality: z.enum(Criticality) }),
    defaults: { criticality: Criticality.MEDIUM },
    integerProperties: ["level"],
    document: { owner: "from", field: "needs", ref: "topic" },
  }),
  Broader: relation({
    key: "Broader",
    type: "BROADER",
    from: "Topic",
    to: "Topic",
    fromArg: "topic",
    toArg: "broader",
    acyclic: true,
    document: { owner: "from", field: "broader" },
  }),
  Covers: relation({
    key: "Covers",
    type: "COVERS",
    from: "KnowledgeAsset",
    to: "Topic",
    fromArg: "asset",
    toArg: "topic",
    document: { owner: "from", field: "covers" },
  }),
  Authored: relation({
    key: "Authored",
    type: "AUTHORED",
    from: "Person",
    to: "KnowledgeAsset",
    fromArg: "person",
    toArg: "asset",
    document: { owner: "to", field: "authors" },
  }),
  ProducedBy: relation({
    key: "ProducedBy",
    type: "PRODUCED_BY",
    from: "KnowledgeAsset",
    to: "Project",
    fromArg: "asset",
    toArg: "project",
    single: "from",
    document: { owner: "from", field: "producedBy" },
  }),
  Used: relation({
    key: "Used",
    type: "USED",
    from: "Project",
    to: "KnowledgeAsset",
    fromArg: "project",
    toArg: "asset",
    properties: z.strictObject({ at: optional(IsoDate), note: optional(Text) }),
    dateProperties: ["at"],
    document: { owner: "from", field: "used", ref: "asset" },
  }),
  LearnedIn: relation({
    key: "LearnedIn",
    type: "LEARNED_IN",
    from: "Lesson",
    to: "Project",
    fromArg: "lesson",
    toArg: "project",
    single: "from",
    document: { owner: "from", field: "learnedIn" },
  }),
  LessonAbout: relation({
    key: "LessonAbout",
    type: "ABOUT",
    from: "Lesson",
    to: "Topic",
    fromArg: "lesson",
    toArg: "topic",
    document: { owner: "from", field: "about" },
  }),
  Recorded: relation({
    key: "Recorded",
    type: "RECORDED",
    from: "Person",
    to: "Lesson",
    fromArg: "person",
    toArg: "lesson",
    document: { owner: "to", field: "recordedBy" },
  }),
  Applied: relation({
    key: "Applied",
    type: "APPLIED",
    from: "Project",
    to: "Lesson",
    fromArg: "project",
    toArg: "lesson",
    properties: z.strictObject({ at: optional(IsoDate), note: optional(Text) }),
    dateProperties: ["at"],
    document: { owner: "from", field: "applied", ref: "lesson" },
  }),
  HasGap: relation({
    key: "HasGap",
    type: "HAS_GAP",
    from: "Project",
    to: "KnowledgeGap",
    fromArg: "project",
    toArg: "gap",
    single: "to",
    document: { owner: "to", field: "project" },
  }),
  GapAbout: relation({
    key: "GapAbout",
    type: "ABOUT",
    from: "KnowledgeGap",
    to: "Topic",
    fromArg: "gap",
    toArg: "topic",
    single: "from",
    document: { owner: "from", field: "topic" },
  }),
  Plans: relation({
    key: "Plans",
    type: "PLANS",
    from: "Project",
    to: "KMActivity",
    fromArg: "project",
    toArg: "activity",
    single: "to",
    document: { owner: "to", field: "project" },
  }),
  Targets: relation({
    key: "Targets",
    type: "TARGETS",
    from: "KMActivity",
    to: "KnowledgeGap",
    fromArg: "activity",
    toArg: "gap",
    document: { owner: "from", field: "targets" },
  }),
  Leads: relation({
    key: "Leads",
    type: "LEADS",
    from: "Person",
    to: "KMActivity",
    fromArg: "person",
    toArg: "activity",
    document: { owner: "to", field: "leads" },
  }),
  Supports: relation({
    key: "Supports",
    type: "SUPPORTS",
    from: "Project",
    to: "Goal",
    fromArg: "project",
    toArg: "goal",
    document: { owner: "from", field: "goals" },
  }),
} as const satisfies Record<string, RelationSpec>;

export const RELATION_LIST: readonly RelationSpec[] = Object.values(RELATIONS);

/** Which way a field walks a relationship, seen from the node it hangs on. */
export type Direction = "out" | "in";
