import type { AssetKind, Criticality, LessonStatus } from "../model/enums.js";

// The compact shapes the Cypher projections of cypher/review return.

export interface InventoryProjection {
  totalAssets: number;
  totalLessons: number;
  byTopic: { topic: string; name: string; assets: number; lessons: number }[];
  assetKinds: { kind: AssetKind; count: number }[];
  lessonStatuses: { status: LessonStatus; count: number }[];
  byUnit: { unit: string; name: string; assets: number; lessons: number }[];
  assetsWithoutUnit: number;
  lessonsWithoutUnit: number;
  byGoal: { goal: string; name: string; assets: number; lessons: number }[];
  assetsWithoutGoal: number;
  lessonsWithoutGoal: number;
}

/** An asset whose review date is older than the staleness window, or missing. */
export interface StaleAssetRow {
  id: string;
  title: string;
  reviewDate: string | null;
  topics: string[];
}

/** An asset without an active author. */
export interface OrphanedAssetRow {
  id: string;
  title: string;
  authors: string[];
  topics: string[];
}

export interface CriticalTopicRow {
  topic: string;
  name: string;
  projects: string[];
  /** One per (project, need): HIGH or CRITICAL. */
  criticalities: Criticality[];
  experts: string[];
  freshAssets: string[];
}

export interface GoalTopicsRow {
  goal: string;
  name: string;
  topics: CriticalTopicRow[];
}

export interface StuckLessonRow {
  id: string;
  title: string;
  project: string | null;
  recordedAt: string | null;
  topics: string[];
  neededBy: string[];
}
