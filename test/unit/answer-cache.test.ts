import { describe, expect, it } from "vitest";
import { AnswerCache } from "../../src/analytics/answer-cache.js";

describe("the answer cache", () => {
  it("serves an answer while the version holds, and computes again when it moves", async () => {
    const cache = new AnswerCache();
    let computed = 0;
    const compute = async () => ++computed;
    expect(await cache.get("coverage", 7, compute)).toBe(1);
    expect(await cache.get("coverage", 7, compute)).toBe(1);
    expect(await cache.get("coverage", 8, compute)).toBe(2);
    expect(await cache.get("gaps", 8, compute)).toBe(3);
    expect(cache.stats()).toEqual({ hits: 1, misses: 3, inFlight: 0, entries: 2 });
  });

  it("shares one computation among identical requests that arrive while it runs", async () => {
    const cache = new AnswerCache();
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

  it("runs one computation per key at a time: requests for newer versions meanwhile share the next one", async () => {
    const cache = new AnswerCache();
    const started: number[] = [];
    const gates: (() => void)[] = [];
    const compute = (label: number) => async () => {
      started.push(label);
      await new Promise<void>((resolve) => gates.push(resolve));
      return label;
    };
    const first = cache.get("overview", 1, compute(1));
    // Writes happen while it runs: requests read versions 2, 3 and 4.
    const newer = [2, 3, 4].map((version) => cache.get("overview", version, compute(version)));
    await Promise.resolve();
    expect(started).toEqual([1]);
    gates.shift()!();
    expect(await first).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    // One computation for all three, started after each had read its version.
    expect(started).toEqual([1, 2]);
    expect(cache.stats().inFlight).toBe(1);
    // Asked while it runs, at a version it already covers: shared, not queued.
    const covered = cache.get("overview", 4, compute(99));
    gates.shift()!();
    expect(await Promise.all([...newer, covered])).toEqual([2, 2, 2, 2]);
    expect(started).toEqual([1, 2]);
    expect(cache.stats()).toMatchObject({ misses: 2, inFlight: 0 });
    // A version it does not cover computes again.
    const later = cache.get("overview", 5, compute(5));
    await Promise.resolve();
    gates.shift()!();
    expect(await later).toBe(5);
  });

  it("serves an answer computed at a newer version to a request that read an older one", async () => {
    const cache = new AnswerCache();
    expect(await cache.get("gaps", 9, async () => "at 9")).toBe("at 9");
    expect(await cache.get("gaps", 8, async () => "at 8")).toBe("at 9");
  });

  it("starts the queued computation even when the running one fails", async () => {
    const cache = new AnswerCache();
    let fail!: (error: Error) => void;
    const failing = cache.get("reuse", 1, () => new Promise((_, reject) => (fail = reject)));
    const queued = cache.get("reuse", 2, async () => "after the failure");
    fail(new Error("Neo4j went away"));
    await expect(failing).rejects.toThrow("Neo4j went away");
    expect(await queued).toBe("after the failure");
  });

  it("forgets a failure, so the next request tries again", async () => {
    const cache = new AnswerCache();
    await expect(cache.get("maturity", 1, () => Promise.reject(new Error("Neo4j went away")))).rejects.toThrow();
    expect(await cache.get("maturity", 1, async () => "recovered")).toBe("recovered");
  });

  it("keeps at most its capacity, dropping the least recently used", async () => {
    const cache = new AnswerCache(2);
    await cache.get("a", 1, async () => "a");
    await cache.get("b", 1, async () => "b");
    await cache.get("a", 1, async () => "a again");
    await cache.get("c", 1, async () => "c");
    expect(cache.stats().entries).toBe(2);
    expect(await cache.get("a", 1, async () => "a recomputed")).toBe("a");
    expect(await cache.get("b", 1, async () => "b recomputed")).toBe("b recomputed");
  });
});
