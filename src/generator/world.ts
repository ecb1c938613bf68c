/**
 * The structure of a generated organisation, by index arithmetic: who belongs
 * to which unit, which project produced asset i, which topics a project needs,
 * who is on its team. Each answer is a pure function of (seed, index), so the
 * writer can produce any entity on its own and a reference never needs a
 * lookup of what was written before.
 *
 * The only tables kept are per topic and per org unit (a few thousand numbers
 * at most): the shuffled topic order, the Zipf table and the topic "blocks"
 * that group assets and lessons by their main topic.
 */
import { NOW, LAST_DAY } from "./calendar.js";
import { AffinePermutation, Rng, Zipf, mix32, seedWord, shuffledIndexes } from "./random.js";
import { GAPS_PER_PROJECT, ACTIVITIES_PER_PROJECT, type SizeSpec } from "./sizes.js";

/** Independent random streams; each entity or aspect draws from its own. */
export const S = {
  TopicOrder: 1,
  Taxonomy: 2,
  Person: 3,
  ProjectCore: 4,
  Needs: 5,
  Team: 6,
  Project: 7,
  AssetCore: 8,
  Asset: 9,
  LessonCore: 10,
  Lesson: 11,
  GapPairs: 12,
  ActivityPairs: 13,
  Gap: 14,
  Activity: 15,
  GapTopics: 16,
} as const;
type Stream = (typeof S)[keyof typeof S];

export const CRITICALITIES = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export type CriticalityName = (typeof CRITICALITIES)[number];
export type ProjectStatusName = "PLANNED" | "ACTIVE" | "CLOSED";

export interface ProjectCore {
  status: ProjectStatusName;
  unit: number;
  /** Day numbers (see calendar.ts); end ≥ start. */
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
  /** Twentieths of a full-time post, so the JSON number stays short (0.35, not 0.35000000000000003). */
  allocation: number;
  from: number;
  to: number | null;
}

export interface AssetCore {
  /** Producing project, or −1 for an asset from outside any project. */
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

/** Share of people who have left but are still in the graph. */
const INACTIVE_SHARE = 0.05;
/** Share of topics given exactly one active expert and a HIGH/CRITICAL need. */
const SINGLE_EXPERT_SHARE = 0.03;
/** Needs per project: 3–8. */
const MIN_NEEDS = 3;
const MAX_NEEDS = 8;
const MEAN_NEEDS = (MIN_NEEDS + MAX_NEEDS) / 2;
/**
 * Target share of assets (lessons) used (applied) by a project other than
 * their producer. With u uses spread evenly over n items, 1 − e^(−u/n) of the
 * items are hit, so u/n = −ln(1 − share): 0.357 for 30 %, 0.105 for 10 %.
 * The constants are higher (measured on size S), because about a third of
 * the draws are discarded: a project's own assets, assets published after it
 * ended, and repeats.
 */
const ASSET_USES_PER_ITEM = 0.6;
const LESSON_APPLICATIONS_PER_ITEM = 0.15;

const ROLES = ["analyst", "engineer", "coordinator", "specialist", "advisor", "trainer", "researcher", "officer"];

export class World {
  readonly seed: number;
  /** First topic index of each taxonomy level (roots, 1, 2, 3) and the end. */
  readonly levelStart: readonly number[];
  /** Topic popularity: rank → topic index, topic index → rank. */
  readonly topicOfRank: Int32Array;
  readonly rankOfTopic: Int32Array;
  readonly topicZipf: Zipf;
  /** Single-expert topics: k → topic index; topic index → k or −1. */
  readonly singleExpertTopics: Int32Array;
  private readonly singleExpertOf: Int32Array;
  /** First person index of each org unit (people are grouped by unit). */
  readonly unitStart: Int32Array;
  private readonly unitWeights: number[];
  private readonly goalZipf: Zipf;
  /** Assets and lessons in "block order" are grouped by main-topic rank: block r is [blocks[r], blocks[r+1]). */
  private readonly assetBlocks: Int32Array;
  private readonly lessonBlocks: Int32Array;
  private readonly assetOrder: AffinePermutation;
  private readonly lessonOrder: AffinePermutation;
  private readonly usesPerNeed: number;
  private readonly applicationsPerNeed: number;

