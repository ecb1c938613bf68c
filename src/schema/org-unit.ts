import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { IdFilter } from "./filter.js";
import { GraphNode } from "./node.js";
import { connectionType, orderInput } from "./pagination.js";

@ObjectType({ description: "A unit of the organisation (department, team, country office)." })
export class OrgUnit extends GraphNode {
  @Field(() => String) name!: string;
}

export enum OrgUnitSortField {
  ID = "id",
  NAME = "name",
}
registerEnumType(OrgUnitSortField, { name: "OrgUnitSortField" });
export const OrgUnitOrder = orderInput<OrgUnitSortField>(OrgUnitSortField, "OrgUnit");
export const OrgUnitConnection = connectionType(OrgUnit, "OrgUnit");

@InputType()
export class OrgUnitFilter extends IdFilter {
  @Field(() => String, { nullable: true }) nameContains?: string;
}

@InputType()
export class CreateOrgUnitInput {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
}

@InputType()
export class UpdateOrgUnitInput {
  @Field(() => String, { nullable: true }) name?: string;
}
