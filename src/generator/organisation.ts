/**
 * The entity generators: entity i of each list as an interchange-document
 * object, computed from (seed, i) and the World's index arithmetic alone.
 *
 * Properties without a value are left out. Relationship fields are always
 * written, as [] or null when empty: the import leaves an absent relationship
 * field untouched, and a generated organisation imported over an earlier one
 * must replace it whole.
 */
import { isoDay, NOW } from "./calendar.js";
import { Rng } from "./random.js";
import type { Collection, SizeSpec } from "./sizes.js";
import { S } from "./streams.js";
import { assetTitle, gapDescription, lessonText, projectName, topicDescription } from "./texts.js";
import { goalName, personName, TITLES, topicName, unitName } from "./words.js";
import type { ProjectStatusName, World } from "./world.js";

export type DocumentEntry = Record<string, unknown> & { id: string };

const PREFIX: Record<Collection, string> = {
  orgUnits: "u",
  goals: "goal",
  topics: "t",
  people: "p",
  projects: "pr",
  assets: "a",
  lessons: "l",
  gaps: "gap",
  activities: "act",
};

const ASSET_KINDS = ["DOCUMENT", "DATASET", "TOOLKIT", "GUIDE", "CASE_STUDY", "TRAINING", "VIDEO", "OTHER"] as const;
const SOURCES = ["SELF", "PEER", "MANAGER"] as const;
const PHASES = ["BEFORE", "DURING", "AFTER"] as const;
type PhaseName = (typeof PHASES)[number];
const LESSON_STATUSES = ["IDENTIFIED", "ACTIONED", "LEARNED"] as const;

const ACTIVITY_KINDS: Record<PhaseName, readonly string[]> = {
  BEFORE: ["PEER_ASSIST", "LITERATURE_REVIEW", "EXPERT_CONSULTATION", "TRAINING"],
  DURING: [
    "COMMUNITY_OF_PRACTICE",
    "KNOWLEDGE_CAFE",
    "EXPERT_CONSULTATION",
    "AFTER_ACTION_REVIEW",
    "TRAINING",
    "OTHER",
  ],
  AFTER: ["RETROSPECT", "STORYTELLING", "AFTER_ACTION_REVIEW", "KNOWLEDGE_CAFE"],
};

/** Ids are zero-padded to the width of the list, so text order is index order. */
export class Ids {
  private readonly widths: Record<Collection, number>;

  constructor(spec: SizeSpec) {
    this.widths = Object.fromEntries(
      Object.keys(PREFIX).map((c) => [c, String(Math.max(1, spec[c as Collection] - 1)).length]),
    ) as Record<Collection, number>;
  }

  of(collection: Collection, index: number): string {
    return `${PREFIX[collection]}-${String(index).padStart(this.widths[collection], "0")}`;
  }
}

export class Organisation {
  readonly ids: Ids;
  private readonly roots: number;

  constructor(readonly world: World) {
    this.ids = new Ids(world.spec);
    this.roots = world.topics.levelStart[1]!;
  }

  private topicId(topic: number): string {
    return this.ids.of("topics", topic);
  }

  topicName(topic: number): string {
    return topicName(topic, this.roots);
  }

  orgUnit(u: number): DocumentEntry {
    return { id: this.ids.of("orgUnits", u), name: unitName(u, this.world.spec.orgUnits) };
  }

  goal(g: number): DocumentEntry {
    return { id: this.ids.of("goals", g), name: goalName(g) };
  }

  topic(t: number): DocumentEntry {
    const name = this.topicName(t);
    const rng = Rng.of(this.world.seed, S.TopicText, t);
    const entry: DocumentEntry = {
      id: this.topicId(t),
      name,
      description: topicDescription(rng, name, this.world.topics.level(t)),
    };
    entry.broader = this.world.topics.broader(t).map((b) => this.topicId(b));
    return entry;
  }

