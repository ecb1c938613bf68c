import type { GraphQLResolveInfo } from "graphql";
import { Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import type { Context } from "../context/context.js";
import type { NodeRecord } from "../db/records.js";
import { ENTITIES } from "../model/entities.js";
import { Reuse } from "../schema/edges.js";
import {
  CreateKnowledgeAssetInput,
  KnowledgeAsset,
  KnowledgeAssetConnection,
  KnowledgeAssetFilter,
  KnowledgeAssetOrder,
  UpdateKnowledgeAssetInput,
} from "../schema/knowledge-asset.js";
import { Person } from "../schema/person.js";
import { Project } from "../schema/project.js";
import { Topic } from "../schema/topic.js";
import { entityResolver } from "./entity-resolver.js";
import { FirstArg, type TraversedField, traverse } from "./traverse.js";

@Resolver(() => KnowledgeAsset)
export class KnowledgeAssetResolver extends entityResolver({
  spec: ENTITIES.KnowledgeAsset,
  singular: "knowledgeAsset",
  plural: "knowledgeAssets",
  type: KnowledgeAsset,
  connection: KnowledgeAssetConnection,
  filter: KnowledgeAssetFilter,
  order: KnowledgeAssetOrder,
  createInput: CreateKnowledgeAssetInput,
  updateInput: UpdateKnowledgeAssetInput,
}) {
  @FieldResolver(() => [Topic], { description: "Topics the asset covers." })
  topics(
    @Root() asset: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, asset);
  }

  @FieldResolver(() => [Person])
  authors(
    @Root() asset: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, asset);
  }

  @FieldResolver(() => Project, { nullable: true, description: "The project that produced the asset." })
  producedBy(@Root() asset: NodeRecord, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): TraversedField {
    return traverse(ctx, info, asset);
  }

  @FieldResolver(() => [Reuse], { description: "Projects that used the asset." })
  usedBy(
    @Root() asset: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, asset);
  }
}
