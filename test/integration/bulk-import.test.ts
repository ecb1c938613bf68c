import { createWriteStream } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { type BulkImportOptions, type BulkProgress, bulkImport } from "../../src/bulk/bulk-import.js";
import { ImportJournal } from "../../src/bulk/journal.js";
import { AppError } from "../../src/errors.js";
import { writeOrganisation } from "../../src/generator/write.js";
import { InterchangeService } from "../../src/interchange/interchange-service.js";
import { smallOrg } from "../fixtures/small-org.js";
import { resetGraph, snapshot, useGraph } from "../support/graph.js";

const graph = useGraph(undefined, { eachTest: true });
let service: InterchangeService;
let dir: string;

beforeAll(async () => {
  service = new InterchangeService(graph.db);
  dir = await mkdtemp(join(tmpdir(), "kmgraph-bulk-"));
});

let files = 0;
async function file(document: unknown): Promise<string> {
  const path = join(dir, `document-${files++}.json`);
  await writeFile(path, typeof document === "string" ? document : JSON.stringify(document, null, 1));
  return path;
}

/** Every node the journal uses: none may be left once an import has ended, whichever way. */
async function journalNodes(): Promise<number> {
  const [row] = await graph.db.read(
    "MATCH (n) WHERE n:ImportRun OR n:ImportUndo OR n:ImportBeforeImage RETURN count(n) AS count",
  );
  return Number(row!.count);
}

async function failure(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/**
 * An update of smallOrg touching every kind of change: node properties, a
 * relationship's properties, a relationship dropped from a list, a field
 * cleared with [], a field left out, new nodes linked to old ones.
 */
function updateOfSmallOrg() {
  const document: any = smallOrg();
  document.people[0].title = "Senior WASH specialist";
  document.people[0].knows[0].level = 3;
  document.people[0].knows.pop();
  document.people[1].interestedIn = [];
  delete document.people[2].knows;
  document.topics.push({ id: "t-hygiene", name: "Hygiene promotion", broader: ["t-wash"] });
  document.people.push({
    id: "p-eve",
    name: "Eve Adams",
    active: true,
    orgUnit: "u-wash",
    knows: [
      { topic: "t-hygiene", level: 4 },
      { topic: "t-water", level: 2 },
    ],
  });
  document.projects[0].team.push({ person: "p-eve", role: "Hygiene lead" });
  return document;
}

const generateXs = async () => {
  const path = join(dir, `xs-${files++}.json`);
  const out = createWriteStream(path);
  await writeOrganisation("XS", 7, out);
  out.end();
  await finished(out);
  return path;
};

describe("bulk import: the same graph as the small import", () => {
  it("imports a generated organisation whole, in many small batches, and exports what the small import exports", async () => {
    const path = await generateXs();
    const events: BulkProgress[] = [];
    // Two writers: batches committed side by side give the same graph.
    const summary = await bulkImport(graph.db, path, {
      batchSize: 50,
      writers: 2,
      progress: (event) => void events.push(event),
    });
    const bulk = await service.export();

    await resetGraph(graph.db);
    const small = await service.import(JSON.parse(await (await import("node:fs/promises")).readFile(path, "utf8")));
    expect(await service.export()).toEqual(bulk);
    expect(summary.nodes).toEqual(small.nodes);
    expect(summary.relationships).toEqual(small.relationships);
    expect(summary.nodes.reduce((sum, n) => sum + n.created, 0)).toBeGreaterThan(100);
    // Progress: every phase reported, each ending at its total.
    for (const phase of ["validate", "nodes", "relationships", "commit", "statistics"] as const) {
      const last = events.filter((event) => event.phase === phase).at(-1);
      expect(last, phase).toBeDefined();
      expect(last!.done).toBe(last!.total);
    }
    expect(await journalNodes()).toBe(0);
    expect(summary.plannerStatistics).toEqual({ refreshed: true });
  });

  it("applies an update exactly like the small import: changed, dropped, cleared, untouched and new", async () => {
    const update = updateOfSmallOrg();
    await service.import(smallOrg());
    const summary = await bulkImport(graph.db, await file(update), { batchSize: 2, writers: 2 });
    const bulk = await service.export();

    await resetGraph(graph.db);
    await service.import(smallOrg());
    const small = await service.import(update);
    expect(await service.export()).toEqual(bulk);
    expect(summary.nodes).toEqual(small.nodes);
    expect(summary.relationships).toEqual(small.relationships);
    expect(summary.relationships.find((r) => r.relation === "Knows")).toMatchObject({ removed: 1 });
    expect(await journalNodes()).toBe(0);
  });

  it("importing the same file twice changes nothing the second time, not even updatedAt", async () => {
    const path = await file(smallOrg());
    await bulkImport(graph.db, path);
    const before = await snapshot(graph.db);
    const again = await bulkImport(graph.db, path, { batchSize: 3 });
    expect(again.nodes.every((n) => n.created === 0 && n.updated === 0)).toBe(true);
    expect(again.relationships.every((r) => r.created === 0 && r.removed === 0)).toBe(true);
    expect(await snapshot(graph.db)).toEqual(before);
  });
});

describe("bulk import: a bad document is rejected whole before anything is written", () => {
  async function problemsOf(content: unknown): Promise<{ path: string; message: string }[]> {
    const before = await snapshot(graph.db);
    const error = await failure(bulkImport(graph.db, await file(content)));
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(await snapshot(graph.db)).toEqual(before);
    expect(await journalNodes()).toBe(0);
    return [...error.problems];
  }

  it("reports the same problems, with the same paths, as the small import", async () => {
    const document: any = smallOrg();
    document.projects[0].needs[1].topic = "t-unknown";
    document.topics.push({ id: "t-wash", name: "WASH again" });
    document.people[1].email = "ana@example.org";
    document.projects[2].needs[0].level = 7;
    document.topics[0].broader = ["t-latrines"];
    document.planets = [];
    const small = await failure(service.import(document));
    const problems = await problemsOf(document);
    expect(problems).toEqual(small.problems);
    expect(problems.map((p) => p.path).sort()).toEqual([
      "",
      "people[1].email",
      "projects[0].needs[1].topic",
      "projects[2].needs[0].level",
      "topics[2].broader",
      "topics[5].id",
    ]);
  });

  it("checks against the graph: names and e-mails held by other nodes, cycles through the stored taxonomy", async () => {
    await service.import(smallOrg());
    const problems = await problemsOf({
      topics: [
        { id: "t-other", name: "Sanitation" },
        { id: "t-wash", name: "WASH", broader: ["t-latrines"] },
      ],
      people: [{ id: "p-new", name: "New", active: true, email: "ben@example.org" }],
    });
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p.message]));
    expect(Object.keys(byPath).sort()).toEqual(["people[0].email", "topics[0].name", "topics[1].broader"]);
    expect(byPath["topics[0].name"]).toMatch(/already used by Topic "t-sanitation"/);
    expect(byPath["people[0].email"]).toMatch(/already used by Person "p-ben"/);
    expect(byPath["topics[1].broader"]).toMatch(/cycle: t-wash → t-latrines → t-sanitation → t-wash/);
  });

  it("a name given up by its holder in the same document is not a conflict", async () => {
    await service.import(smallOrg());
    await bulkImport(
      graph.db,
      await file({
        topics: [
          { id: "t-nutrition", name: "Nutrition (old)" },
          { id: "t-food", name: "Nutrition" },
        ],
      }),
    );
    const [row] = await graph.db.read("MATCH (t:Topic {name: 'Nutrition'}) RETURN t.id AS id");
    expect(row!.id).toBe("t-food");
  });

  it("malformed, truncated, empty and wrongly shaped files", async () => {
    const text = JSON.stringify(smallOrg());
    for (const content of [text.slice(0, text.length / 2), text.replace('"people"', "people"), ""]) {
      const before = await snapshot(graph.db);
      const error = await failure(bulkImport(graph.db, await file(content)));
      expect(error.code).toBe("BAD_USER_INPUT");
      expect(error.message).toMatch(/is not a valid JSON document/);
      expect(await snapshot(graph.db)).toEqual(before);
    }
    expect(await problemsOf("[1, 2]")).toEqual([{ path: "", message: expect.stringMatching(/must be an object/) }]);
    expect(await problemsOf({ people: "everyone", topics: { a: 1 } })).toEqual([
      { path: "people", message: "must be a list" },
      { path: "topics", message: "must be a list" },
    ]);
  });

  it("refuses batch sizes and writer counts that are not whole numbers above 0, before anything", async () => {
    const path = await file(smallOrg());
    for (const options of [{ batchSize: 0 }, { writers: 0 }, { writers: 1.5 }]) {
      const error = await failure(bulkImport(graph.db, path, options));
      expect(error.code).toBe("BAD_USER_INPUT");
      expect(error.message).toMatch(/must be a whole number above 0/);
    }
    expect(await journalNodes()).toBe(0);
  });
});

