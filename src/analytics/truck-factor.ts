import { compareIds } from "../ordering.js";
import type { TopicRow } from "./projections.js";
import type { TruckFactor } from "./types.js";

/**
 * Truck factor on demand (after Avelino et al., 2016): remove, greedily, the
 * expert covering the most demand still covered until more than half of the
 * total demand has no expert left.
 *
 * Removing one expert never changes the demand another still covers (a topic
 * they are an expert on keeps them, so it stays covered), so the greedy order
 * is known up front: most covered demand first, ties by id. That makes the
 * organisation's truck factor one sort instead of a rescan per removal.
 */
export function truckFactor(scope: string, rows: readonly Pick<TopicRow, "demand" | "experts">[]): TruckFactor {
  const topics = rows.filter((row) => row.demand > 0);
  const totalDemand = topics.reduce((sum, t) => sum + t.demand, 0);
  const remaining = topics.map((t) => new Set(t.experts).size);
  const covered = new Map<string, { demand: number; topics: number[] }>();
  topics.forEach((topic, i) => {
    for (const person of new Set(topic.experts)) {
      const entry = covered.get(person) ?? { demand: 0, topics: [] };
      entry.demand += topic.demand;
      entry.topics.push(i);
      covered.set(person, entry);
    }
  });
  let uncoveredDemand = topics.reduce((sum, t, i) => sum + (remaining[i] === 0 ? t.demand : 0), 0);
  const order = [...covered].sort(([a, x], [b, y]) => y.demand - x.demand || compareIds(a, b));
  const removed: TruckFactor["removed"] = [];
  for (const [person, { demand, topics: expertOn }] of order) {
    if (totalDemand === 0 || uncoveredDemand > totalDemand / 2) break;
    removed.push({ person, coveredDemand: demand });
    for (const i of expertOn) {
      remaining[i]! -= 1;
      if (remaining[i] === 0) uncoveredDemand += topics[i]!.demand;
    }
  }
  return { scope, totalDemand, uncoveredDemand, truckFactor: removed.length, removed };
}
