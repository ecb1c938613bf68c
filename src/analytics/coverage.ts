import { compareIds } from "../ordering.js";
import { settle } from "./figures.js";
import { type AnalyticsParams, CRITICALITY_WEIGHT } from "./params.js";
import type { Knower, ProjectContext, TeamContext, TopicResources } from "./projections.js";
import { CoverageStatus, type LevelSource, type NeedCoverage, type ProjectCoverage } from "./types.js";

/** Quality from which an asset makes a need REACHABLE. */
export const USEFUL_ASSET_QUALITY = 3;

/**
 * The assets and lessons of topics, by topic id, for the lists a coverage
 * shows. Gaps and maturity need only the statuses and pass none: the lists
 * of a popular topic run to thousands of ids.
 */
export type ResourcesByTopic = ReadonlyMap<string, TopicResources>;

/** Topics within reach of `root` (hops ≤ maxTaxonomyHops), with their hops. */
export function reachOf(context: TeamContext, root: string, params: AnalyticsParams): Map<string, number> {
  const reach = new Map<string, number>();
  for (const entry of context.reach) {
    if (entry.root === root && entry.hops <= params.maxTaxonomyHops) reach.set(entry.topic, entry.hops);
  }
  return reach;
}

function betterSource(a: LevelSource, b: LevelSource): boolean {
  if (a.level !== b.level) return a.level > b.level;
  if (a.hops !== b.hops) return a.hops < b.hops;
  if (a.person !== b.person) return a.person < b.person;
  return a.topic < b.topic;
}

/**
 * The best effective level on a topic among `knowers`: level(S) × decay^hops
 * over the topics S within its `reach`.
 */
export function bestLevel(
  knowers: readonly Knower[],
  reach: ReadonlyMap<string, number>,
  params: AnalyticsParams,
): LevelSource | null {
  let best: LevelSource | null = null;
  for (const knower of knowers) {
    const hops = reach.get(knower.topic);
    if (hops === undefined) continue;
    const source: LevelSource = {
      person: knower.person,
      topic: knower.topic,
      hops,
      declaredLevel: knower.level,
      level: settle(knower.level * params.taxonomyDecay ** hops),
    };
    if (!best || betterSource(source, best)) best = source;
  }
  return best;
}

/** Resources on topics within reach, each once with its nearest topic (ties by topic id), in id order. */
function onTopics<T extends { id: string }>(
  reach: ReadonlyMap<string, number>,
  resourcesOf: (topic: string) => readonly T[],
): (T & { topic: string; hops: number })[] {
  const nearest = new Map<string, T & { topic: string; hops: number }>();
  for (const [topic, hops] of reach) {
    for (const resource of resourcesOf(topic)) {
      const current = nearest.get(resource.id);
      if (!current || hops < current.hops || (hops === current.hops && topic < current.topic)) {
        nearest.set(resource.id, { ...resource, topic, hops });
      }
    }
  }
  return [...nearest.values()].sort((a, b) => compareIds(a.id, b.id));
}

/** COVERED is the team's alone: gaps and maturity decide it without the rest of the organisation. */
export function isCovered(need: { level: number }, teamLevel: number): boolean {
  return teamLevel >= need.level;
}

export function coverageStatus(
  need: { level: number },
  teamLevel: number,
  orgLevel: number,
  usefulAsset: boolean,
  anyLesson: boolean,
): CoverageStatus {
  if (isCovered(need, teamLevel)) return CoverageStatus.COVERED;
  if (orgLevel >= need.level || usefulAsset || anyLesson) return CoverageStatus.REACHABLE;
  return CoverageStatus.GAP;
}

/** Topics within reach of the project's needs: those whose assets and lessons its coverage lists. */
export function needReachTopics(context: TeamContext, params: AnalyticsParams): string[] {
  const needed = new Set(context.needs.map((need) => need.topic));
  const topics = context.reach.filter((entry) => needed.has(entry.root) && entry.hops <= params.maxTaxonomyHops);
  return [...new Set(topics.map((entry) => entry.topic))];
}

/** The team's best effective level on a topic (null when nobody on the team knows it). */
export function teamLevelOn(context: TeamContext, topic: string, params: AnalyticsParams): LevelSource | null {
  return bestLevel(context.teamKnowers, reachOf(context, topic, params), params);
}

export function needCoverage(
  context: ProjectContext,
  need: ProjectContext["needs"][number],
  params: AnalyticsParams,
  resources: ResourcesByTopic | null,
): NeedCoverage {
  const reach = reachOf(context, need.topic, params);
  const teamSource = bestLevel(context.teamKnowers, reach, params);
  const orgSource = bestLevel(context.otherKnowers, reach, params);
  const assets = resources
    ? onTopics(reach, (topic) => resources.get(topic)?.assets ?? []).map(({ id, topic, hops, quality }) => ({
        id,
        topic,
        hops,
        quality,
      }))
    : [];
  const lessons = resources
    ? onTopics(reach, (topic) => (resources.get(topic)?.lessons ?? []).map((id) => ({ id }))).map(
        ({ id, topic, hops }) => ({ id, topic, hops }),
      )
    : [];
  const usefulAsset = context.usefulAssetTopics.some((topic) => reach.has(topic));
  const anyLesson = context.lessonTopics.some((topic) => reach.has(topic));
  const teamLevel = teamSource?.level ?? 0;
  const orgLevel = orgSource?.level ?? 0;
  return {
    topic: need.topic,
    level: need.level,
    criticality: need.criticality,
    weight: CRITICALITY_WEIGHT[need.criticality],
    teamLevel,
    teamSource,
    orgLevel,
    orgSource,
    assets,
    lessons,
    status: coverageStatus(need, teamLevel, orgLevel, usefulAsset, anyLesson),
  };
}

/** The coverage of a project; its needs list their assets and lessons only when given `resources`. */
export function projectCoverage(
  context: ProjectContext,
  params: AnalyticsParams,
  resources: ResourcesByTopic | null,
): ProjectCoverage {
  const needs = [...context.needs]
    .sort((a, b) => compareIds(a.topic, b.topic))
    .map((need) => needCoverage(context, need, params, resources));
  const sum = (statuses: CoverageStatus[]) =>
    needs.filter((need) => statuses.includes(need.status)).reduce((total, need) => total + need.weight, 0);
  const totalWeight = sum([CoverageStatus.COVERED, CoverageStatus.REACHABLE, CoverageStatus.GAP]);
  const coveredWeight = sum([CoverageStatus.COVERED]);
  const reachableWeight = sum([CoverageStatus.REACHABLE]);
  return {
    project: context.project,
    asOf: params.asOf,
    team: [...context.team].sort(),
    needs,
    totalWeight,
    coveredWeight,
    reachableWeight,
    coverage: totalWeight > 0 ? coveredWeight / totalWeight : null,
    reachableCoverage: totalWeight > 0 ? (coveredWeight + reachableWeight) / totalWeight : null,
  };
}
