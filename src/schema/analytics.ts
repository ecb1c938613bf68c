import { ArgsType, Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { AnalyticsParams } from "../analytics/params.js";
import type * as analytics from "../analytics/types.js";
import { CoverageStatus, GapSource, ReuseKind } from "../analytics/types.js";
import type { Label } from "../model/entities.js";
import { Criticality, GapStatus, NodeLabel, RelationshipType } from "./enums.js";
import { LocalDate } from "./scalars.js";

// GraphQL shapes of the analytics; formulas in docs/analytics.md. Each class
// implements its type in src/analytics/types.ts, and the resolvers declare
// these classes as what they return, so a field on one side only fails the
// typecheck.

registerEnumType(CoverageStatus, {
  name: "CoverageStatus",
  description:
    "COVERED: the team at asOf has the level; REACHABLE: someone else in the organisation, a useful asset or a lesson has it; GAP: neither.",
});
registerEnumType(GapSource, {
  name: "GapSource",
  description: "EXPLICIT: a KnowledgeGap recorded on the project; DERIVED: a need the team does not cover.",
});
registerEnumType(ReuseKind, { name: "ReuseKind", description: "What a reuse candidate offers." });

@ArgsType()
export class AnalyticsArgs {
  @Field(() => LocalDate, { nullable: true, description: "Date of the analysis; default today." })
  asOf?: string;
  @Field(() => Int, { nullable: true, description: "Level from which a person is an expert (default 4)." })
  expertLevel?: number;
  @Field(() => Float, { nullable: true, description: "Factor per taxonomy hop (default 0.5)." })
  taxonomyDecay?: number;
  @Field(() => Int, { nullable: true, description: "Taxonomy hops that credit reaches, 0 to 5 (default 2)." })
  maxTaxonomyHops?: number;
  @Field(() => Float, { nullable: true, description: "Age in months at which evidence is worth half (default 24)." })
  stalenessMonths?: number;
}

@ObjectType({ description: "The person and topic behind a level, with the taxonomy credit applied." })
export class LevelSource implements analytics.LevelSource {
  @Field(() => ID) person!: string;
  @Field(() => ID) topic!: string;
  @Field(() => Int) hops!: number;
  @Field(() => Int) declaredLevel!: number;
  @Field(() => Float) level!: number;
}

@ObjectType()
export class AssetOnTopic implements analytics.AssetOnTopic {
  @Field(() => ID) id!: string;
  @Field(() => ID) topic!: string;
  @Field(() => Int) hops!: number;
  @Field(() => Int, { nullable: true }) quality!: number | null;
}

@ObjectType()
export class LessonOnTopic implements analytics.ResourceOnTopic {
  @Field(() => ID) id!: string;
  @Field(() => ID) topic!: string;
  @Field(() => Int) hops!: number;
}

@ObjectType({ description: "How one need of a project is covered." })
export class NeedCoverage implements analytics.NeedCoverage {
  @Field(() => ID) topic!: string;
  @Field(() => Int) level!: number;
  @Field(() => Criticality) criticality!: Criticality;
  @Field(() => Int) weight!: number;
  @Field(() => Float) teamLevel!: number;
  @Field(() => LevelSource, { nullable: true }) teamSource!: LevelSource | null;
  @Field(() => Float) orgLevel!: number;
  @Field(() => LevelSource, { nullable: true }) orgSource!: LevelSource | null;
  @Field(() => [AssetOnTopic]) assets!: AssetOnTopic[];
  @Field(() => [LessonOnTopic]) lessons!: LessonOnTopic[];
  @Field(() => CoverageStatus) status!: CoverageStatus;
}

@ObjectType()
export class ProjectCoverage implements analytics.ProjectCoverage {
  @Field(() => ID) project!: string;
  @Field(() => LocalDate) asOf!: string;
  @Field(() => [ID], { description: "The team at asOf." }) team!: string[];
  @Field(() => [NeedCoverage]) needs!: NeedCoverage[];
  @Field(() => Int) totalWeight!: number;
  @Field(() => Int) coveredWeight!: number;
  @Field(() => Int) reachableWeight!: number;
  @Field(() => Float, { nullable: true, description: "Σ weight of COVERED needs / Σ weight; null without needs." })
  coverage!: number | null;
  @Field(() => Float, { nullable: true, description: "Σ weight of COVERED or REACHABLE needs / Σ weight." })
  reachableCoverage!: number | null;
}

@ObjectType()
export class TopicSupplyDemand implements analytics.TopicSupplyDemand {
  @Field(() => ID) topic!: string;
  @Field(() => String) name!: string;
  @Field(() => Int) demand!: number;
  @Field(() => [ID]) demandingProjects!: string[];
  @Field(() => [ID]) experts!: string[];
  @Field(() => [ID]) assets!: string[];
  @Field(() => [ID]) lessons!: string[];
  @Field(() => Int) supply!: number;
}

@ObjectType()
export class OrganisationCoverage implements analytics.OrganisationCoverage {
  @Field(() => LocalDate) asOf!: string;
  @Field(() => [TopicSupplyDemand]) topics!: TopicSupplyDemand[];
  @Field(() => [ID], { description: "Topics with demand and no supply, highest demand first." })
  demandWithoutSupply!: string[];
  @Field(() => [ID], { description: "Topics with supply and no demand." })
  supplyWithoutDemand!: string[];
}

@ObjectType({ description: "An explicit (recorded) or derived (need not covered) gap." })
export class GapReport implements analytics.GapReport {
  @Field(() => ID) id!: string;
  @Field(() => GapSource) source!: GapSource;
  @Field(() => ID) project!: string;
  @Field(() => ID, { nullable: true }) topic!: string | null;
  @Field(() => Criticality) criticality!: Criticality;
  @Field(() => Int) weight!: number;
  @Field(() => Int, { nullable: true }) requiredLevel!: number | null;
  @Field(() => Float) teamLevel!: number;
  @Field(() => Float, { description: "weight × max(0, requiredLevel − teamLevel)." }) severity!: number;
  @Field(() => GapStatus, { nullable: true }) status!: GapStatus | null;
  @Field(() => [ID]) activities!: string[];
  @Field(() => Boolean) targeted!: boolean;
  @Field(() => LocalDate, { nullable: true }) identifiedAt!: string | null;
  @Field(() => Int, { nullable: true }) ageDays!: number | null;
}

@ObjectType()
export class MaturityCriterion implements analytics.Criterion {
  @Field(() => Int) level!: number;
  @Field(() => String) name!: string;
  @Field(() => Boolean) met!: boolean;
  @Field(() => String) detail!: string;
}

@ObjectType()
export class ProjectMaturity implements analytics.ProjectMaturity {
  @Field(() => ID) project!: string;
  @Field(() => Int, { description: "1 Initiate, 2 Develop, 3 Standardize, 4 Optimize, 5 Innovate." }) level!: number;
  @Field(() => [MaturityCriterion]) criteria!: MaturityCriterion[];
  @Field(() => [MaturityCriterion], { description: "What it takes to reach the next level." })
  missingForNext!: MaturityCriterion[];
}

@ObjectType()
export class MaturityDistribution implements analytics.MaturityDistribution {
  @Field(() => [Int], { description: "Projects at levels 1 to 5." })
  distribution!: analytics.MaturityDistribution["distribution"];
  @Field(() => Float, { nullable: true }) mean!: number | null;
  @Field(() => [ProjectMaturity]) projects!: ProjectMaturity[];
}

@ObjectType()
export class TopicExperts implements analytics.TopicExperts {
  @Field(() => ID) topic!: string;
  @Field(() => String) name!: string;
  @Field(() => Int) demand!: number;
  @Field(() => [ID]) experts!: string[];
  @Field(() => Int) busFactor!: number;
  @Field(() => Boolean) bottleneck!: boolean;
}

@ObjectType()
export class RiskTopic implements analytics.RiskTopic {
  @Field(() => ID) topic!: string;
  @Field(() => Int) demand!: number;
  @Field(() => Int) busFactor!: number;
  @Field(() => Float) share!: number;
}

@ObjectType()
export class KeyPersonRisk implements analytics.KeyPersonRisk {
  @Field(() => ID) person!: string;
  @Field(() => Float) risk!: number;
  @Field(() => [RiskTopic]) topics!: RiskTopic[];
}

@ObjectType()
export class LoadAssignment implements analytics.LoadAssignment {
  @Field(() => ID) project!: string;
  @Field(() => Float) allocation!: number;
}

@ObjectType()
export class PersonLoad implements analytics.PersonLoad {
  @Field(() => ID) person!: string;
  @Field(() => Float) load!: number;
  @Field(() => Boolean) overloaded!: boolean;
  @Field(() => [LoadAssignment]) assignments!: LoadAssignment[];
}

@ObjectType()
export class Successor implements analytics.Successor {
  @Field(() => ID) person!: string;
  @Field(() => Int) level!: number;
  @Field(() => [ID]) sharedProjects!: string[];
}

@ObjectType()
export class SuccessorPlan implements analytics.SuccessorPlan {
  @Field(() => ID) expert!: string;
  @Field(() => ID) topic!: string;
  @Field(() => Int) demand!: number;
  @Field(() => [Successor]) candidates!: Successor[];
}

@ObjectType()
export class Bottlenecks implements analytics.Bottlenecks {
  @Field(() => LocalDate) asOf!: string;
  @Field(() => [TopicExperts]) topics!: TopicExperts[];
  @Field(() => [TopicExperts]) bottlenecks!: TopicExperts[];
  @Field(() => [KeyPersonRisk]) keyPersonRisk!: KeyPersonRisk[];
  @Field(() => [PersonLoad]) load!: PersonLoad[];
  @Field(() => [SuccessorPlan]) successors!: SuccessorPlan[];
}

@ObjectType()
export class Removal implements analytics.Removal {
  @Field(() => ID) person!: string;
  @Field(() => Int) coveredDemand!: number;
}

@ObjectType()
export class TruckFactor implements analytics.TruckFactor {
  @Field(() => String) scope!: string;
  @Field(() => Int) totalDemand!: number;
  @Field(() => Int) uncoveredDemand!: number;
  @Field(() => Int) truckFactor!: number;
  @Field(() => [Removal]) removed!: Removal[];
}

@ObjectType()
export class PathNode implements analytics.PathNode {
  @Field(() => NodeLabel) label!: Label;
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
}

@ObjectType()
export class PathRelationship implements analytics.PathRelationship {
  @Field(() => RelationshipType) type!: string;
  @Field(() => ID) from!: string;
  @Field(() => ID) to!: string;
}

@ObjectType()
export class ReusePath implements analytics.ReusePath {
  @Field(() => [PathNode]) nodes!: PathNode[];
  @Field(() => [PathRelationship]) relationships!: PathRelationship[];
}

@ObjectType()
export class ScoreFactors implements analytics.ScoreFactors {
  @Field(() => Float) kindWeight!: number;
  @Field(() => Float) quality!: number;
  @Field(() => Float) recency!: number;
  @Field(() => Float) taxonomy!: number;
}

@ObjectType({ description: "A resource from another project that could close a need or gap." })
export class ReuseCandidate implements analytics.ReuseCandidate {
  @Field(() => ReuseKind) kind!: ReuseKind;
  @Field(() => ID) resource!: string;
  @Field(() => ID) project!: string;
  @Field(() => ID) topic!: string;
  @Field(() => Int) hops!: number;
  @Field(() => Float) score!: number;
  @Field(() => ScoreFactors) factors!: ScoreFactors;
  @Field(() => ReusePath) path!: ReusePath;
}

@ObjectType()
export class ReuseFlow implements analytics.ReuseFlow {
  @Field(() => ID) from!: string;
  @Field(() => ID) to!: string;
  @Field(() => Int) assets!: number;
  @Field(() => Int) lessons!: number;
}

@ObjectType()
export class NeverReusedLesson implements analytics.NeverReusedLesson {
  @Field(() => ID) lesson!: string;
  @Field(() => ID, { nullable: true }) project!: string | null;
  @Field(() => [ID], { description: "Active projects that need one of its topics." }) neededBy!: string[];
}

@ObjectType()
export class ReuseFlows implements analytics.ReuseRates {
  // Only the rates: projectFlows, unitFlows (analytics.ReuseFlowGraph) and
  // lessonsNeverReused are read only when selected (ReuseFlowsResolver).
  @Field(() => Float, { nullable: true }) assetReuseRate!: number | null;
  @Field(() => Float, { nullable: true }) lessonReuseRate!: number | null;
  @Field(() => Int) reusedAssets!: number;
  @Field(() => Int) totalAssets!: number;
  @Field(() => Int) reusedLessons!: number;
  @Field(() => Int) totalLessons!: number;
}

@ObjectType({ description: "Organisation-wide analytics, all at the parameters given to `organisation`." })
export class Organisation {
  params!: AnalyticsParams;
}
