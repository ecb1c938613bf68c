import type { GraphQLResolveInfo } from "graphql";
import { Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import type { Context } from "../context/context.js";
import type { NodeRecord } from "../db/records.js";
import { ENTITIES } from "../model/entities.js";
import { KMActivity } from "../schema/km-activity.js";
import {
  CreateKnowledgeGapInput,
  KnowledgeGap,
  KnowledgeGapConnection,
  KnowledgeGapFilter,
  KnowledgeGapOrder,
  UpdateKnowledgeGapInput,
} from "../schema/knowledge-gap.js";
import { Project } from "../schema/project.js";
import { Topic } from "../schema/topic.js";
import { entityResolver } from "./entity-resolver.js";
import { FirstArg, type TraversedField, traverse } from "./traverse.js";

@Resolver(() => KnowledgeGap)
export class KnowledgeGapResolver extends entityResolver({
  spec: ENTITIES.KnowledgeGap,
  singular: "knowledgeGap",
  plural: "knowledgeGaps",
  type: KnowledgeGap,
  connection: KnowledgeGapConnection,
  filter: KnowledgeGapFilter,
  order: KnowledgeGapOrder,
  createInput: CreateKnowledgeGapInput,
  updateInput: UpdateKnowledgeGapInput,
}) {
  @FieldResolver(() => Project, { nullable: true })
  project(@Root() gap: NodeRecord, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): TraversedField {
    return traverse(ctx, info, gap);
  }

  @FieldResolver(() => Topic, { nullable: true })
  topic(@Root() gap: NodeRecord, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): TraversedField {
    return traverse(ctx, info, gap);
  }

  @FieldResolver(() => [KMActivity], { description: "KM activities that target the gap." })
  activities(
    @Root() gap: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, gap);
  }
}
