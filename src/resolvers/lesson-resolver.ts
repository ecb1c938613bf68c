import type { GraphQLResolveInfo } from "graphql";
import { Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import type { Context } from "../context/context.js";
import type { NodeRecord } from "../db/records.js";
import { ENTITIES } from "../model/entities.js";
import { Reuse } from "../schema/edges.js";
import {
  CreateLessonInput,
  Lesson,
  LessonConnection,
  LessonFilter,
  LessonOrder,
  UpdateLessonInput,
} from "../schema/lesson.js";
import { Person } from "../schema/person.js";
import { Project } from "../schema/project.js";
import { Topic } from "../schema/topic.js";
import { entityResolver } from "./entity-resolver.js";
import { FirstArg, type TraversedField, traverse } from "./traverse.js";

@Resolver(() => Lesson)
export class LessonResolver extends entityResolver({
  spec: ENTITIES.Lesson,
  singular: "lesson",
  plural: "lessons",
  type: Lesson,
  connection: LessonConnection,
  filter: LessonFilter,
  order: LessonOrder,
  createInput: CreateLessonInput,
  updateInput: UpdateLessonInput,
}) {
  @FieldResolver(() => [Topic], { description: "Topics the lesson is about." })
  topics(
    @Root() lesson: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, lesson);
  }

  @FieldResolver(() => Project, { nullable: true, description: "The project the lesson was learned in." })
  learnedIn(@Root() lesson: NodeRecord, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): TraversedField {
    return traverse(ctx, info, lesson);
  }

  @FieldResolver(() => [Person])
  recordedBy(
    @Root() lesson: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, lesson);
  }

  @FieldResolver(() => [Reuse], { description: "Projects that applied the lesson." })
  appliedIn(
    @Root() lesson: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, lesson);
  }
}
