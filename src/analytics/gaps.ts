import { GapStatus } from "../model/enums.js";
import { projectCoverage, teamLevelOn } from "./coverage.js";
import { CRITICALITY_WEIGHT, daysBetween, settle, type AnalyticsParams } from "./params.js";
import type { ProjectContext } from "./projections.js";
import type { GapReport, ProjectCoverage } from "./types.js";
import { compareIds } from "../ordering.js";

export function severity(weight: number, requiredLevel: number | null, teamLevel: number): number {
  return requiredLevel === null ? 0 : settle(weight * Math.max(0, requiredLevel - teamLevel));
}

/** Severity descending, then id. */
export function bySeverity(a: GapReport, b: GapReport): number {
  return b.severity - a.severity || compareIds(a.id, b.id);
}

function explicitGaps(context: ProjectContext, params: AnalyticsParams): GapReport[] {
  return context.gaps.map((gap) => {
    const weight = CRITICALITY_WEIGHT[gap.criticality];
    const needLevel = context.needs.find((need) => need.topic === gap.topic)?.level ?? null;
    const requiredLevel = gap.requiredLevel ?? needLevel;
    const teamLevel = gap.topic === null ? 0 : (teamLevelOn(context, gap.topic, params)?.level ?? 0);
    // A closed gap ages until it closed; closed without a date, its age is unknown.
    const end = gap.status === GapStatus.CLOSED ? gap.closedAt : params.asOf;
    return {
      id: gap.id,
      source: "EXPLICIT",
      project: context.project,
      topic: gap.topic,
      criticality: gap.criticality,
      weight,
      requiredLevel,
      teamLevel,
      severity: severity(weight, requiredLevel, teamLevel),
      status: gap.status,
      activities: [...gap.activities].sort(),
      targeted: gap.activities.length > 0,
      identifiedAt: gap.identifiedAt,
      ageDays: gap.identifiedAt && end ? daysBetween(gap.identifiedAt, end) : null,
    };
  });
}

/** Needs not COVERED for which the project has no open (not CLOSED) recorded gap on the same topic. */
export function derivedGaps(context: ProjectContext, coverage: ProjectCoverage): GapReport[] {
  const explicitTopics = new Set(context.gaps.filter((gap) => gap.status !== GapStatus.CLOSED).map((gap) => gap.topic));
  return coverage.needs
    .filter((need) => need.status !== "COVERED" && !explicitTopics.has(need.topic))
    .map((need) => ({
      id: `${context.project}:${need.topic}`,
      source: "DERIVED",
      project: context.project,
      topic: need.topic,
      criticality: need.criticality,
      weight: need.weight,
      requiredLevel: need.level,
      teamLevel: need.teamLevel,
      severity: severity(need.weight, need.level, need.teamLevel),
      status: null,
      activities: [],
      targeted: false,
      identifiedAt: null,
      ageDays: null,
    }));
}

export function projectGaps(context: ProjectContext, params: AnalyticsParams): GapReport[] {
  // Gaps need the statuses only, not the lists of assets and lessons.
  const coverage = projectCoverage(context, params, null);
  return [...explicitGaps(context, params), ...derivedGaps(context, coverage)].sort(bySeverity);
}
