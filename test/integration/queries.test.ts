import { describe, expect, it } from "vitest";
import { smallOrg } from "../fixtures/small-org.js";
import { execute, query, useGraph } from "../support/graph.js";

const graph = useGraph(smallOrg);

const ids = (nodes: { id: string }[]) => nodes.map((node) => node.id);
const edgeIds = (connection: { edges: { node: { id: string } }[] }) => connection.edges.map((edge) => edge.node.id);

describe("entities by id", () => {
  it("returns every property of each label and null for an unknown id", async () => {
    const data = await query(
      graph,
      `{
        orgUnit(id: "u-wash") { id name createdAt updatedAt }
        goal(id: "goal-access") { name }
        topic(id: "t-wash") { name description }
        person(id: "p-ana") { name email title active }
        project(id: "pr-latrines") { name status novelty startDate endDate description }
        knowledgeAsset(id: "a-siting-guide") { title kind quality url publishedAt reviewedAt }
        lesson(id: "l-stock") { title drivingEvent lesson recommendation outcome phase status recordedAt }
        knowledgeGap(id: "gap-wells") { description criticality requiredLevel status identifiedAt closedAt }
        kmActivity(id: "act-assist") { kind phase status dueDate }
        missing: project(id: "pr-nope") { id }
      }`,
    );
    expect(data.orgUnit).toMatchObject({ id: "u-wash", name: "Water, Sanitation and Hygiene" });
    expect(Date.parse(data.orgUnit.createdAt)).not.toBeNaN();
    expect(data.orgUnit.updatedAt).toBe(data.orgUnit.createdAt);
    expect(data.goal.name).toBe("Universal access to safe water");
    expect(data.topic).toEqual({ name: "WASH", description: "Water, sanitation and hygiene" });
    expect(data.person).toEqual({ name: "Ana Ruiz", email: "ana@example.org", title: "WASH specialist", active: true });
    expect(data.project).toEqual({
      name: "School latrines pilot",
      status: "ACTIVE",
      novelty: "INNOVATIVE",
      startDate: "2025-01-15",
      endDate: "2026-06-30",
      description: null,
    });
    expect(data.knowledgeAsset).toEqual({
      title: "Latrine siting guide",
      kind: "GUIDE",
      quality: 4,
      url: "https://example.org/guide",
      publishedAt: "2024-05-01",
      reviewedAt: "2025-01-01",
    });
    expect(data.lesson).toEqual({
      title: "Pre-position supplies before the rains",
      drivingEvent: "Stock-outs in the rainy season",
      lesson: "Roads close for weeks",
      recommendation: "Stock three months ahead",
      outcome: "NEGATIVE",
      phase: "DURING",
      status: "ACTIONED",
      recordedAt: "2024-06-01",
    });
    expect(data.knowledgeGap).toEqual({
      description: null,
      criticality: "MEDIUM",
      requiredLevel: 4,
      status: "CLOSED",
      identifiedAt: "2025-02-01",
      closedAt: "2025-05-01",
    });
    expect(data.kmActivity).toEqual({ kind: "PEER_ASSIST", phase: "BEFORE", status: "DONE", dueDate: "2025-02-01" });
    expect(data.missing).toBeNull();
  });
});

