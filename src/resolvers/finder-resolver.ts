import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import { analyticsParams } from "../analytics/params.js";
import type { Context } from "../context/context.js";
import type { NodeRecord } from "../db/records.js";
import { nodeShape } from "../nested-read/index.js";
import { AnalyticsArgs } from "../schema/analytics.js";
import { ExpertArgs, ExpertMatch, type ExpertMatchRoot } from "../schema/finder.js";
import { KnowledgeAsset } from "../schema/knowledge-asset.js";
import { Lesson } from "../schema/lesson.js";
import { PageArgs } from "../schema/pagination.js";
import { Person } from "../schema/person.js";
import { SearchFilter, SearchHit, SearchHitConnection, type SearchHitRoot } from "../schema/search.js";
import { Topic } from "../schema/topic.js";
import { SearchKind } from "../search/types.js";
import { type Connection, pageRequest, toConnection } from "../services/paging.js";

@Resolver(() => ExpertMatch)
export class ExpertFinderResolver {
  @Query(() => [ExpertMatch], {
    description: "Who knows a topic, and can they help now: people ranked on evidence, with its parts.",
  })
  experts(
    @Args(() => ExpertArgs) args: ExpertArgs,
    @Args(() => AnalyticsArgs) params: AnalyticsArgs,
    @Ctx() ctx: Context,
  ): Promise<readonly ExpertMatchRoot[]> {
    return ctx.finder.find(args, analyticsParams(params));
  }

  @FieldResolver(() => Person)
  person(
    @Root() match: ExpertMatchRoot,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<NodeRecord | null> {
    return ctx.loaders.node("Person", nodeShape(info, "Person")).load(match.person);
  }
}

@Resolver(() => SearchHit)
export class KnowledgeSearchResolver {
  @Query(() => SearchHitConnection, {
    description: "Full-text search across assets, lessons, topics and people, ranked for quality.",
  })
  async search(
    @Arg("text", () => String) text: string,
    @Arg("filter", () => SearchFilter, { nullable: true }) filter: SearchFilter | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Args(() => AnalyticsArgs) params: AnalyticsArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<SearchHitRoot>> {
    const request = pageRequest(first, after);
    const hits = await ctx.search.search(text, { ...filter }, analyticsParams(params));
    return toConnection(
      { total: hits.length, nodes: hits.slice(request.offset, request.offset + request.limit) },
      request,
    );
  }

  @FieldResolver(() => KnowledgeAsset, { nullable: true })
  asset(
    @Root() hit: SearchHitRoot,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<NodeRecord | null> | null {
    return hit.kind === SearchKind.ASSET
      ? ctx.loaders.node("KnowledgeAsset", nodeShape(info, "KnowledgeAsset")).load(hit.id)
      : null;
  }

  @FieldResolver(() => Lesson, { nullable: true })
  lesson(
    @Root() hit: SearchHitRoot,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<NodeRecord | null> | null {
    return hit.kind === SearchKind.LESSON ? ctx.loaders.node("Lesson", nodeShape(info, "Lesson")).load(hit.id) : null;
  }

  @FieldResolver(() => Topic, { nullable: true })
  topic(
    @Root() hit: SearchHitRoot,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<NodeRecord | null> | null {
    return hit.kind === SearchKind.TOPIC ? ctx.loaders.node("Topic", nodeShape(info, "Topic")).load(hit.id) : null;
  }

  @FieldResolver(() => Person, { nullable: true })
  person(
    @Root() hit: SearchHitRoot,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<NodeRecord | null> | null {
    return hit.kind === SearchKind.PERSON ? ctx.loaders.node("Person", nodeShape(info, "Person")).load(hit.id) : null;
  }
}
