import type { GraphQLResolveInfo } from "graphql";
import { Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import type { Context } from "../context/context.js";
import type { NodeRecord } from "../db/records.js";
import { ENTITIES } from "../model/entities.js";
import {
  CreateOrgUnitInput,
  OrgUnit,
  OrgUnitConnection,
  OrgUnitFilter,
  OrgUnitOrder,
  UpdateOrgUnitInput,
} from "../schema/org-unit.js";
import { Person } from "../schema/person.js";
import { Project } from "../schema/project.js";
import { entityResolver } from "./entity-resolver.js";
import { FirstArg, type TraversedField, traverse } from "./traverse.js";

@Resolver(() => OrgUnit)
export class OrgUnitResolver extends entityResolver({
  spec: ENTITIES.OrgUnit,
  singular: "orgUnit",
  plural: "orgUnits",
  type: OrgUnit,
  connection: OrgUnitConnection,
  filter: OrgUnitFilter,
  order: OrgUnitOrder,
  createInput: CreateOrgUnitInput,
  updateInput: UpdateOrgUnitInput,
}) {
  @FieldResolver(() => [Person])
  members(
    @Root() unit: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, unit);
  }

  @FieldResolver(() => [Project])
  projects(
    @Root() unit: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, unit);
  }
}
