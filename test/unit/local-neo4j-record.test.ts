import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkRecord,
  type LocalNeo4jRecord,
  readRecord,
  recordPath,
  removeRecord,
  writeRecord,
} from "../../src/db/local-neo4j-record.js";
import { freePort } from "../support/processes.js";

// The note an embedded Neo4j leaves in its data directory, checked without any
// Neo4j: what the note names must be alive and answer, or the note is stale.

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "kmgraph-record-"));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await new Promise((resolve) => child.once("exit", resolve));
  return child.pid!;
}

async function note(overrides: Partial<LocalNeo4jRecord> = {}): Promise<LocalNeo4jRecord> {
  return {
    uri: `bolt://127.0.0.1:${await freePort()}`,
    pid: process.pid,
    javaPid: process.pid,
    purpose: "kmgraph server",
    shared: true,
    startedAt: new Date().toISOString(),
    ...overrides,
  };
}

describe("the embedded Neo4j's note", () => {
  it("is written whole and read back", async () => {
    const record = await note();
    writeRecord(dataDir, record);
    expect(readRecord(dataDir)).toEqual(record);
  });

  it("is stale when its process is gone, or its Neo4j is, or nothing answers on Bolt", async () => {
    writeRecord(dataDir, await note({ pid: await deadPid() }));
    expect(await checkRecord(dataDir)).toMatchObject({ state: "stale", why: expect.stringMatching(/process .* gone/) });

    writeRecord(dataDir, await note({ javaPid: await deadPid() }));
    expect(await checkRecord(dataDir)).toMatchObject({ state: "stale", why: expect.stringMatching(/Neo4j .* gone/) });

    // Both processes alive (this one), but no Neo4j on the port: a reused pid, or one stopping.
    const silent = await note();
    writeRecord(dataDir, silent);
    const started = Date.now();
    expect(await checkRecord(dataDir)).toMatchObject({ state: "stale", why: `nothing answers at ${silent.uri}` });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("counts as absent when it is missing or not a note", async () => {
    await rm(recordPath(dataDir), { force: true });
    expect(await checkRecord(dataDir)).toEqual({ state: "none" });
    await writeFile(recordPath(dataDir), "{ half a no");
    expect(await checkRecord(dataDir)).toEqual({ state: "none" });
    await writeFile(recordPath(dataDir), JSON.stringify({ uri: "http://x", pid: 1, javaPid: 2 }));
    expect(await checkRecord(dataDir)).toEqual({ state: "none" });
  });

  it("is removed only by the Neo4j it names, not by one it has replaced", async () => {
    writeRecord(dataDir, await note({ javaPid: 424_242 }));
    removeRecord(dataDir, 515_151);
    expect(existsSync(recordPath(dataDir))).toBe(true);
    removeRecord(dataDir, 424_242);
    expect(existsSync(recordPath(dataDir))).toBe(false);
  });
});
