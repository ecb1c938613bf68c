import type { Criticality, GapStatus, LessonStatus, Phase, ProjectStatus } from "../model/enums.js";

// The compact shapes the Cypher projections of cypher/analytics return: all
// the analytics compute over these, never over the whole graph.

export interface ReachEntry {
  /** A topic the project needs or has a gap on. */
  root: string;
  /** A topic at or below `root`. */
  topic: string;
  hops: number;
}

/** A person's declared level on a topic a project can reach. */
export interface Knower {
  person: string;
  topic: string;
  level: number;
}

/**
 * What a project's gaps and maturity depend on: its needs and their taxonomy
 * reach, what its own team knows, its recorded gaps, activities and reuse.
 * Nothing here depends on the rest of the organisation, so organisation-wide
 * gaps and maturity read only this (project-context with $organisation false).
 */
export interface TeamContext {
  project: string;
  status: ProjectStatus;
  team: string[];
  needs: { topic: string; level: number; criticality: Criticality }[];
  reach: ReachEntry[];
  /** What the team members know of the reachable topics. */
  teamKnowers: Knower[];
  gaps: {
    id: string;
    topic: string | null;
    criticality: Criticality;
    requiredLevel: number | null;
    status: GapStatus;
    identifiedAt: string | null;
    closedAt: string | null;
    activities: string[];
  }[];
  /** Number of non-cancelled KM activities the project plans. */
  activities: number;
  /** Phases of those activities. */
  phases: Phase[];
  lessonsLearned: number;
  reusesOthers: boolean;
  /** Other projects that reused the project's assets or lessons. */
  reusedBy: string[];
}

/** A TeamContext with what the rest of the organisation offers: the coverage needs both. */
export interface ProjectContext extends TeamContext {
  /**
   * Active people outside the team who know a reachable topic: per topic and
   * level only the first id, enough for the best level and its tie-break.
   */
  otherKnowers: Knower[];
  /** Reachable topics covered by an asset of quality 3 or more. */
  usefulAssetTopics: string[];
  /** Reachable topics some lesson is about. */
  lessonTopics: string[];
}

/** The assets and lessons on one topic (topic-resources), read only for the coverage lists. */
export interface TopicResources {
  topic: string;
  assets: { id: string; quality: number | null }[];
  lessons: string[];
}

export interface TopicRow {
  topic: string;
  name: string;
  demand: number;
  projects: string[];
  experts: string[];
  assetCount: number;
  lessonCount: number;
  /** Ids of the assets and lessons on the topic; empty unless asked for (`lists`). */
  assets: string[];
  lessons: string[];
}

export interface AssignmentRow {
  person: string;
  project: string;
  allocation: number;
}

export interface CandidateRow {
  topic: string;
  person: string;
  level: number;
  sharedProjects: string[];
}

export interface NamedChainLink {
  id: string;
  name: string | null;
}

/** A resource of another project on a reachable topic; names are read for the few returned. */
export interface ReuseSource {
  id: string;
  topic: string;
  project: string;
  date: string | null;
}

export interface ReuseProjection {
  project: NamedChainLink;
  topic: NamedChainLink;
  team: string[];
  /** For each reachable topic, the chain of topics from it up to the target topic. */
  reach: { topic: string; chain: NamedChainLink[] }[];
  assets: (ReuseSource & { quality: number | null })[];
  lessons: (ReuseSource & { status: LessonStatus })[];
  experts: (ReuseSource & { level: number })[];
}

/** Actual reuse between projects, as reuse-flows sends it: `[from project, to project]`, `[project, unit]`. */
export interface FlowsProjection {
  assetFlows: [string, string][];
  lessonFlows: [string, string][];
  owners: [string, string][];
}

export interface ReuseCounts {
  totalAssets: number;
  reusedAssets: number;
  totalLessons: number;
  reusedLessons: number;
}

/** One page of lessons never reused (never-reused-lessons). */
export interface NeverReusedProjection {
  /** Lessons no other project applied, with their origin and the topics they are about, in id order. */
  lessons: { lesson: string; project: string | null; topics: string[] }[];
  /** Which active project needs which of those topics. */
  activeNeeds: { topic: string; project: string }[];
}

/** reuse-candidates as it travels: each resource a list `[id, topic, project, date, quality | status | level]`. */
export type SentReuseProjection = Omit<ReuseProjection, "assets" | "lessons" | "experts"> & {
  assets: [string, string, string, string | null, number | null][];
  lessons: [string, string, string, string | null, LessonStatus][];
  experts: [string, string, string, string | null, number][];
};

export function reuseProjectionOf(sent: SentReuseProjection): ReuseProjection {
  return {
    ...sent,
    assets: sent.assets.map(([id, topic, project, date, quality]) => ({ id, topic, project, date, quality })),
    lessons: sent.lessons.map(([id, topic, project, date, status]) => ({ id, topic, project, date, status })),
    experts: sent.experts.map(([id, topic, project, date, level]) => ({ id, topic, project, date, level })),
  };
}

/** A node's name, as the repositories read it for reports and reuse paths. */
export type { NamedNode } from "../repositories/display-names.js";
