import type { Database } from "../db/database.js";

/** What the cache has served, for the metrics. */
export interface CacheCounts {
  hits: number;
  misses: number;
  /** Answers being computed right now, shared by every request that asks for them meanwhile. */
  inFlight: number;
  entries: number;
}

interface Entry {
  readonly version: number;
  readonly answer: Promise<unknown>;
}

/** How many answers the cache keeps: a few parameter sets of each organisation analytic. */
export const ORGANISATION_CACHE_ENTRIES = 64;

/**
 * Organisation-level answers by (analytic, parameters) and graph version,
 * shared by every request of the process. An answer is served only while the
 * graph's version is the one it was computed at; every write transaction
 * raises the version (Database.write), so nothing stale is ever served, by
 * this process or after another's write. Identical requests that arrive while
 * an answer is computed wait for that computation instead of starting their
 * own. The least recently used answer goes first when the cache is full.
 */
export class OrganisationCache {
  private readonly entries = new Map<string, Entry>();
  private readonly counts = { hits: 0, misses: 0, inFlight: 0 };

  constructor(private readonly capacity = ORGANISATION_CACHE_ENTRIES) {}

  async get<T>(key: string, version: number, compute: () => Promise<T>): Promise<T> {
    const cached = this.entries.get(key);
    if (cached && cached.version === version) {
      this.counts.hits += 1;
      // Re-inserted: the Map's order is the order of use.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached.answer as Promise<T>;
    }
    this.counts.misses += 1;
    this.counts.inFlight += 1;
    const answer = compute().finally(() => {
      this.counts.inFlight -= 1;
    });
    this.entries.delete(key);
    this.entries.set(key, { version, answer });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    // A failure is not an answer: the next request computes again.
    answer.catch(() => {
      if (this.entries.get(key)?.answer === answer) this.entries.delete(key);
    });
    return answer;
  }

  stats(): CacheCounts {
    return { ...this.counts, entries: this.entries.size };
  }
}

const caches = new WeakMap<Database, OrganisationCache>();

/** The cache of the process for this database: requests come and go, the cache stays. */
export function organisationCacheOf(db: Database): OrganisationCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new OrganisationCache();
    caches.set(db, cache);
  }
  return cache;
}
