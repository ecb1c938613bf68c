import type { Label } from "../model/entities.js";

/** Filter values as the GraphQL filter inputs deliver them (field → value). */
export type FilterValues = Readonly<Record<string, unknown>>;

/**
 * A Cypher condition on `n` for one filter field: a predicate for WHERE, or a
 * pattern `n` must match (`{match}`, MATCH syntax, with its own WHERE if any).
 * It receives the parameter expression that holds the value
 * (`$p.filter.status`), never the value itself.
 */
export type Condition = string | { readonly match: string };
type Predicate = (param: string) => Condition;

const ids: Predicate = (p) => `n.id IN ${p}`;
const oneOf =
  (property: string): Predicate =>
  (p) =>
    `n.${property} IN ${p}`;
const contains =
  (property: string): Predicate =>
  (p) =>
    `toLower(n.${property}) CONTAINS toLower(${p})`;
const equals =
  (property: string): Predicate =>
  (p) =>
    `n.${property} = ${p}`;
/**
 * The node has a relationship of this pattern to the node with the given id.
 * A pattern rather than `EXISTS {}`: the planner then starts from the other
 * node's unique id index instead of testing every node of the label
 * (people who know a topic: 340,000 db hits as EXISTS, 38 as a pattern).
 */
const linked =
  (pattern: (other: string) => string): Predicate =>
  (p) => ({ match: pattern(`{id: ${p}}`) });

export const FILTERS: Record<Label, Record<string, Predicate>> = {
  OrgUnit: { ids, nameContains: contains("name") },
  Goal: { ids, nameContains: contains("name") },
  Topic: {
    ids,
    nameContains: contains("name"),
    broader: linked((t) => `(n)-[:BROADER]->(:Topic ${t})`),
    root: (p) => `EXISTS { (n)-[:BROADER]->(:Topic) } <> ${p}`,
    neededBy: linked((t) => `(n)<-[:NEEDS]-(:Project ${t})`),
  },
  Person: {
    ids,
    nameContains: contains("name"),
    active: equals("active"),
    orgUnit: linked((t) => `(n)-[:MEMBER_OF]->(:OrgUnit ${t})`),
    worksOn: linked((t) => `(n)-[:WORKS_ON]->(:Project ${t})`),
    knows: (p) => ({ match: `(n)-[k:KNOWS]->(:Topic {id: ${p}.topic}) WHERE k.level >= coalesce(${p}.minLevel, 1)` }),
  },
  Project: {
    ids,
    nameContains: contains("name"),
    status: oneOf("status"),
    novelty: oneOf("novelty"),
    orgUnit: linked((t) => `(n)-[:OWNED_BY]->(:OrgUnit ${t})`),
    needsTopic: linked((t) => `(n)-[:NEEDS]->(:Topic ${t})`),
    supportsGoal: linked((t) => `(n)-[:SUPPORTS]->(:Goal ${t})`),
    member: linked((t) => `(n)<-[:WORKS_ON]-(:Person ${t})`),
  },
  KnowledgeAsset: {
    ids,
    titleContains: contains("title"),
    kind: oneOf("kind"),
    minQuality: (p) => `n.quality >= ${p}`,
    coversTopic: linked((t) => `(n)-[:COVERS]->(:Topic ${t})`),
    producedBy: linked((t) => `(n)-[:PRODUCED_BY]->(:Project ${t})`),
    author: linked((t) => `(n)<-[:AUTHORED]-(:Person ${t})`),
  },
  Lesson: {
    ids,
    titleContains: contains("title"),
    status: oneOf("status"),
    outcome: oneOf("outcome"),
    phase: oneOf("phase"),
    aboutTopic: linked((t) => `(n)-[:ABOUT]->(:Topic ${t})`),
    learnedIn: linked((t) => `(n)-[:LEARNED_IN]->(:Project ${t})`),
  },
  KnowledgeGap: {
    ids,
    status: oneOf("status"),
    criticality: oneOf("criticality"),
    project: linked((t) => `(n)<-[:HAS_GAP]-(:Project ${t})`),
    topic: linked((t) => `(n)-[:ABOUT]->(:Topic ${t})`),
  },
  KMActivity: {
    ids,
    kind: oneOf("kind"),
    phase: oneOf("phase"),
    status: oneOf("status"),
    project: linked((t) => `(n)<-[:PLANS]-(:Project ${t})`),
    targetsGap: linked((t) => `(n)-[:TARGETS]->(:KnowledgeGap ${t})`),
    leader: linked((t) => `(n)<-[:LEADS]-(:Person ${t})`),
  },
};
