import { beforeAll, describe, expect, it } from "vitest";
import { AnalyticsService } from "../../src/analytics/analytics-service.js";
import { analyticsParams } from "../../src/analytics/params.js";
import { inferCommand } from "../../src/cli/infer.js";
import { Database, type WriteTransaction } from "../../src/db/database.js";
import { AppError } from "../../src/errors.js";
import { ExpertiseInference } from "../../src/inference/expertise-inference.js";
import { ExpertiseEvidenceKind, ProposalAction } from "../../src/inference/types.js";
import { Role } from "../../src/model/roles.js";
import { AuditService } from "../../src/services/audit-service.js";
import { inferenceOrg } from "../fixtures/inference-org.js";
import { execute, query, snapshot, useGraph } from "../support/graph.js";

// Every expectation here is worked by hand from test/fixtures/inference-org.ts.
// An authored asset is worth quality / 5 (0.5 without one), a role 0.5;
// level = min(3, 1 + floor(evidence)) from 0.5 on.

const AS_OF = "2025-06-01";
const params = analyticsParams({ asOf: AS_OF });
const { AUTHORED, ROLE } = ExpertiseEvidenceKind;
const { CREATE, UPDATE, REMOVE } = ProposalAction;

/** The proposals of the fixture, by person then topic. */
const EXPECTED = [
  // Ann has no profile: a-1 (quality 5) 1 + a-2 (no quality) 0.5 + role on pr-1 0.5 = 2 → 1 + 2 = 3.
  {
    person: "p-ann",
    topic: "t-a",
    action: CREATE,
    level: 3,
    previousLevel: null,
    total: 2,
    evidence: [
      { kind: AUTHORED, id: "a-1", value: 1 },
      { kind: AUTHORED, id: "a-2", value: 0.5 },
      { kind: ROLE, id: "pr-1", value: 0.5 },
    ],
  },
  // a-1 covers t-b too: 1 → 2.
  {
    person: "p-ann",
    topic: "t-b",
    action: CREATE,
    level: 2,
    previousLevel: null,
    total: 1,
    evidence: [{ kind: AUTHORED, id: "a-1", value: 1 }],
  },
  // Exactly the threshold: one role, 0.5 → 1.
  {
    person: "p-ann",
    topic: "t-c",
    action: CREATE,
    level: 1,
    previousLevel: null,
    total: 0.5,
    evidence: [{ kind: ROLE, id: "pr-1", value: 0.5 }],
  },
  // Ben: t-a is declared (SELF) and left alone; t-c is INFERRED 2 and pr-1 + pr-2 = 1 → 2, unchanged.
  // t-d: a-3 (quality 2) 0.4 < 0.5: his INFERRED edge goes.
  {
    person: "p-ben",
    topic: "t-d",
    action: REMOVE,
    level: null,
    previousLevel: 1,
    total: 0.4,
    evidence: [{ kind: AUTHORED, id: "a-3", value: 0.4 }],
  },
  // t-e: only the old role on the closed pr-2, 0.5 → 1, down from an INFERRED 3.
  {
    person: "p-ben",
    topic: "t-e",
    action: UPDATE,
    level: 1,
    previousLevel: 3,
    total: 0.5,
    evidence: [{ kind: ROLE, id: "pr-2", value: 0.5 }],
  },
  // Cat: INFERRED 2 on t-b with no evidence left at all.
  { person: "p-cat", topic: "t-b", action: REMOVE, level: null, previousLevel: 2, total: 0, evidence: [] },
  // t-c is declared (MANAGER 4); t-e: a-4 (quality 3) 0.6 + pr-2 0.5 = 1.1 → 2.
  {
    person: "p-cat",
    topic: "t-e",
    action: CREATE,
    level: 2,
    previousLevel: null,
    total: 1.1,
    evidence: [
      { kind: AUTHORED, id: "a-4", value: 0.6 },
      { kind: ROLE, id: "pr-2", value: 0.5 },
    ],
  },
  // Dan is inactive: nothing, though he co-authored a-1 and is on pr-1.
  // Eve: 1 + 1 + 0.8 = 2.8 (her role on pr-4 starts in 2030: no evidence yet) → 1 + 2 = 3. t-f is declared (PEER).
  {
    person: "p-eve",
    topic: "t-a",
    action: CREATE,
    level: 3,
    previousLevel: null,
    total: 2.8,
    evidence: [
      { kind: AUTHORED, id: "a-5", value: 1 },
      { kind: AUTHORED, id: "a-6", value: 1 },
      { kind: AUTHORED, id: "a-7", value: 0.8 },
    ],
  },
];

