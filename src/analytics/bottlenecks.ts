import { compareIds } from "../ordering.js";
import {
  addFractions,
  compareFractions,
  type Fraction,
  fraction,
  settledSum,
  settleFraction,
  ZERO,
} from "./figures.js";
import type { AssignmentRow, CandidateRow, TopicRow } from "./projections.js";
import type { KeyPersonRisk, PersonLoad, SuccessorPlan, TopicExperts } from "./types.js";

const MAX_SUCCESSORS = 5;

/** experts(T), busFactor(T) = |experts(T)|, bottleneck when demand > 0 and busFactor ≤ 1. */
export function topicExperts(rows: readonly TopicRow[]): TopicExperts[] {
  return rows.map((row) => ({
    topic: row.topic,
    name: row.name,
    demand: row.demand,
    experts: row.experts,
    busFactor: row.experts.length,
    bottleneck: row.demand > 0 && row.experts.length <= 1,
  }));
}

/** Bottleneck topics, highest demand first. */
export function bottleneckTopics(topics: readonly TopicExperts[]): TopicExperts[] {
  return topics.filter((t) => t.bottleneck).sort((a, b) => b.demand - a.demand || compareIds(a.topic, b.topic));
}

/**
 * keyPersonRisk(p) = Σ demand(T) / busFactor(T) over the topics p is an expert on; highest first.
 * The sum is exact (a fraction), so that 1/3 + 1/3 ties with 2/3 and the tie breaks by id.
 */
export function keyPersonRisk(topics: readonly TopicExperts[]): KeyPersonRisk[] {
  const risks = new Map<string, { exact: Fraction; risk: KeyPersonRisk }>();
  for (const topic of topics) {
    if (topic.demand === 0 || topic.busFactor === 0) continue;
    const share = fraction(topic.demand, topic.busFactor);
    for (const person of topic.experts) {
      const entry = risks.get(person) ?? { exact: ZERO, risk: { person, risk: 0, topics: [] } };
      entry.exact = addFractions(entry.exact, share);
      entry.risk.topics.push({
        topic: topic.topic,
        demand: topic.demand,
        busFactor: topic.busFactor,
        share: settleFraction(share),
      });
      risks.set(person, entry);
    }
  }
  return [...risks.values()]
    .sort((a, b) => compareFractions(b.exact, a.exact) || compareIds(a.risk.person, b.risk.person))
    .map(({ exact, risk }) => ({ ...risk, risk: settleFraction(exact) }));
}

/** load(p) = Σ allocation of current roles; overloaded above 1. Highest load first. */
export function personLoad(assignments: readonly AssignmentRow[]): PersonLoad[] {
  const loads = new Map<string, PersonLoad>();
  for (const { person, project, allocation } of assignments) {
    const load = loads.get(person) ?? { person, load: 0, overloaded: false, assignments: [] };
    load.assignments.push({ project, allocation });
    loads.set(person, load);
  }
  for (const load of loads.values()) {
    load.load = settledSum(load.assignments.map((assignment) => assignment.allocation));
    load.overloaded = load.load > 1;
  }
  return [...loads.values()].sort((a, b) => b.load - a.load || compareIds(a.person, b.person));
}

/** For each bottleneck topic with exactly one expert: the others best placed to take over. */
export function successorPlans(
  bottlenecks: readonly TopicExperts[],
  candidates: readonly CandidateRow[],
): SuccessorPlan[] {
  return bottlenecks
    .filter((topic) => topic.busFactor === 1)
    .map((topic) => {
      const expert = topic.experts[0]!;
      const ranked = candidates
        .filter((c) => c.topic === topic.topic && c.person !== expert)
        .sort(
          (a, b) =>
            b.level - a.level || b.sharedProjects.length - a.sharedProjects.length || compareIds(a.person, b.person),
        )
        .slice(0, MAX_SUCCESSORS)
        .map(({ person, level, sharedProjects }) => ({ person, level, sharedProjects }));
      return { expert, topic: topic.topic, demand: topic.demand, candidates: ranked };
    });
}
