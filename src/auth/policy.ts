import { Role } from "../model/roles.js";

/**
 * What each role may read and write: the one table that access control
 * enforces (src/auth/authorization.ts) and that docs/security.md prints.
 *
 * A coordinate is `Type.field`, `Type.field(arg:)` for an argument,
 * `Input.field` for an input field and `Enum.VALUE` for an enum value.
 * Types are either organisational (every field readable by every role) or
 * personal (every field has its own rule); the schema test fails on a type
 * that is neither, on a personal field without a rule, and on a root field
 * without a rule, so that nothing new is readable by default.
 */

/** When a MEMBER may do what otherwise needs `Rule.role`; checked against the request's arguments. */
export enum MemberCondition {
  /** The `person` argument is the caller's own person. */
  SELF = "SELF",
  /** As SELF, and the expertise is declared by the person (`source: SELF`). */
  SELF_DECLARED = "SELF_DECLARED",
  /** The lesson (`lesson` or `id` argument) was recorded by the caller. */
  OWN_LESSON = "OWN_LESSON",
  /** `person` is the caller, and the lesson has no recorder yet or is the caller's. */
  CLAIM_LESSON = "CLAIM_LESSON",
  /** The caller recorded the lesson and works on the project. */
  OWN_LESSON_OWN_PROJECT = "OWN_LESSON_OWN_PROJECT",
  /** Anyone who is a MEMBER: a new lesson belongs to nobody until it is recorded. */
  ANY = "ANY",
}

export interface Rule {
  /** The weakest role that may use the coordinate. */
  readonly role: Role;
  /** A MEMBER may also, when this holds. */
  readonly member?: MemberCondition;
  /** Any caller may read it of their own person, reached as `viewer { person { … } }`. */
  readonly own?: boolean;
}

const EVERYONE: Rule = { role: Role.VIEWER };
const KM_LEAD: Rule = { role: Role.KM_LEAD };
const KM_LEAD_OR_OWN: Rule = { role: Role.KM_LEAD, own: true };
const ADMIN: Rule = { role: Role.ADMIN };
const member = (condition: MemberCondition): Rule => ({ role: Role.KM_LEAD, member: condition });

/** Types whose every field any caller may read: they say nothing about an individual. */
export const ORGANISATIONAL_TYPES: ReadonlySet<string> = new Set([
  // The audit trail names actors by id and role only, and only an ADMIN reaches it (Query.auditLog).
  "AuditActor",
  "AuditCount",
  "AuditEntry",
  "AuditEntryConnection",
  "AuditEntryEdge",
  "AuditFilter",
  "AssetKindCount",
  "AssetOnTopic",
  "AssetUse",
  "DeletePayload",
  "DetachedRelationships",
  "GapReport",
  "Goal",
  "GoalConnection",
  "GoalEdge",
  "GoalFilter",
  "GoalInventory",
  "GoalOrder",
  "GoalThinSupply",
  "ImportSummary",
  "InferenceSummary",
  "InventoryTotals",
  "KMActivity",
  "KMActivityConnection",
  "KMActivityEdge",
  "KMActivityFilter",
  "KMActivityOrder",
  "KindInventory",
  "KnowledgeAsset",
  "KnowledgeAssetConnection",
  "KnowledgeAssetEdge",
  "KnowledgeAssetFilter",
  "KnowledgeAssetOrder",
  "KnowledgeGap",
  "KnowledgeGapConnection",
  "KnowledgeGapEdge",
  "KnowledgeGapFilter",
  "KnowledgeGapOrder",
  "Lesson",
  "LessonApplication",
  "LessonConnection",
  "LessonEdge",
  "LessonFilter",
  "LessonOnTopic",
  "LessonOrder",
  "LessonStatusCount",
  "MaturityCriterion",
  "MaturityDistribution",
  "Need",
  "NeedsProperties",
  "NeverReusedLesson",
  "NodeImportCount",
  "OrgUnit",
  "OrgUnitConnection",
  "OrgUnitEdge",
  "OrgUnitFilter",
  "OrgUnitOrder",
  "Organisation",
  "OrganisationCoverage",
  "OrphanedAsset",
  "PageInfo",
  "PathNode",
  "PathRelationship",
  "PersonConnection",
  "PersonEdge",
  "Project",
  "ProjectConnection",
  "ProjectCoverage",
  "ProjectEdge",
  "ProjectFilter",
  "ProjectMaturity",
  "ProjectOrder",
  "RelationshipImportCount",
  "RelationshipPayload",
  "Reuse",
  "ReuseFlow",
  "ReuseFlows",
  "ReusePath",
  "ReuseProperties",
  "ReviewInventory",
  "RiskTopic",
  "ScoreFactors",
  "SearchFilter",
  "SearchHit",
  "SearchHitConnection",
  "SearchHitEdge",
  "StaleAsset",
  "StrategyReview",
  "StuckLesson",
  "ThinSupplyTopic",
  "TopicConnection",
  "TopicDemand",
  "TopicEdge",
  "TopicExperts",
  "TopicFilter",
  "TopicInventory",
  "TopicOrder",
  "TopicSupplyDemand",
  "UnitInventory",
  "Viewer",
  // Mutation inputs: the mutation's own rule decides who may send them.
  "CreateGoalInput",
  "CreateKMActivityInput",
  "CreateKnowledgeAssetInput",
  "CreateKnowledgeGapInput",
  "CreateLessonInput",
  "CreateOrgUnitInput",
  "CreatePersonInput",
  "CreateProjectInput",
  "CreateTopicInput",
  "KnowsProperties",
  "UpdateGoalInput",
  "UpdateKMActivityInput",
  "UpdateKnowledgeAssetInput",
  "UpdateKnowledgeGapInput",
  "UpdateLessonInput",
  "UpdateOrgUnitInput",
  "UpdatePersonInput",
  "UpdateProjectInput",
  "UpdateTopicInput",
  "WorksOnProperties",
]);