/** Every KNOWS edge of the fixture's people after one apply, read through GraphQL. */
const AFTER_APPLY = {
  "p-ann": [
    ["t-a", 3, "INFERRED"],
    ["t-b", 2, "INFERRED"],
    ["t-c", 1, "INFERRED"],
  ],
  "p-ben": [
    ["t-a", 1, "SELF"],
    ["t-c", 2, "INFERRED"],
    ["t-e", 1, "INFERRED"],
  ],
  "p-cat": [
    ["t-c", 4, "MANAGER"],
    ["t-e", 2, "INFERRED"],
  ],
  "p-dan": [["t-d", 1, "INFERRED"]],
  "p-eve": [
    ["t-a", 3, "INFERRED"],
    ["t-f", 2, "PEER"],
  ],
};

const graph = useGraph(inferenceOrg, { eachTest: true });
let engine: ExpertiseInference;

beforeAll(() => {
  engine = new ExpertiseInference(graph.db);
});

/** `person → [[topic, level, source]]` by topic id, through GraphQL. */
async function expertise(): Promise<Record<string, [string, number, string][]>> {
  const ids = Object.keys(AFTER_APPLY);
  const fields = ids
    .map((id, i) => `p${i}: person(id: "${id}") { id expertise { level source topic { id } } }`)
    .join("\n");
  const data = await query<
    Record<string, { id: string; expertise: { level: number; source: string; topic: { id: string } }[] }>
  >(graph, `{ ${fields} }`);
  return Object.fromEntries(
    Object.values(data).map((person) => [
      person.id,
      person.expertise
        .map((e): [string, number, string] => [e.topic.id, e.level, e.source])
        .sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    ]),
  );
}

/** The same Database, with a hook called after every statement of a write transaction. */
class HookedDatabase extends Database {
  constructor(
    base: Database,
    private readonly after: (cypher: string, tx: WriteTransaction) => Promise<void>,
  ) {
    super(base.driver, base.name);
  }

  override write<T>(work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
    return super.write((tx) =>
      work({
        run: async (cypher, values) => {
          const rows = await tx.run(cypher, values);
          await this.after(cypher, tx);
          return rows;
        },
      }),
    );
  }
}

/** Who runs a command on the machine that holds the database, as the audit trail records them. */
const OPERATOR = { role: Role.ADMIN, via: "none", subject: "operator", personId: null };

describe("proposals", () => {
  it("creates, updates and removes INFERRED edges only, for active people, by person then topic", async () => {
    const before = await snapshot(graph.db);
    const result = await engine.propose(params);
    expect(result).toEqual({
      asOf: AS_OF,
      proposals: EXPECTED,
      counts: { create: 5, update: 1, remove: 2, unchanged: 1 },
    });
    // Proposing writes nothing.
    expect(await snapshot(graph.db)).toEqual(before);
  });

  it("rejects a bad date", async () => {
    const command = () => inferCommand(graph.db, { asOf: "2025-13-01" }, OPERATOR, () => {});
    await expect(command()).rejects.toMatchObject({ code: "BAD_USER_INPUT" });
    await expect(command()).rejects.toBeInstanceOf(AppError);
  });
});

