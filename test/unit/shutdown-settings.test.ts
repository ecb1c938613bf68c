import { describe, expect, it } from "vitest";
import { loadConfig, shutdownSettings } from "../../src/config.js";
import { retryBudget } from "../../src/db/connect.js";

describe("KMGRAPH_SHUTDOWN_DRAIN_MS and KMGRAPH_SHUTDOWN_TIMEOUT_MS", () => {
  it("default to a 1 s drain within a 25 s deadline", () => {
    expect(loadConfig({}).shutdown).toEqual({ drainMs: 1000, timeoutMs: 25_000 });
  });

  it("take whole milliseconds; a drain of 0 stops listening at once", () => {
    expect(shutdownSettings({ KMGRAPH_SHUTDOWN_DRAIN_MS: "0", KMGRAPH_SHUTDOWN_TIMEOUT_MS: "5000" })).toEqual({
      drainMs: 0,
      timeoutMs: 5000,
    });
  });

  it("refuse a deadline of 0, a non-number, and a drain longer than the deadline", () => {
    expect(() => shutdownSettings({ KMGRAPH_SHUTDOWN_TIMEOUT_MS: "0" })).toThrow(/KMGRAPH_SHUTDOWN_TIMEOUT_MS/);
    expect(() => shutdownSettings({ KMGRAPH_SHUTDOWN_DRAIN_MS: "1s" })).toThrow(/KMGRAPH_SHUTDOWN_DRAIN_MS/);
    expect(() =>
      shutdownSettings({ KMGRAPH_SHUTDOWN_DRAIN_MS: "30000", KMGRAPH_SHUTDOWN_TIMEOUT_MS: "25000" }),
    ).toThrow(/must not be longer than KMGRAPH_SHUTDOWN_TIMEOUT_MS/);
  });
});

describe("the driver's retry time", () => {
  // Retries at ~1 s, ~3 s, ~7 s (±20 %), each only while the time spent is within the budget.
  const lastRetryStart = (budget: number) => {
    let start = 0;
    for (let delay = 1000; start <= budget; delay *= 2) start += delay * 1.2;
    return start;
  };

  it("ends the last retry within about KMGRAPH_NEO4J_UNAVAILABLE_MS", () => {
    expect(retryBudget(2000)).toBe(800);
    for (const patience of [2000, 5000, 10_000, 30_000]) {
      expect(lastRetryStart(retryBudget(patience))).toBeLessThanOrEqual(patience);
    }
  });
});
