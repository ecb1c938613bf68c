import { beforeAll, describe, expect, it } from "vitest";
import { analyticsParams } from "../../src/analytics/params.js";
import type { AppError } from "../../src/errors.js";
import { ExpertFinder, type ExpertQuery } from "../../src/finder/expert-finder.js";
import { finderOrg } from "../fixtures/finder-org.js";
import { execute, query, useGraph } from "../support/graph.js";

// Worked by hand from test/fixtures/finder-org.ts, asOf 2025-06-01.
// recency = 1 for evidence dated on asOf, 0.5 without a date.

const graph = useGraph(finderOrg);
let finder: ExpertFinder;
const params = analyticsParams({ asOf: "2025-06-01" });
const find = (request: ExpertQuery, p = params) => finder.find(request, p);
const ids = (matches: readonly { person: string }[]) => matches.map((match) => match.person);

/** Fay's role on pr-old ended 2023-06-01: 731 days, i.e. 731 / (365.25/12) months, before asOf. */
const FAY_ROLE = 0.3 * 0.5 ** (731 / (365.25 / 12) / 24);

beforeAll(() => {
  finder = new ExpertFinder(graph.db);
});

describe("expert finder ranking", () => {
  it("scores declared level, authorship, lessons and roles, with taxonomy decay", async () => {
    const [ann, bob, cat, fay, ...rest] = await find({ topic: "t-water" });
    expect(rest).toEqual([]);
    // Ann: 4/5 × PEER 1 × (1 + min(12, 10)/20) × 1 = 1.2.
    expect(ann).toMatchObject({
      person: "p-ann",
      score: 1.2,
      level: 4,
      availability: 1,
      parts: { declared: 1.2, authored: 0, recorded: 0, roles: 0 },
    });
    // Bob: t-pumps one hop down, 5/5 × SELF 0.8 × 0.5 = 0.4; the manual 0.5 × 5/5 = 0.5; role on pr-1 0.3. Ties Ann at 1.2: id order.
    expect(bob).toMatchObject({
      person: "p-bob",
      score: 1.2,
      level: 2.5,
      availability: 0.5,
      parts: { declared: 0.4, authored: 0.5, recorded: 0, roles: 0.3 },
    });
    expect(bob!.evidence).toEqual([
      { kind: "AUTHORED", id: "a-manual", topic: "t-water", hops: 0, value: 0.5 },
      { kind: "DECLARED", id: "t-pumps", topic: "t-pumps", hops: 1, value: 0.4 },
      { kind: "ROLE", id: "pr-1", topic: "t-water", hops: 0, value: 0.3 },
    ]);
    // Cat: INFERRED 3/5 × 0.5 × 0.5 (no date) = 0.15; lesson on t-valves, 2 hops: 0.3 × 0.25 = 0.075; role 0.3. Interest adds nothing.
    expect(cat).toMatchObject({
      person: "p-cat",
      score: 0.525,
      level: 3,
      availability: 0,
      parts: { declared: 0.15, recorded: 0.075, roles: 0.3 },
    });
    // Fay: only a role that ended two years ago.
    expect(fay).toMatchObject({ person: "p-fay", level: null, availability: 1 });
    expect(fay!.score).toBeCloseTo(FAY_ROLE, 9);
  });

  it("never counts inactive people, interest, or evidence beyond the taxonomy reach", async () => {
    const people = ids(await find({ topic: "t-water" }));
    expect(people).not.toContain("p-dan"); // inactive, level 5
    expect(people).not.toContain("p-eve"); // interested; knows t-seals 3 hops down
    const deeper = await find({ topic: "t-water" }, analyticsParams({ asOf: "2025-06-01", maxTaxonomyHops: 3 }));
    // Eve at 3 hops: 5/5 × 1 × 1 × 0.5³ = 0.125.
    expect(deeper.find((m) => m.person === "p-eve")).toMatchObject({ score: 0.125, level: 0.625 });
  });

  it("filters on level, availability and org unit, and limits", async () => {
    expect(ids(await find({ topic: "t-water", minLevel: 3 }))).toEqual(["p-ann", "p-cat"]);
    expect(ids(await find({ topic: "t-water", availableOnly: true }))).toEqual(["p-ann", "p-bob", "p-fay"]);
    expect(ids(await find({ topic: "t-water", orgUnit: "u-2" }))).toEqual(["p-cat"]);
    expect(ids(await find({ topic: "t-water", limit: 2 }))).toEqual(["p-ann", "p-bob"]);
  });

  it("lets evidence age: a year later the dated evidence is worth less", async () => {
    const later = await find({ topic: "t-water" }, analyticsParams({ asOf: "2026-06-01" }));
    // 365 days on: recency 0.5^(365/30.4375/24) for Ann's assessment.
    expect(later[0]).toMatchObject({ person: "p-bob" });
    expect(later.find((m) => m.person === "p-ann")!.score).toBeCloseTo(1.2 * 0.5 ** (365 / (365.25 / 12) / 24), 9);
  });

  it("finds experts from free text through the topics it matches", async () => {
    // "pumps" matches t-water (in its description) and t-pumps; each person is ranked on the better one.
    const matches = await find({ query: "pumps" });
    expect(matches.slice(0, 2).map((m) => [m.person, m.topic, m.score])).toEqual([
      ["p-ann", "t-water", 1.2],
      ["p-bob", "t-water", 1.2],
    ]);
    expect(await find({ query: "xylophone" })).toEqual([]);
  });
});

describe("expert finder errors", () => {
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => error as AppError,
    );

  it("names what is wrong", async () => {
    expect((await failure(find({ topic: "t-nothing" })))?.code).toBe("NOT_FOUND");
    expect((await failure(find({ topic: "t-water", orgUnit: "u-none" })))?.code).toBe("NOT_FOUND");
    for (const request of [
      { query: "   " },
      { query: "***" },
      { topic: "t-water", query: "water" },
      {},
      { topic: "t-water", limit: 0 },
      { topic: "t-water", limit: 101 },
      { topic: "t-water", minLevel: 6 },
    ]) {
      const error = await failure(find(request));
      expect(error?.code, JSON.stringify(request)).toBe("BAD_USER_INPUT");
    }
  });
});

describe("GraphQL experts", () => {
  it("returns the ranking with the people and the evidence", async () => {
    const data = await query(
      graph,
      `{ experts(topic: "t-water", availableOnly: true, asOf: "2025-06-01") { person { name } score availability parts { authored } evidence { kind id } } }`,
    );
    expect(data.experts.map((m: any) => m.person.name)).toEqual(["Ann Lee", "Bob Stone", "Fay Wong"]);
    expect(data.experts[1]).toMatchObject({ score: 1.2, availability: 0.5, parts: { authored: 0.5 } });
    const bad = await execute(graph, `{ experts(query: "") { score } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});
