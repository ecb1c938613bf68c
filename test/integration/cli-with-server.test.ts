import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/paths.js";
import { freePort, runCli, waitForLine } from "../support/processes.js";

// `npm start` in one terminal, the README's CLI commands in another: both on
// the embedded Neo4j (no NEO4J_URI), with the same KMGRAPH_NEO4J_DATA. The
// server owns the Neo4j; each command must use it rather than try to open the
// store a second time.

const TIMEOUT = { timeout: 360_000 };
const RECORD = "kmgraph-neo4j.json";

/** The environment of a user who never set NEO4J_URI. */
function embeddedEnv(dataDir: string, neo4jPort: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"]) delete env[name];
  return {
    ...env,
    KMGRAPH_NEO4J_DATA: dataDir,
    KMGRAPH_NEO4J_PORT: String(neo4jPort),
    // Three Neo4j may run at once here (the suite's, the server's, one test's own).
    KMGRAPH_NEO4J_HEAP: "512m",
    KMGRAPH_NEO4J_PAGECACHE: "64m",
  };
}

function spawnServer(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [join(PROJECT_ROOT, "dist", "server", "main.js")], { env, cwd: PROJECT_ROOT });
}

/** Resolves with the exit code once the process has ended. */
function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

/** The pid of a process that has come and gone. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await exited(child);
  return child.pid!;
}

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "kmgraph-cli-server-"));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("the CLI while `npm start` runs", () => {
  let server: ChildProcess;
  let serverLog = "";
  let env: NodeJS.ProcessEnv;
  let url: string;

  beforeAll(async () => {
    const dataDir = join(root, "server-neo4j");
    const httpPort = await freePort();
    env = embeddedEnv(dataDir, await freePort());
    // An empty graph, so that what the GraphQL API sees afterwards is what the CLI wrote.
    server = spawnServer({ ...env, PORT: String(httpPort), KMGRAPH_DEMO: "false" });
    server.stderr!.on("data", (chunk) => (serverLog += chunk));
    await waitForLine(server, /GraphQL API ready/, 300_000);
    url = `http://localhost:${httpPort}/graphql`;
  }, 360_000);

  afterAll(async () => {
    if (server.exitCode === null) {
      server.kill("SIGTERM");
      await exited(server);
    }
  });

  async function graphql(query: string) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as { data?: any; errors?: unknown[] };
  }

  it("runs import, analyze, review and infer-expertise on the server's Neo4j", TIMEOUT, async () => {
    const imported = await runCli(["import", join(PROJECT_ROOT, "demo", "demo-org.json")], env);
    expect(imported.stderr).toMatch(/using the embedded Neo4j of the running kmgraph server \(pid \d+\) at bolt:/);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toMatch(/imported \d+ nodes and \d+ relationships/);
    // The server sees what the CLI imported.
    const seen = await graphql(`{ projects { totalCount } people { totalCount } orgUnits { totalCount } }`);
    expect(seen.errors).toBeUndefined();
    expect(seen.data.projects.totalCount).toBeGreaterThanOrEqual(8);
    expect(seen.data.people.totalCount).toBeGreaterThanOrEqual(30);
    expect(seen.data.orgUnits.totalCount).toBe(4);

    const analyzed = await runCli(["analyze", "--as-of", "2026-11-22"], env);
    expect(analyzed.code).toBe(0);
    expect(analyzed.stdout).toMatch(/Truck factor: \d+/);

    const reviewed = await runCli(["review", "--format", "md", "--as-of", "2026-11-22"], env);
    expect(reviewed.code).toBe(0);
    expect(reviewed.stdout).toMatch(/^# Strategy review/m);

    const inferred = await runCli(["infer-expertise", "--as-of", "2026-11-22"], env);
    expect(inferred.code).toBe(0);
    expect(inferred.stdout).toMatch(/Nothing written: run with --apply to write them\./);

    // Only the server started a Neo4j; every command used it.
    for (const run of [imported, analyzed, reviewed, inferred]) expect(run.stderr).not.toMatch(/starting Neo4j/);
  });

  it("leaves the server up and serving after the commands have ended", async () => {
    expect(server.exitCode).toBeNull();
    const seen = await graphql(`{ topics { totalCount } }`);
    expect(seen.errors).toBeUndefined();
    expect(seen.data.topics.totalCount).toBeGreaterThanOrEqual(40);
    expect(serverLog).toMatch(/started the embedded Neo4j at bolt:/);
  });

  it("refuses to start a second server on the same store, naming the one that runs", TIMEOUT, async () => {
    const second = spawnServer({ ...env, PORT: String(await freePort()) });
    let output = "";
    second.stderr!.on("data", (chunk) => (output += chunk));
    expect(await exited(second)).toBe(1);
    expect(output).toMatch(/in use by kmgraph server \(pid \d+\)/);
    expect(output).toMatch(/KMGRAPH_NEO4J_DATA/);
    expect(output).not.toMatch(/--data-dir/);
    // The first one is unharmed.
    expect((await graphql(`{ orgUnits { totalCount } }`)).data.orgUnits.totalCount).toBe(4);
  });

  it("says which variable to change when a command's own Neo4j finds the server's port taken", TIMEOUT, async () => {
    // Another store, the same Bolt port: nothing to join, and the port is the server's.
    const other = { ...env, KMGRAPH_NEO4J_DATA: join(root, "other-neo4j") };
    const result = await runCli(["analyze"], other);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/already in use .*; stop that program or set KMGRAPH_NEO4J_PORT to a free port/);
    expect(result.stderr).not.toMatch(/--port/);
    expect(existsSync(join(root, "other-neo4j", RECORD))).toBe(false);
  });
});

describe("a record left by a kmgraph that is gone", () => {
  it("is ignored: the CLI starts its own Neo4j, and removes its own record when done", TIMEOUT, async () => {
    const dataDir = join(root, "stale-neo4j");
    const port = await freePort();
    await mkdir(dataDir, { recursive: true });
    const stale = {
      uri: `bolt://127.0.0.1:${await freePort()}`,
      pid: await deadPid(),
      javaPid: await deadPid(),
      purpose: "kmgraph server",
      shared: true,
      startedAt: new Date(Date.now() - 3_600_000).toISOString(),
    };
    await writeFile(join(dataDir, RECORD), JSON.stringify(stale));

    const file = join(root, "one-unit.json");
    await writeFile(file, JSON.stringify({ orgUnits: [{ id: "u-stale", name: "Stale record test" }] }));
    const result = await runCli(["import", file], embeddedEnv(dataDir, port));
    expect(result.stderr).toMatch(new RegExp(`starting Neo4j on bolt://127\\.0\\.0\\.1:${port}`));
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/OrgUnit\s+1\s+created 1/);
    expect(result.stderr).not.toMatch(/using the embedded Neo4j of the running/);
    // A clean stop leaves no record behind, neither the stale one nor its own.
    expect(existsSync(join(dataDir, RECORD))).toBe(false);
  });
});
