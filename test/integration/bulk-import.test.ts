import { createWriteStream } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { type BulkImportOptions, type BulkProgress, bulkImport } from "../../src/bulk/bulk-import.js";
import { ImportJournal } from "../../src/bulk/journal.js";
import { recoverOnOpening } from "../../src/bulk/recovery.js";
import { AppError } from "../../src/errors.js";
import { writeOrganisation } from "../../src/generator/write.js";
import { InterchangeService } from "../../src/interchange/interchange-service.js";
import { AuditService } from "../../src/services/audit-service.js";
import { smallOrg } from "../fixtures/small-org.js";
import { execute, resetGraph, snapshot, useGraph } from "../support/graph.js";

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
  it("a node deleted by another Neo4j client mid-import fails it, and every committed batch is undone", async () => {
    await service.import(smallOrg());
    const before = (await snapshot(graph.db)) as {
      nodes: { props: { id: string } }[];
      relationships: { from: string; to: string }[];
    };
    let deleted = false;
    const progress: BulkImportOptions["progress"] = async (event) => {
      if (event.phase === "relationships" && !deleted) {
        deleted = true;
        // Not through kmgraph, which refuses writes during an import: a Neo4j client of its own (cypher-shell).
        await graph.db.driver.executeQuery("MATCH (a:KMActivity {id: 'act-aar'}) DETACH DELETE a");
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
    const stuck = await stuckImport(updateOfSmallOrg());
    expect(await snapshot(graph.db)).not.toEqual(before);

    const blocked = await failure(bulkImport(graph.db, await file(smallOrg())));
    expect(blocked.code).toBe("CONFLICT");
    expect(blocked.message).toMatch(/unfinished.*--recover/);

    // Its holder (this process) is alive: recovery leaves it alone unless told the holder is gone.
    expect((await failure(ImportJournal.recover(graph.db))).code).toBe("IMPORT_IN_PROGRESS");
    const recovered = await ImportJournal.recover(graph.db, { force: true });
    expect(recovered).toMatchObject({ status: "RUNNING" });
    expect(await snapshot(graph.db)).toEqual(before);
    expect(await journalNodes()).toBe(0);
    expect(await ImportJournal.recover(graph.db)).toBeNull();

    // The stuck import comes back to life: its next write is refused, and the graph stays as before.
    const zombie = await failure(stuck.resume());
    expect(zombie.code).toBe("IMPORT_INTERRUPTED");
    expect(await snapshot(graph.db)).toEqual(before);
    expect(await journalNodes()).toBe(0);
  });
});

const editTitle = (title: string) =>
  execute(graph, `mutation($title: String) { updatePerson(id: "p-ana", input: { title: $title }) { title } }`, {
    title,
  });

/**
 * An import of `document` that stops for good after a few batches of
 * relationships, as if its process had hung or died; `resume` lets it go on
 * and returns how it ended.
 */
async function stuckImport(document: unknown, options: BulkImportOptions = {}) {
  let writes = 0;
  let resume!: () => void;
  const paused = new Promise<void>((resolve) => (resume = resolve));
  const done = bulkImport(graph.db, await file(document), {
    batchSize: 2,
    ...options,
    progress: (event) => (event.phase === "relationships" && ++writes === 3 ? paused : undefined),
  });
  done.catch(() => {}); // its outcome is read by resume()
  await expect.poll(() => writes, { timeout: 30_000 }).toBe(3);
  return {
    resume: () => {
      resume();
      return done;
    },
  };
}

describe("bulk import: nobody else writes while it is unfinished", () => {
  const title = async () =>
    String((await graph.db.read("MATCH (p:Person {id: 'p-ana'}) RETURN p.title AS title"))[0]!.title);

  it("an edit made through the API during an import is refused, so no rollback can revert it (the lost update)", async () => {
    await service.import(smallOrg());
    const before = await snapshot(graph.db);
    const stuck = await stuckImport(updateOfSmallOrg());
    // The import has rewritten Ana's title; the editor's change would be reverted by its rollback.
    expect(await title()).toBe("Senior WASH specialist");

    const refused = await editTitle("Edited through the API");
    expect(refused.errors?.[0]?.extensions?.code).toBe("IMPORT_IN_PROGRESS");
    expect(refused.errors?.[0]?.message).toMatch(/bulk import .* is unfinished/);
    expect(await title()).toBe("Senior WASH specialist");

    await ImportJournal.recover(graph.db, { force: true });
    expect(await snapshot(graph.db)).toEqual(before);
    // Once the import is over the same edit goes through.
    expect((await editTitle("Edited through the API")).errors).toBeUndefined();
    expect(await title()).toBe("Edited through the API");
    await failure(stuck.resume());
  });

  it("the import's own writes pass, and after it completes others write again", async () => {
    await service.import(smallOrg());
    const stuck = await stuckImport(updateOfSmallOrg());
    expect((await editTitle("Refused")).errors?.[0]?.extensions?.code).toBe("IMPORT_IN_PROGRESS");
    await stuck.resume();
    expect(await journalNodes()).toBe(0);
    expect(await title()).toBe("Senior WASH specialist");
    expect((await editTitle("After the import")).errors).toBeUndefined();
  });

  it("a rollback gives unique keys back: a person took another's e-mail, a new person took a given-up one", async () => {
    await service.import(smallOrg());
    const before = await snapshot(graph.db);
    const document: any = updateOfSmallOrg();
    const [ana, ben] = document.people;
    document.people.find((person: { id: string }) => person.id === "p-eve").email = ben.email;
    ben.email = ana.email;
    ana.email = "ana.new@example.org";
    const stop = new AbortController();
    const error = await failure(
      bulkImport(graph.db, await file(document), {
        batchSize: 2,
        signal: stop.signal,
        progress: (event) => void (event.phase === "relationships" && stop.abort("SIGTERM")),
      }),
    );
    expect(error.code).toBe("IMPORT_INTERRUPTED");
    expect(await snapshot(graph.db)).toEqual(before);
    expect(await journalNodes()).toBe(0);
  });

  it("an abort (SIGTERM in kmgraph import) mid-import rolls back every committed batch", async () => {
    await service.import(smallOrg());
    const before = await snapshot(graph.db);
    const stop = new AbortController();
    let batches = 0;
    const error = await failure(
      bulkImport(graph.db, await file(updateOfSmallOrg()), {
        batchSize: 2,
        signal: stop.signal,
        progress: (event) => {
          if (event.phase === "relationships" && ++batches === 2) stop.abort("SIGTERM");
        },
      }),
    );
    expect(error.code).toBe("IMPORT_INTERRUPTED");
    expect(error.message).toMatch(/SIGTERM/);
    expect(await snapshot(graph.db)).toEqual(before);
    expect(await journalNodes()).toBe(0);
    expect((await editTitle("After the stop")).errors).toBeUndefined();
  });
});

