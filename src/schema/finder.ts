import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { AssetKind } from "./enums.js";
import { KnowledgeAsset } from "./knowledge-asset.js";
import { Lesson } from "./lesson.js";
import { connectionType } from "./pagination.js";
import { Person } from "./person.js";
import { LocalDate } from "./scalars.js";
import { Topic } from "./topic.js";

// Expert finder and knowledge search; rankings in docs/expert-finder-and-search.md.

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
  @Field(() => Int, { nullable: true, description: "1–100, default 10." }) limit?: number | null;
}

@ObjectType()
export class ExpertEvidence {
  @Field(() => String, { description: "DECLARED, AUTHORED, RECORDED or ROLE." }) kind!: string;
  @Field(() => ID, { description: "The topic, asset, lesson or project behind it." }) id!: string;
  @Field(() => ID) topic!: string;
  @Field(() => Int) hops!: number;
  @Field(() => Float) value!: number;
}

@ObjectType()
export class ExpertScoreParts {
  @Field(() => Float) declared!: number;
  @Field(() => Float) authored!: number;
  @Field(() => Float) recorded!: number;
  @Field(() => Float) roles!: number;
}

@ObjectType({ description: "A person ranked on evidence of knowing a topic." })
export class ExpertMatch {
  @Field(() => Person) person!: Person;
  @Field(() => ID, { description: "The topic the person was ranked on." }) topic!: string;
  @Field(() => Float) score!: number;
  @Field(() => ExpertScoreParts) parts!: ExpertScoreParts;
  @Field(() => Float, { nullable: true, description: "Best declared level × decay^hops." }) level!: number | null;
  @Field(() => Float, { description: "1 − current allocation, at least 0." }) availability!: number;
  @Field(() => [ExpertEvidence]) evidence!: ExpertEvidence[];
}

export enum SearchKind {
  ASSET = "ASSET",
  LESSON = "LESSON",
  TOPIC = "TOPIC",
  PERSON = "PERSON",
}
registerEnumType(SearchKind, { name: "SearchKind" });

@InputType({
  description: "Search filters, combined with AND; a filter that does not apply to a kind leaves that kind out.",
})
export class SearchFilter {
  @Field(() => [SearchKind], { nullable: true, description: "Kinds to search; default all." }) kinds?: SearchKind[];
  @Field(() => [AssetKind], { nullable: true }) assetKind?: AssetKind[];
  @Field(() => ID, { nullable: true, description: "On this topic or one below it (2 hops)." }) topic?: string;
  @Field(() => ID, { nullable: true }) orgUnit?: string;
  @Field(() => ID, { nullable: true }) project?: string;
  @Field(() => LocalDate, { nullable: true }) from?: string;
  @Field(() => LocalDate, { nullable: true }) to?: string;
}

@ObjectType({ description: "A search result with the parts of its rank." })
export class SearchHit {
  @Field(() => SearchKind) kind!: SearchKind;
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => Float, { description: "relevance × quality × reuseFactor × freshness." }) rank!: number;
  @Field(() => Float) relevance!: number;
  @Field(() => Float) quality!: number;
  @Field(() => Int, { description: "Projects other than its origin that reused it." }) reuse!: number;
  @Field(() => Float) reuseFactor!: number;
  @Field(() => Float) freshness!: number;
  @Field(() => KnowledgeAsset, { nullable: true }) asset?: KnowledgeAsset | null;
  @Field(() => Lesson, { nullable: true }) lesson?: Lesson | null;
  @Field(() => Topic, { nullable: true }) topic?: Topic | null;
  @Field(() => Person, { nullable: true }) person?: Person | null;
}

export const SearchHitConnection = connectionType(SearchHit, "SearchHit");