describe("nested fields walk every relationship both ways", () => {
  it("from projects", async () => {
    const { project } = await query(
      graph,
      `{ project(id: "pr-latrines") {
          orgUnit { id }
          goals { id }
          team { role allocation from to person { id } }
          current: team(activeOn: "2025-09-01") { person { id } }
          needs { level criticality topic { id } }
          used { at note asset { id } }
          applied { at lesson { id } }
          producedAssets { id }
          lessons { id }
          knowledgeGaps { id }
          activities { id }
      } }`,
    );
    expect(project.orgUnit.id).toBe("u-wash");
    expect(ids(project.goals)).toEqual(["goal-access"]);
    expect(project.team).toEqual([
      { role: "lead", allocation: 0.5, from: "2025-01-15", to: null, person: { id: "p-ana" } },
      { role: "engineer", allocation: 0.25, from: "2025-01-15", to: "2025-06-30", person: { id: "p-ben" } },
    ]);
    expect(project.current).toEqual([{ person: { id: "p-ana" } }]);
    expect(project.needs).toEqual([
      { level: 4, criticality: "CRITICAL", topic: { id: "t-sanitation" } },
      { level: 3, criticality: "MEDIUM", topic: { id: "t-water" } },
    ]);
    expect(project.used).toEqual([
      { at: "2025-02-01", note: "adapted the survey forms", asset: { id: "a-nutrition-guide" } },
    ]);
    expect(project.applied).toEqual([{ at: "2025-02-10", lesson: { id: "l-stock" } }]);
    expect(ids(project.producedAssets)).toEqual(["a-siting-guide"]);
    expect(ids(project.lessons)).toEqual(["l-siting"]);
    expect(ids(project.knowledgeGaps)).toEqual(["gap-water"]);
    expect(ids(project.activities)).toEqual(["act-aar", "act-assist"]);
  });

  it("from people", async () => {
    const { person } = await query(
      graph,
      `{ person(id: "p-ana") {
          orgUnit { id }
          projects { role project { id } }
          expertise { level source endorsements assessedAt topic { id } }
          strong: expertise(minLevel: 3) { topic { id } }
          interests { id }
          authored { id }
          recordedLessons { id }
          leads { id }
      } }`,
    );
    expect(person.orgUnit.id).toBe("u-wash");
    expect(person.projects).toEqual([{ role: "lead", project: { id: "pr-latrines" } }]);
    expect(person.expertise).toEqual([
      { level: 4, source: "PEER", endorsements: 3, assessedAt: "2025-03-01", topic: { id: "t-sanitation" } },
      { level: 2, source: "SELF", endorsements: 0, assessedAt: null, topic: { id: "t-water" } },
    ]);
    expect(person.strong).toEqual([{ topic: { id: "t-sanitation" } }]);
    expect(ids(person.interests)).toEqual(["t-nutrition"]);
    expect(ids(person.authored)).toEqual(["a-siting-guide"]);
    expect(ids(person.recordedLessons)).toEqual(["l-siting"]);
    expect(ids(person.leads)).toEqual(["act-assist"]);
  });

  it("from topics, with the taxonomy both ways and experts at the expert level by default", async () => {
    const data = await query(
      graph,
      `{
        nutrition: topic(id: "t-nutrition") {
          experts { level person { id active } }
          everyone: experts(minLevel: 1) { level person { id } }
          interestedPeople { id }
          neededBy { level criticality project { id } }
          assets { id }
          lessons { id }
        }
        sanitation: topic(id: "t-sanitation") { broader { id } narrower { id } lessons { id } }
        water: topic(id: "t-water") { gaps { id } }
      }`,
    );
    expect(data.nutrition.experts).toEqual([{ level: 5, person: { id: "p-dov", active: false } }]);
    expect(data.nutrition.everyone).toEqual([
      { level: 5, person: { id: "p-dov" } },
      { level: 3, person: { id: "p-cleo" } },
    ]);
    expect(ids(data.nutrition.interestedPeople)).toEqual(["p-ana"]);
    expect(data.nutrition.neededBy).toEqual([{ level: 3, criticality: "HIGH", project: { id: "pr-nutrition" } }]);
    expect(ids(data.nutrition.assets)).toEqual(["a-nutrition-guide"]);
    expect(ids(data.nutrition.lessons)).toEqual(["l-stock"]);
    expect(ids(data.sanitation.broader)).toEqual(["t-wash"]);
    expect(ids(data.sanitation.narrower)).toEqual(["t-latrines"]);
    expect(ids(data.sanitation.lessons)).toEqual(["l-siting"]);
    expect(ids(data.water.gaps)).toEqual(["gap-water", "gap-wells"]);
  });

  it("from org units, goals, assets, lessons, gaps and activities", async () => {
    const data = await query(
      graph,
      `{
        orgUnit(id: "u-wash") { members { id } projects { id } }
        goal(id: "goal-nutrition") { projects { id } }
        knowledgeAsset(id: "a-nutrition-guide") { topics { id } authors { id } producedBy { id } usedBy { at project { id } } }
        lesson(id: "l-stock") { topics { id } learnedIn { id } recordedBy { id } appliedIn { at project { id } } }
        knowledgeGap(id: "gap-water") { project { id } topic { id } activities { id } }
        kmActivity(id: "act-assist") { project { id } targets { id } leads { id } }
      }`,
    );
    expect(ids(data.orgUnit.members)).toEqual(["p-ana", "p-ben"]);
    expect(ids(data.orgUnit.projects)).toEqual(["pr-latrines", "pr-wells"]);
    expect(ids(data.goal.projects)).toEqual(["pr-nutrition"]);
    expect(data.knowledgeAsset).toEqual({
      topics: [{ id: "t-nutrition" }],
      authors: [{ id: "p-cleo" }],
      producedBy: { id: "pr-nutrition" },
      usedBy: [{ at: "2025-02-01", project: { id: "pr-latrines" } }],
    });
    expect(data.lesson).toEqual({
      topics: [{ id: "t-nutrition" }],
      learnedIn: { id: "pr-nutrition" },
      recordedBy: [{ id: "p-cleo" }],
      appliedIn: [{ at: "2025-02-10", project: { id: "pr-latrines" } }],
    });
    expect(data.knowledgeGap).toEqual({
      project: { id: "pr-latrines" },
      topic: { id: "t-water" },
      activities: [{ id: "act-assist" }],
    });
    expect(data.kmActivity).toEqual({
      project: { id: "pr-latrines" },
      targets: [{ id: "gap-water" }],
      leads: [{ id: "p-ana" }],
    });
  });
});

