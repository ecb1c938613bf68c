import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../context/context.js";
import type { InterchangeDocument } from "../interchange/document-schema.js";
import { ImportSummary } from "../schema/interchange.js";
import { JSONObject } from "../schema/scalars.js";

@Resolver()
export class InterchangeResolver {
  @Mutation(() => ImportSummary, {
    description:
      "Imports an interchange document: validated whole, upserted by id, all or nothing. " +
      "For each node in the document, each relationship field it carries is set to exactly the document's; a field left out is untouched.",
  })
  importDocument(@Arg("document", () => JSONObject) document: object, @Ctx() ctx: Context): Promise<ImportSummary> {
    return ctx.interchange.import(document);
  }

  @Query(() => JSONObject, { description: "The whole graph as an interchange document." })
  exportDocument(@Ctx() ctx: Context): Promise<InterchangeDocument> {
    return ctx.interchange.export();
  }
}
