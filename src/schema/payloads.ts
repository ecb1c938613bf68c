import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { type Detached, RelationshipDirection } from "../repositories/writes.js";
import type { DeleteResult, RelationshipChange } from "../services/graph-service.js";
import { Criticality, KnowledgeSource, RelationshipType } from "./enums.js";
import { LocalDate } from "./scalars.js";

// The payloads of the mutations implement what GraphService returns, and the
// resolvers declare these classes as what they return, so a field on one side
// only fails the typecheck.

registerEnumType(RelationshipDirection, {
  name: "RelationshipDirection",
  description: "Which way a relationship points, seen from a node: OUT from it, IN to it.",
});

@ObjectType({ description: "Relationships of one type and direction removed with a deleted node." })
export class DetachedRelationships implements Detached {
  // Not RelationshipType: a node of a database kmgraph shares can have relationships outside the model.
  @Field(() => String) type!: string;
  @Field(() => RelationshipDirection, { description: "OUT: from the deleted node; IN: to it." })
  direction!: RelationshipDirection;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class DeletePayload implements DeleteResult {
  @Field(() => ID) id!: string;
  @Field(() => [DetachedRelationships], { description: "What the deletion detached, by type." })
  detached!: DetachedRelationships[];
}

@ObjectType()
export class RelationshipPayload implements RelationshipChange {
  @Field(() => RelationshipType, { description: "The relationship type, e.g. WORKS_ON." }) type!: string;
  @Field(() => ID) from!: string;
  @Field(() => ID) to!: string;
  @Field(() => Boolean, { description: "link: the relationship is new. unlink: it existed and was removed." })
  changed!: boolean;
  @Field(() => [ID], {
    description: "For to-one relationships (a person's org unit…): the ids it replaced.",
  })
  replaced!: string[];
}

// Properties of the relationships that have them, for link mutations.

@InputType()
export class WorksOnProperties {
  @Field(() => String, { nullable: true }) role?: string | null;
  @Field(() => Float, { nullable: true, description: "0 to 1." }) allocation?: number | null;
  @Field(() => LocalDate, { nullable: true }) from?: string | null;
  @Field(() => LocalDate, { nullable: true }) to?: string | null;
}

@InputType()
export class KnowsProperties {
  @Field(() => Int, { description: "1 to 5." }) level!: number;
  @Field(() => KnowledgeSource, { nullable: true, description: "Default SELF." }) source?: KnowledgeSource;
  @Field(() => Int, { nullable: true, description: "Default 0." }) endorsements?: number;
  @Field(() => LocalDate, { nullable: true }) assessedAt?: string | null;
}

@InputType()
export class NeedsProperties {
  @Field(() => Int, { description: "1 to 5." }) level!: number;
  @Field(() => Criticality, { nullable: true, description: "Default MEDIUM." }) criticality?: Criticality;
}

@InputType({ description: "Reuse of an asset (USED) or a lesson (APPLIED)." })
export class ReuseProperties {
  @Field(() => LocalDate, { nullable: true }) at?: string | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}
