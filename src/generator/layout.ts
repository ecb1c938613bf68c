/**
 * Where entities sit in index space, so that a reference can be computed
 * instead of looked up.
 *
 * - Topic blocks: people, assets and lessons are grouped by their main topic
 *   (block r holds the items of the topic of popularity rank r, sized by its
 *   Zipf weight) and an affine permutation scatters the blocks over the ids.
 *   "An asset on topic T" is then: a random position in T's block, mapped to
 *   its id.
 * - Project pairs: a project's gaps (activities) are a contiguous run of
 *   indexes. Projects 2k and 2k+1 share 2m items split at random, so counts
 *   vary while every run's start is known from k alone.
 */
import { AffinePermutation, Rng } from "./random.js";

export class TopicBlocks {
  /** Block r is [start[r], start[r+1]) in block order. */
  private readonly start: Int32Array;
  private readonly order: AffinePermutation;

  /** `weights[r]`: relative weight of rank r (0 leaves the block empty). */
  constructor(
    readonly items: number,
    weights: Float64Array,
    key: number,
  ) {
    const ranks = weights.length;
    let total = 0;
    for (const w of weights) total += w;
    this.start = new Int32Array(ranks + 1);
    let cumulative = 0;
    for (let r = 0; r < ranks; r++) {
      this.start[r] = Math.floor((items * cumulative) / total);
      cumulative += weights[r]!;
    }
    this.start[ranks] = items;
    this.order = new AffinePermutation(items, key);
  }

  size(rank: number): number {
    return this.start[rank + 1]! - this.start[rank]!;
  }

  /** The main-topic rank of item `index` (an id position). */
  rankOf(index: number): number {
    const x = this.order.forward(index);
    // The last r with start[r] ≤ x; empty blocks (start[r] = start[r+1]) are skipped by construction.
    let lo = 0;
    let hi = this.start.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.start[mid]! <= x) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** A random item whose main topic has rank `rank`, or −1 when the block is empty. */
  pick(rng: Rng, rank: number): number {
    const size = this.size(rank);
    return size === 0 ? -1 : this.order.inverse(this.start[rank]! + rng.below(size));
  }
}

/** Items per project: m on average, 0…2m, exact total m × projects (an odd last project keeps m). */
export class ProjectRuns {
  constructor(
    private readonly seed: number,
    private readonly stream: number,
    private readonly projects: number,
    private readonly m: number,
  ) {}

  /** δ of pair k: the pair's first project gets m + δ items, the second m − δ. */
  private shift(pair: number): number {
    return Rng.of(this.seed, this.stream, pair).int(-this.m, this.m);
  }

  range(project: number): { start: number; count: number } {
    const pair = project >> 1;
    const base = pair * 2 * this.m;
    if (2 * pair + 1 >= this.projects) return { start: base, count: this.m };
    const shift = this.shift(pair);
    return project % 2 === 0
      ? { start: base, count: this.m + shift }
      : { start: base + this.m + shift, count: this.m - shift };
  }

  owner(item: number): number {
    const pair = Math.floor(item / (2 * this.m));
    if (2 * pair + 1 >= this.projects) return 2 * pair;
    return item - pair * 2 * this.m < this.m + this.shift(pair) ? 2 * pair : 2 * pair + 1;
  }
}
