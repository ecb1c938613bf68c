import type { AssetKind, Criticality, LessonStatus } from "../model/enums.js";

// The strategy review of the organisation's knowledge assets, each figure with
// the ids that explain it. Definitions: docs/review.md.

export interface StrategyReview {
  /** Date of the review (`YYYY-MM-DD`). */
  asOf: string;
  /** Months after which an asset's review date makes it stale. */
  stalenessMonths: number;
  /** Level from which an active person counts as an expert. */
  expertLevel: number;
  inventory: Inventory;
  staleAssets: StaleAsset[];
  orphanedAssets: OrphanedAsset[];
  /** Every goal, by id, with its critical topics whose supply is thin. */
  thinSupply: GoalThinSupply[];
  stuckLessons: StuckLesson[];
}

export interface Inventory {
  totals: InventoryTotals;
  /** Every topic, by id; an item on two topics counts under each. */
  byTopic: TopicInventory[];
  byKind: KindInventory;
  /** Every org unit by id, then `unit: null` for items whose origin project has no unit. */
  byUnit: UnitInventory[];
  /** Every goal by id, then `goal: null` for items whose origin project supports no goal. */
  byGoal: GoalInventory[];
}

export interface InventoryTotals {
  assets: number;
  lessons: number;
}

export interface KindInventory {
  /** Every AssetKind, in the enum's order. */
  assets: AssetKindCount[];
  /** Every LessonStatus, in the enum's order. */
  lessons: LessonStatusCount[];
}

export interface AssetKindCount {
  kind: AssetKind;
  count: number;
}

export interface LessonStatusCount {
  status: LessonStatus;
  count: number;
}

export interface TopicInventory {
  topic: string;
  name: string;
  assets: number;
  lessons: number;
}

export interface UnitInventory {
  unit: string | null;
  name: string | null;
  assets: number;
  lessons: number;
}

export interface GoalInventory {
  goal: string | null;
  name: string | null;
  assets: number;
  lessons: number;
}

/** Why an asset is stale. */
export enum StaleReason {
  /** Neither reviewedAt nor publishedAt. */
  NO_DATE = "NO_DATE",
  /** Reviewed (or published) more than stalenessMonths before asOf. */
  OUTDATED = "OUTDATED",
}

export interface StaleAsset {
  id: string;
  title: string;
  /** reviewedAt, else publishedAt; null without either. */
  reviewDate: string | null;
  /** monthsBetween(reviewDate, asOf), settled to 9 decimals; null without a date. */
  ageMonths: number | null;
  reason: StaleReason;
  topics: string[];
}

/** Why an asset has no active author. */
export enum OrphanReason {
  /** It has authors, none of them active. */
  AUTHORS_INACTIVE = "AUTHORS_INACTIVE",
  /** It has no author at all. */
  NO_AUTHOR = "NO_AUTHOR",
}

export interface OrphanedAsset {
  id: string;
  title: string;
  reason: OrphanReason;
  /** The (inactive) authors, by id; empty for NO_AUTHOR. */
  authors: string[];
  topics: string[];
}

export interface GoalThinSupply {
  goal: string;
  name: string;
  topics: ThinSupplyTopic[];
}

export interface ThinSupplyTopic {
  topic: string;
  name: string;
  /** The highest criticality among the HIGH or CRITICAL needs of the goal's active projects. */
  criticality: Criticality;
  /** The goal's active projects with such a need, by id. */
  projects: string[];
  /** Active people at level ≥ expertLevel on the topic itself, by id. */
  experts: string[];
  /** Assets covering the topic with quality ≥ 3 that are not stale, by id. */
  freshAssets: string[];
  /** |experts| + |freshAssets| (≤ 1). */
  supply: number;
}

export interface StuckLesson {
  id: string;
  title: string;
  /** The project it was learned in, or null. */
  project: string | null;
  recordedAt: string | null;
  /** daysBetween(recordedAt, asOf); null without a date. */
  ageDays: number | null;
  topics: string[];
  /** Active projects other than its origin that need one of its topics, by id. */
  neededBy: string[];
}
