import neo4j from "neo4j-driver";
import { settle } from "../analytics/figures.js";
import { type AnalyticsParams, recency } from "../analytics/params.js";
import { LESSON_QUALITY } from "../analytics/reuse-paths.js";
import { cypherFile } from "../db/cypher-files.js";
import type { Database } from "../db/database.js";
import type { LessonStatus } from "../model/enums.js";
import { compareIds } from "../ordering.js";
import { requireNode } from "../repositories/require-node.js";
import { plainWordsQuery } from "./lucene.js";
import { SEARCH_KINDS, type SearchFilters, type SearchHit, SearchKind } from "./types.js";

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

/** Full-text search across assets, lessons, topics and people, ranked for quality. */
export class KnowledgeSearch {
  constructor(private readonly db: Database) {}

  async search(text: string, filters: SearchFilters, params: AnalyticsParams): Promise<SearchHit[]> {
    const query = plainWordsQuery(text);
    if (filters.topic != null) await requireNode(this.db, "Topic", filters.topic);
    if (filters.orgUnit != null) await requireNode(this.db, "OrgUnit", filters.orgUnit);
    if (filters.project != null) await requireNode(this.db, "Project", filters.project);
    const rows = await this.db.readRows<HitRow>(cypherFile("search/knowledge-search"), {
      query,
      kinds: filters.kinds?.length ? filters.kinds : SEARCH_KINDS,
      assetKinds: filters.assetKind?.length ? filters.assetKind : null,
      topic: filters.topic ?? null,
      unit: filters.orgUnit ?? null,
      project: filters.project ?? null,
      from: filters.from ?? null,
      to: filters.to ?? null,
      perKind: neo4j.int(MAX_HITS_PER_KIND),
    });
    return rankHits(rows, params);
  }
}
