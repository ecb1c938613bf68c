import type { Label } from "../model/entities.js";
import { type Direction, RELATIONS, type RelationSpec } from "../model/relations.js";
import type { RelationshipFilter } from "./shape.js";

/**
 * A GraphQL field that walks one relationship from its node. `one` answers a
 * node or null, `nodes` a list of nodes, `edges` a list of objects holding the
 * relationship's properties and, under `as`, the node at the other end.
 * Arguments named like a RelationshipFilter key narrow the walk.
 */
export type Traversal =
  | { readonly kind: "one" | "nodes"; readonly relation: RelationSpec; readonly direction: Direction }
  | { readonly kind: "edges"; readonly relation: RelationSpec; readonly direction: Direction; readonly as: string };

/** The arguments a traversal field may take: its filter, and `first` on a list. */
export const WALK_ARGUMENTS = ["minLevel", "activeOn", "first"] as const satisfies readonly (
  | keyof RelationshipFilter
  | "first"
)[];

const one = (relation: RelationSpec, direction: Direction): Traversal => ({ kind: "one", relation, direction });
const nodes = (relation: RelationSpec, direction: Direction): Traversal => ({ kind: "nodes", relation, direction });
const edges = (relation: RelationSpec, direction: Direction, as: string): Traversal => ({
  kind: "edges",
  relation,
  direction,
  as,
});

const R = RELATIONS;

/**
 * Every relationship field of the API, by type and field name: what its
 * resolver walks when it reads through the loaders, and what a nested read
 * walks in one statement when it prefetches the field (see nodeShape).
 */
export const TRAVERSALS: { readonly [L in Label]: Readonly<Record<string, Traversal>> } = {
  OrgUnit: { members: nodes(R.MemberOf, "in"), projects: nodes(R.OwnedBy, "in") },
  Goal: { projects: nodes(R.Supports, "in") },
  Topic: {
    broader: nodes(R.Broader, "out"),
    narrower: nodes(R.Broader, "in"),
    experts: edges(R.Knows, "in", "person"),
    interestedPeople: nodes(R.InterestedIn, "in"),
    neededBy: edges(R.Needs, "in", "project"),
    assets: nodes(R.Covers, "in"),
    lessons: nodes(R.LessonAbout, "in"),
    gaps: nodes(R.GapAbout, "in"),
  },
  Person: {
    orgUnit: one(R.MemberOf, "out"),
    projects: edges(R.WorksOn, "out", "project"),
    expertise: edges(R.Knows, "out", "topic"),
    interests: nodes(R.InterestedIn, "out"),
    authored: nodes(R.Authored, "out"),
    recordedLessons: nodes(R.Recorded, "out"),
    leads: nodes(R.Leads, "out"),
  },
  Project: {
    orgUnit: one(R.OwnedBy, "out"),
    team: edges(R.WorksOn, "in", "person"),
    needs: edges(R.Needs, "out", "topic"),
    goals: nodes(R.Supports, "out"),
    used: edges(R.Used, "out", "asset"),
    applied: edges(R.Applied, "out", "lesson"),
    producedAssets: nodes(R.ProducedBy, "in"),
    lessons: nodes(R.LearnedIn, "in"),
    knowledgeGaps: nodes(R.HasGap, "out"),
    activities: nodes(R.Plans, "out"),
  },
  KnowledgeAsset: {
    topics: nodes(R.Covers, "out"),
    authors: nodes(R.Authored, "in"),
    producedBy: one(R.ProducedBy, "out"),
    usedBy: edges(R.Used, "in", "project"),
  },
  Lesson: {
    topics: nodes(R.LessonAbout, "out"),
    learnedIn: one(R.LearnedIn, "out"),
    recordedBy: nodes(R.Recorded, "in"),
    appliedIn: edges(R.Applied, "in", "project"),
  },
  KnowledgeGap: {
    project: one(R.HasGap, "in"),
    topic: one(R.GapAbout, "out"),
    activities: nodes(R.Targets, "in"),
  },
  KMActivity: {
    project: one(R.Plans, "in"),
    targets: nodes(R.Targets, "out"),
    leads: nodes(R.Leads, "in"),
  },
};

/** The traversal of a relationship field, or undefined for any other field. */
export function traversalOf(typeName: string, fieldName: string): Traversal | undefined {
  return Object.hasOwn(TRAVERSALS, typeName) ? TRAVERSALS[typeName as Label][fieldName] : undefined;
}
