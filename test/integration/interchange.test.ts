import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../src/errors.js";
import { InterchangeService } from "../../src/interchange/interchange-service.js";
import { DEMO_DOCUMENT } from "../../src/paths.js";
import { smallOrg } from "../fixtures/small-org.js";
import { execute, query, resetGraph, snapshot, useGraph } from "../support/graph.js";

const graph = useGraph(undefined, { eachTest: true });
let service: InterchangeService;

beforeAll(() => {
  service = new InterchangeService(graph.db);
});

/** The problems an import reports, after checking that nothing was written. */
async function problemsOf(document: unknown): Promise<{ path: string; message: string }[]> {
  const before = await snapshot(graph.db);
  const error = await service.import(document).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("BAD_USER_INPUT");
  expect(await snapshot(graph.db)).toEqual(before);
  return [...(error as AppError).problems];
}

/**
 * The document as it should come back from export: defaults filled in, null
 * and empty values dropped, lists in id order.
 */
function canonical(document: Record<string, any[]>): Record<string, any[]> {
  const defaults: Record<string, Record<string, unknown>> = {
    people: { active: true },
    projects: { status: "PLANNED", novelty: "ROUTINE" },
    assets: { kind: "OTHER" },
    lessons: { status: "IDENTIFIED" },
    gaps: { criticality: "MEDIUM", status: "OPEN" },
    activities: { status: "PLANNED" },
  };
  const relationDefaults: Record<string, Record<string, unknown>> = {
    knows: { source: "SELF", endorsements: 0 },
    needs: { criticality: "MEDIUM" },
  };
  const clean = (value: any, field?: string): any => {
    if (Array.isArray(value)) {
      const items = value.map((item) => clean(item, field));
      return items.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    }
    if (value && typeof value === "object") {
      const base = field ? (relationDefaults[field] ?? {}) : {};
      const entries = Object.entries({ ...base, ...value })
        .filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
        .map(([k, v]) => [k, clean(v, k)]);
      return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
    }
    return value;
  };
  return Object.fromEntries(
    Object.entries(document).map(([collection, objects]) => [
      collection,
      clean(objects.map((object) => ({ ...defaults[collection], ...object }))),
    ]),
  );
}

describe("import", () => {
  it("writes every node and relationship and reports counts", async () => {
    const summary = await service.import(smallOrg());
    const count = (label: string) => summary.nodes.find((n) => n.label === label)!;
    expect(count("Person")).toEqual({ label: "Person", total: 4, created: 4, updated: 0, unchanged: 0 });
    expect(count("Topic").created).toBe(5);
    const relations = Object.fromEntries(summary.relationships.map((r) => [r.relation, r.total]));
    expect(relations).toMatchObject({
      Knows: 5,
      WorksOn: 3,
      Needs: 4,
      Broader: 3,
      Authored: 3,
      Targets: 1,
      Leads: 2,
      HasGap: 2,
    });
  });

  it("is idempotent: a second import changes nothing, not even updatedAt", async () => {
    await service.import(smallOrg());
    const first = await snapshot(graph.db);
    const summary = await service.import(smallOrg());
    expect(await snapshot(graph.db)).toEqual(first);
    expect(summary.nodes.every((n) => n.created === 0 && n.updated === 0 && n.unchanged === n.total)).toBe(true);
    expect(summary.relationships.every((r) => r.created === 0 && r.removed === 0)).toBe(true);
  });

  it("upserts by id: changed properties update, relationships follow the document", async () => {
    await service.import(smallOrg());
    const document = smallOrg();
    document.people[0]!.title = "Senior WASH specialist";
    document.people[0]!.knows = [
      { topic: "t-sanitation", level: 5, source: "PEER", endorsements: 4, assessedAt: "2025-09-01" },
    ];
    const summary = await service.import({ people: [document.people[0]], topics: document.topics });
    expect(summary.nodes.find((n) => n.label === "Person")).toMatchObject({ total: 1, updated: 1, created: 0 });
    expect(summary.relationships.find((r) => r.relation === "Knows")).toMatchObject({ removed: 1 });
    const { person } = await query(
      graph,
      `{ person(id: "p-ana") { title expertise { level topic { id } } projects { project { id } } } }`,
    );
    expect(person.title).toBe("Senior WASH specialist");
    expect(person.expertise).toEqual([{ level: 5, topic: { id: "t-sanitation" } }]);
    // WORKS_ON is written on the project, which this document did not carry: it stays.
    expect(person.projects).toEqual([{ project: { id: "pr-latrines" } }]);
  });

  it("accepts references to nodes already in the graph", async () => {
    await service.import(smallOrg());
    await service.import({
      people: [{ id: "p-new", name: "New Person", orgUnit: "u-wash", knows: [{ topic: "t-water", level: 3 }] }],
    });
    const { person } = await query(
      graph,
      `{ person(id: "p-new") { orgUnit { id } expertise { level source topic { id } } } }`,
    );
    expect(person).toEqual({
      orgUnit: { id: "u-wash" },
      expertise: [{ level: 3, source: "SELF", topic: { id: "t-water" } }],
    });
  });
});

