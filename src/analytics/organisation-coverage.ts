import { compareIds } from "../ordering.js";
import type { AnalyticsParams } from "./params.js";
import type { TopicRow } from "./projections.js";
import type { OrganisationCoverage, TopicSupplyDemand } from "./types.js";

export function organisationCoverage(rows: readonly TopicRow[], params: AnalyticsParams): OrganisationCoverage {
  const topics: TopicSupplyDemand[] = rows.map((row) => ({
    topic: row.topic,
    name: row.name,
    demand: row.demand,
    demandingProjects: row.projects,
    experts: row.experts,
    assets: row.assets,
    lessons: row.lessons,
    supply: row.experts.length + row.assetCount + row.lessonCount,
  }));
  return {
    asOf: params.asOf,
    topics,
    demandWithoutSupply: topics
      .filter((t) => t.demand > 0 && t.supply === 0)
      .sort((a, b) => b.demand - a.demand || compareIds(a.topic, b.topic))
      .map((t) => t.topic),
    supplyWithoutDemand: topics.filter((t) => t.supply > 0 && t.demand === 0).map((t) => t.topic),
  };
}
