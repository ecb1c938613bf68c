import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { Context } from "../context/context.js";
import { badInput } from "../errors.js";
import type { InterchangeDocument } from "../interchange/document-schema.js";
import { parseDocumentText } from "../interchange/strict-json.js";
import { ImportSummary } from "../schema/interchange.js";
import { JSONObject } from "../schema/scalars.js";

@Resolver()
export class InterchangeResolver {
  @Mutation(() => ImportSummary, {
    description:
      "Imports an interchange document: validated whole, upserted by id, all or nothing. " +
      "For each node in the document, each relationship field it carries is set to exactly the document's; a field left out is untouched. " +
      "Give the document either as `document` (JSON, where a repeated key keeps its last value before kmgraph sees it) " +
      "or as `documentText` (JSON text, where a repeated key is refused with its path, as by `kmgraph import`).",
  })
  importDocument(
    @Arg("document", () => JSONObject, { nullable: true }) document: object | null,
    @Arg("documentText", () => String, {
      nullable: true,
      description: "The document as JSON text; a key repeated in any object is refused.",
    })
    documentText: string | null,
    @Ctx() ctx: Context,
  ): Promise<ImportSummary> {
    return ctx.interchange.import(documentOf(document, documentText));
  }

  @Query(() => JSONObject, { description: "The whole graph as an interchange document." })
  exportDocument(@Ctx() ctx: Context): Promise<InterchangeDocument> {
    return ctx.interchange.export();
  }
}

/** Exactly one of the two forms. */
function documentOf(document: object | null, text: string | null): unknown {
  if ((document === null || document === undefined) === (text === null || text === undefined)) {
    throw badInput("give the document either as document or as documentText", [
      { path: "document", message: "give exactly one of document and documentText" },
    ]);
  }
  return text !== null && text !== undefined ? parseDocumentText(text) : document;
}
