import { LessonStatus } from "../model/enums.js";
import { recency, settle, type AnalyticsParams } from "./params.js";
import type { NamedChainLink, ReuseProjection, ReuseSource } from "./projections.js";
import type { PathNode, PathRelationship, ReuseCandidate, ReuseKind } from "./types.js";
import { compareIds } from "../ordering.js";

export const KIND_WEIGHT: Readonly<Record<ReuseKind, number>> = { ASSET: 1.0, LESSON: 0.8, EXPERT: 0.9 };
export const LESSON_QUALITY: Readonly<Record<LessonStatus, number>> = {
  [LessonStatus.LEARNED]: 1.0,
  [LessonStatus.ACTIONED]: 0.8,
  [LessonStatus.IDENTIFIED]: 0.6,
};
/** Quality factor of an asset whose quality was never rated. */
const UNKNOWN_QUALITY = 0.5;

/** What the reuse is for: a need of the project, or one of its recorded gaps. */
export type ReuseTarget =
  | { kind: "need"; level: number }
  | { kind: "gap"; id: string; level: number };

function pathOf(
  projection: ReuseProjection,
  target: ReuseTarget,
  chain: readonly NamedChainLink[],
  kind: ReuseKind,
  source: ReuseSource,
): ReuseCandidate["path"] {
  const { project, topic } = projection;
  const nodes: PathNode[] = [{ label: "Project", id: project.id, name: project.name }];
  const relationships: PathRelationship[] = [];
  if (target.kind === "gap") {
    nodes.push({ label: "KnowledgeGap", id: target.id, name: null });
    relationships.push({ type: "HAS_GAP", from: project.id, to: target.id }, { type: "ABOUT", from: target.id, to: topic.id });
  } else {
    relationships.push({ type: "NEEDS", from: project.id, to: topic.id });
  }
  // The chain runs from the resource's topic up to the target topic; the path walks it down.
  const down = [...chain].reverse();
  down.forEach((link, index) => {
    nodes.push({ label: "Topic", id: link.id, name: link.name });
    if (index > 0) relationships.push({ type: "BROADER", from: link.id, to: down[index - 1]!.id });
  });
  const [label, onTopic, fromProject] = {
    ASSET: ["KnowledgeAsset", "COVERS", "PRODUCED_BY"],
    LESSON: ["Lesson", "ABOUT", "LEARNED_IN"],
    EXPERT: ["Person", "KNOWS", "WORKS_ON"],
  }[kind];
  nodes.push({ label: label!, id: source.id, name: source.name }, { label: "Project", id: source.project, name: source.projectName });
  relationships.push(
    { type: onTopic!, from: source.id, to: source.topic },
    { type: fromProject!, from: source.id, to: source.project },
  );
  return { nodes, relationships };
}

function better(a: ReuseCandidate, b: ReuseCandidate): boolean {
  if (a.score !== b.score) return a.score > b.score;
  if (a.hops !== b.hops) return a.hops < b.hops;
  if (a.topic !== b.topic) return a.topic < b.topic;
  return a.project < b.project;
}

const KIND_ORDER: readonly ReuseKind[] = ["ASSET", "EXPERT", "LESSON"];

/** The top `limit` resources from other projects for the target, best score first. */
export function reusePaths(
  projection: ReuseProjection,
  target: ReuseTarget,
  limit: number,
  params: AnalyticsParams,
): ReuseCandidate[] {
  const chains = new Map(
    projection.reach
      .filter((entry) => entry.chain.length - 1 <= params.maxTaxonomyHops)
      .map((entry) => [entry.topic, entry.chain]),
  );
  const team = new Set(projection.team);
  const best = new Map<string, ReuseCandidate>();
  const consider = (kind: ReuseKind, source: ReuseSource, quality: number) => {
    const chain = chains.get(source.topic);
    if (!chain) return;
    const hops = chain.length - 1;
    const factors = {
      kindWeight: KIND_WEIGHT[kind],
      quality,
      recency: recency(source.date, params),
      taxonomy: params.taxonomyDecay ** hops,
    };
    const candidate: ReuseCandidate = {
      kind,
      resource: source.id,
      project: source.project,
      topic: source.topic,
      hops,
      score: settle(factors.kindWeight * factors.quality * factors.recency * factors.taxonomy),
      factors,
      path: pathOf(projection, target, chain, kind, source),
    };
    const key = `${kind}:${source.id}`;
    const current = best.get(key);
    if (!current || better(candidate, current)) best.set(key, candidate);
  };
  for (const asset of projection.assets) consider("ASSET", asset, asset.quality === null ? UNKNOWN_QUALITY : asset.quality / 5);
  for (const lesson of projection.lessons) consider("LESSON", lesson, LESSON_QUALITY[lesson.status]);
  for (const expert of projection.experts) {
    const hops = chains.get(expert.topic)?.length;
    if (hops === undefined || team.has(expert.id)) continue;
    if (settle(expert.level * params.taxonomyDecay ** (hops - 1)) < target.level) continue;
    consider("EXPERT", expert, expert.level / 5);
  }
  return [...best.values()]
    .sort(
      (a, b) =>
        b.score - a.score ||
        KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
        compareIds(a.resource, b.resource),
    )
    .slice(0, limit);
}
