import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import neo4j from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Database } from "../../src/db/database.js";
import type { LocalNeo4j } from "../../src/db/local-neo4j.js";
import { writeOrganisation } from "../../src/generator/write.js";
import { InterchangeService } from "../../src/interchange/interchange-service.js";
import { PROJECT_ROOT } from "../../src/paths.js";
import { freePort, runCli } from "../support/processes.js";
import { type GraphSnapshot, graphSnapshot } from "../support/snapshot.js";

// `kmgraph import` of a generated S organisation (seed 2) over an S organisation (seed 1: the same ids
// with other values, so the import creates, updates and removes), stopped by SIGTERM, SIGINT and SIGKILL at
// several points. After each the graph is exactly as before the import or, only where the stop came once
// the import had committed, exactly as after it.

let dir: string;
let neo4jServer: LocalNeo4j;
let db: Database;
let env: NodeJS.ProcessEnv;
let document: string;
/** The graph before the import, exactly (timestamps included). */
let before: GraphSnapshot;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "kmgraph-import-interruption-"));
  const { startLocalNeo4j } = await import("../../src/db/local-neo4j.js");
  neo4jServer = await startLocalNeo4j({
    port: await freePort(),
    dataDir: join(dir, "neo4j"),
    heap: "1g",
    purpose: "kmgraph import-interruption tests",
    log: () => {},
  });
  env = { ...process.env, NEO4J_URI: neo4jServer.uri, NEO4J_USERNAME: "neo4j", NEO4J_PASSWORD: "" };
  db = new Database(neo4j.driver(neo4jServer.uri, undefined, { disableLosslessIntegers: true }), undefined);
  const base = await generated("S", 1);
  document = await generated("S", 2);
  const loaded = await runCli(["import", base], env);
  expect(loaded.code, loaded.stderr).toBe(0);
  before = await snapshot();
});

