import { Field, Float, Int, ObjectType } from "type-graphql";
import { Criticality, KnowledgeSource } from "./enums.js";
import { KnowledgeAsset } from "./knowledge-asset.js";
import { Lesson } from "./lesson.js";
import { Person } from "./person.js";
import { Project } from "./project.js";
import { LocalDate } from "./scalars.js";
import { Topic } from "./topic.js";

// Relationships with properties, seen from each end: the node at the other
// end plus the relationship's own fields.

@ObjectType()
abstract class WorksOnFields {
  @Field(() => String, { nullable: true }) role?: string | null;
  @Field(() => Float, { nullable: true, description: "Share of the person's time, 0 to 1." })
  allocation?: number | null;
  @Field(() => LocalDate, { nullable: true }) from?: string | null;
  @Field(() => LocalDate, { nullable: true, description: "Empty while the role is open-ended." })
  to?: string | null;
}

@ObjectType({ description: "A person's role on a project." })
export class TeamMember extends WorksOnFields {
  @Field(() => Person) person!: Person;
}

@ObjectType({ description: "A project a person has a role on." })
export class Assignment extends WorksOnFields {
  @Field(() => Project) project!: Project;
}

@ObjectType()
abstract class KnowsFields {
  @Field(() => Int, { description: "1 awareness, 2 working, 3 practitioner, 4 expert, 5 authority." })
  level!: number;
  @Field(() => KnowledgeSource) source!: KnowledgeSource;
  @Field(() => Int) endorsements!: number;
  @Field(() => LocalDate, { nullable: true }) assessedAt?: string | null;
}

@ObjectType({ description: "A topic a person knows, at a level." })
export class Expertise extends KnowsFields {
  @Field(() => Topic) topic!: Topic;
}

@ObjectType({ description: "A person who knows a topic, at a level." })
export class TopicExpert extends KnowsFields {
  @Field(() => Person) person!: Person;
}

@ObjectType()
abstract class NeedsFields {
  @Field(() => Int, { description: "Level the project needs, 1 to 5." }) level!: number;
  @Field(() => Criticality) criticality!: Criticality;
}

@ObjectType({ description: "Knowledge a project needs." })
export class Need extends NeedsFields {
  @Field(() => Topic) topic!: Topic;
}

@ObjectType({ description: "A project that needs a topic." })
export class TopicDemand extends NeedsFields {
  @Field(() => Project) project!: Project;
}

@ObjectType()
abstract class ReuseFields {
  @Field(() => LocalDate, { nullable: true }) at?: string | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@ObjectType({ description: "An asset a project used." })
export class AssetUse extends ReuseFields {
  @Field(() => KnowledgeAsset) asset!: KnowledgeAsset;
}

@ObjectType({ description: "A lesson a project applied." })
export class LessonApplication extends ReuseFields {
  @Field(() => Lesson) lesson!: Lesson;
}

@ObjectType({ description: "A project that reused an asset or a lesson." })
export class Reuse extends ReuseFields {
  @Field(() => Project) project!: Project;
}
