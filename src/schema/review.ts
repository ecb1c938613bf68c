import { ArgsType, Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type * as review from "../review/types.js";
import { OrphanReason, StaleReason } from "../review/types.js";
import { AssetKind, Criticality, LessonStatus } from "./enums.js";
import { LocalDate } from "./scalars.js";

// GraphQL shapes of the strategy review; definitions in docs/review.md. Each
// class implements its type in src/review/types.ts and ReviewResolver returns
// StrategyReview, so a field on one side only fails the typecheck.

registerEnumType(StaleReason, {
  name: "StaleReason",
  description: "NO_DATE: neither reviewed nor published date; OUTDATED: reviewed longer ago than stalenessMonths.",
});
registerEnumType(OrphanReason, {
  name: "OrphanReason",
  description: "AUTHORS_INACTIVE: every author has left; NO_AUTHOR: nobody is recorded as author.",
});

@ArgsType()
export class StrategyReviewArgs {
  @Field(() => LocalDate, { nullable: true, description: "Date of the review; default today." })
  asOf?: string;
  @Field(() => Float, { nullable: true, description: "Months after which an unreviewed asset is stale (default 24)." })
  stalenessMonths?: number;
  @Field(() => Int, { nullable: true, description: "Level from which an active person is an expert (default 4)." })
  expertLevel?: number;
}

@ObjectType()
export class InventoryTotals implements review.InventoryTotals {
  @Field(() => Int) assets!: number;
  @Field(() => Int) lessons!: number;
}

@ObjectType({ description: "Assets covering and lessons about one topic (the topic itself)." })
export class TopicInventory implements review.TopicInventory {
  @Field(() => ID) topic!: string;
  @Field(() => String) name!: string;
  @Field(() => Int) assets!: number;
  @Field(() => Int) lessons!: number;
}

@ObjectType()
export class AssetKindCount implements review.AssetKindCount {
  @Field(() => AssetKind) kind!: AssetKind;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class LessonStatusCount implements review.LessonStatusCount {
  @Field(() => LessonStatus) status!: LessonStatus;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: "Assets and lessons by kind and status, every value listed in enum order." })
export class KindInventory implements review.KindInventory {
  @Field(() => [AssetKindCount]) assets!: AssetKindCount[];
  @Field(() => [LessonStatusCount]) lessons!: LessonStatusCount[];
}

@ObjectType({ description: "Assets and lessons whose origin project the unit owns; unit null: no unit." })
export class UnitInventory implements review.UnitInventory {
  @Field(() => ID, { nullable: true }) unit!: string | null;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => Int) assets!: number;
  @Field(() => Int) lessons!: number;
}

@ObjectType({ description: "Assets and lessons whose origin project supports the goal; goal null: no goal." })
export class GoalInventory implements review.GoalInventory {
  @Field(() => ID, { nullable: true }) goal!: string | null;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => Int) assets!: number;
  @Field(() => Int) lessons!: number;
}

@ObjectType()
export class ReviewInventory implements review.Inventory {
  @Field(() => InventoryTotals) totals!: InventoryTotals;
  @Field(() => [TopicInventory], { description: "Every topic, by id." }) byTopic!: TopicInventory[];
  @Field(() => KindInventory) byKind!: KindInventory;
  @Field(() => [UnitInventory], { description: "Every unit by id, then the items without a unit." })
  byUnit!: UnitInventory[];
  @Field(() => [GoalInventory], { description: "Every goal by id, then the items without a goal." })
  byGoal!: GoalInventory[];
}

@ObjectType({ description: "An asset not reviewed within the staleness window, or without any date." })
export class StaleAsset implements review.StaleAsset {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => LocalDate, { nullable: true, description: "reviewedAt, else publishedAt." }) reviewDate!: string | null;
  @Field(() => Float, { nullable: true, description: "Months from reviewDate to asOf; null without a date." })
  ageMonths!: number | null;
  @Field(() => StaleReason) reason!: StaleReason;
  @Field(() => [ID]) topics!: string[];
}

@ObjectType({ description: "An asset with no active author." })
export class OrphanedAsset implements review.OrphanedAsset {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => OrphanReason) reason!: OrphanReason;
  @Field(() => [ID], { description: "The inactive authors." }) authors!: string[];
  @Field(() => [ID]) topics!: string[];
}

@ObjectType({ description: "A topic critical to a goal whose supply (active experts + fresh assets) is at most 1." })
export class ThinSupplyTopic implements review.ThinSupplyTopic {
  @Field(() => ID) topic!: string;
  @Field(() => String) name!: string;
  @Field(() => Criticality, { description: "Highest criticality among the goal's active projects' needs." })
  criticality!: Criticality;
  @Field(() => [ID], { description: "The goal's active projects needing it at HIGH or CRITICAL." }) projects!: string[];
  @Field(() => [ID], { description: "Active people at level ≥ expertLevel on the topic itself." }) experts!: string[];
  @Field(() => [ID], { description: "Assets covering it with quality ≥ 3 that are not stale." }) freshAssets!: string[];
  @Field(() => Int, { description: "|experts| + |freshAssets|." }) supply!: number;
}

@ObjectType()
export class GoalThinSupply implements review.GoalThinSupply {
  @Field(() => ID) goal!: string;
  @Field(() => String) name!: string;
  @Field(() => [ThinSupplyTopic], { description: "Thinnest supply first, then highest criticality, then id." })
  topics!: ThinSupplyTopic[];
}

@ObjectType({ description: "A lesson still at IDENTIFIED." })
export class StuckLesson implements review.StuckLesson {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => ID, { nullable: true, description: "The project it was learned in." }) project!: string | null;
  @Field(() => LocalDate, { nullable: true }) recordedAt!: string | null;
  @Field(() => Int, { nullable: true, description: "Days from recordedAt to asOf." }) ageDays!: number | null;
  @Field(() => [ID]) topics!: string[];
  @Field(() => [ID], { description: "Active projects other than its origin that need one of its topics." })
  neededBy!: string[];
}

@ObjectType({ description: "The strategy review of the organisation's knowledge assets (docs/review.md)." })
export class StrategyReview implements review.StrategyReview {
  @Field(() => LocalDate) asOf!: string;
  @Field(() => Float) stalenessMonths!: number;
  @Field(() => Int) expertLevel!: number;
  @Field(() => ReviewInventory) inventory!: ReviewInventory;
  @Field(() => [StaleAsset], { description: "Assets without a date first, then oldest first." })
  staleAssets!: StaleAsset[];
  @Field(() => [OrphanedAsset], { description: "By id." }) orphanedAssets!: OrphanedAsset[];
  @Field(() => [GoalThinSupply], { description: "Every goal, by id." }) thinSupply!: GoalThinSupply[];
  @Field(() => [StuckLesson], { description: "Oldest first, undated last." }) stuckLessons!: StuckLesson[];
}
