import { type AnalyticsService, MAX_NEVER_REUSED_LIMIT } from "./analytics-service.js";
import type { AnalyticsParams } from "./params.js";
import type {
  Bottlenecks,
  GapReport,
  MaturityDistribution,
  NeverReusedLesson,
  OrganisationCoverage,
  ProjectCoverage,
  ReuseFlows,
  TruckFactor,
} from "./types.js";

/** The organisation report of `kmgraph analyze`: every figure comes from AnalyticsService. */
export interface OrganisationReport {
  params: AnalyticsParams;
  projects: { id: string; name: string; status: string; coverage: ProjectCoverage; maturity: number }[];
  coverage: OrganisationCoverage;
  gaps: GapReport[];
  bottlenecks: Bottlenecks;
  truckFactor: TruckFactor;
  maturity: MaturityDistribution;
  reuse: ReuseFlows;
  /** Lessons never reused that an active project needs: the first MAX_NEVER_REUSED_LIMIT by id. */
  neededLessonsNeverReused: NeverReusedLesson[];
}

export async function organisationReport(
  analytics: AnalyticsService,
  projects: { id: string; name: string; status: string }[],
  params: AnalyticsParams,
): Promise<OrganisationReport> {
  const [coverage, gaps, bottlenecks, truckFactor, maturity, reuse, neededLessonsNeverReused] = await Promise.all([
    analytics.organisationCoverage(params),
    analytics.organisationGaps(params),
    analytics.bottlenecks(params),
    analytics.truckFactor({ kind: "organisation" }, params),
    analytics.organisationMaturity(params),
    analytics.reuseFlows(),
    analytics.lessonsNeverReused({ limit: MAX_NEVER_REUSED_LIMIT, neededOnly: true }),
  ]);
  const levels = new Map(maturity.projects.map((project) => [project.project, project.level]));
  const rows = await Promise.all(
    projects.map(async (project) => ({
      ...project,
      coverage: await analytics.projectCoverage(project.id, params),
      maturity: levels.get(project.id) ?? 1,
    })),
  );
  return {
    params,
    projects: rows,
    coverage,
    gaps,
    bottlenecks,
    truckFactor,
    maturity,
    reuse,
    neededLessonsNeverReused,
  };
}