  /**
   * A person knows their main topic (people are spread over topics by
   * popularity) and, for most, 0–3 more; about one in ten knows 5–10 topics
   * and one in thirty 15–30 (the organisation's generalists). Nobody but the
   * designated expert gets beyond level 3 on a single-expert or emerging topic.
   */
  person(i: number): DocumentEntry {
    const { world } = this;
    const { topics } = world;
    const rng = Rng.of(world.seed, S.Person, i);
    const { name, email } = personName(i, world.seed);
    const u = rng.next();
    const broad = u < 1 / 30;
    const count = broad ? rng.int(15, 30) : u < 0.12 ? rng.int(5, 10) : rng.int(1, 4);
    const k = world.singleExpertTopicOf(i);
    const special = k >= 0 ? topics.singleExpert[k]! : -1;
    const main = world.mainTopicOf(i);
    const known = new Set<number>([topics.rankOf[main]!]);
    if (special >= 0) known.add(topics.rankOf[special]!);
    const chosen = [main, ...topics.zipf.distinct(rng, count - known.size, known).map((rank) => topics.ofRank[rank]!)];
    const knows = chosen
      .filter((topic) => topic !== special)
      .map((topic, position) => {
        // Levels 1–5: deep on the main topic, shallow elsewhere, except for generalists.
        const weights = position === 0 ? [5, 20, 40, 25, 10] : broad ? [5, 15, 30, 32, 18] : [30, 35, 25, 8, 2];
        return this.knowsEntry(rng, topic, Math.min(1 + rng.weighted(weights), topics.levelCap(topic)));
      });
    if (special >= 0) knows.splice(rng.below(knows.length + 1), 0, this.knowsEntry(rng, special, rng.int(4, 5)));
    for (const topic of chosen) known.add(topics.rankOf[topic]!);
    const interests = topics.zipf.distinct(rng, rng.geometric(1, 6), known);
    const entry: DocumentEntry = {
      id: this.ids.of("people", i),
      name,
      email,
      title: rng.pick(TITLES),
      active: world.isActive(i),
      orgUnit: this.ids.of("orgUnits", world.unitOfPerson(i)),
      knows,
      interestedIn: interests.map((rank) => this.topicId(topics.ofRank[rank]!)),
    };
    return entry;
  }

  private knowsEntry(rng: Rng, topic: number, level: number): Record<string, unknown> {
    const source = SOURCES[rng.weighted([60, 25, 15])]!;
    const endorsements = source === "PEER" ? 1 + rng.geometric(2, 20) : rng.geometric(source === "SELF" ? 0.4 : 1, 10);
    const entry: Record<string, unknown> = { topic: this.topicId(topic), level, source, endorsements };
    if (rng.chance(0.85)) entry.assessedAt = isoDay(rng.int(0, NOW));
    return entry;
  }

  project(p: number): DocumentEntry {
    const { world } = this;
    const rng = Rng.of(world.seed, S.Project, p);
    const core = world.projectCore(p);
    const needs = world.needs(p);
    const { name, description } = projectName(rng, this.topicName(needs[0]!.topic));
    const novelty = ["ROUTINE", "NEW", "INNOVATIVE"][rng.weighted([50, 35, 15])]!;
    const entry: DocumentEntry = { id: this.ids.of("projects", p), name };
    if (rng.chance(0.9)) entry.description = description;
    Object.assign(entry, {
      status: core.status,
      novelty,
      orgUnit: this.ids.of("orgUnits", core.unit),
      startDate: isoDay(core.start),
      endDate: isoDay(core.end),
    });
    entry.goals = world.goals(rng).map((g) => this.ids.of("goals", g));
    entry.needs = needs.map((n) => ({ topic: this.topicId(n.topic), level: n.level, criticality: n.criticality }));
    entry.team = world.team(p, core).map((m) => {
      const member: Record<string, unknown> = {
        person: this.ids.of("people", m.person),
        role: m.role,
        allocation: m.allocation / 20,
        from: isoDay(m.from),
      };
      if (m.to !== null) member.to = isoDay(m.to);
      return member;
    });
    entry.used = world
      .uses(p, core, needs, rng)
      .map((u) => ({ asset: this.ids.of("assets", u.asset), at: isoDay(u.at) }));
    entry.applied = world
      .applications(p, core, needs, rng)
      .map((a) => ({ lesson: this.ids.of("lessons", a.lesson), at: isoDay(a.at) }));
    return entry;
  }