describe("import rejects a bad document whole, naming the path of every problem", () => {
  it("unknown fields and out-of-range values", async () => {
    const document: any = smallOrg();
    document.projects[2].needs[0].level = 7;
    document.people[1].favouriteColour = "blue";
    document.assets[0].quality = 0;
    document.planets = [];
    const problems = await problemsOf(document);
    expect(problems.map((p) => p.path).sort()).toEqual([
      "",
      "assets[0].quality",
      "people[1]",
      "projects[2].needs[0].level",
    ]);
    expect(problems.find((p) => p.path === "people[1]")!.message).toMatch(/favouriteColour/);
    expect(problems.find((p) => p.path === "")!.message).toMatch(/planets/);
  });

  it("unknown references, duplicate ids, duplicate names and e-mails, missing required fields", async () => {
    const document: any = smallOrg();
    document.projects[0].needs[1].topic = "t-unknown";
    document.activities[0].targets = ["gap-unknown"];
    document.topics.push({ id: "t-wash", name: "WASH again" });
    document.topics.push({ id: "t-copy", name: "Sanitation" });
    document.people[1].email = "ana@example.org";
    delete document.lessons[0].title;
    document.projects[1].team.push({ person: "p-cleo", role: "again" });
    const problems = await problemsOf(document);
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p.message]));
    expect(Object.keys(byPath).sort()).toEqual([
      "activities[0].targets[0]",
      "lessons[0].title",
      "people[1].email",
      "projects[0].needs[1].topic",
      "projects[1].team[1].person",
      "topics[5].id",
      "topics[6].name",
    ]);
    expect(byPath["projects[0].needs[1].topic"]).toMatch(/unknown Topic "t-unknown"/);
    expect(byPath["topics[5].id"]).toMatch(/duplicate id "t-wash"/);
    expect(byPath["projects[1].team[1].person"]).toMatch(/twice/);
  });

  it("dates that are not dates, ends before starts, and taxonomy cycles", async () => {
    const document: any = smallOrg();
    document.projects[0].startDate = "15/01/2025";
    document.projects[1].endDate = "2022-01-01";
    document.topics[0].broader = ["t-latrines"];
    // One pass reports them all: a malformed date in one object does not hide the other problems.
    expect((await problemsOf(document)).map((p) => p.path).sort()).toEqual([
      "projects[0].startDate",
      "projects[1].endDate",
      "topics[2].broader",
    ]);
    document.projects[0].startDate = "2025-01-15";
    const problems = await problemsOf(document);
    expect(problems.map((p) => p.path).sort()).toEqual(["projects[1].endDate", "topics[2].broader"]);
    expect(problems.find((p) => p.path === "topics[2].broader")!.message).toMatch(
      /cycle: t-latrines → t-sanitation → t-wash → t-latrines/,
    );
  });

  it("a document that is not an object", async () => {
    expect(await problemsOf([1, 2, 3])).toHaveLength(1);
    expect(await problemsOf({ people: "everyone" })).toEqual([{ path: "people", message: expect.any(String) }]);
  });

  it("a cycle through nodes already in the graph is found after writing and rolled back", async () => {
    await service.import(smallOrg());
    await problemsOf({ topics: [{ id: "t-wash", name: "WASH", broader: ["t-latrines"] }] });
  });
});

describe("export", () => {
  it("gives back an equivalent document after import", async () => {
    const document = smallOrg();
    await service.import(document);
    const exported = await service.export();
    expect(canonical(exported as any)).toEqual(canonical(document as any));
  });

  it("round-trips: export, import into an empty graph, export again gives the same document", async () => {
    const demo = JSON.parse(await readFile(DEMO_DOCUMENT, "utf8"));
    await service.import(demo);
    const first = await service.export();
    expect(canonical(first as any)).toEqual(canonical(demo));
    await resetGraph(graph.db);
    await service.import(first);
    expect(await service.export()).toEqual(first);
  });
});

describe("GraphQL importDocument and exportDocument", () => {
  it("imports, exports, and reports problems as BAD_USER_INPUT with paths", async () => {
    const imported = await query(
      graph,
      `mutation($d: JSONObject!) { importDocument(document: $d) { nodes { label created } } }`,
      { d: smallOrg() },
    );
    expect(imported.importDocument.nodes.find((n: any) => n.label === "Project").created).toBe(3);
    const exported = await query(graph, `{ exportDocument }`);
    expect(exported.exportDocument.projects.map((p: any) => p.id)).toEqual(["pr-latrines", "pr-nutrition", "pr-wells"]);

    const bad = await execute(graph, `mutation($d: JSONObject!) { importDocument(document: $d) { nodes { label } } }`, {
      d: { projects: [{ id: "pr-x", name: "X", needs: [{ topic: "t-none", level: 2 }] }] },
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(bad.errors?.[0]?.extensions?.problems).toEqual([
      { path: "projects[0].needs[0].topic", message: 'unknown Topic "t-none"' },
    ]);
  });
});

describe("partial documents", () => {
  it("leave out a relationship field to keep those relationships; null or [] clears them", async () => {
    await service.import(smallOrg());
    const ana = { id: "p-ana", name: "Ana Ruiz", email: "ana@example.org", title: "WASH specialist" };
    const expertise = async () =>
      (await query(graph, `{ person(id: "p-ana") { orgUnit { id } expertise { topic { id } } interests { id } } }`))
        .person;

    await service.import({ people: [ana] });
    expect(await expertise()).toEqual({
      orgUnit: { id: "u-wash" },
      expertise: [{ topic: { id: "t-sanitation" } }, { topic: { id: "t-water" } }],
      interests: [{ id: "t-nutrition" }],
    });

    await service.import({ people: [{ ...ana, knows: [], orgUnit: null }] });
    expect(await expertise()).toEqual({ orgUnit: null, expertise: [], interests: [{ id: "t-nutrition" }] });
  });
});
