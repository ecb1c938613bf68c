import type { AnalyticsService } from "./analytics-service.js";
import type { AnalyticsParams } from "./params.js";
import type {
  Bottlenecks,
  GapReport,
  MaturityDistribution,
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
}

export async function organisationReport(
  analytics: AnalyticsService,
  projects: { id: string; name: string; status: string }[],
  params: AnalyticsParams,
): Promise<OrganisationReport> {
  const [coverage, gaps, bottlenecks, truckFactor, maturity, reuse] = await Promise.all([
    analytics.organisationCoverage(params),
    analytics.organisationGaps(params),
    analytics.bottlenecks(params),
    analytics.truckFactor({ kind: "organisation" }, params),
    analytics.organisationMaturity(params),
    analytics.reuseFlows(),
  ]);
  const levels = new Map(maturity.projects.map((project) => [project.project, project.level]));
  const rows = await Promise.all(
    projects.map(async (project) => ({
      ...project,
      coverage: await analytics.projectCoverage(project.id, params),
      maturity: levels.get(project.id) ?? 1,
    })),
  );
  return { params, projects: rows, coverage, gaps, bottlenecks, truckFactor, maturity, reuse };
}
