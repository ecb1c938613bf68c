import type { GraphQLResolveInfo } from "graphql";
import { Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import type { Context } from "../context/context.js";
import type { NodeRecord } from "../db/records.js";
import { ENTITIES } from "../model/entities.js";
import { CreateGoalInput, Goal, GoalConnection, GoalFilter, GoalOrder, UpdateGoalInput } from "../schema/goal.js";
import { Project } from "../schema/project.js";
import { entityResolver } from "./entity-resolver.js";
import { FirstArg, type TraversedField, traverse } from "./traverse.js";

@Resolver(() => Goal)
export class GoalResolver extends entityResolver({
  spec: ENTITIES.Goal,
  singular: "goal",
  plural: "goals",
  type: Goal,
  connection: GoalConnection,
  filter: GoalFilter,
  order: GoalOrder,
  createInput: CreateGoalInput,
  updateInput: UpdateGoalInput,
}) {
  @FieldResolver(() => [Project], { description: "Projects that support the goal." })
  projects(
    @Root() goal: NodeRecord,
    @FirstArg() _first: number,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): TraversedField {
    return traverse(ctx, info, goal);
  }
}
