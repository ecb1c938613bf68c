import { enums } from "./kmgraph.js";

/**
 * kmgraph's graph (src/model/entities.ts and relations.ts) described for
 * `@neo4j/graphql` 7: the same labels, properties, relationship types and
 * directions, so that its generated API reads the very data kmgraph wrote.
 *
 * Field names follow kmgraph's schema where both have the field (`team`,
 * `needs`, `expertise`, `experts`…), so the two nested queries read alike.
 * Differences imposed by the library: every relationship field is a list
 * (v7 rejects single relationships), and relationship properties are read
 * through `<field>Connection { edges { properties node } }`.
 */
export function neo4jGraphqlTypeDefs(): string {
  return `${ENUM_NAMES.map(enumDefinition).join("\n")}
${TYPES}`;
}

// The enums come from the model itself, so their values cannot drift.
const ENUM_NAMES = [
  "ProjectStatus",
  "Novelty",
  "AssetKind",
  "Outcome",
  "Phase",
  "LessonStatus",
  "GapStatus",
  "Criticality",
  "ActivityKind",
  "ActivityStatus",
  "KnowledgeSource",
] as const;

function enumDefinition(name: (typeof ENUM_NAMES)[number]): string {
  return `enum ${name} { ${Object.values(enums[name]).join(" ")} }`;
}

const TYPES = /* GraphQL */ `
type OrgUnit @node {
  id: ID!
  name: String!
  createdAt: DateTime
  updatedAt: DateTime
  members: [Person!]! @relationship(type: "MEMBER_OF", direction: IN)
  projects: [Project!]! @relationship(type: "OWNED_BY", direction: IN)
}

type Goal @node {
  id: ID!
  name: String!
  createdAt: DateTime
  updatedAt: DateTime
  projects: [Project!]! @relationship(type: "SUPPORTS", direction: IN)
}

type Topic @node {
  id: ID!
  name: String!
  description: String
  createdAt: DateTime
  updatedAt: DateTime
  broader: [Topic!]! @relationship(type: "BROADER", direction: OUT)
  narrower: [Topic!]! @relationship(type: "BROADER", direction: IN)
  experts: [Person!]! @relationship(type: "KNOWS", direction: IN, properties: "Knows")
  interestedPeople: [Person!]! @relationship(type: "INTERESTED_IN", direction: IN)
  neededBy: [Project!]! @relationship(type: "NEEDS", direction: IN, properties: "Needs")
  assets: [KnowledgeAsset!]! @relationship(type: "COVERS", direction: IN)
  lessons: [Lesson!]! @relationship(type: "ABOUT", direction: IN)
  gaps: [KnowledgeGap!]! @relationship(type: "ABOUT", direction: IN)
}

type Person @node {
  id: ID!
  name: String!
  email: String
  title: String
  active: Boolean!
  createdAt: DateTime
  updatedAt: DateTime
  orgUnit: [OrgUnit!]! @relationship(type: "MEMBER_OF", direction: OUT)
  projects: [Project!]! @relationship(type: "WORKS_ON", direction: OUT, properties: "WorksOn")
  expertise: [Topic!]! @relationship(type: "KNOWS", direction: OUT, properties: "Knows")
  interests: [Topic!]! @relationship(type: "INTERESTED_IN", direction: OUT)
  authored: [KnowledgeAsset!]! @relationship(type: "AUTHORED", direction: OUT)
  recordedLessons: [Lesson!]! @relationship(type: "RECORDED", direction: OUT)
  leads: [KMActivity!]! @relationship(type: "LEADS", direction: OUT)
}

type Project @node {
  id: ID!
  name: String!
  description: String
  status: ProjectStatus!
  novelty: Novelty!
  startDate: Date
  endDate: Date
  createdAt: DateTime
  updatedAt: DateTime
  orgUnit: [OrgUnit!]! @relationship(type: "OWNED_BY", direction: OUT)
  team: [Person!]! @relationship(type: "WORKS_ON", direction: IN, properties: "WorksOn")
  needs: [Topic!]! @relationship(type: "NEEDS", direction: OUT, properties: "Needs")
  goals: [Goal!]! @relationship(type: "SUPPORTS", direction: OUT)
  used: [KnowledgeAsset!]! @relationship(type: "USED", direction: OUT, properties: "Reuse")
  applied: [Lesson!]! @relationship(type: "APPLIED", direction: OUT, properties: "Reuse")
  producedAssets: [KnowledgeAsset!]! @relationship(type: "PRODUCED_BY", direction: IN)
  lessons: [Lesson!]! @relationship(type: "LEARNED_IN", direction: IN)
  knowledgeGaps: [KnowledgeGap!]! @relationship(type: "HAS_GAP", direction: OUT)
  activities: [KMActivity!]! @relationship(type: "PLANS", direction: OUT)
}

type KnowledgeAsset @node {
  id: ID!
  title: String!
  kind: AssetKind!
  url: String
  quality: Int
  publishedAt: Date
  reviewedAt: Date
  createdAt: DateTime
  updatedAt: DateTime
  topics: [Topic!]! @relationship(type: "COVERS", direction: OUT)
  authors: [Person!]! @relationship(type: "AUTHORED", direction: IN)
  producedBy: [Project!]! @relationship(type: "PRODUCED_BY", direction: OUT)
  usedBy: [Project!]! @relationship(type: "USED", direction: IN, properties: "Reuse")
}

type Lesson @node {
  id: ID!
  title: String!
  drivingEvent: String
  lesson: String
  recommendation: String
  outcome: Outcome
  phase: Phase
  status: LessonStatus!
  recordedAt: Date
  createdAt: DateTime
  updatedAt: DateTime
  learnedIn: [Project!]! @relationship(type: "LEARNED_IN", direction: OUT)
  topics: [Topic!]! @relationship(type: "ABOUT", direction: OUT)
  recordedBy: [Person!]! @relationship(type: "RECORDED", direction: IN)
  appliedIn: [Project!]! @relationship(type: "APPLIED", direction: IN, properties: "Reuse")
}

type KnowledgeGap @node {
  id: ID!
  description: String
  criticality: Criticality!
  requiredLevel: Int
  status: GapStatus!
  identifiedAt: Date
  closedAt: Date
  createdAt: DateTime
  updatedAt: DateTime
  project: [Project!]! @relationship(type: "HAS_GAP", direction: IN)
  topic: [Topic!]! @relationship(type: "ABOUT", direction: OUT)
  activities: [KMActivity!]! @relationship(type: "TARGETS", direction: IN)
}

type KMActivity @node {
  id: ID!
  kind: ActivityKind!
  phase: Phase!
  status: ActivityStatus!
  dueDate: Date
  createdAt: DateTime
  updatedAt: DateTime
  project: [Project!]! @relationship(type: "PLANS", direction: IN)
  targets: [KnowledgeGap!]! @relationship(type: "TARGETS", direction: OUT)
  leads: [Person!]! @relationship(type: "LEADS", direction: IN)
}

type WorksOn @relationshipProperties {
  role: String
  allocation: Float
  from: Date
  to: Date
}

type Knows @relationshipProperties {
  level: Int!
  source: KnowledgeSource!
  endorsements: Int!
  assessedAt: Date
}

type Needs @relationshipProperties {
  level: Int!
  criticality: Criticality!
}

type Reuse @relationshipProperties {
  at: Date
  note: String
}
`;
