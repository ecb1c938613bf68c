/**
 * The structure of a generated organisation, by index arithmetic: which unit
 * a person is in, what a person mainly knows, which project produced asset i,
 * what a project needs and who is on its team. Each answer is a pure function
 * of (seed, index), so the writer can produce any entity on its own, and a
 * reference never needs a lookup of what was written before.
 *
 * Tables are kept per topic and per org unit only (a few thousand numbers).
 */
import { LAST_DAY, NOW } from "./calendar.js";
import { ProjectRuns, TopicBlocks } from "./layout.js";
import { mix32, Rng, seedWord, Zipf } from "./random.js";
import { ACTIVITIES_PER_PROJECT, GAPS_PER_PROJECT, type SizeSpec } from "./sizes.js";
import { S } from "./streams.js";
import { Topics } from "./topics.js";

export const CRITICALITIES = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export type CriticalityName = (typeof CRITICALITIES)[number];
export type ProjectStatusName = "PLANNED" | "ACTIVE" | "CLOSED";

export interface ProjectCore {
  status: ProjectStatusName;
  unit: number;
  /** Day numbers (calendar.ts); end ≥ start. */
  start: number;
  end: number;
}

export interface Need {
  topic: number;
  rank: number;
  level: number;
  criticality: CriticalityName;
}

export interface TeamMember {
  person: number;
  role: string;
  /** In twentieths of a full post, so the JSON number stays short (0.35, not 0.35000000000000003). */
  allocation: number;
  from: number;
  to: number | null;
}

export interface AssetCore {
  /** The producing project, or −1 for an asset from outside any project. */
  producer: number;
  /** Popularity rank of its main topic. */
  rank: number;
  published: number;
}

export interface LessonCore {
  project: number;
  rank: number;
  recorded: number;
}

const INACTIVE_SHARE = 0.05;
const MIN_NEEDS = 3;
const MAX_NEEDS = 8;
const MEAN_NEEDS = (MIN_NEEDS + MAX_NEEDS) / 2;
/**
 * Target share of assets (lessons) used (applied) by a project other than
 * their producer: 30 % (10 %). With u uses spread evenly over n items,
 * 1 − e^(−u/n) of the items are hit, so u/n = −ln(1 − share): 0.357 and
 * 0.105. The constants are higher (measured on size S) because about a third
 * of the draws are dropped: a project's own items, items that appeared after
 * the project ended, repeats.
 */
const ASSET_USES_PER_ITEM = 0.65;
const LESSON_APPLICATIONS_PER_ITEM = 0.16;

const ROLES = ["analyst", "engineer", "coordinator", "specialist", "advisor", "trainer", "researcher", "officer"];

export class World {
  readonly seed: number;
  readonly topics: Topics;
  /** First person index of each org unit (people are grouped by unit), then the count. */
  readonly unitStart: Int32Array;
  private readonly unitWeights: number[];
  private readonly goalZipf: Zipf;
  /** People, assets and lessons grouped by main topic (layout.ts). */
  private readonly peopleByTopic: TopicBlocks;
  private readonly assetsByTopic: TopicBlocks;
  private readonly lessonsByTopic: TopicBlocks;
  private readonly gapRuns: ProjectRuns;
  private readonly activityRuns: ProjectRuns;
  private readonly usesPerNeed: number;
  private readonly applicationsPerNeed: number;