describe("bulk import: found and finished by the next process that opens the graph", () => {
  const holder = (set: string, params: Record<string, unknown> = {}) =>
    graph.db.driver.executeQuery(`MATCH (r:ImportRun) SET ${set}`, params);

  it("leaves an import whose holder is alive to it, and rolls back one whose process is gone", async () => {
    await service.import(smallOrg());
    const before = await snapshot(graph.db);
    const logged: string[] = [];
    const stuck = await stuckImport(updateOfSmallOrg());
    expect(await recoverOnOpening(graph.db, (line) => logged.push(line))).toMatchObject({ kind: "running" });
    expect(logged.join("\n")).toMatch(/is running in process \d+ .*writes are refused/);
    expect(await snapshot(graph.db)).not.toEqual(before);

    // Its process is gone (a pid no process has on this host).
    await holder("r.pid = $pid", { pid: 2 ** 22 + 1 });
    const recovered = await recoverOnOpening(graph.db, (line) => logged.push(line));
    expect(recovered).toMatchObject({ kind: "recovered" });
    expect(logged.at(-1)).toMatch(/rolled back: the graph is as it was before it/);
    // The import died before it could record how it ended: the rollback is recorded instead.
    const [entry] = (await new AuditService(graph.db).page({ operation: "import recovery" }, 1, null)).edges;
    expect(entry?.node).toMatchObject({
      outcome: "OK",
      targetIds: [recovered.kind === "recovered" ? recovered.open.id : "none"],
      counts: [{ subject: "import", change: "rolled back", count: 1 }],
      actor: { role: "ADMIN", via: "none" },
    });
    expect(await snapshot(graph.db)).toEqual(before);
    expect(await journalNodes()).toBe(0);
    await failure(stuck.resume());
  });

  it("on another host, goes by the lease: fresh is alive, one not renewed for 30 s is gone", async () => {
    await service.import(smallOrg());
    const before = await snapshot(graph.db);
    const stuck = await stuckImport(updateOfSmallOrg());
    await holder("r.host = 'elsewhere.example'");
    expect(await recoverOnOpening(graph.db, () => {})).toMatchObject({ kind: "running" });
    await holder("r.heartbeatAt = datetime() - duration({seconds: 31}), r.host = 'elsewhere.example'");
    expect(await recoverOnOpening(graph.db, () => {})).toMatchObject({ kind: "recovered" });
    expect(await snapshot(graph.db)).toEqual(before);
    await failure(stuck.resume());
  });

  it("finishes the commit of an import marked complete whose process died before clearing its journal", async () => {
    const path = await file(smallOrg());
    await bulkImport(graph.db, path);
    const after = await snapshot(graph.db);
    await graph.db.driver.executeQuery(
      "CREATE (:ImportRun {id: 'dead', status: 'COMMITTING', startedAt: datetime(), source: $path, owner: 'x', pid: $pid, host: $host, heartbeatAt: datetime()})",
      { path, pid: 2 ** 22 + 1, host: (await import("node:os")).hostname() },
    );
    expect((await editTitle("Refused")).errors?.[0]?.extensions?.code).toBe("IMPORT_IN_PROGRESS");
    expect(await recoverOnOpening(graph.db, () => {})).toMatchObject({ kind: "recovered" });
    const [entry] = (await new AuditService(graph.db).page({ operation: "import recovery" }, 1, null)).edges;
    expect(entry?.node).toMatchObject({
      targetIds: ["dead"],
      counts: [{ subject: "import", change: "commit finished", count: 1 }],
    });
    expect(await snapshot(graph.db)).toEqual(after);
    expect(await journalNodes()).toBe(0);
  });
});
