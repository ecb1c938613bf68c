import { LessonStatus } from "../model/enums.js";
import { compareIds } from "../ordering.js";
import { settle } from "./figures.js";
import { type AnalyticsParams, recency } from "./params.js";
import type { NamedChainLink, ReuseProjection, ReuseSource } from "./projections.js";
import { type PathNode, type PathRelationship, type ReuseCandidate, ReuseKind } from "./types.js";

export const KIND_WEIGHT: Readonly<Record<ReuseKind, number>> = { ASSET: 1.0, LESSON: 0.8, EXPERT: 0.9 };
export const LESSON_QUALITY: Readonly<Record<LessonStatus, number>> = {
  [LessonStatus.LEARNED]: 1.0,
  [LessonStatus.ACTIONED]: 0.8,
  [LessonStatus.IDENTIFIED]: 0.6,
};
/** Quality factor of an asset whose quality was never rated. */
const UNKNOWN_QUALITY = 0.5;

/** What the reuse is for: a need of the project, or one of its recorded gaps. */
export type ReuseTarget = { kind: "need"; level: number } | { kind: "gap"; id: string; level: number };

/** The names a path shows, by `label:id`; read for the few candidates returned (see namesNeeded). */
export type ReuseNames = ReadonlyMap<string, string | null>;

const nameKey = (label: string, id: string) => `${label}:${id}`;

const RESOURCE = {
  ASSET: { label: "KnowledgeAsset", onTopic: "COVERS", fromProject: "PRODUCED_BY" },
  LESSON: { label: "Lesson", onTopic: "ABOUT", fromProject: "LEARNED_IN" },
  EXPERT: { label: "Person", onTopic: "KNOWS", fromProject: "WORKS_ON" },
} as const satisfies Record<ReuseKind, { label: string; onTopic: string; fromProject: string }>;

/** A candidate before its path is written: ranking needs only the score and the ids. */
export interface RankedReuse extends Omit<ReuseCandidate, "path"> {
  readonly chain: readonly NamedChainLink[];
}

function pathOf(
  projection: ReuseProjection,
  target: ReuseTarget,
  candidate: RankedReuse,
  names: ReuseNames,
): ReuseCandidate["path"] {
  const { project, topic } = projection;
  const nodes: PathNode[] = [{ label: "Project", id: project.id, name: project.name }];
  const relationships: PathRelationship[] = [];
  if (target.kind === "gap") {
    nodes.push({ label: "KnowledgeGap", id: target.id, name: null });
    relationships.push(
      { type: "HAS_GAP", from: project.id, to: target.id },
      { type: "ABOUT", from: target.id, to: topic.id },
    );
  } else {
    relationships.push({ type: "NEEDS", from: project.id, to: topic.id });
  }
  // The chain runs from the resource's topic up to the target topic; the path walks it down.
  const down = [...candidate.chain].reverse();
  down.forEach((link, index) => {
    nodes.push({ label: "Topic", id: link.id, name: link.name });
    if (index > 0) relationships.push({ type: "BROADER", from: link.id, to: down[index - 1]!.id });
  });
  const { label, onTopic, fromProject } = RESOURCE[candidate.kind];
  nodes.push(
    { label, id: candidate.resource, name: names.get(nameKey(label, candidate.resource)) ?? null },
    { label: "Project", id: candidate.project, name: names.get(nameKey("Project", candidate.project)) ?? null },
  );
  relationships.push(
    { type: onTopic, from: candidate.resource, to: candidate.topic },
    { type: fromProject, from: candidate.resource, to: candidate.project },
  );
  return { nodes, relationships };
}

function better(a: RankedReuse, b: RankedReuse): boolean {
  if (a.score !== b.score) return a.score > b.score;
  if (a.hops !== b.hops) return a.hops < b.hops;
  if (a.topic !== b.topic) return a.topic < b.topic;
  return a.project < b.project;
}

const KIND_ORDER: readonly ReuseKind[] = [ReuseKind.ASSET, ReuseKind.EXPERT, ReuseKind.LESSON];

/** The top `limit` resources from other projects for the target, best score first, without their paths. */
export function rankReuse(
  projection: ReuseProjection,
  target: ReuseTarget,
  limit: number,
  params: AnalyticsParams,
): RankedReuse[] {
  const chains = new Map(
    projection.reach
      .filter((entry) => entry.chain.length - 1 <= params.maxTaxonomyHops)
      .map((entry) => [entry.topic, entry.chain]),
  );
  const team = new Set(projection.team);
  const best = new Map<string, RankedReuse>();
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
    const candidate: RankedReuse = {
      kind,
      resource: source.id,
      project: source.project,
      topic: source.topic,
      hops,
      // The factors other than recency are short decimals: their product, settled, is exact, so
      // equal products (1.0 × 0.8 and 0.8 × 1.0) give the same score for the same date.
      score: settle(settle(factors.kindWeight * factors.quality * factors.taxonomy) * factors.recency),
      factors,
      chain,
    };
    const key = `${kind}:${source.id}`;
    const current = best.get(key);
    if (!current || better(candidate, current)) best.set(key, candidate);
  };
  for (const asset of projection.assets)
    consider(ReuseKind.ASSET, asset, asset.quality === null ? UNKNOWN_QUALITY : asset.quality / 5);
  for (const lesson of projection.lessons) consider(ReuseKind.LESSON, lesson, LESSON_QUALITY[lesson.status]);
  for (const expert of projection.experts) {
    const hops = chains.get(expert.topic)?.length;
    if (hops === undefined || team.has(expert.id)) continue;
    if (settle(expert.level * params.taxonomyDecay ** (hops - 1)) < target.level) continue;
    consider(ReuseKind.EXPERT, expert, expert.level / 5);
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

/** The nodes whose names the paths of `ranked` show. */
export function namesNeeded(ranked: readonly RankedReuse[]): { label: string; id: string }[] {
  const nodes = new Map<string, { label: string; id: string }>();
  for (const candidate of ranked) {
    for (const [label, id] of [
      [RESOURCE[candidate.kind].label, candidate.resource],
      ["Project", candidate.project],
    ] as const) {
      nodes.set(nameKey(label, id), { label, id });
    }
  }
  return [...nodes.values()];
}

/** The ranked candidates with their explicit paths from the project to the resource and its project. */
export function withPaths(
  projection: ReuseProjection,
  target: ReuseTarget,
  ranked: readonly RankedReuse[],
  names: ReuseNames,
): ReuseCandidate[] {
  return ranked.map(({ chain, ...candidate }) => ({
    ...candidate,
    path: pathOf(projection, target, { ...candidate, chain }, names),
  }));
}

/** Names by label and id, as readNodeNames returns them, for withPaths. */
export function reuseNames(rows: readonly { label: string; id: string; name: string | null }[]): ReuseNames {
  return new Map(rows.map((row) => [nameKey(row.label, row.id), row.name]));
}