describe("apply", () => {
  it("writes exactly the proposals, in one go, and a second run proposes nothing", async () => {
    const analytics = new AnalyticsService(graph.db);
    const expertsBefore = (await analytics.bottlenecks(params)).topics.map((t) => [t.topic, t.experts]);

    const result = await engine.apply(params);
    expect(result.proposals).toEqual(EXPECTED);
    expect(result.applied).toEqual({ created: 5, updated: 1, removed: 2, skipped: 0 });
    expect(await expertise()).toEqual(AFTER_APPLY);

    // The new and updated edges are assessed at asOf with no endorsements; the unchanged one keeps its date.
    const { ann, ben } = await query(
      graph,
      `{
      ann: person(id: "p-ann") { expertise { topic { id } assessedAt endorsements } }
      ben: person(id: "p-ben") { expertise { topic { id } assessedAt endorsements } }
    }`,
    );
    for (const edge of ann.expertise) expect(edge).toMatchObject({ assessedAt: AS_OF, endorsements: 0 });
    expect(ben.expertise.find((e: any) => e.topic.id === "t-e")).toMatchObject({ assessedAt: AS_OF, endorsements: 0 });
    expect(ben.expertise.find((e: any) => e.topic.id === "t-c")).toMatchObject({ assessedAt: "2024-06-01" });

    // Inferred knowledge stops at 3: experts (level ≥ 4), hence bus and truck factors, do not move.
    expect((await analytics.bottlenecks(params)).topics.map((t) => [t.topic, t.experts])).toEqual(expertsBefore);

    // Now confirmed at their level: Ann's three, Ben's t-c and t-e, Cat's t-e, Eve's t-a.
    const settled = await snapshot(graph.db);
    expect(await engine.propose(params)).toMatchObject({
      proposals: [],
      counts: { create: 0, update: 0, remove: 0, unchanged: 7 },
    });
    const again = await engine.apply(analyticsParams({ asOf: "2025-07-01" }));
    expect(again).toMatchObject({ proposals: [], applied: { created: 0, updated: 0, removed: 0, skipped: 0 } });
    expect(await snapshot(graph.db)).toEqual(settled);
  });

  it("never overwrites a declared edge, even one set on an inferred edge", async () => {
    await engine.apply(params);
    // A manager assesses Ann on t-a, replacing her INFERRED 3 with a declared 2.
    await query(
      graph,
      `mutation { linkKnows(person: "p-ann", topic: "t-a", properties: { level: 2, source: MANAGER }) { changed } }`,
    );
    expect(await engine.propose(params)).toMatchObject({ proposals: [] });
    await engine.apply(params);
    expect((await expertise())["p-ann"]).toEqual([
      ["t-a", 2, "MANAGER"],
      ["t-b", 2, "INFERRED"],
      ["t-c", 1, "INFERRED"],
    ]);
  });

  it("re-checks inside the transaction: a declared edge committed meanwhile wins", async () => {
    // Right after apply has read the evidence, another transaction declares Ann on t-b.
    let declared = false;
    const racing = new ExpertiseInference(
      new HookedDatabase(graph.db, async (cypher) => {
        if (declared || !cypher.includes("Evidence of expertise")) return;
        declared = true;
        await graph.db.write((tx) =>
          tx.run(`MATCH (x:Person {id: 'p-ann'}), (t:Topic {id: 't-b'})
CREATE (x)-[:KNOWS {level: 1, source: 'SELF', endorsements: 0}]->(t)`),
        );
      }),
    );
    const result = await racing.apply(params);
    expect(declared).toBe(true);
    // It still reports what it proposed, and that one proposal was not written.
    expect(result.proposals).toEqual(EXPECTED);
    expect(result.applied).toEqual({ created: 4, updated: 1, removed: 2, skipped: 1 });
    expect((await expertise())["p-ann"]).toEqual([
      ["t-a", 3, "INFERRED"],
      ["t-b", 1, "SELF"],
      ["t-c", 1, "INFERRED"],
    ]);
  });

  it("writes nothing when a statement fails half-way", async () => {
    const before = await snapshot(graph.db);
    const statements: string[] = [];
    const failing = new ExpertiseInference(
      new HookedDatabase(graph.db, async (cypher) => {
        statements.push(cypher.includes("MERGE") ? "upsert" : cypher.includes("DELETE") ? "remove" : "read");
        // The creations and updates have run in this transaction; the removals fail.
        if (cypher.includes("DELETE")) throw new Error("provoked failure");
      }),
    );
    await expect(failing.apply(params)).rejects.toThrow("provoked failure");
    expect(statements).toEqual(["read", "upsert", "remove"]);
    expect(await snapshot(graph.db)).toEqual(before);
  });
});

