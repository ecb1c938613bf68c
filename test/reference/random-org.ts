/**
 * Random small organisations, as valid interchange documents, for the
 * property test of the analytics. A tiny seeded PRNG (mulberry32) makes every
 * organisation reproducible from (seed, index).
 *
 * The documents aim at the edge cases of docs/analytics.md: a taxonomy DAG up
 * to 4 hops deep with topics under two broader topics (so the hop limit and
 * the tie-breaks on hops matter), inactive people, equal levels on one topic,
 * team windows in the past, present and future of asOf, overloaded people,
 * projects of every status (with no needs, with no team), assets with and
 * without quality, producer and dates (some stale), lessons of every status,
 * explicit gaps with and without topic or level, closed ones, activities of
 * every phase and status, and reuse (USED, APPLIED) across projects.
 *
 * Fields are sometimes left out so the interchange defaults apply.
 */
import type { RawDocument } from "./naive-analytics.js";

export const RANDOM_ORG_AS_OF = "2026-06-30";

/** mulberry32: a small, good-enough 32-bit PRNG. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  constructor(readonly next: () => number) {}

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.int(0, items.length - 1)]!;
  }

  /** `count` distinct items (fewer when the list is shorter), in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) out.push(pool.splice(this.int(0, pool.length - 1), 1)[0]!);
    return out;
  }

  shuffle<T>(items: readonly T[]): T[] {
    return this.sample(items, items.length);
  }
}

const DAY = 86_400_000;
const FIRST_DAY = Date.parse("2022-01-01T00:00:00Z");
const LAST_DAY = Date.parse("2027-12-31T00:00:00Z");

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function dayOf(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** A date in [from, to] (ISO), clamped to 2022-01-01…2027-12-31. */
function dateBetween(random: Random, from: string, to: string): string {
  const start = Math.max(FIRST_DAY, dayOf(from));
  const end = Math.min(LAST_DAY, dayOf(to));
  if (end <= start) return isoDate(start);
  return isoDate(start + random.int(0, Math.round((end - start) / DAY)) * DAY);
}

function anyDate(random: Random): string {
  return dateBetween(random, "2022-01-01", "2027-12-31");
}

function addDays(date: string, days: number): string {
  return isoDate(Math.min(LAST_DAY, Math.max(FIRST_DAY, dayOf(date) + days * DAY)));
}

/** Distinct ids made of a prefix and random letters, so that id order differs from creation order. */
function ids(random: Random, prefix: string, count: number): string[] {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const out: string[] = [];
  while (out.length < count) {
    const id = `${prefix}-${letters[random.int(0, 25)]}${letters[random.int(0, 25)]}`;
    if (!out.includes(id)) out.push(id);
  }
  return out;
}

const CRITICALITIES = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
const PROJECT_STATUSES = ["PLANNED", "ACTIVE", "CLOSED"] as const;
const LESSON_STATUSES = ["IDENTIFIED", "ACTIONED", "LEARNED"] as const;
const GAP_STATUSES = ["OPEN", "IN_PROGRESS", "CLOSED"] as const;
const ACTIVITY_STATUSES = ["PLANNED", "DONE", "CANCELLED"] as const;
const PHASES = ["BEFORE", "DURING", "AFTER"] as const;
const ASSET_KINDS = ["DOCUMENT", "DATASET", "TOOLKIT", "GUIDE", "CASE_STUDY", "TRAINING", "VIDEO", "OTHER"] as const;
const ACTIVITY_KINDS = [
  "PEER_ASSIST",
  "AFTER_ACTION_REVIEW",
  "RETROSPECT",
  "EXPERT_CONSULTATION",
  "TRAINING",
  "OTHER",
] as const;
const SOURCES = ["SELF", "PEER", "MANAGER", "INFERRED"] as const;
const ALLOCATIONS = [0, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.8, 1] as const;

