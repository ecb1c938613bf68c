import { compareIds } from "../ordering.js";
import type { FlowsProjection, NeverReusedProjection, ReuseCounts } from "./projections.js";
import type { ReuseFlow as Flow, NeverReusedLesson, ReuseFlowGraph, ReuseRates } from "./types.js";

function addFlow(flows: Map<string, Flow>, from: string, to: string, kind: "assets" | "lessons"): void {
  const key = `${from}\u0000${to}`;
  const flow = flows.get(key) ?? { from, to, assets: 0, lessons: 0 };
  flow[kind] += 1;
  flows.set(key, flow);
}

const byEnds = (a: Flow, b: Flow) => compareIds(a.from, b.from) || compareIds(a.to, b.to);

/** Each lesson never reused with the active projects, other than its origin, that need one of its topics (by id). */
export function lessonsNeverReused(projection: NeverReusedProjection): NeverReusedLesson[] {
  const needing = new Map<string, string[]>();
  for (const { topic, project } of projection.activeNeeds) needing.set(topic, [...(needing.get(topic) ?? []), project]);
  return projection.lessons.map(({ lesson, project, topics }) => {
    const neededBy = new Set(topics.flatMap((topic) => needing.get(topic) ?? []));
    if (project !== null) neededBy.delete(project);
    return { lesson, project, neededBy: [...neededBy].sort(compareIds) };
  });
}

/** The project → project graph of actual reuse, and the same rolled up between the units that own the projects. */
export function reuseFlowGraph(projection: FlowsProjection): ReuseFlowGraph {
  const projects = new Map<string, Flow>();
  const units = new Map<string, Flow>();
  const unitOf = new Map(projection.owners);
  const reuses = [
    ...projection.assetFlows.map(([from, to]) => ({ from, to, kind: "assets" as const })),
    ...projection.lessonFlows.map(([from, to]) => ({ from, to, kind: "lessons" as const })),
  ];
  for (const { from, to, kind } of reuses) {
    addFlow(projects, from, to, kind);
    const fromUnit = unitOf.get(from);
    const toUnit = unitOf.get(to);
    if (fromUnit !== undefined && toUnit !== undefined) addFlow(units, fromUnit, toUnit, kind);
  }
  return { projectFlows: [...projects.values()].sort(byEnds), unitFlows: [...units.values()].sort(byEnds) };
}

/** The share of assets and of lessons reused by at least one project other than their origin. */
export function reuseRates(counts: ReuseCounts): ReuseRates {
  const rate = (reused: number, total: number) => (total > 0 ? reused / total : null);
  return {
    assetReuseRate: rate(counts.reusedAssets, counts.totalAssets),
    lessonReuseRate: rate(counts.reusedLessons, counts.totalLessons),
    reusedAssets: counts.reusedAssets,
    totalAssets: counts.totalAssets,
    reusedLessons: counts.reusedLessons,
    totalLessons: counts.totalLessons,
  };
}
