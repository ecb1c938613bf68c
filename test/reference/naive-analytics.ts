/**
 * A deliberately naive, in-memory reference implementation of every analytic
 * of docs/analytics.md, computed directly over an interchange document.
 *
 * It shares no code with the engine (src/analytics) except the result types
 * and the parameters/date helpers, and it never touches Neo4j. Everything is
 * nested loops over arrays and recursion over the taxonomy: slow, obvious and
 * easy to check against the doc line by line.
 *
 * Readings of the doc where it is ambiguous are marked "AMBIGUITY:" below.
 */

import type { AnalyticsParams } from "../../src/analytics/params.js";
import {
  type AssetOnTopic,
  type Bottlenecks,
  CoverageStatus,
  type Criterion,
  type GapReport,
  GapSource,
  type KeyPersonRisk,
  type LevelSource,
  type MaturityDistribution,
  type NeedCoverage,
  type NeverReusedLesson,
  type OrganisationCoverage,
  type PathNode,
  type PathRelationship,
  type PersonLoad,
  type ProjectCoverage,
  type ProjectMaturity,
  type ResourceOnTopic,
  type ReuseCandidate,
  type ReuseFlows,
  ReuseKind,
  type SuccessorPlan,
  type TopicExperts,
  type TopicSupplyDemand,
  type TruckFactor,
} from "../../src/analytics/types.js";

// Date arithmetic of its own, so that a bug in the engine's cannot pass on both sides.
function daysBetween(from: string, to: string): number {
  const day = (iso: string) => {
    const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d) / 86_400_000;
  };
  return day(to) - day(from);
}

/** A month is 365.25 / 12 days (docs/analytics.md). */
function monthsBetween(from: string, to: string): number {
  return daysBetween(from, to) / (365.25 / 12);
}

import type { Criticality, GapStatus } from "../../src/model/enums.js";

// ---------------------------------------------------------------------------
// The document, raw (as written by a client) and canonical (defaults applied)
// ---------------------------------------------------------------------------

type Maybe<T> = T | null | undefined;

/** An interchange document as a client writes it: every list and most fields optional. */
export interface RawDocument {
  orgUnits?: Maybe<{ id: string; name: string }[]>;
  goals?: Maybe<{ id: string; name: string }[]>;
  topics?: Maybe<{ id: string; name: string; description?: Maybe<string>; broader?: Maybe<string[]> }[]>;
  people?: Maybe<
    {
      id: string;
      name: string;
      email?: Maybe<string>;
      title?: Maybe<string>;
      active?: Maybe<boolean>;
      orgUnit?: Maybe<string>;
      knows?: Maybe<
        {
          topic: string;
          level: number;
          source?: Maybe<string>;
          endorsements?: Maybe<number>;
          assessedAt?: Maybe<string>;
        }[]
      >;
      interestedIn?: Maybe<string[]>;
    }[]
  >;
  projects?: Maybe<
    {
      id: string;
      name: string;
      description?: Maybe<string>;
      status?: Maybe<string>;
      novelty?: Maybe<string>;
      orgUnit?: Maybe<string>;
      startDate?: Maybe<string>;
      endDate?: Maybe<string>;
      goals?: Maybe<string[]>;
      needs?: Maybe<{ topic: string; level: number; criticality?: Maybe<string> }[]>;
      team?: Maybe<
        { person: string; role?: Maybe<string>; allocation?: Maybe<number>; from?: Maybe<string>; to?: Maybe<string> }[]
      >;
      used?: Maybe<{ asset: string; at?: Maybe<string>; note?: Maybe<string> }[]>;
      applied?: Maybe<{ lesson: string; at?: Maybe<string>; note?: Maybe<string> }[]>;
    }[]
  >;
  assets?: Maybe<
    {
      id: string;
      title: string;
      kind?: Maybe<string>;
      url?: Maybe<string>;
      quality?: Maybe<number>;
      publishedAt?: Maybe<string>;
      reviewedAt?: Maybe<string>;
      covers?: Maybe<string[]>;
      authors?: Maybe<string[]>;
      producedBy?: Maybe<string>;
    }[]
  >;
  lessons?: Maybe<
    {
      id: string;
      title: string;
      drivingEvent?: Maybe<string>;
      lesson?: Maybe<string>;
      recommendation?: Maybe<string>;
      outcome?: Maybe<string>;
      phase?: Maybe<string>;
      status?: Maybe<string>;
      recordedAt?: Maybe<string>;
      about?: Maybe<string[]>;
      learnedIn?: Maybe<string>;
      recordedBy?: Maybe<string[]>;
    }[]
  >;
  gaps?: Maybe<
    {
      id: string;
      project?: Maybe<string>;
      topic?: Maybe<string>;
      description?: Maybe<string>;
      criticality?: Maybe<string>;
      requiredLevel?: Maybe<number>;
      status?: Maybe<string>;
      identifiedAt?: Maybe<string>;
      closedAt?: Maybe<string>;
    }[]
  >;
  activities?: Maybe<
    {
      id: string;
      project?: Maybe<string>;
      kind: string;
      phase: string;
      status?: Maybe<string>;
      dueDate?: Maybe<string>;
      targets?: Maybe<string[]>;
      leads?: Maybe<string[]>;
    }[]
  >;
}

interface Topic {
  id: string;
  name: string;
  broader: string[];
}
interface Knows {
  topic: string;
  level: number;
  source: string;
  endorsements: number;
  assessedAt: string | null;
}
interface Person {
  id: string;
  name: string;
  active: boolean;
  orgUnit: string | null;
  knows: Knows[];
  interestedIn: string[];
}
interface Need {
  topic: string;
  level: number;
  criticality: string;
}
interface WorksOn {
  person: string;
  allocation: number | null;
  from: string | null;
  to: string | null;
}
interface Project {
  id: string;
  name: string;
  status: string;
  novelty: string;
  orgUnit: string | null;
  needs: Need[];
  team: WorksOn[];
  used: string[];
  applied: string[];
}
interface Asset {
  id: string;
  title: string;
  kind: string;
  quality: number | null;
  publishedAt: string | null;
  reviewedAt: string | null;
  covers: string[];
  producedBy: string | null;
}
interface Lesson {
  id: string;
  title: string;
  status: string;
  recordedAt: string | null;
  about: string[];
  learnedIn: string | null;
}
interface Gap {
  id: string;
  project: string | null;
  topic: string | null;
  criticality: string;
  requiredLevel: number | null;
  status: string;
  identifiedAt: string | null;
  closedAt: string | null;
}
interface Activity {
  id: string;
  project: string | null;
  phase: string;
  status: string;
  targets: string[];
}

