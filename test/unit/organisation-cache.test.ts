import { describe, expect, it } from "vitest";
import { OrganisationCache } from "../../src/analytics/organisation-cache.js";

describe("the organisation cache", () => {
  it("serves an answer while the version holds, and computes again when it moves", async () => {
    const cache = new OrganisationCache();
    let computed = 0;
    const compute = async () => ++computed;
    expect(await cache.get("coverage", 7, compute)).toBe(1);
    expect(await cache.get("coverage", 7, compute)).toBe(1);
    expect(await cache.get("coverage", 8, compute)).toBe(2);
    expect(await cache.get("gaps", 8, compute)).toBe(3);
    expect(cache.stats()).toEqual({ hits: 1, misses: 3, inFlight: 0, entries: 2 });
  });

  it("shares one computation among identical requests that arrive while it runs", async () => {
    const cache = new OrganisationCache();
    let computed = 0;
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const compute = async () => {
      computed += 1;
      await gate;
      return "answer";
    };
    const waiting = Array.from({ length: 20 }, () => cache.get("bottlenecks", 1, compute));
    expect(cache.stats().inFlight).toBe(1);
    finish();
    expect(await Promise.all(waiting)).toEqual(Array(20).fill("answer"));
    expect(computed).toBe(1);
  });

  it("forgets a failure, so the next request tries again", async () => {
    const cache = new OrganisationCache();
    await expect(cache.get("maturity", 1, () => Promise.reject(new Error("Neo4j went away")))).rejects.toThrow();
    expect(await cache.get("maturity", 1, async () => "recovered")).toBe("recovered");
  });

  it("keeps at most its capacity, dropping the least recently used", async () => {
    const cache = new OrganisationCache(2);
    await cache.get("a", 1, async () => "a");
    await cache.get("b", 1, async () => "b");
    await cache.get("a", 1, async () => "a again");
    await cache.get("c", 1, async () => "c");
    expect(cache.stats().entries).toBe(2);
    expect(await cache.get("a", 1, async () => "a recomputed")).toBe("a");
    expect(await cache.get("b", 1, async () => "b recomputed")).toBe("b recomputed");
  });
});
