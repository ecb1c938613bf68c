import { ArgsType, Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { DEFAULT_EXPERT_LIMIT, MAX_EXPERT_LIMIT } from "../finder/expert-finder.js";
import type * as finder from "../finder/types.js";
import { ExpertEvidenceKind } from "../finder/types.js";
import { Person } from "./person.js";

// GraphQL shapes of the expert finder; the ranking is in
// docs/expert-finder-and-search.md. Each class implements its type in
// src/finder/types.ts and ExpertFinderResolver declares what it returns with
// them, so a field on one side only fails the typecheck.

registerEnumType(ExpertEvidenceKind, {
  name: "ExpertEvidenceKind",
  description:
    "What shows that a person knows a topic: DECLARED a KNOWS level, AUTHORED an asset covering it, " +
    "RECORDED a lesson about it, ROLE a project needing it.",
});

@ArgsType()
export class ExpertArgs {
  @Field(() => ID, { nullable: true, description: "The topic; or give `query`." }) topic?: string | null;
  @Field(() => String, { nullable: true, description: "Free text matched against topic names and descriptions." })
  query?: string | null;
  @Field(() => Int, {
    nullable: true,
    description: "Keep people whose declared level (with taxonomy decay) is at least this, 1–5.",
  })
  minLevel?: number | null;
  @Field(() => Boolean, { nullable: true, description: "Keep people with some time left at asOf." })
  availableOnly?: boolean | null;
  @Field(() => ID, { nullable: true, description: "Keep members of this org unit." }) orgUnit?: string | null;
  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_EXPERT_LIMIT,
    description: `1–${MAX_EXPERT_LIMIT}, default ${DEFAULT_EXPERT_LIMIT}.`,
  })
  limit?: number | null;
}

@ObjectType({ description: "One piece of evidence behind an expert's score, with what it adds." })
export class ExpertEvidence implements finder.ExpertEvidence {
  @Field(() => ExpertEvidenceKind) kind!: ExpertEvidenceKind;
  @Field(() => ID, { description: "The topic, asset, lesson or project behind it." }) id!: string;
  @Field(() => ID) topic!: string;
  @Field(() => Int) hops!: number;
  @Field(() => Float) value!: number;
}

@ObjectType()
export class ExpertScoreParts implements finder.ExpertScoreParts {
  @Field(() => Float) declared!: number;
  @Field(() => Float) authored!: number;
  @Field(() => Float) recorded!: number;
  @Field(() => Float) roles!: number;
}

/**
 * The finder's match, except `person`: the schema gives the Person (loaded by
 * ExpertFinderResolver.person from the match's id) where the domain has the id,
 * and leaves out `name`, which is the Person's own field.
 */
@ObjectType({ description: "A person ranked on evidence of knowing a topic." })
export class ExpertMatch implements Omit<finder.ExpertMatch, "person" | "name"> {
  @Field(() => Person) person!: Person;
  @Field(() => ID, { description: "The topic the person was ranked on." }) topic!: string;
  @Field(() => Float) score!: number;
  @Field(() => ExpertScoreParts) parts!: ExpertScoreParts;
  @Field(() => Float, { nullable: true, description: "Best declared level × decay^hops." }) level!: number | null;
  @Field(() => Float, { description: "1 − current allocation, at least 0." }) availability!: number;
  @Field(() => [ExpertEvidence]) evidence!: ExpertEvidence[];
}

/** An ExpertMatch as the query returns it: the person still an id, resolved by ExpertFinderResolver.person. */
export type ExpertMatchRoot = Omit<ExpertMatch, "person"> & Pick<finder.ExpertMatch, "person">;