/**
 * Fields of the types that say something about an individual: every field
 * listed, so that a new one must be decided on.
 */
const PERSONAL_FIELDS: Readonly<Record<string, Readonly<Record<string, Rule>>>> = {
  Person: {
    id: EVERYONE,
    name: EVERYONE,
    title: EVERYONE,
    orgUnit: EVERYONE,
    createdAt: EVERYONE,
    updatedAt: EVERYONE,
    // What they wrote, recorded and lead is part of the organisation's record.
    authored: EVERYONE,
    recordedLessons: EVERYONE,
    leads: EVERYONE,
    projects: EVERYONE,
    email: KM_LEAD_OR_OWN,
    active: KM_LEAD_OR_OWN,
    expertise: KM_LEAD_OR_OWN,
    interests: KM_LEAD_OR_OWN,
  },
  PersonFilter: {
    ids: EVERYONE,
    nameContains: EVERYONE,
    orgUnit: EVERYONE,
    worksOn: EVERYONE,
    active: KM_LEAD,
    knows: KM_LEAD,
  },
  PersonOrder: { direction: EVERYONE, field: EVERYONE },
  KnowsTopicFilter: { topic: KM_LEAD, minLevel: KM_LEAD },
  // Roles on projects are public; how much of a person's time they take is not.
  Assignment: { project: EVERYONE, role: EVERYONE, from: EVERYONE, to: EVERYONE, allocation: KM_LEAD_OR_OWN },
  TeamMember: { person: EVERYONE, role: EVERYONE, from: EVERYONE, to: EVERYONE, allocation: KM_LEAD },
  Expertise: {
    topic: KM_LEAD_OR_OWN,
    level: KM_LEAD_OR_OWN,
    source: KM_LEAD_OR_OWN,
    assessedAt: KM_LEAD_OR_OWN,
    endorsements: KM_LEAD_OR_OWN,
  },
  Topic: {
    id: EVERYONE,
    name: EVERYONE,
    description: EVERYONE,
    createdAt: EVERYONE,
    updatedAt: EVERYONE,
    assets: EVERYONE,
    lessons: EVERYONE,
    broader: EVERYONE,
    narrower: EVERYONE,
    gaps: EVERYONE,
    neededBy: EVERYONE,
    // Everyone who knows the topic, at any level: individual expertise.
    experts: KM_LEAD,
    interestedPeople: KM_LEAD,
  },
  TopicExpert: { person: KM_LEAD, level: KM_LEAD, source: KM_LEAD, assessedAt: KM_LEAD, endorsements: KM_LEAD },
  Bottlenecks: {
    asOf: EVERYONE,
    bottlenecks: EVERYONE,
    topics: EVERYONE,
    keyPersonRisk: KM_LEAD,
    load: KM_LEAD,
    successors: KM_LEAD,
  },
  KeyPersonRisk: { person: KM_LEAD, risk: KM_LEAD, topics: KM_LEAD },
  PersonLoad: { person: KM_LEAD, load: KM_LEAD, overloaded: KM_LEAD, assignments: KM_LEAD },
  LoadAssignment: { project: KM_LEAD, allocation: KM_LEAD },
  SuccessorPlan: { topic: KM_LEAD, expert: KM_LEAD, demand: KM_LEAD, candidates: KM_LEAD },
  Successor: { person: KM_LEAD, level: KM_LEAD, sharedProjects: KM_LEAD },
  // The truck factor is an aggregate; who would be removed first, and what each covers, is per person.
  TruckFactor: {
    scope: EVERYONE,
    truckFactor: EVERYONE,
    totalDemand: EVERYONE,
    uncoveredDemand: EVERYONE,
    removed: KM_LEAD,
  },
  Removal: { person: KM_LEAD, coveredDemand: KM_LEAD },
  // The team's and the organisation's best level are aggregates; the person who holds it is not.
  NeedCoverage: {
    topic: EVERYONE,
    criticality: EVERYONE,
    level: EVERYONE,
    weight: EVERYONE,
    status: EVERYONE,
    teamLevel: EVERYONE,
    orgLevel: EVERYONE,
    assets: EVERYONE,
    lessons: EVERYONE,
    teamSource: KM_LEAD,
    orgSource: KM_LEAD,
  },
  LevelSource: { person: KM_LEAD, topic: KM_LEAD, level: KM_LEAD, declaredLevel: KM_LEAD, hops: KM_LEAD },
  // The finder says who is an expert on a topic; how strong, how busy and why is for KM leads.
  ExpertMatch: {
    person: EVERYONE,
    topic: EVERYONE,
    score: KM_LEAD,
    level: KM_LEAD,
    availability: KM_LEAD,
    evidence: KM_LEAD,
    parts: KM_LEAD,
  },
  ExpertEvidence: { id: KM_LEAD, kind: KM_LEAD, topic: KM_LEAD, hops: KM_LEAD, value: KM_LEAD },
  ExpertScoreParts: { declared: KM_LEAD, authored: KM_LEAD, recorded: KM_LEAD, roles: KM_LEAD },
  // An expert's quality factor is their level: the scores of reuse candidates are for KM leads.
  ReuseCandidate: {
    kind: EVERYONE,
    resource: EVERYONE,
    project: EVERYONE,
    topic: EVERYONE,
    hops: EVERYONE,
    path: EVERYONE,
    score: KM_LEAD,
    factors: KM_LEAD,
  },
  ExpertiseProposal: {
    person: KM_LEAD,
    topic: KM_LEAD,
    action: KM_LEAD,
    level: KM_LEAD,
    previousLevel: KM_LEAD,
    total: KM_LEAD,
    evidence: KM_LEAD,
  },
  ExpertiseEvidence: { id: KM_LEAD, kind: KM_LEAD, value: KM_LEAD },
};

