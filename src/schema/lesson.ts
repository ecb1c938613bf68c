import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { LessonStatus, Outcome, Phase } from "./enums.js";
import { IdFilter } from "./filter.js";
import { GraphNode } from "./node.js";
import { connectionType, orderInput } from "./pagination.js";
import { LocalDate } from "./scalars.js";

@ObjectType({ description: "What a project learned: the event, the lesson and what to do next time." })
export class Lesson extends GraphNode {
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) drivingEvent?: string | null;
  @Field(() => String, { nullable: true }) lesson?: string | null;
  @Field(() => String, { nullable: true }) recommendation?: string | null;
  @Field(() => Outcome, { nullable: true }) outcome?: Outcome | null;
  @Field(() => Phase, { nullable: true }) phase?: Phase | null;
  @Field(() => LessonStatus) status!: LessonStatus;
  @Field(() => LocalDate, { nullable: true }) recordedAt?: string | null;
}

export enum LessonSortField {
  ID = "id",
  TITLE = "title",
  STATUS = "status",
  RECORDED_AT = "recordedAt",
}
registerEnumType(LessonSortField, { name: "LessonSortField" });
export const LessonOrder = orderInput<LessonSortField>(LessonSortField, "Lesson");
export const LessonConnection = connectionType(Lesson, "Lesson");

@InputType()
export class LessonFilter extends IdFilter {
  @Field(() => String, { nullable: true }) titleContains?: string;
  @Field(() => [LessonStatus], { nullable: true }) status?: LessonStatus[];
  @Field(() => [Outcome], { nullable: true }) outcome?: Outcome[];
  @Field(() => [Phase], { nullable: true }) phase?: Phase[];
  @Field(() => ID, { nullable: true }) aboutTopic?: string;
  @Field(() => ID, { nullable: true }) learnedIn?: string;
}

@InputType()
export class CreateLessonInput {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) drivingEvent?: string | null;
  @Field(() => String, { nullable: true }) lesson?: string | null;
  @Field(() => String, { nullable: true }) recommendation?: string | null;
  @Field(() => Outcome, { nullable: true }) outcome?: Outcome | null;
  @Field(() => Phase, { nullable: true }) phase?: Phase | null;
  @Field(() => LessonStatus, { nullable: true, description: "Default IDENTIFIED." }) status?: LessonStatus;
  @Field(() => LocalDate, { nullable: true }) recordedAt?: string | null;
}

@InputType()
export class UpdateLessonInput {
  @Field(() => String, { nullable: true }) title?: string;
  @Field(() => String, { nullable: true }) drivingEvent?: string | null;
  @Field(() => String, { nullable: true }) lesson?: string | null;
  @Field(() => String, { nullable: true }) recommendation?: string | null;
  @Field(() => Outcome, { nullable: true }) outcome?: Outcome | null;
  @Field(() => Phase, { nullable: true }) phase?: Phase | null;
  @Field(() => LessonStatus, { nullable: true }) status?: LessonStatus;
  @Field(() => LocalDate, { nullable: true }) recordedAt?: string | null;
}
