import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, type ClassType, Ctx, ID, Info, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../context/context.js";
import type { NodeRecord } from "../db/records.js";
import type { EntitySpec } from "../model/entities.js";
import { type FilterValues, nodeShape } from "../nested-read/index.js";
import { PageArgs } from "../schema/pagination.js";
import { DeletePayload } from "../schema/payloads.js";
import type { Connection, Order } from "../services/paging.js";
import { ordering, pageRequest, toConnection } from "../services/paging.js";

export interface EntityApi {
  readonly spec: EntitySpec;
  /** GraphQL names: `project` / `projects`; mutations use the type name. */
  readonly singular: string;
  readonly plural: string;
  readonly type: ClassType;
  readonly connection: ClassType;
  readonly filter: ClassType;
  readonly order: ClassType;
  readonly createInput: ClassType;
  readonly updateInput: ClassType;
  /**
   * Starts reads the fields below a node by id will need, so that they run
   * alongside the node's own read instead of after it (a project's analytics).
   */
  readonly prefetch?: (ctx: Context, info: GraphQLResolveInfo, id: string) => void;
}

/**
 * The queries and mutations every entity has: one by id, a filtered and
 * paginated list, create, update and delete. Each entity's resolver extends
 * this class and adds its relationship fields.
 */
export function entityResolver(api: EntityApi) {
  const typeName = api.spec.label;

  // type-graphql hands the handlers of a @Resolver base class to each subclass.
  @Resolver()
  abstract class EntityResolver {
    @Query(() => api.type, { name: api.singular, nullable: true, description: `The ${typeName} with this id.` })
    one(
      @Arg("id", () => ID) id: string,
      @Ctx() ctx: Context,
      @Info() info: GraphQLResolveInfo,
    ): Promise<NodeRecord | null> {
      api.prefetch?.(ctx, info, id);
      return ctx.loaders.node(api.spec.label, nodeShape(info, api.spec.label)).load(id);
    }

    @Query(() => api.connection, {
      name: api.plural,
      description: `${typeName} nodes, filtered, sorted and paginated.`,
    })
    async list(
      @Arg("filter", () => api.filter, { nullable: true }) filter: FilterValues | null,
      @Arg("orderBy", () => api.order, { nullable: true }) orderBy: Order<string> | null,
      @Args(() => PageArgs) { first, after }: PageArgs,
      @Ctx() ctx: Context,
      @Info() info: GraphQLResolveInfo,
    ): Promise<Connection<NodeRecord>> {
      const request = pageRequest(first, after);
      const shape = nodeShape(info, api.spec.label, ["edges", "node"]);
      const page = await ctx.loaders.page(api.spec.label, { ...filter }, ordering(orderBy), request, shape);
      return toConnection(page, request);
    }

    @Mutation(() => api.type, { name: `create${typeName}` })
    create(@Arg("input", () => api.createInput) input: object, @Ctx() ctx: Context): Promise<NodeRecord> {
      return ctx.graph.create(api.spec, { ...input });
    }

    @Mutation(() => api.type, {
      name: `update${typeName}`,
      description: "Changes the given fields; null clears an optional one.",
    })
    update(
      @Arg("id", () => ID) id: string,
      @Arg("input", () => api.updateInput) input: object,
      @Ctx() ctx: Context,
    ): Promise<NodeRecord> {
      return ctx.graph.update(api.spec, id, { ...input });
    }

    @Mutation(() => DeletePayload, {
      name: `delete${typeName}`,
      description: "Deletes the node and every relationship it has; says what it detached.",
    })
    delete(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<DeletePayload> {
      return ctx.graph.delete(api.spec, id);
    }
  }
  return EntityResolver;
}
