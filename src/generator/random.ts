/**
 * Seeded randomness for the generator. Every entity draws from its own small
 * stream keyed by (seed, stream kind, index), so entity i can be produced on
 * its own, in any order, without the entities before it. Only 32-bit integer
 * arithmetic and plain divisions are used (no Math.pow or Math.log in a
 * decision), so a seed gives the same bytes on every platform.
 */

/** A 32-bit finaliser (the murmur3 one): spreads every input bit over the output. */
export function mix32(value: number): number {
  let x = value >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Folds a safe integer seed (possibly negative or above 2^32) into 32 bits. */
export function seedWord(seed: number): number {
  const high = Math.floor(seed / 0x1_0000_0000);
  return mix32((seed >>> 0) ^ mix32(high ^ 0x5bd1e995));
}

/** The starting state of stream `kind` for entity `index`. */
export function streamKey(seed: number, kind: number, index: number): number {
  return mix32(mix32(seed ^ Math.imul(kind + 1, 0x9e3779b9)) ^ mix32(index + 0x632be5ab));
}

/** A mulberry32 stream with the small helpers the generators need. */
export class Rng {
  private state: number;

  constructor(key: number) {
    this.state = key >>> 0;
  }

  static of(seed: number, kind: number, index: number): Rng {
    return new Rng(streamKey(seed, kind, index));
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }

  /** An index drawn by relative weights (weights need not sum to 1). */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i]!;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  /** Draws from a mean-`mean` geometric distribution (0, 1, 2, …), capped at `max`. */
  geometric(mean: number, max: number): number {
    const more = mean / (1 + mean);
    let k = 0;
    while (k < max && this.next() < more) k++;
    return k;
  }
}

/**
 * Zipf over ranks 0…n−1: rank r has weight 1/(r+1). A cumulative table of n
 * floats and a binary search; with exponent 1 the weights are plain divisions.
 */
export class Zipf {
  readonly cumulative: Float64Array;

  constructor(readonly n: number) {
    this.cumulative = new Float64Array(n);
    let sum = 0;
    for (let r = 0; r < n; r++) {
      sum += 1 / (r + 1);
      this.cumulative[r] = sum;
    }
    for (let r = 0; r < n; r++) this.cumulative[r] = this.cumulative[r]! / sum;
  }

  /** The rank whose cumulative interval holds u ∈ [0, 1). */
  rankAt(u: number): number {
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  sample(rng: Rng): number {
    return this.rankAt(rng.next());
  }

  /**
   * `count` distinct ranks (fewer if n is smaller), none in `exclude`. Draws
   * with rejection; after a few misses it takes the next free rank, so heavy
   * users of the head still finish quickly.
   */
  distinct(rng: Rng, count: number, exclude: ReadonlySet<number> = new Set()): number[] {
    const taken = new Set(exclude);
    const out: number[] = [];
    const want = Math.min(count, this.n - taken.size);
    while (out.length < want) {
      let rank = this.sample(rng);
      for (let tries = 0; taken.has(rank) && tries < 8; tries++) rank = this.sample(rng);
      while (taken.has(rank)) rank = (rank + 1) % this.n;
      taken.add(rank);
      out.push(rank);
    }
    return out;
  }
}

/**
 * A bijection of 0…n−1, x → (x·k + c) mod n with k coprime to n. It scatters
 * entities that are grouped by topic in "block" order over the id space, and
 * its inverse lets a project name the asset at block position b by its id.
 */
export class AffinePermutation {
  private readonly k: number;
  private readonly kInverse: number;
  private readonly c: number;

  constructor(
    readonly n: number,
    key: number,
  ) {
    let k = n <= 1 ? 1 : (mix32(key) % (n - 1)) + 1;
    while (n > 1 && gcd(k, n) !== 1) k = (k % (n - 1)) + 1;
    this.k = k;
    this.kInverse = n <= 1 ? 0 : modInverse(k, n);
    this.c = n <= 1 ? 0 : mix32(key ^ 0x27d4eb2d) % n;
  }

  /** Position in the id space → position in block order. */
  forward(x: number): number {
    return this.n <= 1 ? 0 : (mulMod(x, this.k, this.n) + this.c) % this.n;
  }

  /** Position in block order → position in the id space. */
  inverse(y: number): number {
    return this.n <= 1 ? 0 : mulMod((y - this.c + this.n) % this.n, this.kInverse, this.n);
  }
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** a·b mod n without leaving the exact range of doubles (n < 2^26 here). */
function mulMod(a: number, b: number, n: number): number {
  return (a * b) % n;
}

function modInverse(k: number, n: number): number {
  let [oldR, r] = [k, n];
  let [oldS, s] = [1, 0];
  while (r !== 0) {
    const q = Math.floor(oldR / r);
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return ((oldS % n) + n) % n;
}

/** A Fisher–Yates shuffle of 0…n−1, for small lists only (the topic popularity order). */
export function shuffledIndexes(n: number, rng: Rng): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}
