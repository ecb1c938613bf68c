import DataLoader from "dataloader";
import neo4j from "neo4j-driver";
import { cypherFile } from "../db/cypher-files.js";
import type { Database } from "../db/database.js";
import { badInput, notFound } from "../errors.js";
import { readNodeNames } from "../repositories/display-names.js";
import { requireNode } from "../repositories/require-node.js";
import { AnswerFamily, VersionedAnswers } from "./answer-cache.js";
import { bottleneckTopics, keyPersonRisk, personLoad, successorPlans, topicExperts } from "./bottlenecks.js";
import { needReachTopics, projectCoverage, USEFUL_ASSET_QUALITY } from "./coverage.js";
import { bySeverity, projectGaps } from "./gaps.js";
import { maturityDistribution, projectMaturity } from "./maturity.js";
import { organisationCoverage } from "./organisation-coverage.js";
import { type AnalyticsParams, CRITICALITY_WEIGHT } from "./params.js";
import {
  type AssignmentRow,
  type CandidateRow,
  type FlowsProjection,
  type NeverReusedProjection,
  type ProjectContext,
  type ReuseCounts,
  reuseProjectionOf,
  type SentReuseProjection,
  type TeamContext,
  type TopicResources,
  type TopicRow,
} from "./projections.js";
import { lessonsNeverReused, reuseFlowGraph, reuseRates } from "./reuse-flows.js";
import { namesNeeded, type ReuseTarget, rankReuse, reuseNames, withPaths } from "./reuse-paths.js";
import { truckFactor } from "./truck-factor.js";
import type {
  Bottlenecks,
  GapReport,
  MaturityDistribution,
  NeverReusedLesson,
  OrganisationCoverage,
  ProjectCoverage,
  ProjectMaturity,
  ReuseCandidate,
  ReuseFlowGraph,
  ReuseFlows,
  ReuseRates,
  TruckFactor,
} from "./types.js";

/** What organisation-wide analytics keep of a project once its TeamContext is dropped. */
interface TeamAnalysis {
  gaps: GapReport[];
  maturity: ProjectMaturity;
}

export type TruckFactorScope =
  | { kind: "organisation" }
  | { kind: "orgUnit"; id: string }
  | { kind: "project"; id: string };

/** Projects read per statement when an analytic needs every project. */
const PROJECT_BATCH = 500;
export const MAX_REUSE_LIMIT = 50;
/** Most lessons never reused one call returns: at scale they are most of the lessons. */
export const MAX_NEVER_REUSED_LIMIT = 1000;

/** Which lessons never reused to return: a page in id order. */
export interface NeverReusedPage {
  /** At most this many (1 to MAX_NEVER_REUSED_LIMIT). */
  limit: number;
  /** Only lessons with an id after this one. */
  after?: string | null;
  /** Only lessons some active project other than their origin needs. */
  neededOnly?: boolean;
}

/**
 * Every analytic of docs/analytics.md: each fetches the compact projection it
 * needs in one Cypher statement (cypher/analytics) and computes in TypeScript.
 * The GraphQL resolvers, the CLI and the tests all call these methods.
 *
 * Create one per request (as createContext does): it memoizes project
 * contexts and topic projections, which would go stale across writes.
 */
export class AnalyticsService {
  /**
   * Project contexts by id, one loader per date and taxonomy reach: a GraphQL
   * list of projects asking for coverage, gaps and maturity reads all their
   * contexts in one statement.
   */
  private readonly contexts = new Map<string, DataLoader<string, ProjectContext | null>>();

  /** Assets and lessons by topic id, for the lists of coverages: a list of projects reads them in one statement. */
  private readonly resources = new DataLoader<string, TopicResources>(async (topics) => {
    const rows = await this.db.readRows<TopicResources>(cypherFile("analytics/topic-resources"), { topics });
    const found = new Map(rows.map((row) => [row.topic, row]));
    return topics.map((topic) => found.get(topic) ?? { topic, assets: [], lessons: [] });
  });

  private readonly topicRows = new Map<string, { lists: boolean; rows: Promise<TopicRow[]> }>();

  private rates: Promise<ReuseRates> | undefined;
  private flowGraph: Promise<ReuseFlowGraph> | undefined;

  /** Gaps and maturity of projects by id, one loader per set of parameters (see teamAnalyses). */
  private readonly analyses = new Map<string, DataLoader<string, TeamAnalysis | null>>();