  constructor(
    readonly spec: SizeSpec,
    seed: number,
  ) {
    this.seed = seedWord(seed);
    this.topics = new Topics(spec.topics, Math.min(spec.projects, spec.people), this.seed);

    // Unit sizes fall off gently (1/2, 1/3, 1/4, …): a few large units, many small ones.
    this.unitWeights = Array.from({ length: spec.orgUnits }, (_, u) => 1 / (u + 2));
    const weightSum = this.unitWeights.reduce((a, b) => a + b, 0);
    this.unitStart = new Int32Array(spec.orgUnits + 1);
    let cumulative = 0;
    for (let u = 0; u < spec.orgUnits; u++) {
      this.unitStart[u] = Math.floor((spec.people * cumulative) / weightSum);
      cumulative += this.unitWeights[u]!;
    }
    this.unitStart[spec.orgUnits] = spec.people;
    this.goalZipf = new Zipf(spec.goals);

    const weights = this.topics.supplyWeights("zipf");
    this.peopleByTopic = new TopicBlocks(spec.people, this.topics.supplyWeights("sqrt"), mix32(this.seed ^ 0x9e0b1e));
    this.assetsByTopic = new TopicBlocks(spec.assets, weights, mix32(this.seed ^ 0xa55e7));
    this.lessonsByTopic = new TopicBlocks(spec.lessons, weights, mix32(this.seed ^ 0x1e55011));
    this.gapRuns = new ProjectRuns(this.seed, S.GapPairs, spec.projects, GAPS_PER_PROJECT);
    this.activityRuns = new ProjectRuns(this.seed, S.ActivityPairs, spec.projects, ACTIVITIES_PER_PROJECT);
    this.usesPerNeed = (ASSET_USES_PER_ITEM * spec.assets) / (spec.projects * MEAN_NEEDS);
    this.applicationsPerNeed = (LESSON_APPLICATIONS_PER_ITEM * spec.lessons) / (spec.projects * MEAN_NEEDS);
  }

  // People ------------------------------------------------------------------

  unitOfPerson(person: number): number {
    let lo = 0;
    let hi = this.spec.orgUnits - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.unitStart[mid]! <= person) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The topic a person mainly works on (their first KNOWS). */
  mainTopicOf(person: number): number {
    return this.topics.ofRank[this.peopleByTopic.rankOf(person)]!;
  }

  /** Person k·stride + stride/2 is the one expert of single-expert topic k: returns k, or −1. */
  singleExpertTopicOf(person: number): number {
    return strided(person, this.spec.people, this.topics.singleExpert.length);
  }

  isActive(person: number): boolean {
    if (this.singleExpertTopicOf(person) >= 0) return true;
    return mix32(this.seed ^ mix32(person + 0x51ed27)) / 4294967296 >= INACTIVE_SHARE;
  }

  // Projects ----------------------------------------------------------------

  /** Status, owning unit and dates: 40 % CLOSED, 40 % ACTIVE, 20 % PLANNED, around the world's NOW. */
  projectCore(project: number): ProjectCore {
    const rng = Rng.of(this.seed, S.ProjectCore, project);
    const u = rng.next();
    let status: ProjectStatusName = u < 0.4 ? "CLOSED" : u < 0.8 ? "ACTIVE" : "PLANNED";
    if (this.singleExpertNeedOf(project) >= 0) status = "ACTIVE";
    const unit = rng.weighted(this.unitWeights);
    let start: number;
    let end: number;
    if (status === "CLOSED") {
      start = rng.int(0, NOW - 240);
      end = Math.min(start + rng.int(120, 900), NOW - 1);
    } else if (status === "ACTIVE") {
      start = rng.int(NOW - 900, NOW - 1);
      end = Math.min(LAST_DAY, NOW + rng.int(30, 420));
    } else {
      start = rng.int(NOW + 1, LAST_DAY - 120);
      end = Math.min(LAST_DAY, start + rng.int(120, 600));
    }
    return { status, unit, start, end };
  }

  /** Project k·stride + stride/2 needs single-expert topic k at HIGH or CRITICAL: returns k, or −1. */
  private singleExpertNeedOf(project: number): number {
    return strided(project, this.spec.projects, this.topics.singleExpert.length);
  }

  /** 3–8 topics drawn by popularity, plus the single-expert topic the project is given, if any. */
  needs(project: number): Need[] {
    const { topics } = this;
    const rng = Rng.of(this.seed, S.Needs, project);
    const k = this.singleExpertNeedOf(project);
    const special = k >= 0 ? topics.singleExpert[k]! : -1;
    const exclude = new Set<number>(special >= 0 ? [topics.rankOf[special]!] : []);
    const ranks = topics.zipf.distinct(rng, rng.int(MIN_NEEDS, MAX_NEEDS), exclude);
    const needs: Need[] = ranks.map((rank) => ({
      topic: topics.ofRank[rank]!,
      rank,
      level: 1 + rng.weighted([5, 25, 40, 22, 8]),
      criticality: CRITICALITIES[rng.weighted([25, 35, 25, 15])]!,
    }));
    if (special >= 0) {
      const need: Need = {
        topic: special,
        rank: topics.rankOf[special]!,
        level: 4,
        criticality: rng.chance(0.5) ? "CRITICAL" : "HIGH",
      };
      needs.splice(rng.below(needs.length + 1), 0, need);
    }
    return needs;
  }