/** The document with the interchange defaults applied (docs/interchange.md). */
export interface CanonicalDocument {
  orgUnits: { id: string; name: string }[];
  topics: Topic[];
  people: Person[];
  projects: Project[];
  assets: Asset[];
  lessons: Lesson[];
  gaps: Gap[];
  activities: Activity[];
}

function orNull<T>(value: Maybe<T>): T | null {
  return value === undefined || value === null ? null : value;
}

/** Applies the interchange defaults: the document exactly as the graph holds it. */
export function canonical(raw: RawDocument): CanonicalDocument {
  return {
    orgUnits: (raw.orgUnits ?? []).map((u) => ({ id: u.id, name: u.name })),
    topics: (raw.topics ?? []).map((t) => ({ id: t.id, name: t.name, broader: [...(t.broader ?? [])] })),
    people: (raw.people ?? []).map((p) => ({
      id: p.id,
      name: p.name,
      active: p.active ?? true,
      orgUnit: orNull(p.orgUnit),
      knows: (p.knows ?? []).map((k) => ({
        topic: k.topic,
        level: k.level,
        source: k.source ?? "SELF",
        endorsements: k.endorsements ?? 0,
        assessedAt: orNull(k.assessedAt),
      })),
      interestedIn: [...(p.interestedIn ?? [])],
    })),
    projects: (raw.projects ?? []).map((p) => ({
      id: p.id,
      name: p.name,
      status: p.status ?? "PLANNED",
      novelty: p.novelty ?? "ROUTINE",
      orgUnit: orNull(p.orgUnit),
      needs: (p.needs ?? []).map((n) => ({ topic: n.topic, level: n.level, criticality: n.criticality ?? "MEDIUM" })),
      team: (p.team ?? []).map((w) => ({
        person: w.person,
        allocation: orNull(w.allocation),
        from: orNull(w.from),
        to: orNull(w.to),
      })),
      used: (p.used ?? []).map((u) => u.asset),
      applied: (p.applied ?? []).map((a) => a.lesson),
    })),
    assets: (raw.assets ?? []).map((a) => ({
      id: a.id,
      title: a.title,
      kind: a.kind ?? "OTHER",
      quality: orNull(a.quality),
      publishedAt: orNull(a.publishedAt),
      reviewedAt: orNull(a.reviewedAt),
      covers: [...(a.covers ?? [])],
      producedBy: orNull(a.producedBy),
    })),
    lessons: (raw.lessons ?? []).map((l) => ({
      id: l.id,
      title: l.title,
      status: l.status ?? "IDENTIFIED",
      recordedAt: orNull(l.recordedAt),
      about: [...(l.about ?? [])],
      learnedIn: orNull(l.learnedIn),
    })),
    gaps: (raw.gaps ?? []).map((g) => ({
      id: g.id,
      project: orNull(g.project),
      topic: orNull(g.topic),
      criticality: g.criticality ?? "MEDIUM",
      requiredLevel: orNull(g.requiredLevel),
      status: g.status ?? "OPEN",
      identifiedAt: orNull(g.identifiedAt),
      closedAt: orNull(g.closedAt),
    })),
    activities: (raw.activities ?? []).map((a) => ({
      id: a.id,
      project: orNull(a.project),
      phase: a.phase,
      status: a.status ?? "PLANNED",
      targets: [...(a.targets ?? [])],
    })),
  };
}

// ---------------------------------------------------------------------------
// Common terms (docs/analytics.md, "Parameters" and "Common terms")
// ---------------------------------------------------------------------------

/** Criticality weights, written out again from the doc (not imported). */
function weight(criticality: string): number {
  if (criticality === "LOW") return 1;
  if (criticality === "MEDIUM") return 2;
  if (criticality === "HIGH") return 3;
  if (criticality === "CRITICAL") return 5;
  throw new Error(`unknown criticality ${criticality}`);
}

/**
 * Two computed levels, severities or scores closer than this are equal (for
 * ties only). These figures are products of short decimals (and of one
 * recency factor), whose distinct exact values lie far more than this apart;
 * sums of ratios (key-person risk) and of allocations (load) are compared
 * exactly instead, below.
 */
const EPSILON = 1e-12;

/** An exact ratio of whole numbers, [numerator, denominator]: the organisations here keep both small. */
type Ratio = [number, number];

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? Math.abs(a) : greatestCommonDivisor(b, a % b);
}

function plus([a, b]: Ratio, [c, d]: Ratio): Ratio {
  const numerator = a * d + c * b;
  const denominator = b * d;
  const g = greatestCommonDivisor(numerator, denominator) || 1;
  return [numerator / g, denominator / g];
}

/** Exact order of two ratios with positive denominators (cross-multiplication). */
function compareRatios([a, b]: Ratio, [c, d]: Ratio): number {
  return a * d - c * b;
}

