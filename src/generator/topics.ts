/**
 * The topics of a generated organisation: the taxonomy, the popularity order
 * and the few topics with a deliberate shortage.
 *
 * - Popularity: a seeded shuffle of the topics gives each a rank; every draw
 *   of a topic (needs, KNOWS, COVERS, ABOUT) is Zipf over the ranks, so a
 *   handful of topics carry most of the demand and the supply.
 * - Taxonomy: topics are laid out by level (a few roots, then levels 1–3);
 *   each topic's broader topic is in the level above, so there is no cycle
 *   and the depth is 4 levels (3 where a level-2 topic has no narrower one).
 * - Single-expert topics (3 %): nobody but one designated person knows them
 *   at level ≥ 4, and one active project needs each at HIGH or CRITICAL.
 * - Emerging topics (4 %): nobody knows them beyond level 3 and no asset or
 *   lesson covers them: when a project needs one, nothing supplies it.
 */
import { Rng, shuffledIndexes, Zipf } from "./random.js";
import { S } from "./streams.js";

const SINGLE_EXPERT_SHARE = 0.03;
const EMERGING_SHARE = 0.04;

export const TopicKind = { Normal: 0, SingleExpert: 1, Emerging: 2 } as const;
export type TopicKind = (typeof TopicKind)[keyof typeof TopicKind];

export class Topics {
  /** First topic index of each taxonomy level (roots, 1, 2, 3), then the count. */
  readonly levelStart: readonly number[];
  readonly ofRank: Int32Array;
  readonly rankOf: Int32Array;
  readonly zipf: Zipf;
  /** k → topic of the k-th single-expert topic. */
  readonly singleExpert: Int32Array;
  private readonly kinds: Int8Array;
  private readonly singleExpertIndex: Int32Array;
  /** Ranks of emerging topics: excluded from secondary COVERS and ABOUT. */
  readonly emergingRanks: ReadonlySet<number>;

  constructor(
    readonly count: number,
    maxSingles: number,
    private readonly seed: number,
  ) {
    const roots = Math.min(24, Math.max(2, Math.round(Math.sqrt(count) / 3)));
    const level1 = Math.round(count * 0.12);
    const level2 = Math.round(count * 0.38);
    this.levelStart = [0, roots, roots + level1, roots + level1 + level2, count];

    this.ofRank = shuffledIndexes(count, Rng.of(seed, S.TopicOrder, 0));
    this.rankOf = new Int32Array(count);
    this.ofRank.forEach((topic, rank) => {
      this.rankOf[topic] = rank;
    });
    this.zipf = new Zipf(count);

    // Both kinds are spread evenly over the popularity ranks, from head to tail.
    this.kinds = new Int8Array(count);
    this.singleExpertIndex = new Int32Array(count).fill(-1);
    const singles = Math.max(1, Math.min(Math.round(count * SINGLE_EXPERT_SHARE), maxSingles));
    this.singleExpert = new Int32Array(singles);
    for (let k = 0; k < singles; k++) {
      const topic = this.ofRank[Math.floor(((k + 0.5) * count) / singles)]!;
      this.singleExpert[k] = topic;
      this.singleExpertIndex[topic] = k;
      this.kinds[topic] = TopicKind.SingleExpert;
    }
    const emerging = new Set<number>();
    const emergingCount = Math.max(1, Math.round(count * EMERGING_SHARE));
    for (let k = 0; k < emergingCount; k++) {
      let rank = Math.floor(((k + 0.25) * count) / emergingCount);
      while (this.kinds[this.ofRank[rank]!] !== TopicKind.Normal) rank = (rank + 1) % count;
      this.kinds[this.ofRank[rank]!] = TopicKind.Emerging;
      emerging.add(rank);
    }
    this.emergingRanks = emerging;
  }

  kind(topic: number): TopicKind {
    return this.kinds[topic] as TopicKind;
  }

  /** k of a single-expert topic, or −1. */
  singleExpertOf(topic: number): number {
    return this.singleExpertIndex[topic]!;
  }

  /** The highest level anyone but a designated expert may have on the topic. */
  levelCap(topic: number): number {
    return this.kinds[topic] === TopicKind.Normal ? 5 : 3;
  }

  /**
   * Main-topic weights per rank, 0 for emerging topics: Zipf 1/(r+1) for
   * assets and lessons; for people the flatter 1/√(r+1), as specialists are
   * spread more evenly than documents (√ is exactly rounded, so still
   * deterministic everywhere).
   */
  supplyWeights(shape: "zipf" | "sqrt"): Float64Array {
    const weights = new Float64Array(this.count);
    for (let r = 0; r < this.count; r++) {
      weights[r] = this.emergingRanks.has(r) ? 0 : shape === "zipf" ? 1 / (r + 1) : 1 / Math.sqrt(r + 1);
    }
    return weights;
  }

  level(topic: number): number {
    let level = 0;
    while (topic >= this.levelStart[level + 1]!) level++;
    return level;
  }

  /**
   * One broader topic in the level above, and a second one for about 5 % of
   * the topics of levels 2 and 3. Level-3 topics hang under the first three
   * quarters of level 2 only, so some branches stop at depth 3.
   */
  broader(topic: number): number[] {
    const level = this.level(topic);
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
}