  constructor(
    readonly spec: SizeSpec,
    seed: number,
  ) {
    this.seed = seedWord(seed);
    const t = spec.topics;
    const roots = Math.min(24, Math.max(2, Math.round(Math.sqrt(t) / 3)));
    const level1 = Math.round(t * 0.12);
    const level2 = Math.round(t * 0.38);
    this.levelStart = [0, roots, roots + level1, roots + level1 + level2, t];

    this.topicOfRank = shuffledIndexes(t, Rng.of(this.seed, S.TopicOrder, 0));
    this.rankOfTopic = new Int32Array(t);
    this.topicOfRank.forEach((topic, rank) => (this.rankOfTopic[topic] = rank));
    this.topicZipf = new Zipf(t);

    // Single-expert topics are spread over the popularity ranks, head to tail.
    const singles = Math.max(1, Math.min(Math.round(t * SINGLE_EXPERT_SHARE), spec.projects, spec.people));
    this.singleExpertTopics = new Int32Array(singles);
    this.singleExpertOf = new Int32Array(t).fill(-1);
    for (let k = 0; k < singles; k++) {
      const topic = this.topicOfRank[Math.floor(((k + 0.5) * t) / singles)]!;
      this.singleExpertTopics[k] = topic;
      this.singleExpertOf[topic] = k;
    }

    // Unit sizes fall off gently (1/2, 1/3, 1/4, …): a few large units, many small.
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

    this.assetBlocks = this.blocks(spec.assets);
    this.lessonBlocks = this.blocks(spec.lessons);
    this.assetOrder = new AffinePermutation(spec.assets, mix32(this.seed ^ 0xa55e7));
    this.lessonOrder = new AffinePermutation(spec.lessons, mix32(this.seed ^ 0x1e55011));
    this.usesPerNeed = (ASSET_USES_PER_ITEM * spec.assets) / (spec.projects * MEAN_NEEDS);
    this.applicationsPerNeed = (LESSON_APPLICATIONS_PER_ITEM * spec.lessons) / (spec.projects * MEAN_NEEDS);
  }

  /** Items per main-topic rank in proportion to the Zipf weights, so COVERS and ABOUT follow topic popularity. */
  private blocks(items: number): Int32Array {
    const t = this.spec.topics;
    const blocks = new Int32Array(t + 1);
    for (let r = 1; r < t; r++) blocks[r] = Math.floor(items * this.topicZipf.cumulative[r - 1]!);
    blocks[t] = items;
    return blocks;
  }

  // Topics ------------------------------------------------------------------

  topicLevel(topic: number): number {
    let level = 0;
    while (topic >= this.levelStart[level + 1]!) level++;
    return level;
  }