describe("lists: filters", () => {
  const list = async (field: string, filter: object) => {
    const data = await query(
      graph,
      `query($filter: ${filterType(field)}) { ${field}(filter: $filter) { totalCount edges { node { id } } } }`,
      { filter },
    );
    return edgeIds(data[field]);
  };

  it("filters projects by status, novelty, org unit, needed topic, goal and member", async () => {
    expect(await list("projects", { status: ["ACTIVE", "PLANNED"] })).toEqual(["pr-latrines", "pr-wells"]);
    expect(await list("projects", { novelty: ["NEW"] })).toEqual(["pr-wells"]);
    expect(await list("projects", { orgUnit: "u-health" })).toEqual(["pr-nutrition"]);
    expect(await list("projects", { needsTopic: "t-water" })).toEqual(["pr-latrines", "pr-wells"]);
    expect(await list("projects", { supportsGoal: "goal-access" })).toEqual(["pr-latrines"]);
    expect(await list("projects", { member: "p-cleo" })).toEqual(["pr-nutrition"]);
    expect(await list("projects", { nameContains: "VILLAGE" })).toEqual(["pr-wells"]);
    expect(await list("projects", { status: ["ACTIVE"], orgUnit: "u-health" })).toEqual([]);
  });

  it("filters people by org unit, topic and minimum level, activity and project", async () => {
    expect(await list("people", { orgUnit: "u-health" })).toEqual(["p-cleo", "p-dov"]);
    expect(await list("people", { knows: { topic: "t-nutrition", minLevel: 4 } })).toEqual(["p-dov"]);
    expect(await list("people", { knows: { topic: "t-nutrition" } })).toEqual(["p-cleo", "p-dov"]);
    expect(await list("people", { knows: { topic: "t-nutrition", minLevel: 4 }, active: true })).toEqual([]);
    expect(await list("people", { worksOn: "pr-latrines" })).toEqual(["p-ana", "p-ben"]);
    expect(await list("people", { ids: ["p-ben", "p-zed"] })).toEqual(["p-ben"]);
  });

  it("filters topics, assets, lessons, gaps and activities", async () => {
    expect(await list("topics", { root: true })).toEqual(["t-nutrition", "t-wash"]);
    expect(await list("topics", { broader: "t-wash" })).toEqual(["t-sanitation", "t-water"]);
    expect(await list("topics", { neededBy: "pr-latrines" })).toEqual(["t-sanitation", "t-water"]);
    expect(await list("knowledgeAssets", { minQuality: 4 })).toEqual(["a-siting-guide"]);
    expect(await list("knowledgeAssets", { kind: ["TOOLKIT"], author: "p-cleo" })).toEqual(["a-nutrition-guide"]);
    expect(await list("knowledgeAssets", { coversTopic: "t-latrines", producedBy: "pr-latrines" })).toEqual([
      "a-siting-guide",
    ]);
    expect(await list("lessons", { status: ["IDENTIFIED"] })).toEqual(["l-siting"]);
    expect(
      await list("lessons", { aboutTopic: "t-nutrition", learnedIn: "pr-nutrition", outcome: ["NEGATIVE"] }),
    ).toEqual(["l-stock"]);
    expect(await list("knowledgeGaps", { status: ["OPEN", "IN_PROGRESS"] })).toEqual(["gap-water"]);
    expect(await list("knowledgeGaps", { project: "pr-wells", topic: "t-water" })).toEqual(["gap-wells"]);
    expect(await list("kmActivities", { phase: ["DURING"], leader: "p-ben" })).toEqual(["act-aar"]);
    expect(await list("kmActivities", { targetsGap: "gap-water", project: "pr-latrines" })).toEqual(["act-assist"]);
    expect(await list("orgUnits", { nameContains: "health" })).toEqual(["u-health"]);
    expect(await list("goals", { nameContains: "water" })).toEqual(["goal-access"]);
  });
});