type Document = Required<{ [K in keyof RawDocument]: NonNullable<RawDocument[K]> }>;
type TopicEntry = Document["topics"][number];
type PersonEntry = Document["people"][number];
type ProjectEntry = Document["projects"][number];
type AssetEntry = Document["assets"][number];
type LessonEntry = Document["lessons"][number];
type GapEntry = Document["gaps"][number];
type ActivityEntry = Document["activities"][number];

/** A WORKS_ON window in the past, around or in the future of asOf, or open-ended. */
function teamWindow(random: Random, asOf: string): { from?: string | null; to?: string | null } {
  switch (random.int(0, 5)) {
    case 0: // past
      return {
        from: dateBetween(random, "2022-01-01", addDays(asOf, -400)),
        to: dateBetween(random, addDays(asOf, -380), addDays(asOf, -1)),
      };
    case 1: // future
      return {
        from: dateBetween(random, addDays(asOf, 1), addDays(asOf, 300)),
        to: random.chance(0.5) ? null : addDays(asOf, 400),
      };
    case 2: // current, closed both ends; sometimes exactly on asOf
      return {
        from: random.chance(0.2) ? asOf : dateBetween(random, "2023-01-01", addDays(asOf, -1)),
        to: random.chance(0.2) ? asOf : dateBetween(random, addDays(asOf, 1), "2027-12-31"),
      };
    case 3: // open-ended, started
      return { from: dateBetween(random, "2022-01-01", asOf) };
    case 4: // no dates at all: always current
      return random.chance(0.5) ? {} : { from: null, to: null };
    default: // only an end, past or future
      return { to: random.chance(0.5) ? addDays(asOf, -random.int(1, 200)) : addDays(asOf, random.int(0, 200)) };
  }
}

