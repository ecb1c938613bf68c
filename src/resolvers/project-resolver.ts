import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import type { Context } from "../context/context.js";
import type { NodeRecord } from "../db/records.js";
import { ENTITIES } from "../model/entities.js";
import { AssetUse, LessonApplication, Need, TeamMember } from "../schema/edges.js";
import { Goal } from "../schema/goal.js";
import { KMActivity } from "../schema/km-activity.js";
import { KnowledgeAsset } from "../schema/knowledge-asset.js";
import { KnowledgeGap } from "../schema/knowledge-gap.js";
import { Lesson } from "../schema/lesson.js";
import { OrgUnit } from "../schema/org-unit.js";
import {
  CreateProjectInput,
  Project,
  ProjectConnection,
  ProjectFilter,
  ProjectOrder,
  UpdateProjectInput,
} from "../schema/project.js";
import { LocalDate } from "../schema/scalars.js";
import { prefetchProjectAnalytics } from "./analytics-resolver.js";
import { entityResolver } from "./entity-resolver.js";
import { FirstArg, type TraversedField, traverse } from "./traverse.js";

@Resolver(() => Project)
export class ProjectResolver extends entityResolver({
  spec: ENTITIES.Project,
  singular: "project",
  plural: "projects",
  type: Project,
  connection: ProjectConnection,
  filter: ProjectFilter,
  order: ProjectOrder,
  createInput: CreateProjectInput,
  updateInput: UpdateProjectInput,
  prefetch: prefetchProjectAnalytics,
}) {
  @FieldResolver(() => OrgUnit, { nullable: true, description: "The unit that owns the project." })
  orgUnit(@Root() project: NodeRecord, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): TraversedField {
    return traverse(ctx, info, project);
  }

  @FieldResolver(() => [TeamMember], { description: "People with a role on the project, past and present." })
  team(
    @Root() project: NodeRecord,
    @FirstArg() _first: number,
    @Arg("activeOn", () => LocalDate, { nullable: true, description: "Only roles current on this date." })
    activeOn: string | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, project, { activeOn });
  }

  @FieldResolver(() => [Need], { description: "The critical knowledge the project needs." })
  needs(
    @Root() project: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, project);
  }

  @FieldResolver(() => [Goal])
  goals(
    @Root() project: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, project);
  }

  @FieldResolver(() => [AssetUse], { description: "Assets the project reused." })
  used(
    @Root() project: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, project);
  }

  @FieldResolver(() => [LessonApplication], { description: "Lessons the project applied." })
  applied(
    @Root() project: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, project);
  }

  @FieldResolver(() => [KnowledgeAsset], { description: "Assets the project produced." })
  producedAssets(
    @Root() project: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, project);
  }

  @FieldResolver(() => [Lesson], { description: "Lessons learned in the project." })
  lessons(
    @Root() project: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, project);
  }

  @FieldResolver(() => [KnowledgeGap], { description: "Gaps recorded in the project's KM action plan." })
  knowledgeGaps(
    @Root() project: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, project);
  }

  @FieldResolver(() => [KMActivity], { description: "KM activities the project plans." })
  activities(
    @Root() project: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, project);
  }
}
