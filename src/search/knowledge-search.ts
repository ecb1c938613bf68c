import neo4j from "neo4j-driver";
import { AnswerFamily, VersionedAnswers } from "../analytics/answer-cache.js";
import { settle } from "../analytics/figures.js";
import { type AnalyticsParams, recency } from "../analytics/params.js";
import { LESSON_QUALITY } from "../analytics/reuse-paths.js";
import { cypherFile } from "../db/cypher-files.js";
import type { Database } from "../db/database.js";
import type { AssetKind, LessonStatus } from "../model/enums.js";
import { compareIds } from "../ordering.js";
import { requireNode } from "../repositories/require-node.js";
import { plainWordsQuery } from "./lucene.js";
import { SEARCH_KINDS, type SearchFilters, type SearchHit, SearchKind } from "./types.js";

/** The filters with their defaults filled in and their lists in one order: equal filters, one cache key. */
interface CheckedFilters {
  readonly kinds: readonly SearchKind[];
  readonly assetKind: readonly AssetKind[] | null;
  readonly topic: string | null;
  readonly orgUnit: string | null;
  readonly project: string | null;
  readonly from: string | null;
  readonly to: string | null;
}

function normalised(filters: SearchFilters): CheckedFilters {
  const set = <T extends string>(list: readonly T[] | null | undefined) =>
    list?.length ? [...new Set(list)].sort() : null;
  return {
    kinds: set(filters.kinds) ?? SEARCH_KINDS,
    assetKind: set(filters.assetKind),
    topic: filters.topic ?? null,
    orgUnit: filters.orgUnit ?? null,
    project: filters.project ?? null,
    from: filters.from ?? null,
    to: filters.to ?? null,
  };
}

interface HitRow {
  kind: SearchKind;
  id: string;
  title: string;
  score: number;
  quality: number | null;
  status: LessonStatus | null;
  reuse: number;
  date: string | null;
}

/** Hits ranked per kind before the merge. */
export const MAX_HITS_PER_KIND = 1000;
const UNKNOWN_QUALITY = 0.5;

function qualityOf(row: HitRow): number {
  if (row.kind === SearchKind.ASSET) return row.quality === null ? UNKNOWN_QUALITY : row.quality / 5;
  if (row.kind === SearchKind.LESSON) return row.status ? LESSON_QUALITY[row.status] : LESSON_QUALITY.IDENTIFIED;
  return 1;
}

/** rank = relevance × quality × reuse × freshness (docs/expert-finder-and-search.md). */
export function rankHits(rows: readonly HitRow[], params: AnalyticsParams): SearchHit[] {
  const best = new Map<SearchKind, number>();
  for (const row of rows) best.set(row.kind, Math.max(best.get(row.kind) ?? 0, row.score));
  const kindOrder = (kind: SearchKind) => SEARCH_KINDS.indexOf(kind);
  return rows
    .map((row) => {
      const relevance = row.score / (best.get(row.kind) || 1);
      const quality = qualityOf(row);
      const reuseFactor = 1 + 0.25 * Math.log2(1 + row.reuse);
      const dated = row.kind === SearchKind.ASSET || row.kind === SearchKind.LESSON;
      const freshness = dated ? recency(row.date, params) : 1;
      return {
        kind: row.kind,
        id: row.id,
        title: row.title,
        // The product of the unrounded factors, settled once (figures.ts); the factors are shown settled.
        rank: settle(relevance * quality * reuseFactor * freshness),
        relevance: settle(relevance),
        quality,
        reuse: row.reuse,
        reuseFactor: settle(reuseFactor),
        freshness: settle(freshness),
      };
    })
    .sort((a, b) => b.rank - a.rank || kindOrder(a.kind) - kindOrder(b.kind) || compareIds(a.id, b.id));
}

/**
 * Full-text search across assets, lessons, topics and people, ranked for
 * quality. Every hit is ranked before a page is cut, so the ranking is kept
 * by graph version (src/analytics/answer-cache.ts) and the next page, or the
 * next dashboard asking the same, is cut from it.
 */
export class KnowledgeSearch {
  constructor(
    private readonly db: Database,
    private readonly answers: VersionedAnswers = new VersionedAnswers(db),
  ) {}

  async search(text: string, filters: SearchFilters, params: AnalyticsParams): Promise<readonly SearchHit[]> {
    const query = plainWordsQuery(text);
    const key = { query, filters: normalised(filters), params };
    return this.answers.get(AnswerFamily.SEARCH, key, () => this.rank(query, key.filters, params));
  }

  private async rank(query: string, filters: CheckedFilters, params: AnalyticsParams): Promise<SearchHit[]> {
    if (filters.topic !== null) await requireNode(this.db, "Topic", filters.topic);
    if (filters.orgUnit !== null) await requireNode(this.db, "OrgUnit", filters.orgUnit);
    if (filters.project !== null) await requireNode(this.db, "Project", filters.project);
    const rows = await this.db.readRows<HitRow>(cypherFile("search/knowledge-search"), {
      query,
      kinds: filters.kinds,
      assetKinds: filters.assetKind,
      topic: filters.topic,
      unit: filters.orgUnit,
      project: filters.project,
      from: filters.from,
      to: filters.to,
      perKind: neo4j.int(MAX_HITS_PER_KIND),
    });
    return rankHits(rows, params);
  }
}
