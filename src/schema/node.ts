import { Field, ID, ObjectType } from "type-graphql";
import { DateTime } from "./scalars.js";

/** Fields every node of the graph has. */
@ObjectType()
export abstract class GraphNode {
  @Field(() => ID, { description: "The client's own id, unique within the type." })
  id!: string;

  @Field(() => DateTime, { nullable: true })
  createdAt?: string | null;

  @Field(() => DateTime, { nullable: true })
  updatedAt?: string | null;
}
