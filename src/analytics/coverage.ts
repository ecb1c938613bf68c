import { CRITICALITY_WEIGHT, settle, type AnalyticsParams } from "./params.js";
import type { ProjectContext } from "./projections.js";
import type { AssetOnTopic, CoverageStatus, LevelSource, NeedCoverage, ProjectCoverage, ResourceOnTopic } from "./types.js";
import { compareIds } from "../ordering.js";

/** Quality from which an asset makes a need REACHABLE. */
const USEFUL_ASSET_QUALITY = 3;

/** Topics within reach of `root` (hops ≤ maxTaxonomyHops), with their hops. */
export function reachOf(context: ProjectContext, root: string, params: AnalyticsParams): Map<string, number> {
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
 * The best effective level on `root` among the people `counts` accepts:
 * level(S) × decay^hops over the topics S within reach.
 */
export function bestLevel(
  context: ProjectContext,
  reach: ReadonlyMap<string, number>,
  counts: (person: string) => boolean,
  params: AnalyticsParams,
): LevelSource | null {
  let best: LevelSource | null = null;
  for (const knower of context.knowers) {
    const hops = reach.get(knower.topic);
    if (hops === undefined || !counts(knower.person)) continue;
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
function onTopics<T extends { id: string; topic: string }>(
  resources: readonly T[],
  reach: ReadonlyMap<string, number>,
): (T & { hops: number })[] {
  const nearest = new Map<string, T & { hops: number }>();
  for (const resource of resources) {
    const hops = reach.get(resource.topic);
    if (hops === undefined) continue;
    const current = nearest.get(resource.id);
    if (!current || hops < current.hops || (hops === current.hops && resource.topic < current.topic)) {
      nearest.set(resource.id, { ...resource, hops });
    }
  }
  return [...nearest.values()].sort((a, b) => compareIds(a.id, b.id));
}

export function coverageStatus(
  need: { level: number },
  teamLevel: number,
  orgLevel: number,
  assets: readonly AssetOnTopic[],
  lessons: readonly ResourceOnTopic[],
): CoverageStatus {
  if (teamLevel >= need.level) return "COVERED";
  const usefulAsset = assets.some((asset) => (asset.quality ?? 0) >= USEFUL_ASSET_QUALITY);
  if (orgLevel >= need.level || usefulAsset || lessons.length > 0) return "REACHABLE";
  return "GAP";
}

/** The team's best effective level on a topic (0 when nobody on the team knows it). */
export function teamLevelOn(context: ProjectContext, topic: string, params: AnalyticsParams): LevelSource | null {
  const team = new Set(context.team);
  return bestLevel(context, reachOf(context, topic, params), (person) => team.has(person), params);
}

export function needCoverage(
  context: ProjectContext,
  need: ProjectContext["needs"][number],
  params: AnalyticsParams,
): NeedCoverage {
  const team = new Set(context.team);
  const reach = reachOf(context, need.topic, params);
  const teamSource = bestLevel(context, reach, (person) => team.has(person), params);
  const orgSource = bestLevel(context, reach, (person) => !team.has(person), params);
  const assets = onTopics(context.assets, reach).map(({ id, topic, hops, quality }) => ({ id, topic, hops, quality }));
  const lessons = onTopics(context.lessons, reach).map(({ id, topic, hops }) => ({ id, topic, hops }));
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
    status: coverageStatus(need, teamLevel, orgLevel, assets, lessons),
  };
}

export function projectCoverage(context: ProjectContext, params: AnalyticsParams): ProjectCoverage {
  const needs = [...context.needs]
    .sort((a, b) => compareIds(a.topic, b.topic))
    .map((need) => needCoverage(context, need, params));
  const sum = (statuses: CoverageStatus[]) =>
    needs.filter((need) => statuses.includes(need.status)).reduce((total, need) => total + need.weight, 0);
  const totalWeight = sum(["COVERED", "REACHABLE", "GAP"]);
  const coveredWeight = sum(["COVERED"]);
  const reachableWeight = sum(["REACHABLE"]);
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
