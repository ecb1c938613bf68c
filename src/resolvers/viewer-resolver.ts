import type { GraphQLResolveInfo } from "graphql";
import { Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import type { Identity } from "../auth/identity.js";
import type { Context } from "../context/context.js";
import type { NodeRecord } from "../db/records.js";
import { nodeShape } from "../nested-read/index.js";
import { Person } from "../schema/person.js";
import { Viewer } from "../schema/viewer.js";

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { description: "Who is asking: the identity the request was authenticated as." })
  viewer(@Ctx() ctx: Context): Identity {
    return ctx.identity;
  }

  @FieldResolver(() => Person, {
    nullable: true,
    description: "The person the caller's token names, if the graph has one.",
  })
  person(
    @Root() identity: Identity,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<NodeRecord | null> | null {
    if (identity.personId === null) return null;
    return ctx.loaders.node("Person", nodeShape(info, "Person")).load(identity.personId);
  }
}