  constructor(
    private readonly db: Database,
    private readonly answers: VersionedAnswers = new VersionedAnswers(db),
  ) {}

  /**
   * An organisation-level answer from the process-wide cache, current at the
   * graph's version (src/analytics/answer-cache.ts); `key` is every
   * parameter the answer depends on.
   */
  private organisationWide<T>(analytic: string, key: unknown, compute: () => Promise<T>): Promise<T> {
    return this.answers.get(AnswerFamily.ORGANISATION, [analytic, key], compute);
  }

  /**
   * With `lists: false` the needs' asset and lesson lists are left empty (a
   * dashboard that shows only statuses and levels need not read thousands of ids).
   */
  async projectCoverage(projectId: string, params: AnalyticsParams, { lists = true } = {}): Promise<ProjectCoverage> {
    const context = await this.projectContext(projectId, params);
    if (!lists) return projectCoverage(context, params, null);
    const resources = await this.resources.loadMany(needReachTopics(context, params));
    const byTopic = new Map<string, TopicResources>();
    for (const entry of resources) {
      if (entry instanceof Error) throw entry;
      byTopic.set(entry.topic, entry);
    }
    return projectCoverage(context, params, byTopic);
  }

  /** With `lists: false` the topics' asset and lesson lists are left empty (their counts still make the supply). */
  organisationCoverage(params: AnalyticsParams, { lists = true } = {}): Promise<OrganisationCoverage> {
    return this.organisationWide("coverage", [params, lists], async () =>
      organisationCoverage(await this.topics(params, {}, lists), params),
    );
  }

  async projectGaps(projectId: string, params: AnalyticsParams): Promise<GapReport[]> {
    return projectGaps(await this.projectContext(projectId, params), params);
  }

  /** The gaps of every active project, most severe first. */
  organisationGaps(params: AnalyticsParams): Promise<GapReport[]> {
    return this.organisationWide("gaps", params, async () => {
      const ids = await this.projectIds("analytics/active-project-ids");
      const analyses = await this.teamAnalyses(ids, params);
      return analyses.flatMap((analysis) => analysis.gaps).sort(bySeverity);
    });
  }

  async projectMaturity(projectId: string, params: AnalyticsParams): Promise<ProjectMaturity> {
    return projectMaturity(await this.projectContext(projectId, params), params);
  }

  async unitMaturity(unitId: string, params: AnalyticsParams): Promise<MaturityDistribution> {
    await requireNode(this.db, "OrgUnit", unitId);
    const ids = await this.projectIds("analytics/unit-project-ids", { unit: unitId });
    return this.maturityOf(ids, params);
  }

  organisationMaturity(params: AnalyticsParams): Promise<MaturityDistribution> {
    return this.organisationWide("maturity", params, async () =>
      this.maturityOf(await this.projectIds("analytics/project-ids"), params),
    );
  }

  bottlenecks(params: AnalyticsParams): Promise<Bottlenecks> {
    return this.organisationWide("bottlenecks", params, () => this.computeBottlenecks(params));
  }

  private async computeBottlenecks(params: AnalyticsParams): Promise<Bottlenecks> {
    const topics = topicExperts(await this.topics(params, {}));
    const bottlenecks = bottleneckTopics(topics);
    const soleExpertTopics = bottlenecks.filter((t) => t.busFactor === 1).map((t) => t.topic);
    const [assignments, candidates] = await Promise.all([
      this.db.readRows<AssignmentRow>(cypherFile("analytics/current-assignments"), { asOf: params.asOf }),
      this.db.readRows<CandidateRow>(cypherFile("analytics/successor-candidates"), {
        topics: soleExpertTopics,
        asOf: params.asOf,
      }),
    ]);
    return {
      asOf: params.asOf,
      topics,
      bottlenecks,
      keyPersonRisk: keyPersonRisk(topics),
      load: personLoad(assignments),
      successors: successorPlans(bottlenecks, candidates),
    };
  }

  async truckFactor(scope: TruckFactorScope, params: AnalyticsParams): Promise<TruckFactor> {
    if (scope.kind === "organisation") {
      return this.organisationWide("truckFactor", params, async () =>
        truckFactor("organisation", await this.topics(params, {})),
      );
    }
    if (scope.kind === "orgUnit") {
      await requireNode(this.db, "OrgUnit", scope.id);
      return truckFactor(`orgUnit:${scope.id}`, await this.topics(params, { unit: scope.id }));
    }
    await requireNode(this.db, "Project", scope.id);
    return truckFactor(`project:${scope.id}`, await this.topics(params, { project: scope.id }));
  }