/** A random organisation, reproducible from (seed, index). */
export function randomOrg(seed: number, index: number, asOf: string = RANDOM_ORG_AS_OF): RawDocument {
  const random = new Random(prng((seed * 1_000_003 + index * 7919) >>> 0));

  // Org units.
  const unitIds = ids(random, "u", random.int(1, 3));
  const orgUnits = unitIds.map((id, i) => ({ id, name: `Unit ${i + 1}` }));

  // Taxonomy: each topic's broader topics are earlier topics of depth ≤ 3, so
  // no cycle and depth ≤ 4; some topics have two broader topics.
  const topicIds = ids(random, "t", random.int(3, 12));
  const depth: number[] = [];
  const topics: TopicEntry[] = [];
  topicIds.forEach((id, i) => {
    const topic: TopicEntry = { id, name: `Topic ${id.slice(2)}` };
    const eligible = topicIds.slice(0, i).filter((_, j) => depth[j]! <= 3);
    let d = 0;
    if (eligible.length > 0 && i > 0 && random.chance(0.8)) {
      // Prefer the deepest eligible topics half of the time, to build long chains.
      const deepest = Math.max(...eligible.map((e) => depth[topicIds.indexOf(e)]!));
      const parents = random.chance(0.5) ? eligible.filter((e) => depth[topicIds.indexOf(e)] === deepest) : eligible;
      const broader = [random.pick(parents)];
      if (eligible.length > 1 && random.chance(0.3)) {
        const second = random.pick(eligible.filter((e) => e !== broader[0]));
        broader.push(second);
      }
      topic.broader = broader;
      d = 1 + Math.max(...broader.map((b) => depth[topicIds.indexOf(b)]!));
    }
    if (random.chance(0.2)) topic.description = `About ${topic.name}`;
    depth.push(d);
    topics.push(topic);
  });
  const shuffledTopics = random.shuffle(topics);

  // People.
  const personIds = ids(random, "p", random.int(3, 12));
  const people: PersonEntry[] = personIds.map((id, i) => {
    const person: PersonEntry = { id, name: `Person ${i + 1}` };
    if (random.chance(0.3)) person.email = `${id}@example.org`;
    if (random.chance(0.75)) person.active = !random.chance(0.25);
    if (random.chance(0.8)) person.orgUnit = random.pick(unitIds);
    const known = random.sample(topicIds, random.int(0, 4));
    person.knows = known.map((topic) => {
      const entry: NonNullable<PersonEntry["knows"]>[number] = { topic, level: random.int(1, 5) };
      if (random.chance(0.5)) entry.source = random.pick(SOURCES);
      if (random.chance(0.3)) entry.endorsements = random.int(0, 5);
      if (random.chance(0.6)) entry.assessedAt = anyDate(random);
      return entry;
    });
    if (random.chance(0.4)) person.interestedIn = random.sample(topicIds, random.int(1, 3));
    return person;
  });
  // Ties: copy someone's level on a topic to another person.
  for (let k = 0; k < 3; k++) {
    const withKnows = people.filter((p) => (p.knows ?? []).length > 0);
    if (withKnows.length === 0 || !random.chance(0.7)) continue;
    const from = random.pick(withKnows);
    const knows = random.pick(from.knows!);
    const to = random.pick(people.filter((p) => p.id !== from.id));
    const existing = (to.knows ?? []).find((e) => e.topic === knows.topic);
    if (existing) existing.level = knows.level;
    else
      to.knows = [
        ...(to.knows ?? []),
        { topic: knows.topic, level: knows.level, assessedAt: knows.assessedAt ?? null },
      ];
  }

  // Projects.
  const projectIds = ids(random, "pr", random.int(1, 6));
  const diligent = new Set(projectIds.filter(() => random.chance(0.35)));
  const projects: ProjectEntry[] = projectIds.map((id, i) => {
    const project: ProjectEntry = { id, name: `Project ${i + 1}` };
    // Every status appears across organisations; the first project is active so
    // that organisation-wide figures have demand.
    if (i === 0) project.status = random.pick(["ACTIVE", "PLANNED"]);
    else if (random.chance(0.85)) project.status = random.pick(PROJECT_STATUSES);
    if (random.chance(0.4)) project.novelty = random.pick(["ROUTINE", "NEW", "INNOVATIVE"]);
    if (random.chance(0.8)) project.orgUnit = random.pick(unitIds);
    if (random.chance(0.5)) {
      project.startDate = dateBetween(random, "2022-01-01", "2026-01-01");
      if (random.chance(0.7)) project.endDate = dateBetween(random, project.startDate, "2027-12-31");
    }
    const needCount = random.chance(0.15) ? 0 : random.int(1, 4);
    project.needs = random.sample(topicIds, needCount).map((topic) => {
      const need: NonNullable<ProjectEntry["needs"]>[number] = { topic, level: random.int(1, 5) };
      if (random.chance(0.8)) need.criticality = random.pick(CRITICALITIES);
      return need;
    });
    const teamSize = random.chance(0.15) ? 0 : random.int(1, 4);
    project.team = random.sample(personIds, teamSize).map((person) => {
      const member: NonNullable<ProjectEntry["team"]>[number] = { person, ...teamWindow(random, asOf) };
      if (random.chance(0.9)) member.allocation = random.pick(ALLOCATIONS);
      if (random.chance(0.5)) member.role = random.pick(["lead", "engineer", "advisor"]);
      return member;
    });
    return project;
  });
  // Overload: one person currently on two projects at a high allocation.
  if (projects.length >= 2 && random.chance(0.6)) {
    const person = random.pick(personIds);
    for (const project of random.sample(projects, 2)) {
      const team = project.team ?? [];
      const existing = team.find((m) => m.person === person);
      if (existing) {
        existing.allocation = 0.75;
        existing.from = null;
        existing.to = null;
      } else {
        team.push({ person, allocation: 0.75, from: addDays(asOf, -30) });
      }
      project.team = team;
    }
  }

  // Assets.
  const assetIds = ids(random, "a", random.int(0, 6));
  const assets: AssetEntry[] = assetIds.map((id, i) => {
    const asset: AssetEntry = { id, title: `Asset ${i + 1}` };
    if (random.chance(0.7)) asset.kind = random.pick(ASSET_KINDS);
    if (random.chance(0.7)) asset.quality = random.int(1, 5);
    if (random.chance(0.6))
      asset.publishedAt = random.chance(0.4) ? dateBetween(random, "2022-01-01", "2024-06-01") : anyDate(random);
    if (random.chance(0.4)) asset.reviewedAt = anyDate(random);
    if (random.chance(0.2)) asset.url = `https://example.org/${id}`;
    asset.covers = random.sample(topicIds, random.chance(0.1) ? 0 : random.int(1, 2));
    if (random.chance(0.3)) asset.authors = random.sample(personIds, random.int(1, 2));
    if (random.chance(0.8)) asset.producedBy = random.pick(projectIds);
    return asset;
  });

  // Lessons.
  const lessonIds = ids(random, "l", random.int(0, 6));
  const lessons: LessonEntry[] = lessonIds.map((id, i) => {
    const lesson: LessonEntry = { id, title: `Lesson ${i + 1}` };
    if (random.chance(0.8)) lesson.status = random.pick(LESSON_STATUSES);
    if (random.chance(0.5)) lesson.phase = random.pick(PHASES);
    if (random.chance(0.5)) lesson.outcome = random.pick(["POSITIVE", "NEGATIVE"]);
    if (random.chance(0.6)) lesson.recordedAt = anyDate(random);
    lesson.about = random.sample(topicIds, random.chance(0.1) ? 0 : random.int(1, 2));
    if (random.chance(0.8)) lesson.learnedIn = random.pick(projectIds);
    if (random.chance(0.3)) lesson.recordedBy = random.sample(personIds, 1);
    return lesson;
  });
  // Diligent projects capture a lesson.
  for (const projectId of diligent) {
    if (!lessons.some((l) => l.learnedIn === projectId) && random.chance(0.8)) {
      const id = `l-${projectId.slice(3)}x`;
      if (!lessonIds.includes(id)) {
        lessonIds.push(id);
        lessons.push({
          id,
          title: `Lesson of ${projectId}`,
          status: random.pick(LESSON_STATUSES),
          about: random.sample(topicIds, 1),
          learnedIn: projectId,
        });
      }
    }
  }

  // Gaps: mostly on a topic the project needs, sometimes on another or none.
  const gaps: GapEntry[] = [];
  const gapIds = ids(random, "g", random.int(0, 7));
  for (const id of gapIds) {
    const project = random.pick(projects);
    const gap: GapEntry = { id };
    if (random.chance(0.95)) gap.project = project.id;
    const needs = project.needs ?? [];
    const r = random.next();
    if (r < 0.6 && needs.length > 0) gap.topic = random.pick(needs).topic;
    else if (r < 0.9) gap.topic = random.pick(topicIds);
    if (random.chance(0.8)) gap.criticality = random.pick(CRITICALITIES);
    if (random.chance(0.7)) gap.requiredLevel = random.int(1, 5);
    if (random.chance(0.85)) gap.status = random.pick(GAP_STATUSES);
    if (diligent.has(project.id) && random.chance(0.6)) gap.status = "CLOSED";
    if (random.chance(0.85))
      gap.identifiedAt = random.chance(0.9)
        ? dateBetween(random, "2022-01-01", asOf)
        : dateBetween(random, asOf, "2027-12-31");
    if (gap.status === "CLOSED" && random.chance(0.9)) {
      gap.closedAt = dateBetween(random, gap.identifiedAt ?? "2022-01-01", "2027-12-31");
    } else if (gap.status !== "CLOSED" && random.chance(0.05)) {
      gap.closedAt = dateBetween(random, gap.identifiedAt ?? "2022-01-01", "2027-12-31");
    }
    if (random.chance(0.3)) gap.description = `Gap ${id}`;
    gaps.push(gap);
  }

  // Activities: targeting gaps of the same project. Diligent projects get all
  // three phases and target (almost) every gap.
  const activities: ActivityEntry[] = [];
  const activityIds = ids(random, "k", 14);
  let next = 0;
  for (const project of projects) {
    const ownGaps = gaps.filter((g) => g.project === project.id).map((g) => g.id);
    const count = diligent.has(project.id) ? 3 + random.int(0, 2) : random.chance(0.3) ? 0 : random.int(1, 2);
    for (let k = 0; k < count && next < activityIds.length; k++) {
      const activity: ActivityEntry = {
        id: activityIds[next++]!,
        project: project.id,
        kind: random.pick(ACTIVITY_KINDS),
        phase: diligent.has(project.id) && k < 3 ? PHASES[k]! : random.pick(PHASES),
      };
      if (random.chance(0.85)) activity.status = random.pick(ACTIVITY_STATUSES);
      if (diligent.has(project.id) && k < 3 && random.chance(0.8)) activity.status = random.pick(["PLANNED", "DONE"]);
      if (random.chance(0.4)) activity.dueDate = anyDate(random);
      const targets = diligent.has(project.id) ? ownGaps : random.sample(ownGaps, random.int(0, 2));
      if (targets.length > 0) activity.targets = targets;
      if (random.chance(0.3)) activity.leads = random.sample(personIds, 1);
      activities.push(activity);
    }
  }

  // Reuse: USED and APPLIED, across projects and sometimes of one's own.
  for (const project of projects) {
    const others = assets.filter((a) => a.producedBy !== project.id).map((a) => a.id);
    const own = assets.filter((a) => a.producedBy === project.id).map((a) => a.id);
    let used = random.sample(others, random.chance(0.5) ? random.int(1, 2) : 0);
    if (own.length > 0 && random.chance(0.2)) used = [...used, random.pick(own)];
    if (diligent.has(project.id) && others.length > 0 && used.length === 0) used = [random.pick(others)];
    if (used.length > 0)
      project.used = used.map((asset) => (random.chance(0.5) ? { asset, at: anyDate(random) } : { asset }));
    const otherLessons = lessons.filter((l) => l.learnedIn !== project.id).map((l) => l.id);
    let applied = random.sample(otherLessons, random.chance(0.5) ? random.int(1, 2) : 0);
    const ownLessons = lessons.filter((l) => l.learnedIn === project.id).map((l) => l.id);
    if (ownLessons.length > 0 && random.chance(0.2)) applied = [...applied, random.pick(ownLessons)];
    if (applied.length > 0)
      project.applied = applied.map((lesson) => (random.chance(0.5) ? { lesson, at: anyDate(random) } : { lesson }));
  }
  // Reused by others: a diligent project's asset used by two other projects.
  for (const projectId of diligent) {
    const own = assets.find((a) => a.producedBy === projectId);
    if (!own || !random.chance(0.7)) continue;
    for (const other of random.sample(
      projects.filter((p) => p.id !== projectId),
      2,
    )) {
      if (!(other.used ?? []).some((u) => u.asset === own.id)) other.used = [...(other.used ?? []), { asset: own.id }];
    }
  }

  // Exact ties through different terms (docs/analytics.md, "Equal figures tie"),
  // drawn last so that everything above stays as it was.
  if (random.chance(0.8)) {
    addRiskTie(random, { topics: shuffledTopics, people, projects, topicIds, personIds });
  }
  if (projects.length >= 2 && random.chance(0.6)) {
    addReuseTie(random, { projects, assets, lessons, assetIds, lessonIds });
  }
  if (projects.length >= 2 && random.chance(0.6)) {
    addLoadTie(random, { people, projects, personIds });
  }

  return {
    orgUnits,
    topics: shuffledTopics,
    people: random.shuffle(people),
    projects,
    assets,
    lessons,
    gaps,
    activities,
  };
}