/** An allocation (a decimal of at most 9 places) in whole billionths, so that loads add up exactly. */
function billionths(allocation: number): number {
  return Math.round(allocation * 1_000_000_000);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedIds(ids: string[]): string[] {
  return [...ids].sort(compareIds);
}

function unique(ids: string[]): string[] {
  const out: string[] = [];
  for (const id of ids) if (!out.includes(id)) out.push(id);
  return out;
}

function findTopic(doc: CanonicalDocument, id: string): Topic {
  for (const topic of doc.topics) if (topic.id === id) return topic;
  throw new Error(`unknown topic ${id}`);
}

function findProject(doc: CanonicalDocument, id: string): Project {
  for (const project of doc.projects) if (project.id === id) return project;
  throw new Error(`unknown project ${id}`);
}

function findPerson(doc: CanonicalDocument, id: string): Person {
  for (const person of doc.people) if (person.id === id) return person;
  throw new Error(`unknown person ${id}`);
}

function findAsset(doc: CanonicalDocument, id: string): Asset | null {
  for (const asset of doc.assets) if (asset.id === id) return asset;
  return null;
}

function findLesson(doc: CanonicalDocument, id: string): Lesson | null {
  for (const lesson of doc.lessons) if (lesson.id === id) return lesson;
  return null;
}

function findGap(doc: CanonicalDocument, id: string): Gap {
  for (const gap of doc.gaps) if (gap.id === id) return gap;
  throw new Error(`unknown gap ${id}`);
}

function isActiveProject(project: Project): boolean {
  return project.status === "ACTIVE" || project.status === "PLANNED";
}

/** A WORKS_ON whose `from` is empty or ≤ asOf and whose `to` is empty or ≥ asOf. */
function isCurrent(worksOn: WorksOn, asOf: string): boolean {
  const started = worksOn.from === null || worksOn.from <= asOf;
  const notEnded = worksOn.to === null || worksOn.to >= asOf;
  return started && notEnded;
}

/** Team of P at asOf: active people with a current WORKS_ON to P, in id order. */
function teamOf(doc: CanonicalDocument, projectId: string, asOf: string): string[] {
  const project = findProject(doc, projectId);
  const team: string[] = [];
  for (const worksOn of project.team) {
    const person = findPerson(doc, worksOn.person);
    if (person.active && isCurrent(worksOn, asOf) && !team.includes(person.id)) team.push(person.id);
  }
  return sortedIds(team);
}

/** The fewest BROADER steps from `narrower` up to `broader` (0 when equal); Infinity when unreachable. */
function hops(doc: CanonicalDocument, broader: string, narrower: string): number {
  if (broader === narrower) return 0;
  let best = Infinity;
  for (const parent of findTopic(doc, narrower).broader) {
    const viaParent = 1 + hops(doc, broader, parent);
    if (viaParent < best) best = viaParent;
  }
  return best;
}

/** Every topic S within reach of T (hops(T, S) ≤ maxTaxonomyHops), with its hops. */
function withinReach(
  doc: CanonicalDocument,
  topic: string,
  params: AnalyticsParams,
): { topic: string; hops: number }[] {
  const out: { topic: string; hops: number }[] = [];
  for (const candidate of doc.topics) {
    const h = hops(doc, topic, candidate.id);
    if (h <= params.maxTaxonomyHops) out.push({ topic: candidate.id, hops: h });
  }
  return out;
}

function decayed(level: number, h: number, params: AnalyticsParams): number {
  return level * params.taxonomyDecay ** h;
}

/** Is `a` a better level source than `b`? Ties: higher level, fewer hops, person id, topic id. */
function betterSource(a: LevelSource, b: LevelSource): boolean {
  if (Math.abs(a.level - b.level) > EPSILON) return a.level > b.level;
  if (a.hops !== b.hops) return a.hops < b.hops;
  if (a.person !== b.person) return a.person < b.person;
  return a.topic < b.topic;
}

/** The best effective level on T among `people` (all assumed active), with its source; null when none. */
function bestSource(
  doc: CanonicalDocument,
  people: string[],
  topic: string,
  params: AnalyticsParams,
): LevelSource | null {
  let best: LevelSource | null = null;
  for (const personId of people) {
    const person = findPerson(doc, personId);
    for (const knows of person.knows) {
      const h = hops(doc, topic, knows.topic);
      if (h > params.maxTaxonomyHops) continue;
      const candidate: LevelSource = {
        person: person.id,
        topic: knows.topic,
        hops: h,
        declaredLevel: knows.level,
        level: decayed(knows.level, h, params),
      };
      if (best === null || betterSource(candidate, best)) best = candidate;
    }
  }
  return best;
}

/** demand(T): Σ weight over the NEEDS of the given projects to T itself. */
function demandOf(topic: string, projects: Project[]): number {
  let demand = 0;
  for (const project of projects)
    for (const need of project.needs) if (need.topic === topic) demand += weight(need.criticality);
  return demand;
}

function activeProjects(doc: CanonicalDocument): Project[] {
  return doc.projects.filter(isActiveProject);
}

function declaredLevel(person: Person, topic: string): number | null {
  for (const knows of person.knows) if (knows.topic === topic) return knows.level;
  return null;
}

/** Active people with a declared level ≥ expertLevel on T itself (no taxonomy credit), in id order. */
function expertsOn(doc: CanonicalDocument, topic: string, params: AnalyticsParams): string[] {
  const experts: string[] = [];
  for (const person of doc.people) {
    if (!person.active) continue;
    const level = declaredLevel(person, topic);
    if (level !== null && level >= params.expertLevel) experts.push(person.id);
  }
  return sortedIds(experts);
}

// ---------------------------------------------------------------------------
// Coverage of a project
// ---------------------------------------------------------------------------

/**
 * Resources on a topic within reach of T. AMBIGUITY: an asset covering several
 * topics within reach is listed once, through its nearest topic (fewest hops,
 * then topic id), as reuse paths do ("each resource appears once").
 */
function assetsWithinReach(doc: CanonicalDocument, topic: string, params: AnalyticsParams): AssetOnTopic[] {
  const out: AssetOnTopic[] = [];
  for (const asset of doc.assets) {
    let best: AssetOnTopic | null = null;
    for (const covered of asset.covers) {
      const h = hops(doc, topic, covered);
      if (h > params.maxTaxonomyHops) continue;
      if (best === null || h < best.hops || (h === best.hops && covered < best.topic)) {
        best = { id: asset.id, topic: covered, hops: h, quality: asset.quality };
      }
    }
    if (best !== null) out.push(best);
  }
  return out.sort((a, b) => compareIds(a.id, b.id));
}

function lessonsWithinReach(doc: CanonicalDocument, topic: string, params: AnalyticsParams): ResourceOnTopic[] {
  const out: ResourceOnTopic[] = [];
  for (const lesson of doc.lessons) {
    let best: ResourceOnTopic | null = null;
    for (const about of lesson.about) {
      const h = hops(doc, topic, about);
      if (h > params.maxTaxonomyHops) continue;
      if (best === null || h < best.hops || (h === best.hops && about < best.topic)) {
        best = { id: lesson.id, topic: about, hops: h };
      }
    }
    if (best !== null) out.push(best);
  }
  return out.sort((a, b) => compareIds(a.id, b.id));
}

function otherActivePeople(doc: CanonicalDocument, team: string[]): string[] {
  return doc.people.filter((p) => p.active && !team.includes(p.id)).map((p) => p.id);
}

function needCoverage(doc: CanonicalDocument, team: string[], need: Need, params: AnalyticsParams): NeedCoverage {
  const teamSource = bestSource(doc, team, need.topic, params);
  const orgSource = bestSource(doc, otherActivePeople(doc, team), need.topic, params);
  const teamLevel = teamSource === null ? 0 : teamSource.level;
  const orgLevel = orgSource === null ? 0 : orgSource.level;
  const assets = assetsWithinReach(doc, need.topic, params);
  const lessons = lessonsWithinReach(doc, need.topic, params);
  let status: CoverageStatus;
  if (teamLevel >= need.level) {
    status = CoverageStatus.COVERED;
  } else if (orgLevel >= need.level || assets.some((a) => a.quality !== null && a.quality >= 3) || lessons.length > 0) {
    status = CoverageStatus.REACHABLE;
  } else {
    status = CoverageStatus.GAP;
  }
  return {
    topic: need.topic,
    level: need.level,
    criticality: need.criticality as Criticality,
    weight: weight(need.criticality),
    teamLevel,
    teamSource,
    orgLevel,
    orgSource,
    assets,
    lessons,
    status,
  };
}

export function projectCoverage(raw: RawDocument, projectId: string, params: AnalyticsParams): ProjectCoverage {
  const doc = canonical(raw);
  const project = findProject(doc, projectId);
  const team = teamOf(doc, projectId, params.asOf);
  // AMBIGUITY: the order of `needs` is not stated; the reference lists them by topic id.
  const needs = [...project.needs]
    .sort((a, b) => compareIds(a.topic, b.topic))
    .map((need) => needCoverage(doc, team, need, params));
  let totalWeight = 0;
  let coveredWeight = 0;
  let reachableWeight = 0;
  for (const need of needs) {
    totalWeight += need.weight;
    if (need.status === "COVERED") coveredWeight += need.weight;
    // AMBIGUITY: `reachableWeight` is the weight of the REACHABLE needs only
    // (types.ts: reachableCoverage = (covered + reachable weight) / totalWeight).
    if (need.status === "REACHABLE") reachableWeight += need.weight;
  }
  return {
    project: project.id,
    asOf: params.asOf,
    team,
    needs,
    totalWeight,
    coveredWeight,
    reachableWeight,
    coverage: needs.length === 0 ? null : coveredWeight / totalWeight,
    reachableCoverage: needs.length === 0 ? null : (coveredWeight + reachableWeight) / totalWeight,
  };
}

// ---------------------------------------------------------------------------
// Organisation coverage
// ---------------------------------------------------------------------------

export function organisationCoverage(raw: RawDocument, params: AnalyticsParams): OrganisationCoverage {
  const doc = canonical(raw);
  const active = activeProjects(doc);
  // AMBIGUITY: "per topic" read as every topic of the organisation, in id order
  // (the order of `topics` is not stated).
  const topics: TopicSupplyDemand[] = [];
  for (const topic of [...doc.topics].sort((a, b) => compareIds(a.id, b.id))) {
    const demandingProjects: string[] = [];
    for (const project of active) {
      for (const need of project.needs) if (need.topic === topic.id) demandingProjects.push(project.id);
    }
    const experts = expertsOn(doc, topic.id, params);
    const assets = sortedIds(doc.assets.filter((a) => a.covers.includes(topic.id)).map((a) => a.id));
    const lessons = sortedIds(doc.lessons.filter((l) => l.about.includes(topic.id)).map((l) => l.id));
    topics.push({
      topic: topic.id,
      name: topic.name,
      demand: demandOf(topic.id, active),
      demandingProjects: sortedIds(unique(demandingProjects)),
      experts,
      assets,
      lessons,
      supply: experts.length + assets.length + lessons.length,
    });
  }
  const demandWithoutSupply = topics
    .filter((t) => t.demand > 0 && t.supply === 0)
    .sort((a, b) => (a.demand !== b.demand ? b.demand - a.demand : compareIds(a.topic, b.topic)))
    .map((t) => t.topic);
  const supplyWithoutDemand = topics
    .filter((t) => t.supply > 0 && t.demand === 0)
    .map((t) => t.topic)
    .sort(compareIds);
  return { asOf: params.asOf, topics, demandWithoutSupply, supplyWithoutDemand };
}

// ---------------------------------------------------------------------------
// Gaps
// ---------------------------------------------------------------------------

function nonCancelledActivitiesTargeting(doc: CanonicalDocument, gapId: string): string[] {
  // AMBIGUITY: any non-cancelled activity targeting the gap counts, whichever project plans it.
  const ids: string[] = [];
  for (const activity of doc.activities) {
    if (activity.status !== "CANCELLED" && activity.targets.includes(gapId)) ids.push(activity.id);
  }
  return sortedIds(ids);
}

function explicitGapReport(
  doc: CanonicalDocument,
  project: Project,
  team: string[],
  gap: Gap,
  params: AnalyticsParams,
): GapReport {
  let requiredLevel: number | null = gap.requiredLevel;
  if (requiredLevel === null && gap.topic !== null) {
    for (const need of project.needs) if (need.topic === gap.topic) requiredLevel = need.level;
  }
  // AMBIGUITY: a gap without a topic has teamLevel 0 (no topic to know), so a
  // topic-less gap with a requiredLevel has severity weight × requiredLevel.
  let teamLevel = 0;
  if (gap.topic !== null) {
    const source = bestSource(doc, team, gap.topic, params);
    if (source !== null) teamLevel = source.level;
  }
  const w = weight(gap.criticality);
  const severity = requiredLevel === null ? 0 : w * Math.max(0, requiredLevel - teamLevel);
  const activities = nonCancelledActivitiesTargeting(doc, gap.id);
  // AMBIGUITY: ageDays is not clamped (an identifiedAt after asOf gives a
  // negative age); a CLOSED gap without closedAt has an unknown age (null); a
  // closedAt on a gap that is not CLOSED is ignored.
  let ageDays: number | null = null;
  if (gap.identifiedAt !== null) {
    if (gap.status === "CLOSED") {
      ageDays = gap.closedAt === null ? null : daysBetween(gap.identifiedAt, gap.closedAt);
    } else {
      ageDays = daysBetween(gap.identifiedAt, params.asOf);
    }
  }
  return {
    id: gap.id,
    source: GapSource.EXPLICIT,
    project: project.id,
    topic: gap.topic,
    criticality: gap.criticality as Criticality,
    weight: w,
    requiredLevel,
    teamLevel,
    severity,
    status: gap.status as GapStatus,
    activities,
    targeted: activities.length > 0,
    identifiedAt: gap.identifiedAt,
    ageDays,
  };
}

function sortGaps(gaps: GapReport[]): GapReport[] {
  return gaps.sort((a, b) => {
    if (Math.abs(a.severity - b.severity) > EPSILON) return b.severity - a.severity;
    return compareIds(a.id, b.id);
  });
}

function gapsOf(doc: CanonicalDocument, raw: RawDocument, projectId: string, params: AnalyticsParams): GapReport[] {
  const project = findProject(doc, projectId);
  const team = teamOf(doc, projectId, params.asOf);
  const explicit = doc.gaps.filter((g) => g.project === project.id);
  const reports: GapReport[] = explicit.map((gap) => explicitGapReport(doc, project, team, gap, params));
  const coverage = projectCoverage(raw, projectId, params);
  for (const need of coverage.needs) {
    if (need.status === "COVERED") continue;
    let hasExplicit = false;
    for (const gap of explicit) if (gap.topic === need.topic && gap.status !== "CLOSED") hasExplicit = true;
    if (hasExplicit) continue;
    reports.push({
      id: `${project.id}:${need.topic}`,
      source: GapSource.DERIVED,
      project: project.id,
      topic: need.topic,
      criticality: need.criticality,
      weight: need.weight,
      requiredLevel: need.level,
      teamLevel: need.teamLevel,
      severity: need.weight * Math.max(0, need.level - need.teamLevel),
      status: null,
      activities: [],
      targeted: false,
      identifiedAt: null,
      ageDays: null,
    });
  }
  return sortGaps(reports);
}

export function projectGaps(raw: RawDocument, projectId: string, params: AnalyticsParams): GapReport[] {
  return gapsOf(canonical(raw), raw, projectId, params);
}

export function organisationGaps(raw: RawDocument, params: AnalyticsParams): GapReport[] {
  const doc = canonical(raw);
  const all: GapReport[] = [];
  for (const project of activeProjects(doc)) all.push(...gapsOf(doc, raw, project.id, params));
  return sortGaps(all);
}

// ---------------------------------------------------------------------------
// Maturity
// ---------------------------------------------------------------------------

export const CRITERIA = [
  { level: 2, name: "needs identified" },
  { level: 2, name: "KM activity planned" },
  { level: 3, name: "gaps targeted" },
  { level: 3, name: "all phases" },
  { level: 4, name: "lesson captured" },
  { level: 4, name: "knowledge reused" },
  { level: 4, name: "gaps closed" },
  { level: 5, name: "reused by others" },
] as const;

function maturityOf(
  doc: CanonicalDocument,
  raw: RawDocument,
  projectId: string,
  params: AnalyticsParams,
): ProjectMaturity {
  const project = findProject(doc, projectId);
  const activities = doc.activities.filter((a) => a.project === project.id && a.status !== "CANCELLED");
  const explicit = doc.gaps.filter((g) => g.project === project.id);
  const criteria: Criterion[] = [];

  criteria.push({
    level: 2,
    name: "needs identified",
    met: project.needs.length >= 1,
    detail: `${project.needs.length} needs`,
  });
  criteria.push({
    level: 2,
    name: "KM activity planned",
    met: activities.length >= 1,
    detail: `${activities.length} non-cancelled activities`,
  });

  // gaps targeted: ≥ 80 % of E targeted; with no explicit gap, no derived gap either.
  let gapsTargeted: boolean;
  let targetedCount = 0;
  for (const gap of explicit) if (nonCancelledActivitiesTargeting(doc, gap.id).length > 0) targetedCount += 1;
  let derivedCount = 0;
  if (explicit.length === 0) {
    for (const gap of gapsOf(doc, raw, projectId, params)) if (gap.source === "DERIVED") derivedCount += 1;
    gapsTargeted = derivedCount === 0;
  } else {
    gapsTargeted = targetedCount / explicit.length >= 0.8;
  }
  criteria.push({
    level: 3,
    name: "gaps targeted",
    met: gapsTargeted,
    detail: `${targetedCount} of ${explicit.length} explicit gaps targeted, ${derivedCount} derived gaps`,
  });

  const phases = ["BEFORE", "DURING", "AFTER"];
  let phasesSeen = 0;
  for (const phase of phases) if (activities.some((a) => a.phase === phase)) phasesSeen += 1;
  criteria.push({ level: 3, name: "all phases", met: phasesSeen === 3, detail: `${phasesSeen} of 3 phases` });

  const learnedHere = doc.lessons.filter((l) => l.learnedIn === project.id);
  criteria.push({
    level: 4,
    name: "lesson captured",
    met: learnedHere.length >= 1,
    detail: `${learnedHere.length} lessons learned in the project`,
  });

  // AMBIGUITY: an asset with no producer (or a lesson with no origin) is not
  // "produced by / learned in another project", so using it does not count.
  let reusedFromOthers = 0;
  for (const assetId of project.used) {
    const asset = findAsset(doc, assetId);
    if (asset !== null && asset.producedBy !== null && asset.producedBy !== project.id) reusedFromOthers += 1;
  }
  for (const lessonId of project.applied) {
    const lesson = findLesson(doc, lessonId);
    if (lesson !== null && lesson.learnedIn !== null && lesson.learnedIn !== project.id) reusedFromOthers += 1;
  }
  criteria.push({
    level: 4,
    name: "knowledge reused",
    met: reusedFromOthers >= 1,
    detail: `${reusedFromOthers} assets or lessons from other projects`,
  });

  let closedCount = 0;
  for (const gap of explicit) if (gap.status === "CLOSED") closedCount += 1;
  criteria.push({
    level: 4,
    name: "gaps closed",
    met: explicit.length === 0 || closedCount / explicit.length >= 0.5,
    detail: `${closedCount} of ${explicit.length} explicit gaps closed`,
  });

  const reusers: string[] = [];
  for (const other of doc.projects) {
    if (other.id === project.id) continue;
    for (const assetId of other.used) {
      const asset = findAsset(doc, assetId);
      if (asset !== null && asset.producedBy === project.id && !reusers.includes(other.id)) reusers.push(other.id);
    }
    for (const lessonId of other.applied) {
      const lesson = findLesson(doc, lessonId);
      if (lesson !== null && lesson.learnedIn === project.id && !reusers.includes(other.id)) reusers.push(other.id);
    }
  }
  criteria.push({
    level: 5,
    name: "reused by others",
    met: reusers.length >= 2,
    detail: `reused by ${reusers.length} other projects`,
  });

  let level = 1;
  for (const candidate of [2, 3, 4, 5]) {
    const all = criteria.filter((c) => c.level === candidate).every((c) => c.met);
    if (all && level === candidate - 1) level = candidate;
  }
  const missingForNext = level === 5 ? [] : criteria.filter((c) => c.level === level + 1 && !c.met);
  return { project: project.id, level, criteria, missingForNext };
}

export function projectMaturity(raw: RawDocument, projectId: string, params: AnalyticsParams): ProjectMaturity {
  return maturityOf(canonical(raw), raw, projectId, params);
}

function distributionOf(
  doc: CanonicalDocument,
  raw: RawDocument,
  projects: Project[],
  params: AnalyticsParams,
): MaturityDistribution {
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  // AMBIGUITY: the order of `projects` is not stated; the reference lists them by id.
  const maturities = [...projects]
    .sort((a, b) => compareIds(a.id, b.id))
    .map((project) => maturityOf(doc, raw, project.id, params));
  let sum = 0;
  for (const maturity of maturities) {
    distribution[maturity.level - 1] = distribution[maturity.level - 1]! + 1;
    sum += maturity.level;
  }
  return { distribution, mean: maturities.length === 0 ? null : sum / maturities.length, projects: maturities };
}

/** AMBIGUITY: "its projects" read as every project OWNED_BY the unit, whatever its status. */
export function unitMaturity(raw: RawDocument, unitId: string, params: AnalyticsParams): MaturityDistribution {
  const doc = canonical(raw);
  return distributionOf(
    doc,
    raw,
    doc.projects.filter((p) => p.orgUnit === unitId),
    params,
  );
}

export function organisationMaturity(raw: RawDocument, params: AnalyticsParams): MaturityDistribution {
  const doc = canonical(raw);
  return distributionOf(doc, raw, doc.projects, params);
}

// ---------------------------------------------------------------------------
// Expert bottlenecks
// ---------------------------------------------------------------------------

export function bottlenecks(raw: RawDocument, params: AnalyticsParams): Bottlenecks {
  const doc = canonical(raw);
  const active = activeProjects(doc);

  // AMBIGUITY: `topics` lists every topic of the organisation (order not stated; id order here).
  const topics: TopicExperts[] = [];
  for (const topic of [...doc.topics].sort((a, b) => compareIds(a.id, b.id))) {
    const experts = expertsOn(doc, topic.id, params);
    const demand = demandOf(topic.id, active);
    topics.push({
      topic: topic.id,
      name: topic.name,
      demand,
      experts,
      busFactor: experts.length,
      bottleneck: demand > 0 && experts.length <= 1,
    });
  }

  const bottleneckTopics = topics
    .filter((t) => t.bottleneck)
    .sort((a, b) => (a.demand !== b.demand ? b.demand - a.demand : compareIds(a.topic, b.topic)));

  // Key-person risk lists the people whose risk is above 0, with the topics
  // that have demand (docs/analytics.md); risk desc, then id.
  // The risk is ranked by its exact value, a ratio: 1/3 + 1/3 ties with 2/3.
  const risks: { exact: Ratio; entry: KeyPersonRisk }[] = [];
  for (const person of [...doc.people].sort((a, b) => compareIds(a.id, b.id))) {
    const behind: KeyPersonRisk["topics"] = [];
    let exact: Ratio = [0, 1];
    for (const topic of topics) {
      if (!topic.experts.includes(person.id) || topic.demand === 0) continue;
      behind.push({
        topic: topic.topic,
        demand: topic.demand,
        busFactor: topic.busFactor,
        share: topic.demand / topic.busFactor,
      });
      exact = plus(exact, [topic.demand, topic.busFactor]);
    }
    if (exact[0] > 0) risks.push({ exact, entry: { person: person.id, risk: exact[0] / exact[1], topics: behind } });
  }
  risks.sort((a, b) => compareRatios(b.exact, a.exact) || compareIds(a.entry.person, b.entry.person));
  const keyPersonRisk = risks.map((r) => r.entry);

  // AMBIGUITY: load lists the active people with at least one WORKS_ON current
  // at asOf (any project status); a WORKS_ON without allocation counts 0.
  // Highest load first (then id), compared exactly in billionths: 0.25 + 0.5 ties with 0.75.
  const loads: { exact: number; entry: PersonLoad }[] = [];
  for (const person of [...doc.people].sort((a, b) => compareIds(a.id, b.id))) {
    if (!person.active) continue;
    const assignments: PersonLoad["assignments"] = [];
    let exact = 0;
    for (const project of doc.projects) {
      for (const worksOn of project.team) {
        if (worksOn.person !== person.id || !isCurrent(worksOn, params.asOf)) continue;
        const allocation = worksOn.allocation ?? 0;
        assignments.push({ project: project.id, allocation });
        exact += billionths(allocation);
      }
    }
    assignments.sort((a, b) => compareIds(a.project, b.project));
    const total = exact / 1_000_000_000;
    if (assignments.length > 0)
      loads.push({ exact, entry: { person: person.id, load: total, overloaded: exact > 1_000_000_000, assignments } });
  }
  loads.sort((a, b) => b.exact - a.exact || compareIds(a.entry.person, b.entry.person));
  const load = loads.map((l) => l.entry);

  // Successors: bottleneck topics with exactly one expert.
  const successors: SuccessorPlan[] = [];
  for (const topic of bottleneckTopics) {
    if (topic.busFactor !== 1) continue;
    const expert = topic.experts[0]!;
    const candidates: { person: string; level: number; sharedProjects: string[] }[] = [];
    for (const person of doc.people) {
      if (!person.active || person.id === expert) continue;
      const level = declaredLevel(person, topic.topic);
      if (level === null || level < 2) continue;
      const shared: string[] = [];
      for (const project of active) {
        if (!project.needs.some((n) => n.topic === topic.topic)) continue;
        if (project.team.some((w) => w.person === person.id && isCurrent(w, params.asOf))) shared.push(project.id);
      }
      candidates.push({ person: person.id, level, sharedProjects: sortedIds(unique(shared)) });
    }
    candidates.sort((a, b) => {
      if (a.level !== b.level) return b.level - a.level;
      if (a.sharedProjects.length !== b.sharedProjects.length) return b.sharedProjects.length - a.sharedProjects.length;
      return compareIds(a.person, b.person);
    });
    successors.push({ expert, topic: topic.topic, demand: topic.demand, candidates: candidates.slice(0, 5) });
  }

  return { asOf: params.asOf, topics, bottlenecks: bottleneckTopics, keyPersonRisk, load, successors };
}

// ---------------------------------------------------------------------------
// Truck factor
// ---------------------------------------------------------------------------

export type TruckFactorScope =
  | { kind: "organisation" }
  | { kind: "orgUnit"; id: string }
  | { kind: "project"; id: string };

export function truckFactor(raw: RawDocument, scope: TruckFactorScope, params: AnalyticsParams): TruckFactor {
  const doc = canonical(raw);
  let scopeName: string;
  let projects: Project[];
  if (scope.kind === "organisation") {
    scopeName = "organisation";
    projects = activeProjects(doc);
  } else if (scope.kind === "orgUnit") {
    scopeName = `orgUnit:${scope.id}`;
    projects = activeProjects(doc).filter((p) => p.orgUnit === scope.id);
  } else {
    // AMBIGUITY: "a project (its own needs)" read literally: the project's
    // needs count whatever its status, a CLOSED project included.
    scopeName = `project:${scope.id}`;
    projects = [findProject(doc, scope.id)];
  }

  const demand: { topic: string; demand: number; experts: string[] }[] = [];
  let total = 0;
  for (const topic of doc.topics) {
    const d = demandOf(topic.id, projects);
    demand.push({ topic: topic.id, demand: d, experts: expertsOn(doc, topic.id, params) });
    total += d;
  }

  const removedPeople: string[] = [];
  const removed: { person: string; coveredDemand: number }[] = [];
  function uncovered(): number {
    let sum = 0;
    for (const entry of demand) {
      if (entry.experts.every((e) => removedPeople.includes(e))) sum += entry.demand;
    }
    return sum;
  }
  while (total > 0 && !(uncovered() * 2 > total)) {
    let bestPerson: string | null = null;
    let bestCovered = 0;
    for (const person of sortedIds(doc.people.filter((p) => p.active).map((p) => p.id))) {
      if (removedPeople.includes(person)) continue;
      let covered = 0;
      for (const entry of demand) if (entry.experts.includes(person)) covered += entry.demand;
      if (covered > bestCovered) {
        bestPerson = person;
        bestCovered = covered;
      }
    }
    if (bestPerson === null) break; // cannot happen while more than half is still covered
    removedPeople.push(bestPerson);
    removed.push({ person: bestPerson, coveredDemand: bestCovered });
  }

  return {
    scope: scopeName,
    totalDemand: total,
    uncoveredDemand: uncovered(),
    truckFactor: removed.length,
    removed,
  };
}

// ---------------------------------------------------------------------------
// Reuse paths
// ---------------------------------------------------------------------------

export type ReuseTarget = { topic: string } | { gap: string };

/** recency = 0.5 ^ (max(0, months from date to asOf) / stalenessMonths); 0.5 without a date. */
function recency(date: string | null, params: AnalyticsParams): number {
  if (date === null) return 0.5;
  return 0.5 ** (Math.max(0, monthsBetween(date, params.asOf)) / params.stalenessMonths);
}

function lessonStatusFactor(status: string): number {
  if (status === "LEARNED") return 1.0;
  if (status === "ACTIONED") return 0.8;
  return 0.6;
}

/**
 * A shortest BROADER chain from S up to T, as topic ids [S, …, T]. AMBIGUITY:
 * when several shortest chains exist the doc does not say which one the path
 * shows; the reference takes the smallest broader id at each step (the test
 * accepts any valid shortest chain).
 */
function chainUp(doc: CanonicalDocument, target: string, from: string): string[] {
  if (from === target) return [from];
  const remaining = hops(doc, target, from);
  const parents = sortedIds(findTopic(doc, from).broader);
  for (const parent of parents) {
    if (hops(doc, target, parent) === remaining - 1) return [from, ...chainUp(doc, target, parent)];
  }
  throw new Error(`no chain from ${from} up to ${target}`);
}

function topicNode(doc: CanonicalDocument, id: string): PathNode {
  return { label: "Topic", id, name: findTopic(doc, id).name };
}

function projectNode(doc: CanonicalDocument, id: string): PathNode {
  return { label: "Project", id, name: findProject(doc, id).name };
}

interface Candidate {
  kind: ReuseKind;
  resource: string;
  resourceNode: PathNode;
  /** The relationship from the resource to S and from the resource to Q. */
  toTopic: string;
  toProject: string;
  project: string;
  topic: string;
  hops: number;
  factors: ReuseCandidate["factors"];
  score: number;
}

/** Is `a` a better (S, Q) for the same resource than `b`? Score, then fewer hops, topic id, project id. */
function betterRoute(a: Candidate, b: Candidate): boolean {
  // AMBIGUITY: "its best (S, Q)" read as the highest score, ties by fewer
  // hops, topic id, project id (this only matters for experts, whose score
  // depends on the level on S and its assessedAt).
  if (Math.abs(a.score - b.score) > EPSILON) return a.score > b.score;
  if (a.hops !== b.hops) return a.hops < b.hops;
  if (a.topic !== b.topic) return a.topic < b.topic;
  return a.project < b.project;
}

function candidate(
  kind: ReuseKind,
  resource: PathNode,
  toTopic: string,
  toProject: string,
  project: string,
  topic: string,
  h: number,
  kindWeight: number,
  quality: number,
  date: string | null,
  params: AnalyticsParams,
): Candidate {
  const factors = { kindWeight, quality, recency: recency(date, params), taxonomy: params.taxonomyDecay ** h };
  return {
    kind,
    resource: resource.id,
    resourceNode: resource,
    toTopic,
    toProject,
    project,
    topic,
    hops: h,
    factors,
    score: factors.kindWeight * factors.quality * factors.recency * factors.taxonomy,
  };
}

export function reusePaths(
  raw: RawDocument,
  projectId: string,
  target: ReuseTarget,
  limit: number,
  params: AnalyticsParams,
): ReuseCandidate[] {
  const doc = canonical(raw);
  const project = findProject(doc, projectId);

  // The target: the needed topic T and level L, and the head of every path.
  let topic: string | null;
  let level: number | null = null;
  let headNodes: PathNode[];
  let headRelationships: PathRelationship[];
  if ("topic" in target) {
    topic = target.topic;
    for (const need of project.needs) if (need.topic === topic) level = need.level;
    headNodes = [projectNode(doc, project.id), topicNode(doc, topic)];
    headRelationships = [{ type: "NEEDS", from: project.id, to: topic }];
  } else {
    const gap = findGap(doc, target.gap);
    topic = gap.topic;
    if (topic === null) return []; // AMBIGUITY: a gap without a topic has no candidates.
    // The gap's requiredLevel, else the level of the project's need on its
    // topic, else expertLevel (docs/analytics.md).
    level = gap.requiredLevel;
    if (level === null) for (const need of project.needs) if (need.topic === topic) level = need.level;
    if (level === null) level = params.expertLevel;
    // AMBIGUITY: the path of a gap starts (P)-[:HAS_GAP]->(G)-[:ABOUT]->(T); a gap has no name (null).
    headNodes = [
      projectNode(doc, project.id),
      { label: "KnowledgeGap", id: gap.id, name: null },
      topicNode(doc, topic),
    ];
    headRelationships = [
      { type: "HAS_GAP", from: project.id, to: gap.id },
      { type: "ABOUT", from: gap.id, to: topic },
    ];
  }

  const team = teamOf(doc, project.id, params.asOf);
  const all: Candidate[] = [];
  for (const reach of withinReach(doc, topic, params)) {
    const s = reach.topic;
    const h = reach.hops;
    for (const asset of doc.assets) {
      if (!asset.covers.includes(s) || asset.producedBy === null || asset.producedBy === project.id) continue;
      // AMBIGUITY: a path node's name is the node's name, or its title for assets and lessons.
      const node: PathNode = { label: "KnowledgeAsset", id: asset.id, name: asset.title };
      const quality = asset.quality === null ? 0.5 : asset.quality / 5;
      const date = asset.reviewedAt ?? asset.publishedAt;
      all.push(
        candidate(ReuseKind.ASSET, node, "COVERS", "PRODUCED_BY", asset.producedBy, s, h, 1.0, quality, date, params),
      );
    }
    for (const lesson of doc.lessons) {
      if (!lesson.about.includes(s) || lesson.learnedIn === null || lesson.learnedIn === project.id) continue;
      const node: PathNode = { label: "Lesson", id: lesson.id, name: lesson.title };
      const quality = lessonStatusFactor(lesson.status);
      all.push(
        candidate(
          ReuseKind.LESSON,
          node,
          "ABOUT",
          "LEARNED_IN",
          lesson.learnedIn,
          s,
          h,
          0.8,
          quality,
          lesson.recordedAt,
          params,
        ),
      );
    }
    for (const person of doc.people) {
      if (!person.active || team.includes(person.id)) continue;
      for (const knows of person.knows) {
        if (knows.topic !== s) continue;
        if (level === null || !(decayed(knows.level, h, params) >= level)) continue;
        // AMBIGUITY: "WORKS_ON Q" is any WORKS_ON to Q, current or not.
        for (const other of doc.projects) {
          if (other.id === project.id) continue;
          if (!other.team.some((w) => w.person === person.id)) continue;
          const node: PathNode = { label: "Person", id: person.id, name: person.name };
          all.push(
            candidate(
              ReuseKind.EXPERT,
              node,
              "KNOWS",
              "WORKS_ON",
              other.id,
              s,
              h,
              0.9,
              knows.level / 5,
              knows.assessedAt,
              params,
            ),
          );
        }
      }
    }
  }

  // Each resource once, through its best (S, Q).
  const best: Candidate[] = [];
  for (const c of all) {
    const index = best.findIndex((b) => b.kind === c.kind && b.resource === c.resource);
    if (index < 0) best.push(c);
    else if (betterRoute(c, best[index]!)) best[index] = c;
  }

  // Top k by score, then kind, then id. AMBIGUITY: kinds compare as strings
  // (ASSET < EXPERT < LESSON), not in the order of the table.
  best.sort((a, b) => {
    if (Math.abs(a.score - b.score) > EPSILON) return b.score - a.score;
    if (a.kind !== b.kind) return compareIds(a.kind, b.kind);
    return compareIds(a.resource, b.resource);
  });

  return best.slice(0, limit).map((c) => {
    const chain = chainUp(doc, topic, c.topic); // [S, …, T]
    const down = [...chain].reverse(); // [T, …, S]
    const nodes: PathNode[] = [...headNodes];
    const relationships: PathRelationship[] = [...headRelationships];
    for (let i = 1; i < down.length; i++) {
      nodes.push(topicNode(doc, down[i]!));
      relationships.push({ type: "BROADER", from: down[i]!, to: down[i - 1]! });
    }
    nodes.push(c.resourceNode, projectNode(doc, c.project));
    relationships.push({ type: c.toTopic, from: c.resource, to: c.topic });
    relationships.push({ type: c.toProject, from: c.resource, to: c.project });
    return {
      kind: c.kind,
      resource: c.resource,
      project: c.project,
      topic: c.topic,
      hops: c.hops,
      score: c.score,
      factors: c.factors,
      path: { nodes, relationships },
    };
  });
}

// ---------------------------------------------------------------------------
// Reuse flows
// ---------------------------------------------------------------------------

export function reuseFlows(raw: RawDocument, params: AnalyticsParams): ReuseFlows {
  void params; // no figure of the flows depends on a parameter
  const doc = canonical(raw);

  // AMBIGUITY: only pairs with at least one asset or lesson are listed (the
  // graph of actual reuse); the order of the lists is not stated.
  const projectFlows: ReuseFlows["projectFlows"] = [];
  for (const from of doc.projects) {
    for (const to of doc.projects) {
      if (from.id === to.id) continue;
      let assets = 0;
      let lessons = 0;
      for (const assetId of to.used) if (findAsset(doc, assetId)?.producedBy === from.id) assets += 1;
      for (const lessonId of to.applied) if (findLesson(doc, lessonId)?.learnedIn === from.id) lessons += 1;
      if (assets + lessons > 0) projectFlows.push({ from: from.id, to: to.id, assets, lessons });
    }
  }
  projectFlows.sort((a, b) => compareIds(a.from, b.from) || compareIds(a.to, b.to));

  const unitFlows: ReuseFlows["unitFlows"] = [];
  for (const fromUnit of doc.orgUnits) {
    for (const toUnit of doc.orgUnits) {
      let assets = 0;
      let lessons = 0;
      for (const flow of projectFlows) {
        if (findProject(doc, flow.from).orgUnit === fromUnit.id && findProject(doc, flow.to).orgUnit === toUnit.id) {
          assets += flow.assets;
          lessons += flow.lessons;
        }
      }
      if (assets + lessons > 0) unitFlows.push({ from: fromUnit.id, to: toUnit.id, assets, lessons });
    }
  }
  unitFlows.sort((a, b) => compareIds(a.from, b.from) || compareIds(a.to, b.to));

  // Reused: by at least one project other than the origin (any project when there is no origin).
  let reusedAssets = 0;
  for (const asset of doc.assets) {
    let reused = false;
    for (const project of doc.projects)
      if (project.id !== asset.producedBy && project.used.includes(asset.id)) reused = true;
    if (reused) reusedAssets += 1;
  }
  const reusedLessons = doc.lessons.length - lessonsNeverReused(raw).length;

  return {
    projectFlows,
    unitFlows,
    assetReuseRate: doc.assets.length === 0 ? null : reusedAssets / doc.assets.length,
    lessonReuseRate: doc.lessons.length === 0 ? null : reusedLessons / doc.lessons.length,
    reusedAssets,
    totalAssets: doc.assets.length,
    reusedLessons,
    totalLessons: doc.lessons.length,
  };
}

/** Every lesson never reused, in id order, with the active projects that need one of its topics. */
export function lessonsNeverReused(raw: RawDocument): NeverReusedLesson[] {
  const doc = canonical(raw);
  const never: NeverReusedLesson[] = [];
  for (const lesson of [...doc.lessons].sort((a, b) => compareIds(a.id, b.id))) {
    let reused = false;
    for (const project of doc.projects)
      if (project.id !== lesson.learnedIn && project.applied.includes(lesson.id)) reused = true;
    if (reused) continue;
    // AMBIGUITY: "need one of its topics" is a NEEDS to one of its ABOUT topics
    // itself (no taxonomy credit).
    const neededBy: string[] = [];
    for (const project of activeProjects(doc)) {
      if (project.id === lesson.learnedIn) continue;
      if (project.needs.some((n) => lesson.about.includes(n.topic))) neededBy.push(project.id);
    }
    never.push({ lesson: lesson.id, project: lesson.learnedIn, neededBy: sortedIds(neededBy) });
  }
  return never;
}
