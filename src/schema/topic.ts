import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { IdFilter } from "./filter.js";
import { GraphNode } from "./node.js";
import { connectionType, orderInput } from "./pagination.js";

@ObjectType({ description: "A knowledge area; topics form a taxonomy through `broader`." })
export class Topic extends GraphNode {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
}

export enum TopicSortField {
  ID = "id",
  NAME = "name",
}
registerEnumType(TopicSortField, { name: "TopicSortField" });
export const TopicOrder = orderInput<TopicSortField>(TopicSortField, "Topic");
export const TopicConnection = connectionType(Topic, "Topic");

@InputType()
export class TopicFilter extends IdFilter {
  @Field(() => String, { nullable: true }) nameContains?: string;
  @Field(() => ID, { nullable: true, description: "Direct sub-topics of this topic." })
  broader?: string;
  @Field(() => Boolean, { nullable: true, description: "true: only top-level topics; false: only sub-topics." })
  root?: boolean;
  @Field(() => ID, { nullable: true, description: "Topics this project needs." })
  neededBy?: string;
}

@InputType()
export class CreateTopicInput {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
}

@InputType()
export class UpdateTopicInput {
  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => String, { nullable: true }) description?: string | null;
}
