import { GapStatus } from "../model/enums.js";
import { compareIds } from "../ordering.js";
import { isCovered, teamLevelOn } from "./coverage.js";
import { settle } from "./figures.js";
import { type AnalyticsParams, CRITICALITY_WEIGHT, daysBetween } from "./params.js";
import type { TeamContext } from "./projections.js";
import { type GapReport, GapSource } from "./types.js";

export function severity(weight: number, requiredLevel: number | null, teamLevel: number): number {
  return requiredLevel === null ? 0 : settle(weight * Math.max(0, requiredLevel - teamLevel));
}

/** Severity descending, then id. */
export function bySeverity(a: GapReport, b: GapReport): number {
  return b.severity - a.severity || compareIds(a.id, b.id);
}

function explicitGaps(context: TeamContext, params: AnalyticsParams): GapReport[] {
  return context.gaps.map((gap) => {
    const weight = CRITICALITY_WEIGHT[gap.criticality];
    const needLevel = context.needs.find((need) => need.topic === gap.topic)?.level ?? null;
    const requiredLevel = gap.requiredLevel ?? needLevel;
    const teamLevel = gap.topic === null ? 0 : (teamLevelOn(context, gap.topic, params)?.level ?? 0);
    // A closed gap ages until it closed; closed without a date, its age is unknown.
    const end = gap.status === GapStatus.CLOSED ? gap.closedAt : params.asOf;
    return {
      id: gap.id,
      source: GapSource.EXPLICIT,
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
export function derivedGaps(context: TeamContext, params: AnalyticsParams): GapReport[] {
  const explicitTopics = new Set(context.gaps.filter((gap) => gap.status !== GapStatus.CLOSED).map((gap) => gap.topic));
  return context.needs
    .filter((need) => !explicitTopics.has(need.topic))
    .map((need) => ({ need, teamLevel: teamLevelOn(context, need.topic, params)?.level ?? 0 }))
    .filter(({ need, teamLevel }) => !isCovered(need, teamLevel))
    .map(({ need, teamLevel }) => {
      const weight = CRITICALITY_WEIGHT[need.criticality];
      return {
        id: `${context.project}:${need.topic}`,
        source: GapSource.DERIVED,
        project: context.project,
        topic: need.topic,
        criticality: need.criticality,
        weight,
        requiredLevel: need.level,
        teamLevel,
        severity: severity(weight, need.level, teamLevel),
        status: null,
        activities: [],
        targeted: false,
        identifiedAt: null,
        ageDays: null,
      };
    });
}

/** Recorded and derived gaps of a project, most severe first. */
export function projectGaps(context: TeamContext, params: AnalyticsParams): GapReport[] {
  return [...explicitGaps(context, params), ...derivedGaps(context, params)].sort(bySeverity);
}
