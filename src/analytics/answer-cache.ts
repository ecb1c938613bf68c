import type { Database } from "../db/database.js";

/** What the cache has served, for the metrics. */
export interface CacheCounts {
  hits: number;
  misses: number;
  /** Answers being computed right now, shared by every request that asks for them meanwhile. */
  inFlight: number;
  entries: number;
}

/** One computation of an answer. */
interface Computation {
  /**
   * The newest graph version read by a request it answers, each read before
   * the computation started: its own reads see that version or a later one.
   */
  version: number;
  answer: Promise<unknown>;
  settled: boolean;
}

/** What the cache holds for one key. */
interface Slot {
  /** The newest computation started, running or done; never a failed one. */
  latest: Computation | undefined;
  /** The one that starts when `latest` ends, shared by every request for a newer version meanwhile. */
  queued: Computation | undefined;
}

/**
 * The answers kept by graph version: each family has its own room, so a
 * crowd of expert searches never pushes out the organisation overview.
 */
export enum AnswerFamily {
  /** Organisation-level analytics (overview, gaps, bottlenecks, truck factor…): a few parameter sets each. */
  ORGANISATION = "organisation",
  /** Expert finder rankings, per topic or text and options. */
  EXPERTS = "experts",
  /** Knowledge search rankings, per text and filters. */
  SEARCH = "search",
}

/**
 * How many answers each family keeps. Bounds the memory: an expert ranking
 * holds at most 100 people with their evidence; a search ranking at most
 * 1,000 hits per kind (src/search/knowledge-search.ts), a few hundred bytes
 * each, so the search family stays under about 100 MB even at worst.
 */
export const ANSWER_CACHE_ENTRIES: Readonly<Record<AnswerFamily, number>> = {
  [AnswerFamily.ORGANISATION]: 64,
  [AnswerFamily.EXPERTS]: 256,
  [AnswerFamily.SEARCH]: 64,
};

/**
 * Answers by (kind of answer, parameters) and graph version,
 * shared by every request of the process. An answer is served only to a
 * request that read a version no newer than the one it was computed at;
 * every write transaction raises the version (Database.write), so nothing
 * stale is ever served, by this process or after another's write. Identical
 * requests that arrive while an answer is computed wait for that computation
 * instead of starting their own.
 *
 * One computation per key runs at a time. A request that needs a newer
 * version than the running one's waits for it to end and then shares one
 * computation with every other such request; that one starts after all of
 * them read their version, so it is current for each. Without this, a
 * steady trickle of writes under load started a new organisation-wide
 * computation at every write, each slowed by the others, until requests
 * waited for tens of seconds (docs/operations.md, measured under load). The
 * least recently used key goes first when the cache is full.
 *
 * Answers are shared between requests and must not be changed by them.
 */
export class AnswerCache {
  private readonly slots = new Map<string, Slot>();
  private readonly counts = { hits: 0, misses: 0, inFlight: 0 };

  constructor(private readonly capacity = ANSWER_CACHE_ENTRIES[AnswerFamily.ORGANISATION]) {}

  async get<T>(key: string, version: number, compute: () => Promise<T>): Promise<T> {
    let slot = this.slots.get(key);
    // Re-inserted: the Map's order is the order of use.
    this.slots.delete(key);
    slot ??= { latest: undefined, queued: undefined };
    this.slots.set(key, slot);
    while (this.slots.size > this.capacity) this.slots.delete(this.slots.keys().next().value!);

    const { latest, queued } = slot;
    if (latest && latest.version >= version) {
      this.counts.hits += 1;
      return latest.answer as Promise<T>;
    }
    if (queued) {
      this.counts.hits += 1;
      queued.version = Math.max(queued.version, version);
      return queued.answer as Promise<T>;
    }
    this.counts.misses += 1;
    if (!latest || latest.settled) {
      const computation: Computation = { version, answer: Promise.resolve(), settled: false };
      computation.answer = this.run(slot, computation, compute);
      slot.latest = computation;
      return computation.answer as Promise<T>;
    }
    const next: Computation = { version, answer: Promise.resolve(), settled: false };
    const ignore = () => {};
    next.answer = latest.answer.then(ignore, ignore).then(() => {
      slot.queued = undefined;
      slot.latest = next;
      return this.run(slot, next, compute);
    });
    slot.queued = next;
    return next.answer as Promise<T>;
  }

  private run<T>(slot: Slot, computation: Computation, compute: () => Promise<T>): Promise<T> {
    this.counts.inFlight += 1;
    const answer = compute();
    answer.then(
      () => {
        computation.settled = true;
        this.counts.inFlight -= 1;
      },
      () => {
        computation.settled = true;
        this.counts.inFlight -= 1;
        // A failure is not an answer: the next request computes again.
        if (slot.latest === computation) slot.latest = undefined;
      },
    );
    return answer;
  }

  stats(): CacheCounts {
    return { ...this.counts, entries: this.slots.size };
  }
}

export type AnswerCaches = Readonly<Record<AnswerFamily, AnswerCache>>;

const caches = new WeakMap<Database, AnswerCaches>();

/** The caches of the process for this database: requests come and go, the caches stay. */
export function answerCachesOf(db: Database): AnswerCaches {
  let families = caches.get(db);
  if (!families) {
    families = {
      [AnswerFamily.ORGANISATION]: new AnswerCache(ANSWER_CACHE_ENTRIES[AnswerFamily.ORGANISATION]),
      [AnswerFamily.EXPERTS]: new AnswerCache(ANSWER_CACHE_ENTRIES[AnswerFamily.EXPERTS]),
      [AnswerFamily.SEARCH]: new AnswerCache(ANSWER_CACHE_ENTRIES[AnswerFamily.SEARCH]),
    };
    caches.set(db, families);
  }
  return families;
}

/**
 * One request's way into the caches: the graph's version is read once, by
 * the first cached answer the request asks for, and every answer it gets is
 * current at that version or newer.
 */
export class VersionedAnswers {
  private version: Promise<number> | undefined;

  constructor(
    private readonly db: Database,
    private readonly caches: AnswerCaches = answerCachesOf(db),
  ) {}

  /** `key` is every parameter the answer depends on (made into its cache key as JSON). */
  get<T>(family: AnswerFamily, key: unknown, compute: () => Promise<T>): Promise<T> {
    this.version ??= this.db.version();
    return this.version.then((version) => this.caches[family].get(JSON.stringify(key), version, compute));
  }
}
