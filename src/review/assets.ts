import { settle } from "../analytics/figures.js";
import { type AnalyticsParams, monthsBetween } from "../analytics/params.js";
import { compareIds } from "../ordering.js";
import type { OrphanedAssetRow, StaleAssetRow } from "./projections.js";
import { type OrphanedAsset, OrphanReason, type StaleAsset, StaleReason } from "./types.js";

/**
 * Stale assets (docs/review.md): review date = reviewedAt, else publishedAt;
 * stale when monthsBetween(reviewDate, asOf) > stalenessMonths (OUTDATED) or
 * when there is no date (NO_DATE). The Cypher projection selects with the same
 * rule so that fresh assets never leave the database; it is applied here again
 * so that this function is the definition. Order: NO_DATE first by id, then
 * age descending, then id.
 */
export function staleAssets(
  rows: readonly StaleAssetRow[],
  params: Pick<AnalyticsParams, "asOf" | "stalenessMonths">,
): StaleAsset[] {
  const stale: StaleAsset[] = [];
  for (const row of rows) {
    const topics = [...row.topics];
    if (row.reviewDate === null) {
      stale.push({
        id: row.id,
        title: row.title,
        reviewDate: null,
        ageMonths: null,
        reason: StaleReason.NO_DATE,
        topics,
      });
      continue;
    }
    const months = monthsBetween(row.reviewDate, params.asOf);
    if (months > params.stalenessMonths) {
      stale.push({
        id: row.id,
        title: row.title,
        reviewDate: row.reviewDate,
        ageMonths: settle(months),
        reason: StaleReason.OUTDATED,
        topics,
      });
    }
  }
  return stale.sort(byStaleness);
}

function byStaleness(a: StaleAsset, b: StaleAsset): number {
  if (a.ageMonths === null || b.ageMonths === null) {
    if (a.ageMonths !== b.ageMonths) return a.ageMonths === null ? -1 : 1;
    return compareIds(a.id, b.id);
  }
  return b.ageMonths - a.ageMonths || compareIds(a.id, b.id);
}

/**
 * Orphaned assets (docs/review.md): no active author. AUTHORS_INACTIVE with
 * the authors when it has some, NO_AUTHOR otherwise. Order: id.
 */
export function orphanedAssets(rows: readonly OrphanedAssetRow[]): OrphanedAsset[] {
  return rows
    .map(
      (row): OrphanedAsset => ({
        id: row.id,
        title: row.title,
        reason: row.authors.length > 0 ? OrphanReason.AUTHORS_INACTIVE : OrphanReason.NO_AUTHOR,
        authors: [...row.authors],
        topics: [...row.topics],
      }),
    )
    .sort((a, b) => compareIds(a.id, b.id));
}
