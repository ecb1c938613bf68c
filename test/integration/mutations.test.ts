import { describe, expect, it } from "vitest";
import type { WriteTransaction } from "../../src/db/database.js";
import { lockGraph, lockNode } from "../../src/repositories/writes.js";
import { smallOrg } from "../fixtures/small-org.js";
import { execute, query, snapshot, useGraph } from "../support/graph.js";

const graph = useGraph(smallOrg, { eachTest: true });

/** Runs an operation that must fail; returns the error and proves the graph did not change. */
async function rejected(text: string, variables: Record<string, unknown> = {}) {
  const before = await snapshot(graph.db);
  const result = await execute(graph, text, variables);
  expect(result.errors, "the operation should fail").toBeDefined();
  expect(await snapshot(graph.db)).toEqual(before);
  const [error] = result.errors!;
  expect(JSON.stringify(error)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  return error!;
}

const CREATES: [string, string, Record<string, unknown>, Record<string, unknown>][] = [
  ["OrgUnit", "orgUnit", { id: "u-edu", name: "Education" }, { name: "Education" }],
  ["Goal", "goal", { id: "goal-school", name: "Every child in school" }, { name: "Every child in school" }],
  ["Topic", "topic", { id: "t-literacy", name: "Literacy" }, { name: "Literacy", description: null }],
  ["Person", "person", { id: "p-eve", name: "Eve Adams" }, { name: "Eve Adams", active: true, email: null }],
  [
    "Project",
    "project",
    { id: "pr-reading", name: "Reading camps", startDate: "2026-01-01" },
    { status: "PLANNED", novelty: "ROUTINE", startDate: "2026-01-01" },
  ],
  [
    "KnowledgeAsset",
    "knowledgeAsset",
    { id: "a-camps", title: "Reading camp manual", quality: 5 },
    { kind: "OTHER", quality: 5 },
  ],
  ["Lesson", "lesson", { id: "l-camps", title: "Run camps in the holidays" }, { status: "IDENTIFIED" }],
  [
    "KnowledgeGap",
    "knowledgeGap",
    { id: "gap-lit", requiredLevel: 3 },
    { status: "OPEN", criticality: "MEDIUM", requiredLevel: 3 },
  ],
  [
    "KMActivity",
    "kmActivity",
    { id: "act-cop", kind: "COMMUNITY_OF_PRACTICE", phase: "AFTER" },
    { status: "PLANNED", kind: "COMMUNITY_OF_PRACTICE" },
  ],
];

describe("create, update and delete every entity", () => {
  it.each(CREATES)("%s", async (type, field, input, expected) => {
    const selection = Object.keys(expected).join(" ");
    const created = await query(
      graph,
      `mutation($input: Create${type}Input!) { create${type}(input: $input) { id ${selection} } }`,
      { input },
    );
    expect(created[`create${type}`]).toEqual({ id: input.id, ...expected });

    const read = await query(graph, `query($id: ID!) { ${field}(id: $id) { id createdAt updatedAt } }`, {
      id: input.id,
    });
    expect(read[field].id).toBe(input.id);

    const patch =
      type === "KMActivity"
        ? { status: "DONE" }
        : type === "KnowledgeGap"
          ? { status: "CLOSED" }
          : { [Object.keys(input)[1]!]: "Changed" };
    const updated = await query(
      graph,
      `mutation($id: ID!, $input: Update${type}Input!) { update${type}(id: $id, input: $input) { id updatedAt ${Object.keys(patch).join(" ")} } }`,
      {
        id: input.id,
        input: patch,
      },
    );
    expect(updated[`update${type}`]).toMatchObject(patch);
    expect(Date.parse(updated[`update${type}`].updatedAt)).toBeGreaterThanOrEqual(Date.parse(read[field].updatedAt));

    const deleted = await query(
      graph,
      `mutation($id: ID!) { delete${type}(id: $id) { id detached { type direction count } } }`,
      { id: input.id },
    );
    expect(deleted[`delete${type}`]).toEqual({ id: input.id, detached: [] });
    const gone = await query(graph, `query($id: ID!) { ${field}(id: $id) { id } }`, { id: input.id });
    expect(gone[field]).toBeNull();
  });

  it("clears an optional property with null and keeps the ones not sent", async () => {
    const data = await query(
      graph,
      `mutation { updatePerson(id: "p-ana", input: { title: null }) { name email title } }`,
    );
    expect(data.updatePerson).toEqual({ name: "Ana Ruiz", email: "ana@example.org", title: null });
  });

  it("says what a deletion detached, by type and direction", async () => {
    const data = await query(graph, `mutation { deletePerson(id: "p-ana") { id detached { type direction count } } }`);
    expect(data.deletePerson.detached).toEqual([
      { type: "AUTHORED", direction: "OUT", count: 1 },
      { type: "INTERESTED_IN", direction: "OUT", count: 1 },
      { type: "KNOWS", direction: "OUT", count: 2 },
      { type: "LEADS", direction: "OUT", count: 1 },
      { type: "MEMBER_OF", direction: "OUT", count: 1 },
      { type: "RECORDED", direction: "OUT", count: 1 },
      { type: "WORKS_ON", direction: "OUT", count: 1 },
    ]);
    const { topic } = await query(graph, `{ topic(id: "t-sanitation") { experts(minLevel: 1) { person { id } } } }`);
    expect(topic.experts).toEqual([]);
  });
});

describe("link and unlink every relationship", () => {
  // [mutation key, endpoint args, properties, query that sees it, expected]
  const LINKS: [string, string, string | null, string, (data: any) => unknown, unknown][] = [
    [
      "MemberOf",
      `person: "p-cleo", orgUnit: "u-wash"`,
      null,
      `{ person(id: "p-cleo") { orgUnit { id } } }`,
      (d) => d.person.orgUnit?.id,
      "u-wash",
    ],
    [
      "OwnedBy",
      `project: "pr-wells", orgUnit: "u-health"`,
      null,
      `{ project(id: "pr-wells") { orgUnit { id } } }`,
      (d) => d.project.orgUnit?.id,
      "u-health",
    ],
    [
      "WorksOn",
      `person: "p-cleo", project: "pr-wells"`,
      `{ role: "nutritionist", allocation: 0.2, from: "2026-01-01" }`,
      `{ project(id: "pr-wells") { team { role allocation from person { id } } } }`,
      (d) => d.project.team,
      [{ role: "nutritionist", allocation: 0.2, from: "2026-01-01", person: { id: "p-cleo" } }],
    ],
    [
      "Knows",
      `person: "p-cleo", topic: "t-water"`,
      `{ level: 4, source: MANAGER }`,
      `{ topic(id: "t-water") { experts { level source endorsements person { id } } } }`,
      (d) => d.topic.experts,
      [{ level: 4, source: "MANAGER", endorsements: 0, person: { id: "p-cleo" } }],
    ],
    [
      "InterestedIn",
      `person: "p-cleo", topic: "t-water"`,
      null,
      `{ person(id: "p-cleo") { interests { id } } }`,
      (d) => d.person.interests,
      [{ id: "t-water" }],
    ],
    [
      "Needs",
      `project: "pr-wells", topic: "t-latrines"`,
      `{ level: 2 }`,
      `{ project(id: "pr-wells") { needs { level criticality topic { id } } } }`,
      (d) => d.project.needs.find((n: any) => n.topic.id === "t-latrines"),
      { level: 2, criticality: "MEDIUM", topic: { id: "t-latrines" } },
    ],
    [
      "Broader",
      `topic: "t-nutrition", broader: "t-wash"`,
      null,
      `{ topic(id: "t-wash") { narrower { id } } }`,
      (d) => d.topic.narrower.map((t: any) => t.id),
      ["t-nutrition", "t-sanitation", "t-water"],
    ],
    [
      "Covers",
      `asset: "a-siting-guide", topic: "t-water"`,
      null,
      `{ knowledgeAsset(id: "a-siting-guide") { topics { id } } }`,
      (d) => d.knowledgeAsset.topics.map((t: any) => t.id),
      ["t-latrines", "t-water"],
    ],
    [
      "Authored",
      `person: "p-cleo", asset: "a-siting-guide"`,
      null,
      `{ knowledgeAsset(id: "a-siting-guide") { authors { id } } }`,
      (d) => d.knowledgeAsset.authors.map((t: any) => t.id),
      ["p-ana", "p-ben", "p-cleo"],
    ],
    [
      "ProducedBy",
      `asset: "a-siting-guide", project: "pr-wells"`,
      null,
      `{ knowledgeAsset(id: "a-siting-guide") { producedBy { id } } }`,
      (d) => d.knowledgeAsset.producedBy?.id,
      "pr-wells",
    ],
    [
      "Used",
      `project: "pr-wells", asset: "a-siting-guide"`,
      `{ at: "2026-02-01", note: "siting" }`,
      `{ knowledgeAsset(id: "a-siting-guide") { usedBy { at note project { id } } } }`,
      (d) => d.knowledgeAsset.usedBy,
      [{ at: "2026-02-01", note: "siting", project: { id: "pr-wells" } }],
    ],
    [
      "LearnedIn",
      `lesson: "l-siting", project: "pr-wells"`,
      null,
      `{ lesson(id: "l-siting") { learnedIn { id } } }`,
      (d) => d.lesson.learnedIn?.id,
      "pr-wells",
    ],
    [
      "LessonAbout",
      `lesson: "l-stock", topic: "t-water"`,
      null,
      `{ lesson(id: "l-stock") { topics { id } } }`,
      (d) => d.lesson.topics.map((t: any) => t.id),
      ["t-nutrition", "t-water"],
    ],
    [
      "Recorded",
      `person: "p-ben", lesson: "l-stock"`,
      null,
      `{ lesson(id: "l-stock") { recordedBy { id } } }`,
      (d) => d.lesson.recordedBy.map((t: any) => t.id),
      ["p-ben", "p-cleo"],
    ],
    [
      "Applied",
      `project: "pr-wells", lesson: "l-siting"`,
      `{ note: "community siting" }`,
      `{ lesson(id: "l-siting") { appliedIn { note project { id } } } }`,
      (d) => d.lesson.appliedIn,
      [{ note: "community siting", project: { id: "pr-wells" } }],
    ],
    [
      "HasGap",
      `project: "pr-wells", gap: "gap-water"`,
      null,
      `{ knowledgeGap(id: "gap-water") { project { id } } }`,
      (d) => d.knowledgeGap.project?.id,
      "pr-wells",
    ],
    [
      "GapAbout",
      `gap: "gap-water", topic: "t-latrines"`,
      null,
      `{ knowledgeGap(id: "gap-water") { topic { id } } }`,
      (d) => d.knowledgeGap.topic?.id,
      "t-latrines",
    ],
    [
      "Plans",
      `project: "pr-wells", activity: "act-aar"`,
      null,
      `{ kmActivity(id: "act-aar") { project { id } } }`,
      (d) => d.kmActivity.project?.id,
      "pr-wells",
    ],
    [
      "Targets",
      `activity: "act-aar", gap: "gap-water"`,
      null,
      `{ knowledgeGap(id: "gap-water") { activities { id } } }`,
      (d) => d.knowledgeGap.activities.map((t: any) => t.id),
      ["act-aar", "act-assist"],
    ],
    [
      "Leads",
      `person: "p-cleo", activity: "act-aar"`,
      null,
      `{ kmActivity(id: "act-aar") { leads { id } } }`,
      (d) => d.kmActivity.leads.map((t: any) => t.id),
      ["p-ben", "p-cleo"],
    ],
    [
      "Supports",
      `project: "pr-wells", goal: "goal-access"`,
      null,
      `{ goal(id: "goal-access") { projects { id } } }`,
      (d) => d.goal.projects.map((t: any) => t.id),
      ["pr-latrines", "pr-wells"],
    ],
  ];

  it.each(LINKS)("link and unlink %s", async (key, args, properties, read, pick, expected) => {
    const props = properties ? `, properties: ${properties}` : "";
    const linked = await query(graph, `mutation { link${key}(${args}${props}) { type changed replaced } }`);
    expect(linked[`link${key}`].changed).toBe(true);
    expect(pick(await query(graph, read))).toEqual(expected);

    const again = await query(graph, `mutation { link${key}(${args}${props}) { changed } }`);
    expect(again[`link${key}`].changed).toBe(false);

    const unlinked = await query(graph, `mutation { unlink${key}(${args}) { changed } }`);
    expect(unlinked[`unlink${key}`].changed).toBe(true);
    expect(pick(await query(graph, read))).not.toEqual(expected);
  });

  it("replaces a to-one relationship and reports what it replaced", async () => {
    const data = await query(
      graph,
      `mutation { linkMemberOf(person: "p-ana", orgUnit: "u-health") { changed replaced } }`,
    );
    expect(data.linkMemberOf).toEqual({ changed: true, replaced: ["u-wash"] });
    const { orgUnit } = await query(graph, `{ orgUnit(id: "u-wash") { members { id } } }`);
    expect(orgUnit.members).toEqual([{ id: "p-ben" }]);
  });

  it("replaces the properties of an existing relationship", async () => {
    await query(
      graph,
      `mutation { linkKnows(person: "p-ana", topic: "t-water", properties: { level: 3, endorsements: 2 }) { changed } }`,
    );
    const { person } = await query(
      graph,
      `{ person(id: "p-ana") { expertise { level endorsements source topic { id } } } }`,
    );
    expect(person.expertise.find((e: any) => e.topic.id === "t-water")).toEqual({
      level: 3,
      endorsements: 2,
      source: "SELF",
      topic: { id: "t-water" },
    });
  });
});

describe("bad input leaves the graph exactly as it was", () => {
  it("BAD_USER_INPUT for out-of-range values, with the path of each problem", async () => {
    const error = await rejected(
      `mutation { createKnowledgeAsset(input: { id: "a-x", title: "X", quality: 9 }) { id } }`,
    );
    expect(error.extensions?.code).toBe("BAD_USER_INPUT");
    expect(error.extensions?.problems).toEqual([{ path: "quality", message: expect.stringMatching(/5/) }]);
    const level = await rejected(
      `mutation { linkKnows(person: "p-ana", topic: "t-wash", properties: { level: 0 }) { changed } }`,
    );
    expect(level.extensions?.code).toBe("BAD_USER_INPUT");
    const allocation = await rejected(
      `mutation { linkWorksOn(person: "p-ana", project: "pr-wells", properties: { allocation: 1.5 }) { changed } }`,
    );
    expect(allocation.extensions?.problems[0].path).toBe("allocation");
  });

  it("BAD_USER_INPUT for an empty name, an invalid e-mail and an end before the start", async () => {
    expect((await rejected(`mutation { createTopic(input: { id: "t-x", name: "  " }) { id } }`)).extensions?.code).toBe(
      "BAD_USER_INPUT",
    );
    expect(
      (await rejected(`mutation { createPerson(input: { id: "p-x", name: "X", email: "not-an-email" }) { id } }`))
        .extensions?.problems[0].path,
    ).toBe("email");
    const dates = await rejected(
      `mutation { updateProject(id: "pr-latrines", input: { endDate: "2024-01-01" }) { id } }`,
    );
    expect(dates.extensions?.code).toBe("BAD_USER_INPUT");
    expect(dates.message).toMatch(/endDate/);
    expect(
      (await rejected(`mutation { updatePerson(id: "p-ana", input: { name: null }) { id } }`)).extensions?.code,
    ).toBe("BAD_USER_INPUT");
  });

  it("BAD_USER_INPUT for a taxonomy cycle", async () => {
    const error = await rejected(`mutation { linkBroader(topic: "t-wash", broader: "t-latrines") { changed } }`);
    expect(error.extensions?.code).toBe("BAD_USER_INPUT");
    expect(error.message).toMatch(/cycle/);
    expect(
      (await rejected(`mutation { linkBroader(topic: "t-wash", broader: "t-wash") { changed } }`)).message,
    ).toMatch(/cycle/);
  });

  it("NOT_FOUND for unknown ids in update, delete, link and unlink", async () => {
    for (const text of [
      `mutation { updateProject(id: "pr-nope", input: { name: "X" }) { id } }`,
      `mutation { deleteTopic(id: "t-nope") { id } }`,
      `mutation { linkMemberOf(person: "p-nope", orgUnit: "u-wash") { changed } }`,
      `mutation { linkMemberOf(person: "p-ana", orgUnit: "u-nope") { changed } }`,
      `mutation { unlinkSupports(project: "pr-nope", goal: "goal-access") { changed } }`,
    ]) {
      const error = await rejected(text);
      expect(error.extensions?.code).toBe("NOT_FOUND");
      expect(error.message).toMatch(/does not exist/);
    }
  });

  it("CONFLICT for a duplicate id, topic name or e-mail", async () => {
    const id = await rejected(`mutation { createProject(input: { id: "pr-wells", name: "Again" }) { id } }`);
    expect(id.extensions?.code).toBe("CONFLICT");
    expect(id.message).toMatch(/pr-wells/);
    const name = await rejected(`mutation { createTopic(input: { id: "t-other", name: "WASH" }) { id } }`);
    expect(name.extensions?.code).toBe("CONFLICT");
    expect(name.message).toMatch(/name "WASH"/);
    const email = await rejected(`mutation { updatePerson(id: "p-ben", input: { email: "ana@example.org" }) { id } }`);
    expect(email.extensions?.code).toBe("CONFLICT");
  });

  it("GraphQL validation errors for unknown enum values and missing arguments", async () => {
    expect(
      (await rejected(`mutation { createProject(input: { id: "pr-x", name: "X", status: DONE }) { id } }`)).extensions
        ?.code,
    ).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(
      (await rejected(`mutation { linkKnows(person: "p-ana", topic: "t-wash") { changed } }`)).extensions?.code,
    ).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(graph.loggedErrors).toEqual([]);
  });
});

describe("concurrent changes keep the rules of the model", () => {
  /**
   * Runs `hold` in a write transaction and keeps it open while `race` runs,
   * then commits: `race` must wait for the lock `hold` took and see its change.
   */
  async function whileHeld(hold: (tx: WriteTransaction) => Promise<void>, race: () => Promise<unknown>) {
    let release!: () => void;
    let held!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const holding = new Promise<void>((resolve) => (held = resolve));
    const first = graph.db.write(async (tx) => {
      await hold(tx);
      held();
      await gate;
    });
    await holding;
    const second = race();
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await first;
    return second;
  }

  it("a taxonomy change waits for one in flight, so two new edges cannot close a cycle together", async () => {
    // Existing t-sanitation → t-wash and (set up here) t-nutrition → t-x. In flight: t-wash → t-nutrition.
    // Racing: t-x → t-sanitation, which shares no node with it but would close the cycle.
    await query(graph, `mutation { createTopic(input: { id: "t-x", name: "X" }) { id } }`);
    await query(graph, `mutation { linkBroader(topic: "t-nutrition", broader: "t-x") { changed } }`);
    const result = (await whileHeld(
      async (tx) => {
        await lockGraph(tx, "BROADER");
        await tx.run("MATCH (a:Topic {id: 't-wash'}), (b:Topic {id: 't-nutrition'}) CREATE (a)-[:BROADER]->(b)");
      },
      () => execute(graph, `mutation { linkBroader(topic: "t-x", broader: "t-sanitation") { changed } }`),
    )) as Awaited<ReturnType<typeof execute>>;
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const cycles = await graph.db.read("MATCH (t:Topic) WHERE EXISTS { (t)-[:BROADER*1..]->(t) } RETURN count(t) AS n");
    expect(cycles[0]!.n).toBe(0);
  });

  it("a to-one link waits for one in flight on the same node, so a person keeps one org unit", async () => {
    await query(graph, `mutation { createPerson(input: { id: "p-new", name: "New" }) { id } }`);
    const result = (await whileHeld(
      async (tx) => {
        await lockNode(tx, "Person", "p-new");
        await tx.run("MATCH (p:Person {id: 'p-new'}), (u:OrgUnit {id: 'u-wash'}) CREATE (p)-[:MEMBER_OF]->(u)");
      },
      () => query(graph, `mutation { linkMemberOf(person: "p-new", orgUnit: "u-health") { changed replaced } }`),
    )) as Record<string, any>;
    expect(result.linkMemberOf).toEqual({ changed: true, replaced: ["u-wash"] });
    const units = await graph.db.read("MATCH (:Person {id: 'p-new'})-[:MEMBER_OF]->(u) RETURN u.id AS id");
    expect(units).toEqual([{ id: "u-health" }]);
  });
});