/** `count` ids with the prefix that none of `taken` has; added to `taken`. */
function freshIds(random: Random, prefix: string, count: number, taken: string[]): string[] {
  const out: string[] = [];
  while (out.length < count) {
    const [id] = ids(random, prefix, 1);
    if (!taken.includes(id!) && !out.includes(id!)) out.push(id!);
  }
  taken.push(...out);
  return out;
}

/**
 * Key-person risks equal in exact arithmetic through different terms: three new
 * topics with k experts each, two needed LOW (demand 1) and one MEDIUM (demand 2)
 * by the first (active) project. P, expert on the two LOW ones, has risk
 * 1/k + 1/k; Q, expert on the MEDIUM one, 2/k; helpers (experts on all three)
 * make up the k. With k = 3 or 6, settling each term apart tells P from Q.
 */
function addRiskTie(
  random: Random,
  org: {
    topics: TopicEntry[];
    people: PersonEntry[];
    projects: ProjectEntry[];
    topicIds: string[];
    personIds: string[];
  },
): void {
  const k = random.pick([3, 3, 6, 7]);
  const [low1, low2, medium] = freshIds(random, "t", 3, org.topicIds) as [string, string, string];
  for (const id of [low1, low2, medium]) org.topics.push({ id, name: `Topic ${id.slice(2)}` });
  const [p, q, ...helpers] = freshIds(random, "p", k + 1, org.personIds) as [string, string, ...string[]];
  const expert = (topic: string) => ({ topic, level: random.pick([4, 5]) });
  const person = (id: string, knows: { topic: string; level: number }[]): PersonEntry => ({
    id,
    name: `Person ${org.people.length + 1}`,
    active: true,
    knows,
  });
  org.people.push(person(p, [expert(low1), expert(low2)]), person(q, [expert(medium)]));
  for (const helper of helpers) org.people.push(person(helper, [expert(low1), expert(low2), expert(medium)]));
  const first = org.projects[0]!;
  first.needs = [
    ...(first.needs ?? []),
    { topic: low1, level: 3, criticality: "LOW" },
    { topic: low2, level: 3, criticality: "LOW" },
    { topic: medium, level: 3, criticality: "MEDIUM" },
  ];
}

