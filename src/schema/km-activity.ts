import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { ActivityKind, ActivityStatus, Phase } from "./enums.js";
import { IdFilter } from "./filter.js";
import { GraphNode } from "./node.js";
import { connectionType, orderInput } from "./pagination.js";
import { LocalDate } from "./scalars.js";

@ObjectType({ description: "A KM activity of a project's action plan: a peer assist, an after-action review…" })
export class KMActivity extends GraphNode {
  @Field(() => ActivityKind) kind!: ActivityKind;
  @Field(() => Phase) phase!: Phase;
  @Field(() => ActivityStatus) status!: ActivityStatus;
  @Field(() => LocalDate, { nullable: true }) dueDate?: string | null;
}

export enum KMActivitySortField {
  ID = "id",
  KIND = "kind",
  PHASE = "phase",
  STATUS = "status",
  DUE_DATE = "dueDate",
}
registerEnumType(KMActivitySortField, { name: "KMActivitySortField" });
export const KMActivityOrder = orderInput<KMActivitySortField>(KMActivitySortField, "KMActivity");
export const KMActivityConnection = connectionType(KMActivity, "KMActivity");

@InputType()
export class KMActivityFilter extends IdFilter {
  @Field(() => [ActivityKind], { nullable: true }) kind?: ActivityKind[];
  @Field(() => [Phase], { nullable: true }) phase?: Phase[];
  @Field(() => [ActivityStatus], { nullable: true }) status?: ActivityStatus[];
  @Field(() => ID, { nullable: true }) project?: string;
  @Field(() => ID, { nullable: true }) targetsGap?: string;
  @Field(() => ID, { nullable: true }) leader?: string;
}

@InputType()
export class CreateKMActivityInput {
  @Field(() => ID) id!: string;
  @Field(() => ActivityKind) kind!: ActivityKind;
  @Field(() => Phase) phase!: Phase;
  @Field(() => ActivityStatus, { nullable: true, description: "Default PLANNED." }) status?: ActivityStatus;
  @Field(() => LocalDate, { nullable: true }) dueDate?: string | null;
}

@InputType()
export class UpdateKMActivityInput {
  @Field(() => ActivityKind, { nullable: true }) kind?: ActivityKind;
  @Field(() => Phase, { nullable: true }) phase?: Phase;
  @Field(() => ActivityStatus, { nullable: true }) status?: ActivityStatus;
  @Field(() => LocalDate, { nullable: true }) dueDate?: string | null;
}
