import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { analyticsOrg } from "../fixtures/analytics-org.js";
import { smallOrg } from "../fixtures/small-org.js";
import { resetGraph, snapshot, useGraph } from "../support/graph.js";
import { runCli } from "../support/processes.js";

const graph = useGraph();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kmgraph-cli-"));
});

describe("npx kmgraph import / export", () => {
  it("imports a file, then exports the same organisation as JSON on stdout", async () => {
    const file = join(dir, "org.json");
    await writeFile(file, JSON.stringify(smallOrg()));
    const imported = await runCli(["import", file]);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toMatch(/Project\s+3\s+created 3, updated 0, unchanged 0/);
    // Not a terminal: progress comes as one line per tenth of each phase.
    expect(imported.stderr).toMatch(/validating: [\d.]+ of [\d.]+ MB \(100 %\)/);
    expect(imported.stderr).toMatch(/writing relationships: [\d,]+ of [\d,]+ relationships \(100 %\)/);
    expect(imported.stderr).toMatch(/imported 24 nodes and 50 relationships in [\d.]+ s/);

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
    await writeFile(
      file,
      JSON.stringify({ projects: [{ id: "pr-x", name: "X", status: "DONE", needs: [{ topic: "t-none", level: 9 }] }] }),
    );
    const result = await runCli(["import", file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/BAD_USER_INPUT/);
    expect(result.stderr).toMatch(/projects\[0\]\.status/);
    expect(result.stderr).toMatch(/projects\[0\]\.needs\[0\]\.level/);
    expect(await snapshot(graph.db)).toEqual(before);
  });

  it("import --recover says when there is nothing to recover", async () => {
    const result = await runCli(["import", "--recover"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/no unfinished bulk import/);
  });

  it("explains usage errors with exit code 2", async () => {
    expect((await runCli(["import"])).code).toBe(2);
    expect((await runCli(["import", join(dir, "missing.json")])).stderr).toMatch(/cannot read/);
    const unknown = await runCli(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
  });
});

describe("npx kmgraph analyze", () => {
  it("prints the organisation report as tables, or as JSON with the same figures", async () => {
    await resetGraph(graph.db);
    const file = join(dir, "analytics.json");
    await writeFile(file, JSON.stringify(analyticsOrg()));
    expect((await runCli(["import", file])).code).toBe(0);

    const text = await runCli(["analyze", "--as-of", "2025-03-01", "--top", "2"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/as of 2025-03-01/);
    expect(text.stdout).toMatch(/^Truck factor: 2$/m);
    expect(text.stdout).toMatch(/^t-root\s+WASH\s+3$/m);
    // People, projects and topics by name (p-a is A; pr-1 One, pr-3 Three); topic tables keep the id column.
    expect(text.stdout).toMatch(/^A\s+1\.1\s+One, Three$/m);
    expect(text.stdout).not.toMatch(/\bp-a\b/);

    const json = await runCli(["analyze", "--as-of", "2025-03-01", "--json"]);
    const report = JSON.parse(json.stdout);
    expect(report.truckFactor.removed.map((r: { person: string }) => r.person)).toEqual(["p-b", "p-e"]);
    expect(report.maturity.distribution).toEqual([2, 1, 0, 0, 1]);
    expect(report.projects.find((p: { id: string }) => p.id === "pr-1").coverage.coverage).toBe(0.625);
  });

  it("tells two people of one table who share a name apart by id", async () => {
    const rename = (name: string) =>
      graph.db.write((tx) => tx.run("MATCH (p:Person {id: $id}) SET p.name = $name", { id: "p-e", name }));
    await rename("B");
    try {
      const text = await runCli(["analyze", "--as-of", "2025-03-01"]);
      expect(text.code).toBe(0);
      const risk = text.stdout.split("Key-person risk")[1]!.split("\n\n")[0]!;
      expect(risk).toMatch(/^B \(p-b\)\s+2\.5\s+Nutrition$/m);
      expect(risk).toMatch(/^B \(p-e\)\s+2\.5\s+Nutrition$/m);
      expect(text.stdout).toMatch(/losing B \(p-b\), B \(p-e\) would leave/);
      // The overloaded table shows only A (p-a): no clash there.
      expect(text.stdout).toMatch(/^A\s+1\.1\s+One, Three$/m);
    } finally {
      await rename("E");
    }
  });

  it("rejects a malformed date and unknown options", async () => {
    const date = await runCli(["analyze", "--as-of", "22/11/2026"]);
    expect(date.code).toBe(1);
    expect(date.stderr).toMatch(/BAD_USER_INPUT/);
    expect((await runCli(["analyze", "--colour"])).code).toBe(2);
  });
});