  /** Reuse candidates for a topic the project needs, or for one of its recorded gaps. */
  async reusePaths(
    projectId: string,
    target: { topic: string } | { gap: string },
    limit: number,
    params: AnalyticsParams,
  ): Promise<ReuseCandidate[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_REUSE_LIMIT) {
      throw badInput(`limit must be between 1 and ${MAX_REUSE_LIMIT}, got ${limit}`, [
        { path: "limit", message: `must be between 1 and ${MAX_REUSE_LIMIT}` },
      ]);
    }
    const context = await this.projectContext(projectId, params);
    let topic: string;
    let reuseTarget: ReuseTarget;
    if ("gap" in target) {
      const gap = context.gaps.find((g) => g.id === target.gap);
      if (!gap)
        throw badInput(`gap "${target.gap}" is not a gap of project "${projectId}"`, [
          { path: "gap", message: "not a gap of the project" },
        ]);
      if (!gap.topic)
        throw badInput(`gap "${target.gap}" has no topic to reuse knowledge on`, [
          { path: "gap", message: "has no topic" },
        ]);
      topic = gap.topic;
      const level = gap.requiredLevel ?? context.needs.find((n) => n.topic === topic)?.level ?? params.expertLevel;
      reuseTarget = { kind: "gap", id: gap.id, level };
    } else {
      const need = context.needs.find((n) => n.topic === target.topic);
      if (!need)
        throw badInput(`project "${projectId}" does not need topic "${target.topic}"`, [
          { path: "topic", message: "not needed by the project" },
        ]);
      topic = need.topic;
      reuseTarget = { kind: "need", level: need.level };
    }
    const [sent] = await this.db.readRows<SentReuseProjection>(cypherFile("analytics/reuse-candidates"), {
      project: projectId,
      topic,
      asOf: params.asOf,
      maxHops: params.maxTaxonomyHops,
    });
    const projection = reuseProjectionOf(sent!);
    const ranked = rankReuse(projection, reuseTarget, limit, params);
    // The names of the returned candidates' paths: read for those few, not for the thousands ranked.
    const names = await readNodeNames(this.db, namesNeeded(ranked));
    return withPaths(projection, reuseTarget, ranked, reuseNames(names));
  }

  /** Reuse rates: what a dashboard shows of reuse at a glance. */
  reuseRates(): Promise<ReuseRates> {
    this.rates ??= this.organisationWide("reuseRates", null, () =>
      this.db.readRows<ReuseCounts>(cypherFile("analytics/reuse-counts"), {}).then(([counts]) => reuseRates(counts!)),
    );
    return this.rates;
  }

  /** Reuse between projects and between units: read only when asked, a large organisation has hundreds of thousands. */
  reuseFlowGraph(): Promise<ReuseFlowGraph> {
    this.flowGraph ??= this.organisationWide("reuseFlows", null, () =>
      this.db
        .readRows<FlowsProjection>(cypherFile("analytics/reuse-flows"), {})
        .then(([projection]) => reuseFlowGraph(projection!)),
    );
    return this.flowGraph;
  }

  async reuseFlows(): Promise<ReuseFlows> {
    const [rates, graph] = await Promise.all([this.reuseRates(), this.reuseFlowGraph()]);
    return { ...graph, ...rates };
  }

  async lessonsNeverReused({ limit, after = null, neededOnly = false }: NeverReusedPage): Promise<NeverReusedLesson[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_NEVER_REUSED_LIMIT) {
      const message = `must be between 1 and ${MAX_NEVER_REUSED_LIMIT}`;
      throw badInput(`limit ${message}, got ${limit}`, [{ path: "limit", message }]);
    }
    // Every id is after the empty string: one comparison serves the first page too.
    const params = { limit: neo4j.int(limit), after: after ?? "", neededOnly };
    const [projection] = await this.db.readRows<NeverReusedProjection>(
      cypherFile("analytics/never-reused-lessons"),
      params,
    );
    return lessonsNeverReused(projection!);
  }

  private async maturityOf(ids: string[], params: AnalyticsParams): Promise<MaturityDistribution> {
    const analyses = await this.teamAnalyses(ids, params);
    return maturityDistribution(analyses.map((analysis) => analysis.maturity));
  }

  /**
   * Gaps and maturity of many projects (organisation, unit), which need only
   * their TeamContexts: read in slices and dropped once analysed, so that
   * memory stays flat however many projects there are; the results are kept
   * for the rest of the request (an overview asks for both).
   */
  private async teamAnalyses(ids: readonly string[], params: AnalyticsParams): Promise<TeamAnalysis[]> {
    const key = JSON.stringify(params);
    let loader = this.analyses.get(key);
    if (!loader) {
      // One batch for all the ids asked together; its slices are read one after another.
      loader = new DataLoader((batch) => this.analyseTeams(batch, params));
      this.analyses.set(key, loader);
    }
    const loaded = await loader.loadMany(ids);
    return loaded.filter((analysis): analysis is TeamAnalysis => analysis !== null && !(analysis instanceof Error));
  }

  private async analyseTeams(ids: readonly string[], params: AnalyticsParams): Promise<(TeamAnalysis | null)[]> {
    const found = new Map<string, TeamAnalysis>();
    for await (const contexts of this.contextSlices(ids, params, false)) {
      for (const context of contexts) {
        found.set(context.project, { gaps: projectGaps(context, params), maturity: projectMaturity(context, params) });
      }
    }
    return ids.map((id) => found.get(id) ?? null);
  }

  /** The contexts of `ids`, a statement per PROJECT_BATCH; with `organisation`, what the rest of the organisation offers too. */
  private contextSlices(
    ids: readonly string[],
    params: AnalyticsParams,
    organisation: true,
  ): AsyncGenerator<ProjectContext[]>;
  private contextSlices(
    ids: readonly string[],
    params: AnalyticsParams,
    organisation: false,
  ): AsyncGenerator<TeamContext[]>;
  private async *contextSlices(
    ids: readonly string[],
    params: AnalyticsParams,
    organisation: boolean,
  ): AsyncGenerator<TeamContext[]> {
    for (let start = 0; start < ids.length; start += PROJECT_BATCH) {
      yield await this.db.readRows<TeamContext>(cypherFile("analytics/project-context"), {
        asOf: params.asOf,
        maxHops: params.maxTaxonomyHops,
        usefulQuality: USEFUL_ASSET_QUALITY,
        projects: ids.slice(start, start + PROJECT_BATCH),
        organisation,
      });
    }
  }

  /**
   * Starts reading a project's context, for the analytics a request will ask
   * for once the project itself is read: the later call finds it in flight.
   * Failures surface there, not here.
   */
  prefetchProjectContext(projectId: string, params: AnalyticsParams): void {
    this.contextLoader(params)
      .load(projectId)
      .catch(() => {});
  }

  private async projectContext(projectId: string, params: AnalyticsParams): Promise<ProjectContext> {
    const context = await this.contextLoader(params).load(projectId);
    if (!context) throw notFound("Project", projectId);
    return context;
  }

  private contextLoader(params: AnalyticsParams): DataLoader<string, ProjectContext | null> {
    const key = `${params.asOf}\u0000${params.maxTaxonomyHops}`;
    let loader = this.contexts.get(key);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const found = new Map<string, ProjectContext>();
        for await (const contexts of this.contextSlices(ids, params, true)) {
          for (const context of contexts) found.set(context.project, context);
        }
        return ids.map((id) => found.get(id) ?? null);
      });
      this.contexts.set(key, loader);
    }
    return loader;
  }

  /**
   * Topic demand and supply, read once per scope and expert level (coverage,
   * bottlenecks and truck factor share it); with `lists`, the asset and lesson ids too.
   */
  private topics(
    params: AnalyticsParams,
    scope: { unit?: string; project?: string },
    lists = false,
  ): Promise<TopicRow[]> {
    const key = JSON.stringify([params.expertLevel, scope.unit ?? null, scope.project ?? null]);
    const read = this.topicRows.get(key);
    if (read && (read.lists || !lists)) return read.rows;
    const rows = this.db.readRows<TopicRow>(cypherFile("analytics/topic-supply-demand"), {
      expertLevel: params.expertLevel,
      weights: CRITICALITY_WEIGHT,
      unit: scope.unit ?? null,
      project: scope.project ?? null,
      lists,
    });
    this.topicRows.set(key, { lists, rows });
    return rows;
  }

  private async projectIds(statement: string, params: Record<string, unknown> = {}): Promise<string[]> {
    return (await this.db.read(cypherFile(statement), params)).map((row) => String(row.id));
  }
}