describe("bulk import: all or nothing after writing has begun", () => {
  it("a node deleted by someone else mid-import fails it, and every committed batch is undone", async () => {
    await service.import(smallOrg());
    const before = (await snapshot(graph.db)) as {
      nodes: { props: { id: string } }[];
      relationships: { from: string; to: string }[];
    };
    let deleted = false;
    const progress: BulkImportOptions["progress"] = async (event) => {
      if (event.phase === "relationships" && !deleted) {
        deleted = true;
        await graph.db.write((tx) => tx.run("MATCH (a:KMActivity {id: 'act-aar'}) DETACH DELETE a"));
      }
    };
    const error = await failure(bulkImport(graph.db, await file(updateOfSmallOrg()), { batchSize: 2, progress }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/deleted during the import/);
    // The graph is as before the import, less what the other writer deleted.
    expect(await snapshot(graph.db)).toEqual({
      nodes: before.nodes.filter((node) => node.props.id !== "act-aar"),
      relationships: before.relationships.filter((r) => r.from !== "act-aar" && r.to !== "act-aar"),
    });
    expect(await journalNodes()).toBe(0);
  });

  it("an import whose process stopped part-way is rolled back by recover, and blocks others until then", async () => {
    await service.import(smallOrg());
    const before = await snapshot(graph.db);
    let writes = 0;
    // The import stops for good after a few batches, as if its process had died.
    void bulkImport(graph.db, await file(updateOfSmallOrg()), {
      batchSize: 2,
      progress: (event) =>
        event.phase === "relationships" && ++writes === 3 ? new Promise<void>(() => {}) : undefined,
    });
    await expect.poll(() => writes, { timeout: 30_000 }).toBe(3);
    expect(await snapshot(graph.db)).not.toEqual(before);

    const blocked = await failure(bulkImport(graph.db, await file(smallOrg())));
    expect(blocked.code).toBe("CONFLICT");
    expect(blocked.message).toMatch(/unfinished.*--recover/);

    const recovered = await ImportJournal.recover(graph.db);
    expect(recovered).toMatchObject({ status: "RUNNING" });
    expect(await snapshot(graph.db)).toEqual(before);
    expect(await journalNodes()).toBe(0);
    expect(await ImportJournal.recover(graph.db)).toBeNull();
  });
});
