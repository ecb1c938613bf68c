import { Field, Int, ObjectType } from "type-graphql";
import type * as interchange from "../interchange/interchange-service.js";
import type { Label } from "../model/entities.js";
import { NodeLabel, RelationName, RelationshipType } from "./enums.js";

// What an import wrote. Each class implements its type in
// src/interchange/interchange-service.ts and InterchangeResolver returns
// ImportSummary, so a field on one side only fails the typecheck.

@ObjectType({ description: "Nodes of one label in an imported document." })
export class NodeImportCount implements interchange.NodeImportCount {
  @Field(() => NodeLabel) label!: Label;
  @Field(() => Int, { description: "Nodes of the label in the document." }) total!: number;
  @Field(() => Int) created!: number;
  @Field(() => Int) updated!: number;
  @Field(() => Int) unchanged!: number;
}

@ObjectType({ description: "Relationships of one relation in an imported document." })
export class RelationshipImportCount implements interchange.RelationshipImportCount {
  @Field(() => RelationshipType) type!: string;
  @Field(() => RelationName, { description: "The relation's API name (WorksOn, LessonAbout…)." }) relation!: string;
  @Field(() => Int, { description: "Relationships of the relation in the document." }) total!: number;
  @Field(() => Int) created!: number;
  @Field(() => Int, { description: "Relationships of imported nodes that the document no longer lists." })
  removed!: number;
}

@ObjectType()
export class ImportSummary implements interchange.ImportSummary {
  @Field(() => [NodeImportCount]) nodes!: NodeImportCount[];
  @Field(() => [RelationshipImportCount]) relationships!: RelationshipImportCount[];
}
