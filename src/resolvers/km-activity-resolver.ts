import type { GraphQLResolveInfo } from "graphql";
import { Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import type { Context } from "../context/context.js";
import type { NodeRecord } from "../db/records.js";
import { ENTITIES } from "../model/entities.js";
import {
  CreateKMActivityInput,
  KMActivity,
  KMActivityConnection,
  KMActivityFilter,
  KMActivityOrder,
  UpdateKMActivityInput,
} from "../schema/km-activity.js";
import { KnowledgeGap } from "../schema/knowledge-gap.js";
import { Person } from "../schema/person.js";
import { Project } from "../schema/project.js";
import { entityResolver } from "./entity-resolver.js";
import { FirstArg, type TraversedField, traverse } from "./traverse.js";

@Resolver(() => KMActivity)
export class KMActivityResolver extends entityResolver({
  spec: ENTITIES.KMActivity,
  singular: "kmActivity",
  plural: "kmActivities",
  type: KMActivity,
  connection: KMActivityConnection,
  filter: KMActivityFilter,
  order: KMActivityOrder,
  createInput: CreateKMActivityInput,
  updateInput: UpdateKMActivityInput,
}) {
  @FieldResolver(() => Project, { nullable: true })
  project(@Root() activity: NodeRecord, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): TraversedField {
    return traverse(ctx, info, activity);
  }

  @FieldResolver(() => [KnowledgeGap], { description: "Gaps the activity works to close." })
  targets(
    @Root() activity: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, activity);
  }

  @FieldResolver(() => [Person], { description: "People who lead the activity." })
  leads(
    @Root() activity: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, activity);
  }
}
