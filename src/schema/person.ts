import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { IdFilter } from "./filter.js";
import { GraphNode } from "./node.js";
import { connectionType, orderInput } from "./pagination.js";

@ObjectType()
export class Person extends GraphNode {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => Boolean, { description: "false once the person has left the organisation." })
  active!: boolean;
}

export enum PersonSortField {
  ID = "id",
  NAME = "name",
  EMAIL = "email",
}
registerEnumType(PersonSortField, { name: "PersonSortField" });
export const PersonOrder = orderInput<PersonSortField>(PersonSortField, "Person");
export const PersonConnection = connectionType(Person, "Person");

@InputType({ description: "People who know a topic at a minimum level." })
export class KnowsTopicFilter {
  @Field(() => ID) topic!: string;
  @Field(() => Int, { nullable: true, description: "1 to 5; default 1." }) minLevel?: number;
}

@InputType()
export class PersonFilter extends IdFilter {
  @Field(() => String, { nullable: true }) nameContains?: string;
  @Field(() => Boolean, { nullable: true }) active?: boolean;
  @Field(() => ID, { nullable: true }) orgUnit?: string;
  @Field(() => ID, { nullable: true, description: "People with a role on this project (past or present)." })
  worksOn?: string;
  @Field(() => KnowsTopicFilter, { nullable: true }) knows?: KnowsTopicFilter;
}

@InputType()
export class CreatePersonInput {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => Boolean, { nullable: true, description: "Default true." }) active?: boolean;
}

@InputType()
export class UpdatePersonInput {
  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean;
}
