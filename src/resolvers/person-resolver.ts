import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, Info, Int, Resolver, Root } from "type-graphql";
import type { Context } from "../context/context.js";
import type { NodeRecord } from "../db/records.js";
import { ENTITIES } from "../model/entities.js";
import { Assignment, Expertise } from "../schema/edges.js";
import { KMActivity } from "../schema/km-activity.js";
import { KnowledgeAsset } from "../schema/knowledge-asset.js";
import { Lesson } from "../schema/lesson.js";
import { OrgUnit } from "../schema/org-unit.js";
import {
  CreatePersonInput,
  Person,
  PersonConnection,
  PersonFilter,
  PersonOrder,
  UpdatePersonInput,
} from "../schema/person.js";
import { LocalDate } from "../schema/scalars.js";
import { Topic } from "../schema/topic.js";
import { entityResolver } from "./entity-resolver.js";
import { FirstArg, type TraversedField, traverse } from "./traverse.js";

@Resolver(() => Person)
export class PersonResolver extends entityResolver({
  spec: ENTITIES.Person,
  singular: "person",
  plural: "people",
  type: Person,
  connection: PersonConnection,
  filter: PersonFilter,
  order: PersonOrder,
  createInput: CreatePersonInput,
  updateInput: UpdatePersonInput,
}) {
  @FieldResolver(() => OrgUnit, { nullable: true })
  orgUnit(@Root() person: NodeRecord, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): TraversedField {
    return traverse(ctx, info, person);
  }

  @FieldResolver(() => [Assignment], { description: "Roles on projects, past and present." })
  projects(
    @Root() person: NodeRecord,
    @FirstArg() _first: number,
    @Arg("activeOn", () => LocalDate, { nullable: true, description: "Only roles current on this date." })
    activeOn: string | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, person, { activeOn });
  }

  @FieldResolver(() => [Expertise], { description: "Topics the person knows, strongest first." })
  expertise(
    @Root() person: NodeRecord,
    @FirstArg() _first: number,
    @Arg("minLevel", () => Int, { nullable: true }) minLevel: number | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, person, { minLevel });
  }

  @FieldResolver(() => [Topic], { description: "Topics of interest; interest is not expertise." })
  interests(
    @Root() person: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, person);
  }

  @FieldResolver(() => [KnowledgeAsset])
  authored(
    @Root() person: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, person);
  }

  @FieldResolver(() => [Lesson])
  recordedLessons(
    @Root() person: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, person);
  }

  @FieldResolver(() => [KMActivity], { description: "KM activities the person leads." })
  leads(
    @Root() person: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, person);
  }
}