describe("lists: sorting and cursor pagination", () => {
  it("sorts by a field with ties broken by id, in both directions", async () => {
    const data = await query(
      graph,
      `{
        byName: people(orderBy: { field: NAME, direction: DESC }) { edges { node { id } } }
        byStatus: projects(orderBy: { field: STATUS }) { edges { node { id status } } }
      }`,
    );
    expect(edgeIds(data.byName)).toEqual(["p-dov", "p-cleo", "p-ben", "p-ana"]);
    // Closed sets sort in the model's order, not alphabetically: PLANNED < ACTIVE < CLOSED.
    expect(data.byStatus.edges.map((e: any) => e.node.status)).toEqual(["PLANNED", "ACTIVE", "CLOSED"]);
  });

  it("sorts criticality by weight and descending order reverses it", async () => {
    const data = await query(
      graph,
      `{ knowledgeGaps(orderBy: { field: CRITICALITY, direction: DESC }) { edges { node { id criticality } } } }`,
    );
    expect(data.knowledgeGaps.edges.map((e: any) => e.node.criticality)).toEqual(["HIGH", "MEDIUM"]);
  });

  it("pages through a list with first/after until hasNextPage is false", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const data: any = await query(
        graph,
        `query($after: String) { topics(first: 2, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
        { after },
      );
      const page = data.topics;
      pages += 1;
      expect(page.totalCount).toBe(5);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(page.pageInfo.startCursor).toBe(page.edges[0].cursor);
      seen.push(...edgeIds(page));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(["t-latrines", "t-nutrition", "t-sanitation", "t-wash", "t-water"]);
  });

  it("caps the page size and rejects foreign cursors with BAD_USER_INPUT", async () => {
    for (const [first, after] of [
      [101, null],
      [0, null],
      [5, "bm90LWEtY3Vyc29y"],
    ] as const) {
      const result = await execute(
        graph,
        `query($first: Int, $after: String) { topics(first: $first, after: $after) { totalCount } }`,
        { first, after },
      );
      expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    }
    const data = await query(graph, `{ topics { totalCount edges { node { id } } } }`);
    expect(data.topics.edges).toHaveLength(5);
  });
});

function filterType(field: string): string {
  const types: Record<string, string> = {
    projects: "ProjectFilter",
    people: "PersonFilter",
    topics: "TopicFilter",
    knowledgeAssets: "KnowledgeAssetFilter",
    lessons: "LessonFilter",
    knowledgeGaps: "KnowledgeGapFilter",
    kmActivities: "KMActivityFilter",
    orgUnits: "OrgUnitFilter",
    goals: "GoalFilter",
  };
  return types[field]!;
}

describe("nested lists take first", () => {
  it("cut each walked list to its first, in the list's order, at any depth", async () => {
    const data = await query(
      graph,
      `{
        project(id: "pr-latrines") {
          team(first: 1) { person { id } }
          needs(first: 1) { level topic { id } }
          goals(first: 0) { id }
          all: needs { topic { id } }
        }
        orgUnit(id: "u-wash") { members(first: 1) { id expertise(first: 1) { level topic { id } } } }
      }`,
    );
    expect(data.project.team).toEqual([{ person: { id: "p-ana" } }]);
    // Strongest level first, so the page keeps the need at level 4.
    expect(data.project.needs).toEqual([{ level: 4, topic: { id: "t-sanitation" } }]);
    expect(data.project.goals).toEqual([]);
    expect(data.project.all).toHaveLength(2);
    expect(data.orgUnit.members).toEqual([{ id: "p-ana", expertise: [{ level: 4, topic: { id: "t-sanitation" } }] }]);
  });

  it("cut each parent's list on its own when a batch of parents is read through the loaders", async () => {
    // Two aliases of one field are not prefetched: each is one loader batch over both units.
    const data = await query(
      graph,
      `{ orgUnits(orderBy: { field: ID, direction: ASC }) { edges { node { id
          one: members(first: 1) { id }
          two: members(first: 2) { id }
      } } } }`,
    );
    expect(data.orgUnits.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
      { id: "u-health", one: [{ id: "p-cleo" }], two: [{ id: "p-cleo" }, { id: "p-dov" }] },
      { id: "u-wash", one: [{ id: "p-ana" }], two: [{ id: "p-ana" }, { id: "p-ben" }] },
    ]);
  });

  it("cut a computed list to its first", async () => {
    const data = await query(
      graph,
      `{ organisation(asOf: "2025-09-01") { coverage { all: topics { topic } one: topics(first: 1) { topic } } } }`,
    );
    expect(data.organisation.coverage.all.length).toBeGreaterThan(1);
    expect(data.organisation.coverage.one).toEqual(data.organisation.coverage.all.slice(0, 1));
  });
});
