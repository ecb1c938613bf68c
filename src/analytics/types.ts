import type { Label } from "../model/entities.js";
import type { Criticality, GapStatus } from "../model/enums.js";

// The results of the analytics, each with the inputs that explain it.
// Formulas: docs/analytics.md.

/** How a need is covered (docs/analytics.md, "Coverage"). */
export enum CoverageStatus {
  /** Someone on the team at asOf knows the topic at the needed level. */
  COVERED = "COVERED",
  /** Not on the team, but someone else in the organisation, a useful asset or a lesson has it. */
  REACHABLE = "REACHABLE",
  /** Nowhere in the organisation at the needed level. */
  GAP = "GAP",
}

/** Who gives the best level on a needed topic, and through which topic. */
export interface LevelSource {
  person: string;
  /** The topic the person knows: the needed one or a narrower one. */
  topic: string;
  /** Taxonomy hops from the needed topic down to `topic` (0 = the topic itself). */
  hops: number;
  /** The declared level on `topic`. */
  declaredLevel: number;
  /** declaredLevel × taxonomyDecay^hops. */
  level: number;
}

export interface ResourceOnTopic {
  id: string;
  topic: string;
  hops: number;
}

export interface AssetOnTopic extends ResourceOnTopic {
  quality: number | null;
}

export interface NeedCoverage {
  topic: string;
  level: number;
  criticality: Criticality;
  weight: number;
  /** Best effective level among the project's team at asOf (0 when none). */
  teamLevel: number;
  teamSource: LevelSource | null;
  /** Best effective level among all other active people (0 when none). */
  orgLevel: number;
  orgSource: LevelSource | null;
  assets: AssetOnTopic[];
  lessons: ResourceOnTopic[];
  status: CoverageStatus;
}

export interface ProjectCoverage {
  project: string;
  asOf: string;
  /** People on the team at asOf, in id order. */
  team: string[];
  needs: NeedCoverage[];
  /** Σ weight of all needs. */
  totalWeight: number;
  coveredWeight: number;
  reachableWeight: number;
  /** coveredWeight / totalWeight; null for a project without needs. */
  coverage: number | null;
  /** (covered + reachable weight) / totalWeight; null without needs. */
  reachableCoverage: number | null;
}

export interface TopicSupplyDemand {
  topic: string;
  name: string;
  /** Σ criticality weight over active projects needing the topic. */
  demand: number;
  /** Active projects needing the topic, in id order. */
  demandingProjects: string[];
  /** Active people at expertLevel or above on the topic itself. */
  experts: string[];
  assets: string[];
  lessons: string[];
  supply: number;
}

export interface OrganisationCoverage {
  asOf: string;
  topics: TopicSupplyDemand[];
  /** Topics with demand and no supply, highest demand first. */
  demandWithoutSupply: string[];
  /** Topics with supply and no demand, in id order. */
  supplyWithoutDemand: string[];
}

/** Where a gap comes from. */
export enum GapSource {
  /** A KnowledgeGap recorded on the project. */
  EXPLICIT = "EXPLICIT",
  /** A need of the project the team does not cover. */
  DERIVED = "DERIVED",
}

export interface GapReport {
  /** The KnowledgeGap id for explicit gaps; `<project>:<topic>` for derived ones. */
  id: string;
  source: GapSource;
  project: string;
  topic: string | null;
  criticality: Criticality;
  weight: number;
  requiredLevel: number | null;
  teamLevel: number;
  /** weight × max(0, requiredLevel − teamLevel). */
  severity: number;
  status: GapStatus | null;
  /** Non-cancelled KM activities that target the gap. */
  activities: string[];
  targeted: boolean;
  identifiedAt: string | null;
  /** Days from identifiedAt to asOf (to closedAt once closed); null when unknown. */
  ageDays: number | null;
}

export interface Criterion {
  level: number;
  name: string;
  met: boolean;
  /** The observed numbers behind the verdict, for a person to read. */
  detail: string;
}