  /** Authors come from the producing project's team, so authorship is evidence of expertise. */
  asset(a: number): DocumentEntry {
    const { world } = this;
    const rng = Rng.of(world.seed, S.Asset, a);
    const core = world.assetCore(a);
    const main = world.topics.ofRank[core.rank]!;
    const kind = ASSET_KINDS[rng.weighted([22, 8, 10, 18, 12, 12, 6, 12])]!;
    const id = this.ids.of("assets", a);
    const entry: DocumentEntry = { id, title: assetTitle(rng, kind, this.topicName(main)), kind };
    if (rng.chance(0.9)) entry.url = `https://kb.example.org/assets/${id}`;
    if (rng.chance(0.9)) entry.quality = 1 + rng.weighted([8, 20, 35, 25, 12]);
    entry.publishedAt = isoDay(core.published);
    if (core.published < NOW && rng.chance(0.4))
      entry.reviewedAt = isoDay(Math.min(NOW, core.published + rng.int(30, 700)));
    entry.covers = [main, ...this.extraTopics(rng, core.rank, [0.3, 0.05])].map((t) => this.topicId(t));
    const authors =
      core.producer >= 0 ? world.team(core.producer).map((m) => m.person) : [rng.below(world.spec.people)];
    entry.authors = pickSome(rng, authors, 1 + rng.weighted([60, 30, 10])).map((person) =>
      this.ids.of("people", person),
    );
    entry.producedBy = core.producer >= 0 ? this.ids.of("projects", core.producer) : null;
    return entry;
  }

  /** Secondary topics, each with its probability, drawn by popularity: not the main one, not an emerging one. */
  private extraTopics(rng: Rng, mainRank: number, chances: readonly number[]): number[] {
    const { topics } = this.world;
    let count = 0;
    while (count < chances.length && rng.chance(chances[count]!)) count++;
    if (count === 0) return [];
    return topics.zipf
      .distinct(rng, count, new Set([mainRank, ...topics.emergingRanks]))
      .map((rank) => topics.ofRank[rank]!);
  }

  lesson(l: number): DocumentEntry {
    const { world } = this;
    const rng = Rng.of(world.seed, S.Lesson, l);
    const core = world.lessonCore(l);
    const project = world.projectCore(core.project);
    const main = world.topics.ofRank[core.rank]!;
    const positive = rng.chance(0.55);
    const text = lessonText(rng, this.topicName(main), positive);
    const phase = lessonPhase(rng, project.status);
    const entry: DocumentEntry = {
      id: this.ids.of("lessons", l),
      ...text,
      outcome: positive ? "POSITIVE" : "NEGATIVE",
      phase,
      status: LESSON_STATUSES[rng.weighted([60, 25, 15])]!,
      recordedAt: isoDay(core.recorded),
      about: [main, ...this.extraTopics(rng, core.rank, [0.25])].map((t) => this.topicId(t)),
      learnedIn: this.ids.of("projects", core.project),
    };
    const team = world.team(core.project, project).map((m) => m.person);
    entry.recordedBy = pickSome(rng, team, rng.chance(0.8) ? 1 : 2).map((person) => this.ids.of("people", person));
    return entry;
  }

  gap(g: number): DocumentEntry {
    const { world } = this;
    const p = world.projectOfGap(g);
    const core = world.projectCore(p);
    const { start } = world.gapRange(p);
    const { topic, need } = world.gapTopics(p, world.needs(p))[g - start]!;
    const rng = Rng.of(world.seed, S.Gap, g);
    const level = need ? need.level : rng.chance(0.7) ? rng.int(2, 5) : null;
    const status = gapStatus(rng, core.status);
    // Identified while planning or in the first third of the project, and never after NOW.
    const identified =
      core.status === "PLANNED"
        ? NOW - rng.below(120)
        : Math.min(NOW, core.start - 60 + rng.below(Math.floor((core.end - core.start) / 3) + 61));
    const entry: DocumentEntry = {
      id: this.ids.of("gaps", g),
      project: this.ids.of("projects", p),
      topic: this.topicId(topic),
      description: gapDescription(this.topicName(topic), level),
      criticality: need ? need.criticality : ["LOW", "MEDIUM", "HIGH", "CRITICAL"][rng.weighted([30, 40, 20, 10])]!,
    };
    if (level !== null) entry.requiredLevel = level;
    entry.status = status;
    entry.identifiedAt = isoDay(identified);
    if (status === "CLOSED")
      entry.closedAt = isoDay(Math.max(identified, Math.min(NOW, identified + rng.int(20, 400))));
    return entry;
  }

