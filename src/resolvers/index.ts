import { type NonEmptyArray, UseMiddleware } from "type-graphql";
import { RELATIONS } from "../model/relations.js";
import { KnowsProperties, NeedsProperties, ReuseProperties, WorksOnProperties } from "../schema/payloads.js";
import {
  OrganisationResolver,
  OrgUnitAnalyticsResolver,
  ProjectAnalyticsResolver,
  ReuseFlowsResolver,
} from "./analytics-resolver.js";
import { AuditResolver } from "./audit-resolver.js";
import { computedListResolvers } from "./computed-lists.js";
import { ExpertFinderResolver, KnowledgeSearchResolver } from "./finder-resolver.js";
import { GoalResolver } from "./goal-resolver.js";
import { ExpertiseInferenceResolver } from "./inference-resolver.js";
import { refuseIllFormedStrings } from "./input-hygiene.js";
import { InterchangeResolver } from "./interchange-resolver.js";
import { KMActivityResolver } from "./km-activity-resolver.js";
import { KnowledgeAssetResolver } from "./knowledge-asset-resolver.js";
import { KnowledgeGapResolver } from "./knowledge-gap-resolver.js";
import { LessonResolver } from "./lesson-resolver.js";
import { OrgUnitResolver } from "./org-unit-resolver.js";
import { PersonResolver } from "./person-resolver.js";
import { ProjectResolver } from "./project-resolver.js";
import { relationResolver } from "./relation-resolver.js";
import { ReviewResolver } from "./review-resolver.js";
import { TopicResolver } from "./topic-resolver.js";
import { ViewerResolver } from "./viewer-resolver.js";

const PROPERTY_INPUTS = {
  WorksOn: { input: WorksOnProperties, required: false },
  Knows: { input: KnowsProperties, required: true },
  Needs: { input: NeedsProperties, required: true },
  Used: { input: ReuseProperties, required: false },
  Applied: { input: ReuseProperties, required: false },
} as const;

const relationResolvers = Object.values(RELATIONS).map((relation) => {
  const properties = PROPERTY_INPUTS[relation.key as keyof typeof PROPERTY_INPUTS];
  return relationResolver(relation, properties?.input, properties?.required);
});

export const resolvers = [
  OrgUnitResolver,
  GoalResolver,
  TopicResolver,
  PersonResolver,
  ProjectResolver,
  KnowledgeAssetResolver,
  LessonResolver,
  KnowledgeGapResolver,
  KMActivityResolver,
  InterchangeResolver,
  ProjectAnalyticsResolver,
  OrgUnitAnalyticsResolver,
  OrganisationResolver,
  ReuseFlowsResolver,
  ExpertFinderResolver,
  KnowledgeSearchResolver,
  ExpertiseInferenceResolver,
  ReviewResolver,
  ViewerResolver,
  AuditResolver,
  ...computedListResolvers,
  ...relationResolvers,
  // biome-ignore lint/complexity/noBannedTypes: the type buildSchema declares for its resolver classes
] as unknown as NonEmptyArray<Function>;

// On every resolver class and the generic bases that declare most fields (a
// field's middleware is looked up on the class that declares it), so no root
// field, today's or a new one, escapes the check.
const checked = new Set<object>();
for (const resolver of resolvers) {
  for (let cls: object | null = resolver; cls && cls !== Function.prototype; cls = Object.getPrototypeOf(cls)) {
    if (checked.has(cls)) continue;
    checked.add(cls);
    // biome-ignore lint/complexity/noBannedTypes: the type buildSchema declares for its resolver classes
    UseMiddleware(refuseIllFormedStrings)(cls as Function);
  }
}
