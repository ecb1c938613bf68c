import { AssetKind, LessonStatus } from "../model/enums.js";
import type { InventoryProjection } from "./projections.js";
import type { Inventory } from "./types.js";

/**
 * The inventory (docs/review.md): the counts come aggregated from Cypher;
 * here every asset kind and lesson status is listed in enum order (0 when
 * absent) and the "no unit" and "no goal" rows are put last.
 */
export function inventory(projection: InventoryProjection): Inventory {
  const kinds = new Map(projection.assetKinds.map((k) => [k.kind, k.count]));
  const statuses = new Map(projection.lessonStatuses.map((s) => [s.status, s.count]));
  return {
    totals: { assets: projection.totalAssets, lessons: projection.totalLessons },
    byTopic: projection.byTopic.map((t) => ({ topic: t.topic, name: t.name, assets: t.assets, lessons: t.lessons })),
    byKind: {
      assets: Object.values(AssetKind).map((kind) => ({ kind, count: kinds.get(kind) ?? 0 })),
      lessons: Object.values(LessonStatus).map((status) => ({ status, count: statuses.get(status) ?? 0 })),
    },
    byUnit: [
      ...projection.byUnit.map((u) => ({ unit: u.unit, name: u.name, assets: u.assets, lessons: u.lessons })),
      { unit: null, name: null, assets: projection.assetsWithoutUnit, lessons: projection.lessonsWithoutUnit },
    ],
    byGoal: [
      ...projection.byGoal.map((g) => ({ goal: g.goal, name: g.name, assets: g.assets, lessons: g.lessons })),
      { goal: null, name: null, assets: projection.assetsWithoutGoal, lessons: projection.lessonsWithoutGoal },
    ],
  };
}
