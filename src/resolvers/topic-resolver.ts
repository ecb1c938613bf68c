import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, Info, Int, Resolver, Root } from "type-graphql";
import type { Context } from "../context/context.js";
import type { NodeRecord } from "../db/records.js";
import { ENTITIES } from "../model/entities.js";
import { TopicDemand, TopicExpert } from "../schema/edges.js";
import { KnowledgeAsset } from "../schema/knowledge-asset.js";
import { KnowledgeGap } from "../schema/knowledge-gap.js";
import { Lesson } from "../schema/lesson.js";
import { Person } from "../schema/person.js";
import {
  CreateTopicInput,
  Topic,
  TopicConnection,
  TopicFilter,
  TopicOrder,
  UpdateTopicInput,
} from "../schema/topic.js";
import { entityResolver } from "./entity-resolver.js";
import { FirstArg, type TraversedField, traverse } from "./traverse.js";

/** Level 4 (expert) is the model's expert threshold. */
const EXPERT_LEVEL = 4;

@Resolver(() => Topic)
export class TopicResolver extends entityResolver({
  spec: ENTITIES.Topic,
  singular: "topic",
  plural: "topics",
  type: Topic,
  connection: TopicConnection,
  filter: TopicFilter,
  order: TopicOrder,
  createInput: CreateTopicInput,
  updateInput: UpdateTopicInput,
}) {
  @FieldResolver(() => [Topic], { description: "Broader topics (parents in the taxonomy)." })
  broader(
    @Root() topic: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, topic);
  }

  @FieldResolver(() => [Topic], { description: "Narrower topics (children in the taxonomy)." })
  narrower(
    @Root() topic: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, topic);
  }

  @FieldResolver(() => [TopicExpert], {
    description: "People who know the topic at minLevel or above, strongest first (active or not).",
  })
  experts(
    @Root() topic: NodeRecord,
    @FirstArg() _first: number,
    @Arg("minLevel", () => Int, { defaultValue: EXPERT_LEVEL }) minLevel: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, topic, { minLevel });
  }

  @FieldResolver(() => [Person], { description: "People interested in the topic (not expertise)." })
  interestedPeople(
    @Root() topic: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, topic);
  }

  @FieldResolver(() => [TopicDemand], { description: "Projects that need the topic." })
  neededBy(
    @Root() topic: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, topic);
  }

  @FieldResolver(() => [KnowledgeAsset], { description: "Assets that cover the topic." })
  assets(
    @Root() topic: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, topic);
  }

  @FieldResolver(() => [Lesson], { description: "Lessons about the topic." })
  lessons(
    @Root() topic: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, topic);
  }

  @FieldResolver(() => [KnowledgeGap], { description: "Recorded gaps about the topic." })
  gaps(
    @Root() topic: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, topic);
  }
}
