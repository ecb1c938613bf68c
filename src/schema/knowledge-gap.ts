import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { Criticality, GapStatus } from "./enums.js";
import { IdFilter } from "./filter.js";
import { GraphNode } from "./node.js";
import { connectionType, orderInput } from "./pagination.js";
import { LocalDate } from "./scalars.js";

@ObjectType({ description: "Knowledge a project needs and does not have, recorded in its KM action plan." })
export class KnowledgeGap extends GraphNode {
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Criticality) criticality!: Criticality;
  @Field(() => Int, { nullable: true, description: "Level needed, 1 to 5." }) requiredLevel?: number | null;
  @Field(() => GapStatus) status!: GapStatus;
  @Field(() => LocalDate, { nullable: true }) identifiedAt?: string | null;
  @Field(() => LocalDate, { nullable: true }) closedAt?: string | null;
}

export enum KnowledgeGapSortField {
  ID = "id",
  CRITICALITY = "criticality",
  STATUS = "status",
  IDENTIFIED_AT = "identifiedAt",
}
registerEnumType(KnowledgeGapSortField, { name: "KnowledgeGapSortField" });
export const KnowledgeGapOrder = orderInput<KnowledgeGapSortField>(KnowledgeGapSortField, "KnowledgeGap");
export const KnowledgeGapConnection = connectionType(KnowledgeGap, "KnowledgeGap");

@InputType()
export class KnowledgeGapFilter extends IdFilter {
  @Field(() => [GapStatus], { nullable: true }) status?: GapStatus[];
  @Field(() => [Criticality], { nullable: true }) criticality?: Criticality[];
  @Field(() => ID, { nullable: true }) project?: string;
  @Field(() => ID, { nullable: true }) topic?: string;
}

@InputType()
export class CreateKnowledgeGapInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Criticality, { nullable: true, description: "Default MEDIUM." }) criticality?: Criticality;
  @Field(() => Int, { nullable: true }) requiredLevel?: number | null;
  @Field(() => GapStatus, { nullable: true, description: "Default OPEN." }) status?: GapStatus;
  @Field(() => LocalDate, { nullable: true }) identifiedAt?: string | null;
  @Field(() => LocalDate, { nullable: true }) closedAt?: string | null;
}

@InputType()
export class UpdateKnowledgeGapInput {
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Criticality, { nullable: true }) criticality?: Criticality;
  @Field(() => Int, { nullable: true }) requiredLevel?: number | null;
  @Field(() => GapStatus, { nullable: true }) status?: GapStatus;
  @Field(() => LocalDate, { nullable: true }) identifiedAt?: string | null;
  @Field(() => LocalDate, { nullable: true }) closedAt?: string | null;
}