/** Arguments and enum values that would reveal a personal field by filtering or sorting on it. */
const PERSONAL_INPUTS: Readonly<Record<string, Rule>> = {
  "Query.experts(minLevel:)": KM_LEAD,
  "Query.experts(expertLevel:)": KM_LEAD,
  "Query.experts(availableOnly:)": KM_LEAD,
  "PersonSortField.EMAIL": KM_LEAD,
};

const QUERIES: Readonly<Record<string, Rule>> = {
  viewer: EVERYONE,
  goal: EVERYONE,
  goals: EVERYONE,
  kmActivity: EVERYONE,
  kmActivities: EVERYONE,
  knowledgeAsset: EVERYONE,
  knowledgeAssets: EVERYONE,
  knowledgeGap: EVERYONE,
  knowledgeGaps: EVERYONE,
  lesson: EVERYONE,
  lessons: EVERYONE,
  orgUnit: EVERYONE,
  orgUnits: EVERYONE,
  person: EVERYONE,
  people: EVERYONE,
  project: EVERYONE,
  projects: EVERYONE,
  topic: EVERYONE,
  topics: EVERYONE,
  organisation: EVERYONE,
  strategyReview: EVERYONE,
  search: EVERYONE,
  experts: EVERYONE,
  // The whole graph, e-mails and levels included.
  exportDocument: KM_LEAD,
  expertiseProposals: KM_LEAD,
  // Who wrote what: the administrators' record.
  auditLog: ADMIN,
};