  /**
   * Broader topics: one in the level above (so no cycle can form), and for a
   * few topics a second one. Level-3 topics hang under the first three
   * quarters of level 2 only, so some branches stop at depth 3.
   */
  broader(topic: number): number[] {
    const level = this.topicLevel(topic);
    if (level === 0) return [];
    const rng = Rng.of(this.seed, S.Taxonomy, topic);
    const start = this.levelStart[level - 1]!;
    const size = this.levelStart[level]! - start;
    const pool = level === 3 ? Math.max(1, Math.floor(size * 0.75)) : size;
    const first = start + rng.below(pool);
    if (level >= 2 && size > 1 && rng.chance(0.05)) {
      const second = start + ((first - start + 1 + rng.below(size - 1)) % size);
      return [first, second];
    }
    return [first];
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

  /** The single-expert topic (k) person `person` is the one expert of, or −1. */
  singleExpertTopicOf(person: number): number {
    const stride = Math.floor(this.spec.people / this.singleExpertTopics.length);
    const offset = person - (stride >> 1);
    if (offset < 0 || offset % stride !== 0) return -1;
    const k = offset / stride;
    return k < this.singleExpertTopics.length ? k : -1;
  }

  /** The k of a single-expert topic, or −1. */
  singleExpertIndex(topic: number): number {
    return this.singleExpertOf[topic]!;
  }

  isActive(person: number): boolean {
    if (this.singleExpertTopicOf(person) >= 0) return true;
    return mix32(this.seed ^ mix32(person + 0x51ed27)) / 4294967296 >= INACTIVE_SHARE;
  }

  // Projects ----------------------------------------------------------------

  /** The single-expert topic (k) project `project` needs at HIGH/CRITICAL, or −1. */
  private singleExpertNeedOf(project: number): number {
    const stride = Math.floor(this.spec.projects / this.singleExpertTopics.length);
    const offset = project - (stride >> 1);
    if (offset < 0 || offset % stride !== 0) return -1;
    const k = offset / stride;
    return k < this.singleExpertTopics.length ? k : -1;
  }

  /** Status, owner and dates: 40 % CLOSED, 40 % ACTIVE, 20 % PLANNED, around the world's NOW. */
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

  /** 3–8 topics drawn by Zipf popularity, plus the single-expert topic this project is given. */
  needs(project: number): Need[] {
    const rng = Rng.of(this.seed, S.Needs, project);
    const k = this.singleExpertNeedOf(project);
    const special = k >= 0 ? this.singleExpertTopics[k]! : -1;
    const exclude = new Set<number>(special >= 0 ? [this.rankOfTopic[special]!] : []);
    const ranks = this.topicZipf.distinct(rng, rng.int(MIN_NEEDS, MAX_NEEDS), exclude);
    const needs: Need[] = ranks.map((rank) => ({
      topic: this.topicOfRank[rank]!,
      rank,
      level: 1 + rng.weighted([5, 25, 40, 22, 8]),
      criticality: CRITICALITIES[rng.weighted([25, 35, 25, 15])]!,
    }));
    if (special >= 0) {
      const criticality = rng.chance(0.5) ? "CRITICAL" : "HIGH";
      needs.splice(rng.below(needs.length + 1), 0, { topic: special, rank: this.rankOfTopic[special]!, level: 4, criticality });
    }
    return needs;
  }

  /**
   * 3–15 people (mostly small teams). Three in four come from the owning
   * unit, drawn with a bias to the unit's first people, so a few people sit on
   * many teams at once and end up overloaded.
   */
  team(project: number, core: ProjectCore = this.projectCore(project)): TeamMember[] {
    const rng = Rng.of(this.seed, S.Team, project);
    const size = Math.min(this.spec.people, 3 + Math.floor(13 * rng.next() * rng.next()));
    const unitFrom = this.unitStart[core.unit]!;
    const unitSize = this.unitStart[core.unit + 1]! - unitFrom;
    const chosen = new Set<number>();
    const members: TeamMember[] = [];
    while (members.length < size) {
      let person = -1;
      for (let tries = 0; tries < 6 && (person < 0 || chosen.has(person)); tries++) {
        const u = rng.next();
        person = rng.chance(0.75) && unitSize > 0 ? unitFrom + Math.floor(unitSize * u * u) : Math.floor(this.spec.people * u);
      }
      while (chosen.has(person)) person = (person + 1) % this.spec.people;
      chosen.add(person);
      const lead = members.length === 0;
      members.push({
        person,
        role: lead ? "lead" : rng.pick(ROLES),
        allocation: lead ? rng.int(10, 20) : rng.int(2, 12),
        ...this.window(rng, core),
      });
    }
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

  // Assets and lessons --------------------------------------------------------

  /** Draws a producing project, avoiding (mostly) projects that have not started. */
  private someProject(rng: Rng): number {
    let project = rng.below(this.spec.projects);
    for (let tries = 0; tries < 2 && this.projectCore(project).status === "PLANNED"; tries++) project = rng.below(this.spec.projects);
    return project;
  }

  assetCore(asset: number): AssetCore {
    const rng = Rng.of(this.seed, S.AssetCore, asset);
    const rank = blockOf(this.assetBlocks, this.assetOrder.forward(asset));
    if (rng.chance(0.05)) return { producer: -1, rank, published: rng.int(0, NOW) };
    const producer = this.someProject(rng);
    const { start, end } = this.projectCore(producer);
    const from = start + Math.floor((end - start) * 0.3);
    const to = Math.max(from, Math.min(end + 60, NOW));
    return { producer, rank, published: rng.int(from, to) };
  }

  lessonCore(lesson: number): LessonCore {
    const rng = Rng.of(this.seed, S.LessonCore, lesson);
    const rank = blockOf(this.lessonBlocks, this.lessonOrder.forward(lesson));
    const project = this.someProject(rng);
    const { start, end } = this.projectCore(project);
    return { project, rank, recorded: rng.int(start, Math.max(start, Math.min(end + 30, NOW))) };
  }

  /**
   * Assets a project used: for each need, a few assets on that topic taken
   * from the topic's block, skipping its own and those published after it
   * ended. The block arithmetic names them without any index of assets.
   */
  uses(project: number, core: ProjectCore, needs: readonly Need[], rng: Rng): { asset: number; at: number }[] {
    return this.reuse(rng, needs, this.assetBlocks, this.assetOrder, this.usesPerNeed, core, (asset) => {
      const { producer, published } = this.assetCore(asset);
      return producer === project ? null : published;
    }).map(({ item, at }) => ({ asset: item, at }));
  }

  /** Lessons a project applied, drawn like `uses` from the lesson blocks. */
  applications(project: number, core: ProjectCore, needs: readonly Need[], rng: Rng): { lesson: number; at: number }[] {
    return this.reuse(rng, needs, this.lessonBlocks, this.lessonOrder, this.applicationsPerNeed, core, (lesson) => {
      const { project: origin, recorded } = this.lessonCore(lesson);
      return origin === project ? null : recorded;
    }).map(({ item, at }) => ({ lesson: item, at }));
  }

  private reuse(
    rng: Rng,
    needs: readonly Need[],
    blocks: Int32Array,
    order: AffinePermutation,
    mean: number,
    core: ProjectCore,
    availableFrom: (item: number) => number | null,
  ): { item: number; at: number }[] {
    // Reuse is dated up to the project's end, and not after NOW unless the project is still planned.
    const last = core.status === "PLANNED" ? core.end : Math.min(core.end, NOW);
    const taken = new Set<number>();
    const out: { item: number; at: number }[] = [];
    for (const need of needs) {
      const from = blocks[need.rank]!;
      const size = blocks[need.rank + 1]! - from;
      if (size === 0) continue;
      const count = rng.geometric(mean, 25);
      for (let i = 0; i < count; i++) {
        const item = order.inverse(from + rng.below(size));
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

  /** Projects come in pairs sharing 2m gaps (m = 3) split at random, so counts vary 0–6 and the total is exact. */
  gapRange(project: number): { start: number; count: number } {
    return pairRange(this.seed, S.GapPairs, project, this.spec.projects, GAPS_PER_PROJECT);
  }

  projectOfGap(gap: number): number {
    return pairOwner(this.seed, S.GapPairs, gap, this.spec.projects, GAPS_PER_PROJECT);
  }

  activityRange(project: number): { start: number; count: number } {
    return pairRange(this.seed, S.ActivityPairs, project, this.spec.projects, ACTIVITIES_PER_PROJECT);
  }

  projectOfActivity(activity: number): number {
    return pairOwner(this.seed, S.ActivityPairs, activity, this.spec.projects, ACTIVITIES_PER_PROJECT);
  }

  /** Topics of a project's gaps: its needs first; beyond them, other popular topics. */
  gapTopics(project: number, needs: readonly Need[]): { topic: number; need: Need | null }[] {
    const { count } = this.gapRange(project);
    const out: { topic: number; need: Need | null }[] = needs.slice(0, count).map((need) => ({ topic: need.topic, need }));
    if (count > needs.length) {
      const rng = Rng.of(this.seed, S.GapTopics, project);
      const extra = this.topicZipf.distinct(rng, count - needs.length, new Set(needs.map((n) => n.rank)));
      for (const rank of extra) out.push({ topic: this.topicOfRank[rank]!, need: null });
    }
    return out;
  }

  /** Goals a project supports: none, one or two, the first goals more often. */
  goals(rng: Rng): number[] {
    return this.goalZipf.distinct(rng, rng.weighted([20, 55, 25]));
  }
}

/** The block holding position `x`: the last r with blocks[r] ≤ x (skipping empty blocks). */
function blockOf(blocks: Int32Array, x: number): number {
  let lo = 0;
  let hi = blocks.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (blocks[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** δ of pair k: the first project of the pair gets m + δ items, the second m − δ. */
function pairShift(seed: number, stream: Stream, pair: number, m: number): number {
  return Rng.of(seed, stream, pair).int(-m, m);
}

function pairRange(seed: number, stream: Stream, project: number, projects: number, m: number): { start: number; count: number } {
  const pair = project >> 1;
  const base = pair * 2 * m;
  if (2 * pair + 1 >= projects) return { start: base, count: m }; // the odd one out keeps m
  const shift = pairShift(seed, stream, pair, m);
  return project % 2 === 0 ? { start: base, count: m + shift } : { start: base + m + shift, count: m - shift };
}

function pairOwner(seed: number, stream: Stream, item: number, projects: number, m: number): number {
  const pair = Math.floor(item / (2 * m));
  if (2 * pair + 1 >= projects) return 2 * pair;
  return item - pair * 2 * m < m + pairShift(seed, stream, pair, m) ? 2 * pair : 2 * pair + 1;
}