  /** Activities of every phase; targets are gaps of the same project, leads come from its team. */
  activity(a: number): DocumentEntry {
    const { world } = this;
    const p = world.projectOfActivity(a);
    const core = world.projectCore(p);
    const rng = Rng.of(world.seed, S.Activity, a);
    const phase = PHASES[rng.weighted([35, 35, 30])]!;
    let due =
      phase === "BEFORE"
        ? core.start - rng.int(0, 90)
        : phase === "DURING"
          ? rng.int(core.start, core.end)
          : core.end + rng.int(0, 90);
    if (core.status === "CLOSED") due = Math.min(due, NOW - 1); // a closed project's activities are all in the past
    const entry: DocumentEntry = {
      id: this.ids.of("activities", a),
      project: this.ids.of("projects", p),
      kind: rng.pick(ACTIVITY_KINDS[phase]),
      phase,
      status: activityStatus(rng, core.status, due),
      dueDate: isoDay(due),
    };
    const gaps = world.gapRange(p);
    const targets = gaps.count > 0 ? pickSome(rng, range(gaps.start, gaps.count), rng.weighted([20, 60, 20])) : [];
    entry.targets = targets.map((gap) => this.ids.of("gaps", gap));
    const leads = rng.chance(0.95)
      ? pickSome(
          rng,
          world.team(p, core).map((m) => m.person),
          rng.chance(0.9) ? 1 : 2,
        )
      : [];
    entry.leads = leads.map((person) => this.ids.of("people", person));
    return entry;
  }

  /** Entity `index` of list `collection`. */
  entry(collection: Collection, index: number): DocumentEntry {
    switch (collection) {
      case "orgUnits":
        return this.orgUnit(index);
      case "goals":
        return this.goal(index);
      case "topics":
        return this.topic(index);
      case "people":
        return this.person(index);
      case "projects":
        return this.project(index);
      case "assets":
        return this.asset(index);
      case "lessons":
        return this.lesson(index);
      case "gaps":
        return this.gap(index);
      case "activities":
        return this.activity(index);
    }
  }
}

function lessonPhase(rng: Rng, status: ProjectStatusName): PhaseName {
  if (status === "PLANNED") return "BEFORE";
  if (status === "ACTIVE") return PHASES[rng.weighted([30, 70, 0])]!;
  return PHASES[rng.weighted([15, 35, 50])]!;
}

function gapStatus(rng: Rng, status: ProjectStatusName): string {
  const statuses = ["OPEN", "IN_PROGRESS", "CLOSED"];
  if (status === "CLOSED") return statuses[rng.weighted([15, 0, 85])]!;
  if (status === "ACTIVE") return statuses[rng.weighted([40, 35, 25])]!;
  return statuses[rng.weighted([90, 10, 0])]!;
}

/**
 * Activities due before NOW were mostly done (some dropped, a few overdue);
 * those due later are planned (some already cancelled).
 */
function activityStatus(rng: Rng, status: ProjectStatusName, due: number): string {
  const statuses = ["PLANNED", "DONE", "CANCELLED"];
  if (status === "CLOSED") return statuses[rng.weighted([0, 85, 15])]!;
  if (due < NOW && status === "ACTIVE") return statuses[rng.weighted([8, 80, 12])]!;
  return statuses[rng.weighted([90, 0, 10])]!;
}

/** Up to `count` distinct items of `items`, in draw order. */
function pickSome<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) out.push(pool.splice(rng.below(pool.length), 1)[0]!);
  return out;
}

function range(start: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => start + i);
}