/** Writes: KM leads write knowledge, admins the organisation; members their own profile and lessons. */
const MUTATIONS: Readonly<Record<string, Rule>> = {
  importDocument: ADMIN,
  createOrgUnit: ADMIN,
  updateOrgUnit: ADMIN,
  createGoal: ADMIN,
  updateGoal: ADMIN,
  createPerson: ADMIN,
  updatePerson: ADMIN,
  createProject: ADMIN,
  updateProject: ADMIN,
  linkMemberOf: ADMIN,
  unlinkMemberOf: ADMIN,
  linkOwnedBy: ADMIN,
  unlinkOwnedBy: ADMIN,
  linkWorksOn: ADMIN,
  unlinkWorksOn: ADMIN,
  linkSupports: ADMIN,
  unlinkSupports: ADMIN,
  // Topics and their taxonomy.
  createTopic: KM_LEAD,
  updateTopic: KM_LEAD,
  linkBroader: KM_LEAD,
  unlinkBroader: KM_LEAD,
  // Projects' needs and gaps.
  linkNeeds: KM_LEAD,
  unlinkNeeds: KM_LEAD,
  createKnowledgeGap: KM_LEAD,
  updateKnowledgeGap: KM_LEAD,
  linkHasGap: KM_LEAD,
  unlinkHasGap: KM_LEAD,
  linkGapAbout: KM_LEAD,
  unlinkGapAbout: KM_LEAD,
  // KM activities.
  createKMActivity: KM_LEAD,
  updateKMActivity: KM_LEAD,
  linkPlans: KM_LEAD,
  unlinkPlans: KM_LEAD,
  linkTargets: KM_LEAD,
  unlinkTargets: KM_LEAD,
  linkLeads: KM_LEAD,
  unlinkLeads: KM_LEAD,
  // Assets and their reuse.
  createKnowledgeAsset: KM_LEAD,
  updateKnowledgeAsset: KM_LEAD,
  linkCovers: KM_LEAD,
  unlinkCovers: KM_LEAD,
  linkProducedBy: KM_LEAD,
  unlinkProducedBy: KM_LEAD,
  linkAuthored: KM_LEAD,
  unlinkAuthored: KM_LEAD,
  linkUsed: KM_LEAD,
  unlinkUsed: KM_LEAD,
  linkApplied: KM_LEAD,
  unlinkApplied: KM_LEAD,
  // Lessons: a member records their own, on the projects they work on.
  createLesson: member(MemberCondition.ANY),
  updateLesson: member(MemberCondition.OWN_LESSON),
  linkRecorded: member(MemberCondition.CLAIM_LESSON),
  unlinkRecorded: KM_LEAD,
  linkLearnedIn: member(MemberCondition.OWN_LESSON_OWN_PROJECT),
  unlinkLearnedIn: member(MemberCondition.OWN_LESSON),
  linkLessonAbout: member(MemberCondition.OWN_LESSON),
  unlinkLessonAbout: member(MemberCondition.OWN_LESSON),
  // Expertise and interests: a member declares their own.
  linkKnows: member(MemberCondition.SELF_DECLARED),
  unlinkKnows: member(MemberCondition.SELF),
  linkInterestedIn: member(MemberCondition.SELF),
  unlinkInterestedIn: member(MemberCondition.SELF),
  applyExpertiseInference: KM_LEAD,
  deleteGoal: ADMIN,
  deleteKMActivity: ADMIN,
  deleteKnowledgeAsset: ADMIN,
  deleteKnowledgeGap: ADMIN,
  deleteLesson: ADMIN,
  deleteOrgUnit: ADMIN,
  deletePerson: ADMIN,
  deleteProject: ADMIN,
  deleteTopic: ADMIN,
};

/**
 * The fields that stay on the caller's own person: below `Viewer.person`,
 * these lead to records of that person alone; any other field leaves it.
 */
export const OWN_SCOPE: ReadonlySet<string> = new Set(["Viewer.person", "Person.expertise", "Person.projects"]);

/** Every coordinate with a rule of its own. */
export const RULES: ReadonlyMap<string, Rule> = new Map([
  ...Object.entries(QUERIES).map(([field, rule]) => [`Query.${field}`, rule] as const),
  ...Object.entries(MUTATIONS).map(([field, rule]) => [`Mutation.${field}`, rule] as const),
  ...Object.entries(PERSONAL_FIELDS).flatMap(([type, fields]) =>
    Object.entries(fields).map(([field, rule]) => [`${type}.${field}`, rule] as const),
  ),
  ...Object.entries(PERSONAL_INPUTS),
]);

/** Types every field of which needs a rule of its own. */
export const PERSONAL_TYPES: ReadonlySet<string> = new Set(Object.keys(PERSONAL_FIELDS));

/** The rule for a coordinate: its own, or everyone's when its type is organisational. */
export function ruleFor(coordinate: string): Rule | undefined {
  const own = RULES.get(coordinate);
  if (own) return own;
  const type = coordinate.slice(0, coordinate.indexOf("."));
  return ORGANISATIONAL_TYPES.has(type) && !coordinate.includes("(") ? EVERYONE : undefined;
}
