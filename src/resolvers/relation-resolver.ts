import { Arg, type ClassType, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { Context } from "../context/context.js";
import type { RelationSpec } from "../model/relations.js";
import { RelationshipPayload } from "../schema/payloads.js";

/**
 * `link<Key>` and `unlink<Key>` for one relationship of the model, with the
 * endpoints named as the model names them (`linkWorksOn(person, project, properties)`).
 * `properties` exists only on relationships that have properties.
 */
export function relationResolver(relation: RelationSpec, Properties?: ClassType, propertiesRequired = false) {
  const pattern = `(${relation.from})-[:${relation.type}]->(${relation.to})`;
  const single =
    relation.single === undefined
      ? ""
      : ` A ${relation.single === "from" ? relation.from : relation.to} has at most one: linking replaces the previous one.`;

  @Resolver()
  class RelationResolver {
    @Mutation(() => RelationshipPayload, {
      name: `link${relation.key}`,
      description: `Creates ${pattern}${Properties ? ", or replaces its properties" : ""}.${single}`,
    })
    link(
      @Arg(relation.fromArg, () => ID) from: string,
      @Arg(relation.toArg, () => ID) to: string,
      @Ctx() ctx: Context,
      properties?: object | null,
    ): Promise<RelationshipPayload> {
      return ctx.graph.link(relation, from, to, properties ? { ...properties } : null);
    }

    @Mutation(() => RelationshipPayload, { name: `unlink${relation.key}`, description: `Removes ${pattern}.` })
    unlink(
      @Arg(relation.fromArg, () => ID) from: string,
      @Arg(relation.toArg, () => ID) to: string,
      @Ctx() ctx: Context,
    ): Promise<RelationshipPayload> {
      return ctx.graph.unlink(relation, from, to);
    }
  }

  if (Properties) {
    Arg("properties", () => Properties, { nullable: !propertiesRequired })(RelationResolver.prototype, "link", 3);
  }
  return RelationResolver;
}
