import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { analyticsParams } from "../analytics/params.js";
import type { Context } from "../context/context.js";
import { ExpertiseProposal, InferenceSummary } from "../schema/inference.js";
import { LocalDate } from "../schema/scalars.js";

// "Expertise from evidence": see docs/expertise-inference.md.

@Resolver()
export class ExpertiseInferenceResolver {
  @Query(() => [ExpertiseProposal], {
    description:
      "INFERRED KNOWS edges proposed from authorship and project roles (CREATE, UPDATE, REMOVE), by person then topic. " +
      "Declared edges (SELF, PEER, MANAGER) are never proposed. Writes nothing.",
  })
  async expertiseProposals(
    @Arg("asOf", () => LocalDate, { nullable: true, description: "Date of the inference; default today." }) asOf:
      | string
      | null,
    @Ctx() ctx: Context,
  ): Promise<readonly ExpertiseProposal[]> {
    return (await ctx.inference.propose(analyticsParams({ asOf: asOf ?? undefined }))).proposals;
  }

  @Mutation(() => InferenceSummary, {
    description:
      "Writes the expertise proposals in one transaction: INFERRED edges created, updated or removed, assessed at asOf. " +
      "A declared edge present at write time wins. Running it twice in a row writes nothing the second time.",
  })
  async applyExpertiseInference(
    @Arg("asOf", () => LocalDate, { nullable: true, description: "Written as assessedAt; default today." }) asOf:
      | string
      | null,
    @Ctx() ctx: Context,
  ): Promise<InferenceSummary> {
    const result = await ctx.inference.apply(analyticsParams({ asOf: asOf ?? undefined }));
    return { asOf: result.asOf, proposals: result.proposals, ...result.applied, unchanged: result.counts.unchanged };
  }
}
