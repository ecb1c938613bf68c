import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { IdFilter } from "./filter.js";
import { GraphNode } from "./node.js";
import { connectionType, orderInput } from "./pagination.js";

@ObjectType({ description: "An organisational goal that projects and knowledge serve." })
export class Goal extends GraphNode {
  @Field(() => String) name!: string;
}

export enum GoalSortField {
  ID = "id",
  NAME = "name",
}
registerEnumType(GoalSortField, { name: "GoalSortField" });
export const GoalOrder = orderInput<GoalSortField>(GoalSortField, "Goal");
export const GoalConnection = connectionType(Goal, "Goal");

@InputType()
export class GoalFilter extends IdFilter {
  @Field(() => String, { nullable: true }) nameContains?: string;
}

@InputType()
export class CreateGoalInput {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
}

@InputType()
export class UpdateGoalInput {
  @Field(() => String, { nullable: true }) name?: string;
}