  /**
   * 3–15 people, mostly small teams: a lead from the owning unit, a
   * specialist for about half of the needs (someone whose main topic it is),
   * and the rest from the unit (three in four) or anywhere. Unit members are
   * drawn with a bias to the unit's first people, so some people sit on
   * several teams at once and are overloaded.
   */
  team(project: number, core: ProjectCore = this.projectCore(project)): TeamMember[] {
    const rng = Rng.of(this.seed, S.Team, project);
    const size = Math.min(this.spec.people, 3 + Math.floor(13 * rng.next() * rng.next()));
    const unitFrom = this.unitStart[core.unit]!;
    const unitSize = this.unitStart[core.unit + 1]! - unitFrom;
    const chosen = new Set<number>();
    const members: TeamMember[] = [];
    const add = (person: number) => {
      chosen.add(person);
      const lead = members.length === 0;
      const allocation = lead ? rng.int(10, 20) : rng.int(2, 12);
      members.push({ person, role: lead ? "lead" : rng.pick(ROLES), allocation, ...this.window(rng, core) });
    };
    // The unit's "go-to" people (its first 2 %) get 30 % of the unit's draws: a
    // bias that does not grow with the unit, so the busiest people are on a
    // handful of teams at every size, not on hundreds at size L.
    const goTo = Math.max(1, Math.ceil(unitSize * 0.02));
    const colleague = () => {
      let person = -1;
      for (let tries = 0; tries < 6 && (person < 0 || chosen.has(person)); tries++) {
        if (unitSize === 0 || rng.chance(0.25)) person = rng.below(this.spec.people);
        else person = unitFrom + rng.below(rng.chance(0.3) ? goTo : unitSize);
      }
      while (chosen.has(person)) person = (person + 1) % this.spec.people;
      return person;
    };
    add(colleague());
    for (const need of this.needs(project)) {
      if (members.length >= size) break;
      if (!rng.chance(0.5)) continue;
      const specialist = this.peopleByTopic.pick(rng, need.rank);
      if (specialist >= 0 && !chosen.has(specialist)) add(specialist);
    }
    while (members.length < size) add(colleague());
    return members;
  }

  /** When a member is on the team: most for the whole project, some join late or leave early. */
  private window(rng: Rng, core: ProjectCore): { from: number; to: number | null } {
    const { start, end, status } = core;
    const from = rng.chance(0.7) ? start : start + rng.below(Math.floor((end - start) / 2) + 1);
    const u = rng.next();
    if (status === "CLOSED") return { from, to: u < 0.8 ? end : from + rng.below(end - from + 1) };
    if (status === "PLANNED") return { from, to: u < 0.6 ? null : end };
    if (u < 0.55) return { from, to: null };
    if (u < 0.8 || from >= NOW) return { from, to: end };
    return { from, to: from + rng.below(NOW - from) };
  }

  /** Goals a project supports: none, one or two, the first goals more often. */
  goals(rng: Rng): number[] {
    return this.goalZipf.distinct(rng, rng.weighted([20, 55, 25]));
  }

  // Assets and lessons --------------------------------------------------------

  /** A project that produced something: mostly one that has started. */
  private someProject(rng: Rng): number {
    let project = rng.below(this.spec.projects);
    for (let tries = 0; tries < 2 && this.projectCore(project).status === "PLANNED"; tries++)
      project = rng.below(this.spec.projects);
    return project;
  }

  /** Producer (5 % have none) and publication date, within the producer's lifetime. */
  assetCore(asset: number): AssetCore {
    const rng = Rng.of(this.seed, S.AssetCore, asset);
    const rank = this.assetsByTopic.rankOf(asset);
    if (rng.chance(0.05)) return { producer: -1, rank, published: rng.int(0, NOW) };
    const producer = this.someProject(rng);
    const { start, end } = this.projectCore(producer);
    const from = start + Math.floor((end - start) * 0.3);
    return { producer, rank, published: rng.int(from, Math.max(from, Math.min(end + 60, NOW))) };
  }

