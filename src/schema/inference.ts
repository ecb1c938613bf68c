import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type * as inference from "../inference/types.js";
import { ExpertiseEvidenceKind, ProposalAction } from "../inference/types.js";
import { LocalDate } from "./scalars.js";

// GraphQL shapes of the expertise inference; the definition is in
// docs/expertise-inference.md. Each class implements its type in
// src/inference/types.ts and ExpertiseInferenceResolver returns these classes,
// so a field on one side only fails the typecheck.

registerEnumType(ExpertiseEvidenceKind, {
  name: "ExpertiseEvidenceKind",
  description:
    "AUTHORED: an asset the person authored covers the topic; ROLE: a project the person works or worked on needs it.",
});
registerEnumType(ProposalAction, {
  name: "ProposalAction",
  description: "What applying a proposal does to the person's INFERRED KNOWS edge.",
});

@ObjectType({ description: "One piece of evidence of expertise: an asset (AUTHORED) or a project (ROLE)." })
export class ExpertiseEvidence implements inference.ExpertiseEvidence {
  @Field(() => ExpertiseEvidenceKind) kind!: ExpertiseEvidenceKind;
  @Field(() => ID, { description: "The asset (AUTHORED) or project (ROLE)." }) id!: string;
  @Field(() => Float, { description: "AUTHORED: (quality, 2.5 when unknown) / 5; ROLE: 0.5." }) value!: number;
}

@ObjectType({ description: "A proposed change to an INFERRED KNOWS edge; declared edges are never proposed." })
export class ExpertiseProposal implements inference.ExpertiseProposal {
  @Field(() => ID) person!: string;
  @Field(() => ID) topic!: string;
  @Field(() => ProposalAction) action!: ProposalAction;
  @Field(() => Int, { nullable: true, description: "min(3, 1 + floor(total)); null for REMOVE." }) level!:
    | number
    | null;
  @Field(() => Int, { nullable: true, description: "Level of the existing INFERRED edge; null for CREATE." })
  previousLevel!: number | null;
  @Field(() => Float, { description: "Σ of the evidence values; below 0.5 proposes nothing." }) total!: number;
  @Field(() => [ExpertiseEvidence], { description: "AUTHORED before ROLE, each by id." })
  evidence!: readonly ExpertiseEvidence[];
}

@ObjectType({ description: "What applying the expertise inference wrote, in one transaction." })
export class InferenceSummary implements inference.InferenceSummary {
  @Field(() => LocalDate, { description: "Written as assessedAt of the edges." }) asOf!: string;
  @Field(() => [ExpertiseProposal], { description: "The proposals the run was based on." })
  proposals!: readonly ExpertiseProposal[];
  @Field(() => Int) created!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int) removed!: number;
  @Field(() => Int, {
    description: "Proposals not written because the graph changed meanwhile (a declared edge wins).",
  })
  skipped!: number;
  @Field(() => Int, { description: "INFERRED edges the evidence confirms at their level." }) unchanged!: number;
}