afterAll(async () => {
  await db?.close();
  await neo4jServer?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function generated(size: "S", seed: number): Promise<string> {
  const path = join(dir, `${size}-${seed}.json`);
  const out = createWriteStream(path);
  await writeOrganisation(size, seed, out);
  out.end();
  await finished(out);
  return path;
}

/** The graph less its version counter, which every write transaction raises, a rollback's too. */
async function snapshot(): Promise<GraphSnapshot> {
  const { nodes, relationships } = await graphSnapshot(db);
  return { nodes: nodes.filter((node) => !node.includes('"GraphVersion"')), relationships };
}

async function journalNodes(): Promise<number> {
  const [row] = await db.read(
    "MATCH (n) WHERE n:ImportRun OR n:ImportUndo OR n:ImportBeforeImage RETURN count(n) AS n",
  );
  return Number(row!.n);
}

interface Running {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves at the first stderr line matching `pattern`; rejects if the process exits first. */
  line(pattern: RegExp): Promise<string>;
}

function spawnKmgraph(script: string[], extraEnv: NodeJS.ProcessEnv = {}): Running {
  const child = spawn(process.execPath, script, { env: { ...env, ...extraEnv }, cwd: PROJECT_ROOT });
  let output = "";
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      const match = output.split("\n").find((line) => waiter.pattern.test(line));
      if (match !== undefined) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  child.stderr!.on("data", (chunk) => {
    output += chunk;
    check();
  });
  child.stdout!.on("data", (chunk) => {
    output += chunk;
    check();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    output: () => output,
    exited,
    line: (pattern) =>
      Promise.race([
        new Promise<string>((resolve) => {
          waiters.push({ pattern, resolve });
          check();
        }),
        exited.then(({ code, signal }) => {
          throw new Error(`exited (${code ?? signal}) before a line matching ${pattern}; output:\n${output}`);
        }),
      ]),
  };
}

const startImport = () => spawnKmgraph([join(PROJECT_ROOT, "bin", "kmgraph.js"), "import", document]);

/** Where to stop the import: the progress line (stderr, not a terminal) that is the cue. */
const POINTS = {
  "while validating": /^validating…/,
  "mid-nodes, after the first batch": /^writing nodes: .*%/,
  "mid-relationships": /^writing relationships: .*\((3|4|5)0 %\)/,
} as const;

describe("kmgraph import stopped by a signal rolls back before it exits", () => {
  for (const [signal, point, code] of [
    ["SIGTERM", "while validating", 143],
    ["SIGTERM", "mid-nodes, after the first batch", 143],
    ["SIGTERM", "mid-relationships", 143],
    ["SIGINT", "mid-nodes, after the first batch", 130],
    ["SIGINT", "mid-relationships", 130],
  ] as const) {
    it(`${signal} ${point}: exit ${code}, the graph exactly as before`, async () => {
      const run = startImport();
      await run.line(POINTS[point]);
      run.child.kill(signal);
      const { code: exitCode } = await run.exited;
      expect(exitCode, run.output()).toBe(code);
      expect(run.output()).toMatch(new RegExp(`${signal}: the import of .* is rolled back`));
      expect(await journalNodes()).toBe(0);
      expect(await snapshot()).toEqual(before);
    });
  }

  it("a second SIGTERM while rolling back is acknowledged, and the rollback still completes", async () => {
    const run = startImport();
    await run.line(POINTS["mid-relationships"]);
    run.child.kill("SIGTERM");
    await run.line(/^SIGTERM: stopping the import/);
    run.child.kill("SIGTERM");
    const { code } = await run.exited;
    expect(code, run.output()).toBe(143);
    expect(run.output()).toMatch(/SIGTERM: still stopping the import/);
    expect(await snapshot()).toEqual(before);
  });
});

describe("an import whose process was killed", () => {
  it("SIGKILL mid-relationships, then kmgraph import --recover: the graph as before", async () => {
    const run = startImport();
    await run.line(POINTS["mid-relationships"]);
    run.child.kill("SIGKILL");
    await run.exited;
    expect(await journalNodes()).toBeGreaterThan(0);
    expect(await snapshot()).not.toEqual(before);

    const recovered = await runCli(["import", "--recover"], env);
    expect(recovered.code, recovered.stderr).toBe(0);
    expect(recovered.stderr).toMatch(/is rolled back: the graph is as it was before it/);
    expect(await journalNodes()).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it("SIGKILL mid-nodes, then the server is started: it rolls the import back before it serves", async () => {
    const run = startImport();
    await run.line(POINTS["mid-nodes, after the first batch"]);
    run.child.kill("SIGKILL");
    await run.exited;
    expect(await snapshot()).not.toEqual(before);

    const server = await startServer();
    try {
      const output = server.output();
      const rolledBack = output.search(/is rolled back: the graph is as it was before it/);
      expect(rolledBack, output).toBeGreaterThan(-1);
      expect(await snapshot()).toEqual(before);
    } finally {
      await server.stop();
    }
  });

  it("next to a running server: API writes are refused (409 IMPORT_IN_PROGRESS) while the import runs, so no rollback reverts an edit; the server rolls back the killed import", async () => {
    const server = await startServer();
    try {
      const run = startImport();
      await run.line(POINTS["mid-nodes, after the first batch"]);
      const person = await somePerson();
      const edit = (title: string) =>
        server.graphql(`mutation { updatePerson(id: "${person}", input: { title: "${title}" }) { title } }`);
      const refused = await edit("Edited during the import");
      expect(refused.status).toBe(409);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe("IMPORT_IN_PROGRESS");
      // Reads go on.
      expect((await server.graphql("{ topics(first: 1) { totalCount } }")).status).toBe(200);
      run.child.kill("SIGKILL");
      await run.exited;

      // The server looks again every 10 s: the import's process is gone, so it rolls the import back.
      await expect.poll(() => snapshot(), { timeout: 120_000, interval: 1_000 }).toEqual(before);
      expect(server.output()).toMatch(/is rolled back: the graph is as it was before it/);
      expect(await journalNodes()).toBe(0);
      const later = await edit("Edited after");
      expect(later.body.errors).toBeUndefined();
      // The edit is the new "before" of the tests that follow.
      before = await snapshot();
    } finally {
      await server.stop();
    }
  });

  it("--recover leaves a running import alone", async () => {
    const run = startImport();
    await run.line(POINTS["mid-nodes, after the first batch"]);
    const refused = await runCli(["import", "--recover"], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/IMPORT_IN_PROGRESS: .*still running in process \d+/);
    run.child.kill("SIGTERM");
    expect((await run.exited).code, run.output()).toBe(143);
    expect(await snapshot()).toEqual(before);
  });
});

describe("stopped while it commits: as before, or as after", () => {
  let after: unknown;

  it("SIGTERM when the commit begins: exit 143 and as before, or exit 0 and complete", async () => {
    const run = startImport();
    await run.line(/^committing…/);
    run.child.kill("SIGTERM");
    const { code } = await run.exited;
    expect(await journalNodes()).toBe(0);
    if (code === 143) expect(await snapshot()).toEqual(before);
    else {
      expect(code, run.output()).toBe(0);
      expect(run.output()).toMatch(/SIGTERM came after the import had committed: it is complete/);
      after = await new InterchangeService(db).export();
    }
  });

  it("SIGKILL when the commit begins, then --recover: as before, or as after", async () => {
    // From the state the previous test left: importing the same document again changes nothing.
    const from = await snapshot();
    const run = startImport();
    await run.line(/^committing…/);
    run.child.kill("SIGKILL");
    await run.exited;
    const recovered = await runCli(["import", "--recover"], env);
    expect(recovered.code, recovered.stderr).toBe(0);
    expect(await journalNodes()).toBe(0);
    const now = await snapshot();
    if (recovered.stderr.match(/had committed; its journal is now cleared/)) {
      after ??= await new InterchangeService(db).export();
    } else expect(now).toEqual(from);
  });

  it("the import run to the end gives the graph every completed run gave", async () => {
    const run = startImport();
    const { code } = await run.exited;
    expect(code, run.output()).toBe(0);
    expect(await journalNodes()).toBe(0);
    const exported = await new InterchangeService(db).export();
    if (after) expect(exported).toEqual(after);
    expect(await snapshot()).not.toEqual(before);
  });
});

async function somePerson(): Promise<string> {
  const [row] = await db.read("MATCH (p:Person) RETURN p.id AS id ORDER BY p.id LIMIT 1");
  return String(row!.id);
}

async function startServer() {
  const port = await freePort();
  const server = spawnKmgraph([join(PROJECT_ROOT, "dist", "server", "main.js")], {
    PORT: String(port),
    KMGRAPH_DEMO: "false",
  });
  const graphql = async (query: string) => {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query }),
    });
    return {
      status: response.status,
      body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] },
    };
  };
  // Ready when it answers (its log lines are not part of the contract).
  for (let answered = false; !answered; ) {
    const exited = await Promise.race([server.exited.then(() => true), new Promise((r) => setTimeout(r, 250, false))]);
    if (exited) throw new Error(`the server exited before it served:\n${server.output()}`);
    answered = await graphql("{ __typename }").then(
      (result) => result.status === 200,
      () => false,
    );
  }
  return {
    output: server.output,
    graphql,
    stop: async () => {
      server.child.kill("SIGTERM");
      await server.exited;
    },
  };
}