  lessonCore(lesson: number): LessonCore {
    const rng = Rng.of(this.seed, S.LessonCore, lesson);
    const rank = this.lessonsByTopic.rankOf(lesson);
    const project = this.someProject(rng);
    const { start, end } = this.projectCore(project);
    return { project, rank, recorded: rng.int(start, Math.max(start, Math.min(end + 30, NOW))) };
  }

  /** Assets a project used: a few on each needed topic, none of its own and none that appeared after it ended. */
  uses(project: number, core: ProjectCore, needs: readonly Need[], rng: Rng): { asset: number; at: number }[] {
    const available = (asset: number) => {
      const { producer, published } = this.assetCore(asset);
      return producer === project ? null : published;
    };
    return this.reuse(rng, needs, this.assetsByTopic, this.usesPerNeed, core, available).map(({ item, at }) => ({
      asset: item,
      at,
    }));
  }

  /** Lessons a project applied, drawn like `uses`. */
  applications(project: number, core: ProjectCore, needs: readonly Need[], rng: Rng): { lesson: number; at: number }[] {
    const available = (lesson: number) => {
      const { project: origin, recorded } = this.lessonCore(lesson);
      return origin === project ? null : recorded;
    };
    return this.reuse(rng, needs, this.lessonsByTopic, this.applicationsPerNeed, core, available).map(
      ({ item, at }) => ({ lesson: item, at }),
    );
  }

  private reuse(
    rng: Rng,
    needs: readonly Need[],
    blocks: TopicBlocks,
    mean: number,
    core: ProjectCore,
    availableFrom: (item: number) => number | null,
  ): { item: number; at: number }[] {
    // Dated within the project, and not after NOW unless the project is still planned.
    const last = core.status === "PLANNED" ? core.end : Math.min(core.end, NOW);
    const taken = new Set<number>();
    const out: { item: number; at: number }[] = [];
    for (const need of needs) {
      const count = blocks.size(need.rank) === 0 ? 0 : rng.geometric(mean, 25);
      for (let i = 0; i < count; i++) {
        const item = blocks.pick(rng, need.rank);
        if (taken.has(item)) continue;
        const since = availableFrom(item);
        if (since === null || since > last) continue;
        taken.add(item);
        const earliest = Math.max(core.start - 60, since);
        out.push({ item, at: earliest + rng.below(last - earliest + 1) });
      }
    }
    return out;
  }

  // Gaps and activities ---------------------------------------------------------

  gapRange(project: number): { start: number; count: number } {
    return this.gapRuns.range(project);
  }

  projectOfGap(gap: number): number {
    return this.gapRuns.owner(gap);
  }

  activityRange(project: number): { start: number; count: number } {
    return this.activityRuns.range(project);
  }

  projectOfActivity(activity: number): number {
    return this.activityRuns.owner(activity);
  }

  /** The topics of a project's gaps: its needs in order; beyond them, other popular topics. */
  gapTopics(project: number, needs: readonly Need[]): { topic: number; need: Need | null }[] {
    const { count } = this.gapRange(project);
    const out: { topic: number; need: Need | null }[] = needs
      .slice(0, count)
      .map((need) => ({ topic: need.topic, need }));
    if (count > needs.length) {
      const rng = Rng.of(this.seed, S.GapTopics, project);
      const extra = this.topics.zipf.distinct(rng, count - needs.length, new Set(needs.map((n) => n.rank)));
      for (const rank of extra) out.push({ topic: this.topics.ofRank[rank]!, need: null });
    }
    return out;
  }
}

/** k when index = k·stride + stride/2 with stride = ⌊n / slots⌋ and k < slots, else −1. */
function strided(index: number, n: number, slots: number): number {
  const stride = Math.max(1, Math.floor(n / slots));
  const offset = index - (stride >> 1);
  if (offset < 0 || offset % stride !== 0) return -1;
  const k = offset / stride;
  return k < slots ? k : -1;
}
