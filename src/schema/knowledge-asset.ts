import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { AssetKind } from "./enums.js";
import { IdFilter } from "./filter.js";
import { GraphNode } from "./node.js";
import { connectionType, orderInput } from "./pagination.js";
import { LocalDate } from "./scalars.js";

@ObjectType({ description: "A reusable piece of captured knowledge: a guide, a toolkit, a data set…" })
export class KnowledgeAsset extends GraphNode {
  @Field(() => String) title!: string;
  @Field(() => AssetKind) kind!: AssetKind;
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => Int, { nullable: true, description: "1 to 5." }) quality?: number | null;
  @Field(() => LocalDate, { nullable: true }) publishedAt?: string | null;
  @Field(() => LocalDate, { nullable: true }) reviewedAt?: string | null;
}

export enum KnowledgeAssetSortField {
  ID = "id",
  TITLE = "title",
  KIND = "kind",
  QUALITY = "quality",
  PUBLISHED_AT = "publishedAt",
  REVIEWED_AT = "reviewedAt",
}
registerEnumType(KnowledgeAssetSortField, { name: "KnowledgeAssetSortField" });
export const KnowledgeAssetOrder = orderInput<KnowledgeAssetSortField>(KnowledgeAssetSortField, "KnowledgeAsset");
export const KnowledgeAssetConnection = connectionType(KnowledgeAsset, "KnowledgeAsset");

@InputType()
export class KnowledgeAssetFilter extends IdFilter {
  @Field(() => String, { nullable: true }) titleContains?: string;
  @Field(() => [AssetKind], { nullable: true }) kind?: AssetKind[];
  @Field(() => Int, { nullable: true }) minQuality?: number;
  @Field(() => ID, { nullable: true }) coversTopic?: string;
  @Field(() => ID, { nullable: true }) producedBy?: string;
  @Field(() => ID, { nullable: true }) author?: string;
}

@InputType()
export class CreateKnowledgeAssetInput {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => AssetKind, { nullable: true, description: "Default OTHER." }) kind?: AssetKind;
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => Int, { nullable: true }) quality?: number | null;
  @Field(() => LocalDate, { nullable: true }) publishedAt?: string | null;
  @Field(() => LocalDate, { nullable: true }) reviewedAt?: string | null;
}

@InputType()
export class UpdateKnowledgeAssetInput {
  @Field(() => String, { nullable: true }) title?: string;
  @Field(() => AssetKind, { nullable: true }) kind?: AssetKind;
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => Int, { nullable: true }) quality?: number | null;
  @Field(() => LocalDate, { nullable: true }) publishedAt?: string | null;
  @Field(() => LocalDate, { nullable: true }) reviewedAt?: string | null;
}