describe("Ctrl-C in a terminal, with the command's own embedded Neo4j", () => {
  it("SIGINT to the whole process group: Neo4j outlives it long enough to roll the import back", async () => {
    const data = join(dir, "own-neo4j");
    const own = { KMGRAPH_NEO4J_DATA: data, KMGRAPH_NEO4J_PORT: String(await freePort()) };
    const child = spawn(process.execPath, [join(PROJECT_ROOT, "bin", "kmgraph.js"), "import", document], {
      env: { ...env, NEO4J_URI: "", ...own },
      cwd: PROJECT_ROOT,
      // Its own group, as a shell gives a foreground job: the terminal's Ctrl-C signals all of it.
      detached: true,
    });
    let output = "";
    const mid = new Promise<void>((resolve, reject) => {
      child.stderr.on("data", (chunk) => {
        output += chunk;
        if (/^writing relationships: .*%/m.test(output)) resolve();
      });
      child.once("exit", () => reject(new Error(`exited before writing relationships:\n${output}`)));
    });
    child.stdout.resume();
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    await mid;
    process.kill(-child.pid!, "SIGINT");
    expect(await exited, output).toBe(130);
    expect(output).toMatch(/SIGINT: the import of .* is rolled back/);

    // The graph was empty but for kmgraph's schema records: so it is again (and for the node the import's
    // graph-wide lock is taken on, created by its first transaction, which holds no data).
    const { startLocalNeo4j } = await import("../../src/db/local-neo4j.js");
    const reopened = await startLocalNeo4j({
      port: await freePort(),
      dataDir: data,
      heap: "1g",
      purpose: "kmgraph import-interruption tests",
      log: () => {},
    });
    const check = neo4j.driver(reopened.uri, undefined, { disableLosslessIntegers: true });
    try {
      const { records } = await check.executeQuery(
        `RETURN COUNT { MATCH (n) WHERE NOT (n:SchemaMigration OR n:GraphVersion OR n:AuditEntry OR n:GraphLock) }
                AS nodes, COUNT { ()-[]->() } AS relationships`,
      );
      expect(records[0]!.toObject()).toEqual({ nodes: 0, relationships: 0 });
    } finally {
      await check.close();
      await reopened.stop();
    }
  });
});
