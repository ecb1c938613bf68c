import type { TopicRow } from "./projections.js";
import type { TruckFactor } from "./types.js";

/**
 * Truck factor on demand (after Avelino et al., 2016): remove, greedily, the
 * expert covering the most demand still covered until more than half of the
 * total demand has no expert left.
 */
export function truckFactor(scope: string, rows: readonly Pick<TopicRow, "demand" | "experts">[]): TruckFactor {
  const topics = rows.filter((row) => row.demand > 0);
  const totalDemand = topics.reduce((sum, t) => sum + t.demand, 0);
  const remaining = topics.map((t) => new Set(t.experts));
  const uncovered = () => topics.reduce((sum, t, i) => sum + (remaining[i]!.size === 0 ? t.demand : 0), 0);
  const removed: TruckFactor["removed"] = [];
  while (totalDemand > 0 && uncovered() <= totalDemand / 2) {
    const covered = new Map<string, number>();
    topics.forEach((topic, i) => {
      for (const person of remaining[i]!) covered.set(person, (covered.get(person) ?? 0) + topic.demand);
    });
    let next: { person: string; coveredDemand: number } | null = null;
    for (const [person, coveredDemand] of covered) {
      if (!next || coveredDemand > next.coveredDemand || (coveredDemand === next.coveredDemand && person < next.person)) {
        next = { person, coveredDemand };
      }
    }
    if (!next) break;
    removed.push(next);
    for (const experts of remaining) experts.delete(next.person);
  }
  return { scope, totalDemand, uncoveredDemand: uncovered(), truckFactor: removed.length, removed };
}
