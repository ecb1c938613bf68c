import { Field, ID, InputType } from "type-graphql";

/** Filter fields shared by every list: a filter's fields combine with AND. */
@InputType()
export abstract class IdFilter {
  @Field(() => [ID], { nullable: true, description: "Only these ids." })
  ids?: string[];
}
