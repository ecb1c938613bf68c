import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smallOrg } from "./fixtures/small-org.js";
import { openTestGraph, resetGraph, snapshot, type TestGraph } from "./support/graph.js";
import { runCli } from "./support/processes.js";

let graph: TestGraph;
let dir: string;

beforeAll(async () => {
  graph = await openTestGraph();
  await resetGraph(graph.db);
  dir = await mkdtemp(join(tmpdir(), "kmgraph-cli-"));
});

afterAll(async () => {
  await graph.close();
});

describe("npx kmgraph import / export", () => {
  it("imports a file, then exports the same organisation as JSON on stdout", async () => {
    const file = join(dir, "org.json");
    await writeFile(file, JSON.stringify(smallOrg()));
    const imported = await runCli(["import", file]);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toMatch(/Project\s+3\s+created 3, updated 0, unchanged 0/);

    const exported = await runCli(["export"]);
    expect(exported.code).toBe(0);
    const document = JSON.parse(exported.stdout);
    expect(document.projects.map((p: { id: string }) => p.id)).toEqual(["pr-latrines", "pr-nutrition", "pr-wells"]);
    expect(document.people[0].knows).toEqual([
      { topic: "t-sanitation", level: 4, source: "PEER", endorsements: 3, assessedAt: "2025-03-01" },
      { topic: "t-water", level: 2, source: "SELF", endorsements: 0 },
    ]);
  });

  it("prints every problem of a bad document with its path, exits 1 and writes nothing", async () => {
    const before = await snapshot(graph.db);
    const file = join(dir, "bad.json");
    await writeFile(file, JSON.stringify({ projects: [{ id: "pr-x", name: "X", status: "DONE", needs: [{ topic: "t-none", level: 9 }] }] }));
    const result = await runCli(["import", file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/BAD_USER_INPUT/);
    expect(result.stderr).toMatch(/projects\[0\]\.status/);
    expect(result.stderr).toMatch(/projects\[0\]\.needs\[0\]\.level/);
    expect(await snapshot(graph.db)).toEqual(before);
  });

  it("explains usage errors with exit code 2", async () => {
    expect((await runCli(["import"])).code).toBe(2);
    expect((await runCli(["import", join(dir, "missing.json")])).stderr).toMatch(/cannot read/);
    const unknown = await runCli(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
  });
});
