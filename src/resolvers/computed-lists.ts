import { Arg, type ClassType, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { LIST_PAGES, pageSize } from "../config.js";
import {
  AssetOnTopic,
  Bottlenecks,
  KeyPersonRisk,
  LessonOnTopic,
  LoadAssignment,
  MaturityDistribution,
  NeedCoverage,
  OrganisationCoverage,
  PersonLoad,
  ProjectCoverage,
  ProjectMaturity,
  Removal,
  RiskTopic,
  Successor,
  SuccessorPlan,
  TopicExperts,
  TopicSupplyDemand,
  TruckFactor,
} from "../schema/analytics.js";
import { ExpertEvidence, ExpertMatch } from "../schema/finder.js";
import { ExpertiseEvidence, ExpertiseProposal } from "../schema/inference.js";
import {
  GoalThinSupply,
  OrphanedAsset,
  ReviewInventory,
  StaleAsset,
  StrategyReview,
  StuckLesson,
  ThinSupplyTopic,
  TopicInventory,
} from "../schema/review.js";

/**
 * `first` on the lists an analytic, the finder or the review computes: the
 * list is computed whole (its service needs all of it to rank), and the
 * answer holds its first `first` items, so the query's cost is known before
 * it runs (LIST_PAGES.computed; every coordinate is in COMPUTED_LISTS).
 */
function pagedLists(Parent: ClassType, typeName: string, lists: Readonly<Record<string, ClassType>>): ClassType {
  @Resolver(() => Parent)
  class PagedLists {}
  const { default: size, max } = LIST_PAGES.computed;
  const prototype = PagedLists.prototype as unknown as Record<string, unknown>;
  for (const [field, Item] of Object.entries(lists)) {
    const coordinate = `${typeName}.${field}`;
    prototype[field] = (parent: Record<string, unknown>, first: number): readonly unknown[] =>
      (parent[field] as readonly unknown[]).slice(0, pageSize(coordinate, first));
    // What TypeScript's decorator metadata would have said of a method written out.
    Reflect.defineMetadata("design:paramtypes", [Object, Number], prototype, field);
    Reflect.defineMetadata("design:returntype", Array, prototype, field);
    Root()(prototype, field, 0);
    Arg("first", () => Int, {
      defaultValue: size,
      description: `The most to return, 0 to ${max} (default ${size}), in the list's order.`,
    })(prototype, field, 1);
    FieldResolver(() => [Item])(prototype, field, Object.getOwnPropertyDescriptor(prototype, field)!);
  }
  return PagedLists;
}

export const computedListResolvers: readonly ClassType[] = [
  pagedLists(OrganisationCoverage, "OrganisationCoverage", { topics: TopicSupplyDemand }),
  pagedLists(ProjectCoverage, "ProjectCoverage", { needs: NeedCoverage }),
  pagedLists(NeedCoverage, "NeedCoverage", { assets: AssetOnTopic, lessons: LessonOnTopic }),
  pagedLists(MaturityDistribution, "MaturityDistribution", { projects: ProjectMaturity }),
  pagedLists(Bottlenecks, "Bottlenecks", {
    topics: TopicExperts,
    bottlenecks: TopicExperts,
    keyPersonRisk: KeyPersonRisk,
    load: PersonLoad,
    successors: SuccessorPlan,
  }),
  pagedLists(KeyPersonRisk, "KeyPersonRisk", { topics: RiskTopic }),
  pagedLists(PersonLoad, "PersonLoad", { assignments: LoadAssignment }),
  pagedLists(SuccessorPlan, "SuccessorPlan", { candidates: Successor }),
  pagedLists(TruckFactor, "TruckFactor", { removed: Removal }),
  pagedLists(ExpertMatch, "ExpertMatch", { evidence: ExpertEvidence }),
  pagedLists(ExpertiseProposal, "ExpertiseProposal", { evidence: ExpertiseEvidence }),
  pagedLists(StrategyReview, "StrategyReview", {
    staleAssets: StaleAsset,
    orphanedAssets: OrphanedAsset,
    thinSupply: GoalThinSupply,
    stuckLessons: StuckLesson,
  }),
  pagedLists(ReviewInventory, "ReviewInventory", { byTopic: TopicInventory }),
  pagedLists(GoalThinSupply, "GoalThinSupply", { topics: ThinSupplyTopic }),
];