/**
 * Reuse scores equal through different factors: an asset of quality 4
 * (1.0 × 0.8) and a LEARNED lesson (0.8 × 1.0) of the same date, from another
 * project, on a topic the first project needs.
 */
function addReuseTie(
  random: Random,
  org: {
    projects: ProjectEntry[];
    assets: AssetEntry[];
    lessons: LessonEntry[];
    assetIds: string[];
    lessonIds: string[];
  },
): void {
  const first = org.projects[0]!;
  const needs = first.needs ?? [];
  if (needs.length === 0) return;
  const topic = random.pick(needs).topic;
  const origin = random.pick(org.projects.slice(1)).id;
  const date = dateBetween(random, "2023-01-01", RANDOM_ORG_AS_OF);
  const [asset] = freshIds(random, "a", 1, org.assetIds);
  const [lesson] = freshIds(random, "l", 1, org.lessonIds);
  org.assets.push({
    id: asset!,
    title: `Asset ${asset}`,
    quality: 4,
    reviewedAt: date,
    covers: [topic],
    producedBy: origin,
  });
  org.lessons.push({
    id: lesson!,
    title: `Lesson ${lesson}`,
    status: "LEARNED",
    recordedAt: date,
    about: [topic],
    learnedIn: origin,
  });
}

/** Loads equal through different terms: a new person at 0.25 + 0.5 on two projects, another at 0.75 on one. */
function addLoadTie(
  random: Random,
  org: { people: PersonEntry[]; projects: ProjectEntry[]; personIds: string[] },
): void {
  const [split, whole] = freshIds(random, "p", 2, org.personIds) as [string, string];
  for (const id of [split, whole]) org.people.push({ id, name: `Person ${org.people.length + 1}`, active: true });
  const [one, two] = random.sample(org.projects, 2) as [ProjectEntry, ProjectEntry];
  one.team = [...(one.team ?? []), { person: split, allocation: 0.25 }, { person: whole, allocation: 0.75 }];
  two.team = [...(two.team ?? []), { person: split, allocation: 0.5 }];
}

/** `count` organisations from one seed. */
export function randomOrgs(seed: number, count: number, asOf: string = RANDOM_ORG_AS_OF): RawDocument[] {
  const out: RawDocument[] = [];
  for (let index = 0; index < count; index++) out.push(randomOrg(seed, index, asOf));
  return out;
}
