import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import type * as search from "../search/types.js";
import { SearchKind } from "../search/types.js";
import { AssetKind } from "./enums.js";
import { KnowledgeAsset } from "./knowledge-asset.js";
import { Lesson } from "./lesson.js";
import { connectionType } from "./pagination.js";
import { Person } from "./person.js";
import { LocalDate } from "./scalars.js";
import { Topic } from "./topic.js";

// GraphQL shapes of the knowledge search; the ranking is in
// docs/expert-finder-and-search.md. SearchHit implements its type in
// src/search/types.ts and KnowledgeSearchResolver declares what it returns
// with it, so a field on one side only fails the typecheck.

registerEnumType(SearchKind, {
  name: "SearchKind",
  description: "What a search hit is; equal ranks list assets, then lessons, topics, people.",
});

@InputType({
  description: "Search filters, combined with AND; a filter that does not apply to a kind leaves that kind out.",
})
export class SearchFilter implements search.SearchFilters {
  @Field(() => [SearchKind], { nullable: true, description: "Kinds to search; default all." }) kinds?: SearchKind[];
  @Field(() => [AssetKind], { nullable: true }) assetKind?: AssetKind[];
  @Field(() => ID, { nullable: true, description: "On this topic or one below it (2 hops)." }) topic?: string;
  @Field(() => ID, { nullable: true }) orgUnit?: string;
  @Field(() => ID, { nullable: true }) project?: string;
  @Field(() => LocalDate, { nullable: true }) from?: string;
  @Field(() => LocalDate, { nullable: true }) to?: string;
}

/**
 * The search's hit, plus the node it is: one of asset, lesson, topic, person,
 * loaded by KnowledgeSearchResolver from the hit's kind and id.
 */
@ObjectType({ description: "A search result with the parts of its rank." })
export class SearchHit implements search.SearchHit {
  @Field(() => SearchKind) kind!: SearchKind;
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => Float, { description: "relevance × quality × reuseFactor × freshness." }) rank!: number;
  @Field(() => Float) relevance!: number;
  @Field(() => Float) quality!: number;
  @Field(() => Int, { description: "Projects other than its origin that reused it." }) reuse!: number;
  @Field(() => Float) reuseFactor!: number;
  @Field(() => Float) freshness!: number;
  @Field(() => KnowledgeAsset, { nullable: true }) asset!: KnowledgeAsset | null;
  @Field(() => Lesson, { nullable: true }) lesson!: Lesson | null;
  @Field(() => Topic, { nullable: true }) topic!: Topic | null;
  @Field(() => Person, { nullable: true }) person!: Person | null;
}

/** A SearchHit as the query returns it: the node fields come from KnowledgeSearchResolver. */
export type SearchHitRoot = Omit<SearchHit, "asset" | "lesson" | "topic" | "person">;

export const SearchHitConnection = connectionType(SearchHit, "SearchHit");
