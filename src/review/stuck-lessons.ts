import { type AnalyticsParams, daysBetween } from "../analytics/params.js";
import { compareIds } from "../ordering.js";
import type { StuckLessonRow } from "./projections.js";
import type { StuckLesson } from "./types.js";

/**
 * Lessons stuck at IDENTIFIED (docs/review.md): ageDays = daysBetween(recordedAt, asOf)
 * (null without a date). Order: age descending, lessons without a date last, then id.
 */
export function stuckLessons(rows: readonly StuckLessonRow[], params: Pick<AnalyticsParams, "asOf">): StuckLesson[] {
  return rows
    .map(
      (row): StuckLesson => ({
        id: row.id,
        title: row.title,
        project: row.project,
        recordedAt: row.recordedAt,
        ageDays: row.recordedAt === null ? null : daysBetween(row.recordedAt, params.asOf),
        topics: [...row.topics],
        neededBy: [...row.neededBy],
      }),
    )
    .sort(byAge);
}

function byAge(a: StuckLesson, b: StuckLesson): number {
  if (a.ageDays === null || b.ageDays === null) {
    if (a.ageDays !== b.ageDays) return a.ageDays === null ? 1 : -1;
    return compareIds(a.id, b.id);
  }
  return b.ageDays - a.ageDays || compareIds(a.id, b.id);
}