export interface ProjectMaturity {
  project: string;
  level: number;
  criteria: Criterion[];
  /** Criteria of the next level not met yet (empty at level 5). */
  missingForNext: Criterion[];
}

export interface MaturityDistribution {
  /** Number of projects at levels 1..5 (index 0 is level 1). */
  distribution: [number, number, number, number, number];
  mean: number | null;
  projects: ProjectMaturity[];
}

export interface TopicExperts {
  topic: string;
  name: string;
  demand: number;
  experts: string[];
  busFactor: number;
  bottleneck: boolean;
}

/** A topic behind a person's risk, with its share of it. */
export interface RiskTopic {
  topic: string;
  demand: number;
  busFactor: number;
  /** demand / busFactor. */
  share: number;
}

export interface KeyPersonRisk {
  person: string;
  risk: number;
  /** The topics behind the risk: demand / busFactor each. */
  topics: RiskTopic[];
}

export interface LoadAssignment {
  project: string;
  allocation: number;
}

export interface PersonLoad {
  person: string;
  load: number;
  overloaded: boolean;
  assignments: LoadAssignment[];
}

/** One person taken out by the truck factor, with the demand they still covered then. */
export interface Removal {
  person: string;
  coveredDemand: number;
}

export interface TruckFactor {
  scope: string;
  totalDemand: number;
  /** Demand with no expert left after the removals. */
  uncoveredDemand: number;
  truckFactor: number;
  /** People in the order removed, with the demand each still covered when removed. */
  removed: Removal[];
}

export interface Successor {
  person: string;
  level: number;
  /** Active projects needing the topic that the candidate works on at asOf. */
  sharedProjects: string[];
}

export interface SuccessorPlan {
  expert: string;
  topic: string;
  demand: number;
  candidates: Successor[];
}

export interface Bottlenecks {
  asOf: string;
  topics: TopicExperts[];
  /** Bottleneck topics, highest demand first. */
  bottlenecks: TopicExperts[];
  keyPersonRisk: KeyPersonRisk[];
  load: PersonLoad[];
  successors: SuccessorPlan[];
}

export interface PathNode {
  label: Label;
  id: string;
  name: string | null;
}

export interface PathRelationship {
  type: string;
  from: string;
  to: string;
}

/** What a reuse candidate offers. */
export enum ReuseKind {
  ASSET = "ASSET",
  LESSON = "LESSON",
  EXPERT = "EXPERT",
}

/** The factors of a reuse candidate's score, multiplied. */
export interface ScoreFactors {
  kindWeight: number;
  quality: number;
  recency: number;
  taxonomy: number;
}

/** The path in the graph from the project's need to the resource. */
export interface ReusePath {
  nodes: PathNode[];
  relationships: PathRelationship[];
}

export interface ReuseCandidate {
  kind: ReuseKind;
  resource: string;
  /** The other project the resource comes from. */
  project: string;
  /** The topic the resource is on (the needed topic or a narrower one). */
  topic: string;
  hops: number;
  score: number;
  factors: ScoreFactors;
  path: ReusePath;
}

/** Reuse between two projects, or two units: how many assets and lessons went from one to the other. */
export interface ReuseFlow {
  from: string;
  to: string;
  assets: number;
  lessons: number;
}

/** The graph of actual reuse, between projects and rolled up between units. */
export interface ReuseFlowGraph {
  projectFlows: ReuseFlow[];
  unitFlows: ReuseFlow[];
}

export interface ReuseRates {
  assetReuseRate: number | null;
  lessonReuseRate: number | null;
  reusedAssets: number;
  totalAssets: number;
  reusedLessons: number;
  totalLessons: number;
}

export type ReuseFlows = ReuseFlowGraph & ReuseRates;

/** A lesson no project other than its origin applied. */
export interface NeverReusedLesson {
  lesson: string;
  /** The project it was learned in. */
  project: string | null;
  /** Active projects other than its origin that need one of its topics, by id. */
  neededBy: string[];
}
