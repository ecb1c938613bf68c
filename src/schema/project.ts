import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { Novelty, ProjectStatus } from "./enums.js";
import { IdFilter } from "./filter.js";
import { GraphNode } from "./node.js";
import { connectionType, orderInput } from "./pagination.js";
import { LocalDate } from "./scalars.js";

@ObjectType()
export class Project extends GraphNode {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => ProjectStatus) status!: ProjectStatus;
  @Field(() => Novelty) novelty!: Novelty;
  @Field(() => LocalDate, { nullable: true }) startDate?: string | null;
  @Field(() => LocalDate, { nullable: true }) endDate?: string | null;
}

export enum ProjectSortField {
  ID = "id",
  NAME = "name",
  STATUS = "status",
  START_DATE = "startDate",
  END_DATE = "endDate",
  UPDATED_AT = "updatedAt",
}
registerEnumType(ProjectSortField, { name: "ProjectSortField" });
export const ProjectOrder = orderInput<ProjectSortField>(ProjectSortField, "Project");
export const ProjectConnection = connectionType(Project, "Project");

@InputType()
export class ProjectFilter extends IdFilter {
  @Field(() => String, { nullable: true }) nameContains?: string;
  @Field(() => [ProjectStatus], { nullable: true }) status?: ProjectStatus[];
  @Field(() => [Novelty], { nullable: true }) novelty?: Novelty[];
  @Field(() => ID, { nullable: true }) orgUnit?: string;
  @Field(() => ID, { nullable: true }) needsTopic?: string;
  @Field(() => ID, { nullable: true }) supportsGoal?: string;
  @Field(() => ID, { nullable: true, description: "Projects this person has a role on." }) member?: string;
}

@InputType()
export class CreateProjectInput {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => ProjectStatus, { nullable: true, description: "Default PLANNED." }) status?: ProjectStatus;
  @Field(() => Novelty, { nullable: true, description: "Default ROUTINE." }) novelty?: Novelty;
  @Field(() => LocalDate, { nullable: true }) startDate?: string | null;
  @Field(() => LocalDate, { nullable: true }) endDate?: string | null;
}

@InputType()
export class UpdateProjectInput {
  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => ProjectStatus, { nullable: true }) status?: ProjectStatus;
  @Field(() => Novelty, { nullable: true }) novelty?: Novelty;
  @Field(() => LocalDate, { nullable: true }) startDate?: string | null;
  @Field(() => LocalDate, { nullable: true }) endDate?: string | null;
}
