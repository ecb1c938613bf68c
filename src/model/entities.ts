import { z } from "zod";
import {
  ActivityKind,
  ActivityStatus,
  AssetKind,
  Criticality,
  GapStatus,
  LessonStatus,
  Novelty,
  Outcome,
  Phase,
  ProjectStatus,
} from "./enums.js";
import { Email, IsoDate, Level, Name, optional, Quality, Text, Url } from "./values.js";

/**
 * The node labels of the graph. Cypher text only ever names a label taken from
 * this list, never one that came from a request.
 */
export const LABELS = [
  "OrgUnit",
  "Goal",
  "Topic",
  "Person",
  "Project",
  "KnowledgeAsset",
  "Lesson",
  "KnowledgeGap",
  "KMActivity",
] as const;
export type Label = (typeof LABELS)[number];

export interface EntitySpec {
  readonly label: Label;
  /** Key of the entity's list in the interchange document. */
  readonly collection: string;
  /** Properties other than `id`, `createdAt` and `updatedAt`. */
  readonly properties: z.ZodObject;
  /** Values a created node gets for properties the client left out. */
  readonly defaults: Readonly<Record<string, unknown>>;
  /** Properties stored as Neo4j `Date` values. */
  readonly dateProperties: readonly string[];
  /** Properties stored as Neo4j integers (JavaScript numbers would be stored as floats). */
  readonly integerProperties?: readonly string[];
  /** Pairs [start, end] where end must not be before start. */
  readonly dateRanges?: readonly (readonly [string, string])[];
  /** Properties no two nodes of the label share, besides `id` (cypher/migrations/0001-constraints.cypher). */
  readonly unique?: readonly string[];
  /**
   * For each unique property, the internal property holding its comparison
   * form (validation.ts `uniqueKey`), kept unique by a constraint
   * (cypher/migrations/0005-case-insensitive-keys.cypher). Never part of the
   * API or of an export.
   */
  readonly keyProperties?: Readonly<Record<string, string>>;
}

function entity(spec: EntitySpec): EntitySpec {
  return spec;
}

export const ENTITIES = {
  OrgUnit: entity({
    label: "OrgUnit",
    collection: "orgUnits",
    properties: z.strictObject({ name: Name }),
    defaults: {},
    dateProperties: [],
  }),
  Goal: entity({
    label: "Goal",
    collection: "goals",
    properties: z.strictObject({ name: Name }),
    defaults: {},
    dateProperties: [],
  }),
  Topic: entity({
    label: "Topic",
    collection: "topics",
    properties: z.strictObject({ name: Name, description: optional(Text) }),
    defaults: {},
    dateProperties: [],
    unique: ["name"],
    keyProperties: { name: "nameKey" },
  }),
  Person: entity({
    label: "Person",
    collection: "people",
    properties: z.strictObject({
      name: Name,
      email: optional(Email),
      title: optional(Name),
      active: z.boolean(),
    }),
    defaults: { active: true },
    dateProperties: [],
    unique: ["email"],
    keyProperties: { email: "emailKey" },
  }),
  Project: entity({
    label: "Project",
    collection: "projects",
    properties: z.strictObject({
      name: Name,
      description: optional(Text),
      status: z.enum(ProjectStatus),
      novelty: z.enum(Novelty),
      startDate: optional(IsoDate),
      endDate: optional(IsoDate),
    }),
    defaults: { status: ProjectStatus.PLANNED, novelty: Novelty.ROUTINE },
    dateProperties: ["startDate", "endDate"],
    dateRanges: [["startDate", "endDate"]],
  }),
  KnowledgeAsset: entity({
    label: "KnowledgeAsset",
    collection: "assets",
    properties: z.strictObject({
      title: Name,
      kind: z.enum(AssetKind),
      url: optional(Url),
      quality: optional(Quality),
      publishedAt: optional(IsoDate),
      reviewedAt: optional(IsoDate),
    }),
    defaults: { kind: AssetKind.OTHER },
    dateProperties: ["publishedAt", "reviewedAt"],
    integerProperties: ["quality"],
  }),
  Lesson: entity({
    label: "Lesson",
    collection: "lessons",
    properties: z.strictObject({
      title: Name,
      drivingEvent: optional(Text),
      lesson: optional(Text),
      recommendation: optional(Text),
      outcome: optional(z.enum(Outcome)),
      phase: optional(z.enum(Phase)),
      status: z.enum(LessonStatus),
      recordedAt: optional(IsoDate),
    }),
    defaults: { status: LessonStatus.IDENTIFIED },
    dateProperties: ["recordedAt"],
  }),
  KnowledgeGap: entity({
    label: "KnowledgeGap",
    collection: "gaps",
    properties: z.strictObject({
      description: optional(Text),
      criticality: z.enum(Criticality),
      requiredLevel: optional(Level),
      status: z.enum(GapStatus),
      identifiedAt: optional(IsoDate),
      closedAt: optional(IsoDate),
    }),
    defaults: { criticality: Criticality.MEDIUM, status: GapStatus.OPEN },
    dateProperties: ["identifiedAt", "closedAt"],
    integerProperties: ["requiredLevel"],
    dateRanges: [["identifiedAt", "closedAt"]],
  }),
  KMActivity: entity({
    label: "KMActivity",
    collection: "activities",
    properties: z.strictObject({
      kind: z.enum(ActivityKind),
      phase: z.enum(Phase),
      status: z.enum(ActivityStatus),
      dueDate: optional(IsoDate),
    }),
    defaults: { status: ActivityStatus.PLANNED },
    dateProperties: ["dueDate"],
  }),
} as const satisfies Record<Label, EntitySpec>;

/** Entities in the order an import writes them and an export lists them. */
export const ENTITY_ORDER: readonly EntitySpec[] = LABELS.map((label) => ENTITIES[label]);