describe("kmgraph infer-expertise", () => {
  it("prints the proposals and a summary, and with --apply what was written", async () => {
    const logged: string[] = [];
    const command = (options: { apply?: boolean; json?: boolean }) =>
      inferCommand(graph.db, { asOf: AS_OF, ...options }, OPERATOR, (line) => logged.push(line));
    const text = await command({});
    expect(text).toContain("Expertise from evidence, as of 2025-06-01");
    expect(text).toMatch(/p-ann\s+t-a\s+CREATE\s+—\s+3\s+2\s+authored a-1 1, authored a-2 0\.5, role pr-1 0\.5/);
    expect(text).toMatch(/p-ben\s+t-d\s+REMOVE\s+1\s+—\s+0\.4\s+authored a-3 0\.4/);
    expect(text).toMatch(/p-cat\s+t-b\s+REMOVE\s+2\s+—\s+0\s+none/);
    expect(text).toContain("5 to create, 1 to update, 2 to remove, 1 unchanged.");
    expect(text).toContain("Nothing written: run with --apply to write them.");

    const audit = new AuditService(graph.db);
    // Entries from now on only: the trail outlives the graph's reset, and other files call the mutation too.
    const since = new Date();
    const recorded = async () =>
      (await audit.page({ operation: "applyExpertiseInference", from: since }, 100, null)).edges.map(
        ({ node }) => node,
      );
    expect(await recorded()).toEqual([]);
    const applied = await command({ apply: true });
    expect(applied).toContain("Written: 5 created, 1 updated, 2 removed.");
    // Only --apply writes, and it is recorded as the mutation that does the same.
    const [entry, ...rest] = await recorded();
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ operation: "applyExpertiseInference", outcome: "OK", actor: OPERATOR });
    expect(entry!.counts).toEqual([
      { subject: "KNOWS", change: "created", count: 5 },
      { subject: "KNOWS", change: "updated", count: 1 },
      { subject: "KNOWS", change: "removed", count: 2 },
    ]);
    const json = JSON.parse(await command({ json: true }));
    expect(json).toEqual({ asOf: AS_OF, proposals: [], counts: { create: 0, update: 0, remove: 0, unchanged: 7 } });
    expect(await command({})).toContain("Nothing to do.");
    expect(await recorded()).toHaveLength(1);
    expect(logged).toEqual([]);
  });
});

describe("GraphQL (fails until ExpertiseInferenceResolver is registered and the context has `inference`)", () => {
  it("Query.expertiseProposals and Mutation.applyExpertiseInference", async () => {
    const proposals = await query(
      graph,
      `{
      expertiseProposals(asOf: "${AS_OF}") { person topic action level previousLevel total evidence { kind id value } }
    }`,
    );
    expect(proposals.expertiseProposals).toEqual(EXPECTED);

    const applied = await query(
      graph,
      `mutation {
      applyExpertiseInference(asOf: "${AS_OF}") { asOf created updated removed skipped unchanged proposals { person topic action } }
    }`,
    );
    expect(applied.applyExpertiseInference).toEqual({
      asOf: AS_OF,
      created: 5,
      updated: 1,
      removed: 2,
      skipped: 0,
      unchanged: 1,
      proposals: EXPECTED.map(({ person, topic, action }) => ({ person, topic, action })),
    });
    expect(await expertise()).toEqual(AFTER_APPLY);

    const bad = await execute(graph, `{ expertiseProposals(asOf: "2025-02-30") { person } }`);
    expect(bad.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
  });
});
