import type { FlowsProjection, NeverReusedProjection } from "./projections.js";
import type { NeverReusedLesson, ReuseFlows } from "./types.js";
import { compareIds } from "../ordering.js";

type Flow = ReuseFlows["projectFlows"][number];

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

export function reuseFlows(projection: FlowsProjection): ReuseFlows {
  const projects = new Map<string, Flow>();
  const units = new Map<string, Flow>();
  const unitOf = new Map(projection.owners.map((owner) => [owner.project, owner.unit]));
  const reuses = [
    ...projection.assetFlows.map((flow) => ({ ...flow, kind: "assets" as const })),
    ...projection.lessonFlows.map((flow) => ({ ...flow, kind: "lessons" as const })),
  ];
  for (const { from, to, kind } of reuses) {
    addFlow(projects, from, to, kind);
    const fromUnit = unitOf.get(from);
    const toUnit = unitOf.get(to);
    if (fromUnit !== undefined && toUnit !== undefined) addFlow(units, fromUnit, toUnit, kind);
  }
  const rate = (reused: number, total: number) => (total > 0 ? reused / total : null);
  return {
    projectFlows: [...projects.values()].sort(byEnds),
    unitFlows: [...units.values()].sort(byEnds),
    assetReuseRate: rate(projection.reusedAssets, projection.totalAssets),
    lessonReuseRate: rate(projection.reusedLessons, projection.totalLessons),
    reusedAssets: projection.reusedAssets,
    totalAssets: projection.totalAssets,
    reusedLessons: projection.reusedLessons,
    totalLessons: projection.totalLessons,
  };
}
