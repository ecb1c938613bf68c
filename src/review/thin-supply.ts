import { CRITICALITY_WEIGHT } from "../analytics/params.js";
import type { Criticality } from "../model/enums.js";
import { compareIds } from "../ordering.js";
import type { GoalTopicsRow } from "./projections.js";
import type { GoalThinSupply, ThinSupplyTopic } from "./types.js";

/** Supply at or below which a critical topic is thin. */
export const THIN_SUPPLY = 1;

/**
 * Topics critical to goals with thin supply (docs/review.md). For each goal
 * (by id), the topics its active projects need at HIGH or CRITICAL, with
 * supply = |active experts| + |fresh assets of quality ≥ 3|; thin when
 * supply ≤ 1. Order: supply ascending, criticality weight descending, id.
 * Goals without a thin topic are kept with an empty list.
 */
export function thinSupply(rows: readonly GoalTopicsRow[]): GoalThinSupply[] {
  return [...rows]
    .sort((a, b) => compareIds(a.goal, b.goal))
    .map((row) => ({
      goal: row.goal,
      name: row.name,
      topics: row.topics
        .map(
          (t): ThinSupplyTopic => ({
            topic: t.topic,
            name: t.name,
            criticality: highest(t.criticalities),
            projects: [...t.projects],
            experts: [...t.experts],
            freshAssets: [...t.freshAssets],
            supply: t.experts.length + t.freshAssets.length,
          }),
        )
        .filter((t) => t.supply <= THIN_SUPPLY)
        .sort(
          (a, b) =>
            a.supply - b.supply ||
            CRITICALITY_WEIGHT[b.criticality] - CRITICALITY_WEIGHT[a.criticality] ||
            compareIds(a.topic, b.topic),
        ),
    }));
}

function highest(criticalities: readonly Criticality[]): Criticality {
  let best = criticalities[0]!;
  for (const c of criticalities) if (CRITICALITY_WEIGHT[c] > CRITICALITY_WEIGHT[best]) best = c;
  return best;
}
