import { GapStatus, Phase } from "../model/enums.js";
import { compareIds } from "../ordering.js";
import { derivedGaps } from "./gaps.js";
import type { AnalyticsParams } from "./params.js";
import type { TeamContext } from "./projections.js";
import type { Criterion, MaturityDistribution, ProjectMaturity } from "./types.js";

const TARGETED_SHARE = 0.8;
const CLOSED_SHARE = 0.5;
const REUSED_BY_AT_LEAST = 2;
const PHASES = [Phase.BEFORE, Phase.DURING, Phase.AFTER];

const percent = (part: number, whole: number) => `${part}/${whole} (${Math.round((100 * part) / whole)} %)`;
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Every criterion of levels 2 to 5 for one project, with the numbers behind it. */
export function maturityCriteria(context: TeamContext, params: AnalyticsParams): Criterion[] {
  const gaps = context.gaps;
  const targeted = gaps.filter((gap) => gap.activities.length > 0).length;
  const closed = gaps.filter((gap) => gap.status === GapStatus.CLOSED).length;
  const derived = gaps.length === 0 ? derivedGaps(context, params).length : 0;
  const missingPhases = PHASES.filter((phase) => !context.phases.includes(phase));
  return [
    { level: 2, name: "needs identified", met: context.needs.length > 0, detail: count(context.needs.length, "need") },
    {
      level: 2,
      name: "KM activity planned",
      met: context.activities > 0,
      detail: `${count(context.activities, "activity", "activities")} (cancelled ones not counted)`,
    },
    {
      level: 3,
      name: "gaps targeted",
      met: gaps.length > 0 ? targeted >= TARGETED_SHARE * gaps.length : derived === 0,
      detail:
        gaps.length > 0
          ? `${percent(targeted, gaps.length)} of recorded gaps targeted; ${TARGETED_SHARE * 100} % needed`
          : `no recorded gap; ${count(derived, "need")} not covered`,
    },
    {
      level: 3,
      name: "all phases",
      met: missingPhases.length === 0,
      detail:
        missingPhases.length === 0 ? "activities before, during and after" : `no activity ${missingPhases.join(", ")}`,
    },
    {
      level: 4,
      name: "lesson captured",
      met: context.lessonsLearned > 0,
      detail: `${count(context.lessonsLearned, "lesson")} learned in the project`,
    },
    {
      level: 4,
      name: "knowledge reused",
      met: context.reusesOthers,
      detail: context.reusesOthers
        ? "used an asset or applied a lesson of another project"
        : "no asset or lesson of another project reused",
    },
    {
      level: 4,
      name: "gaps closed",
      met: gaps.length === 0 || closed >= CLOSED_SHARE * gaps.length,
      detail:
        gaps.length > 0
          ? `${percent(closed, gaps.length)} of recorded gaps closed; ${CLOSED_SHARE * 100} % needed`
          : "no recorded gap",
    },
    {
      level: 5,
      name: "reused by others",
      met: context.reusedBy.length >= REUSED_BY_AT_LEAST,
      detail: `its assets or lessons reused by ${count(context.reusedBy.length, "other project")}; ${REUSED_BY_AT_LEAST} needed`,
    },
  ];
}

/** The highest level whose criteria, and those of every level below, are all met. */
export function projectMaturity(context: TeamContext, params: AnalyticsParams): ProjectMaturity {
  const criteria = maturityCriteria(context, params);
  let level = 1;
  while (level < 5 && criteria.filter((c) => c.level === level + 1).every((c) => c.met)) level += 1;
  return {
    project: context.project,
    level,
    criteria,
    missingForNext: criteria.filter((c) => c.level === level + 1 && !c.met),
  };
}

export function maturityDistribution(projects: ProjectMaturity[]): MaturityDistribution {
  const distribution: MaturityDistribution["distribution"] = [0, 0, 0, 0, 0];
  for (const project of projects) distribution[project.level - 1] = (distribution[project.level - 1] ?? 0) + 1;
  const mean = projects.length > 0 ? projects.reduce((sum, p) => sum + p.level, 0) / projects.length : null;
  return { distribution, mean, projects: [...projects].sort((a, b) => compareIds(a.project, b.project)) };
}
