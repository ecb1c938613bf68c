import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import neo4j from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalNeo4j, LocalNeo4jError, startLocalNeo4j } from "../../src/db/local-neo4j.js";
import { readRecord } from "../../src/db/local-neo4j-record.js";

// These tests run the real embedded Neo4j (building it first if needed), each
// instance on its own free port and temporary store, apart from the database
// the rest of the suite uses.

const TIMEOUT = { timeout: 240_000 };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

const logLines: string[] = [];
const log = (line: string): void => {
  logLines.push(line);
  process.stderr.write(`[local-neo4j test] ${line}\n`);
};

async function withDriver<T>(uri: string, work: (driver: ReturnType<typeof neo4j.driver>) => Promise<T>): Promise<T> {
  // Auth is off in the embedded server: no credentials at all.
  const driver = neo4j.driver(uri, undefined, { disableLosslessIntegers: true });
  try {
    return await work(driver);
  } finally {
    await driver.close();
  }
}

describe("embedded Neo4j", () => {
  let dataDir: string;
  const running: LocalNeo4j[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "kmgraph-local-neo4j-"));
  });

  afterAll(async () => {
    // Whatever a failed test left running.
    await Promise.all(running.map((db) => db.stop()));
    await rm(dataDir, { recursive: true, force: true });
  });

  it("serves Bolt, keeps its data across restarts and stops cleanly", TIMEOUT, async () => {
    const port = await freePort();

    const first = await startLocalNeo4j({ port, dataDir, heap: "512m", pageCache: "64m", log });
    running.push(first);
    expect(first.uri).toBe(`bolt://127.0.0.1:${port}`);
    expect(logLines.some((line) => /^Neo4j ready in \d+(\.\d+)? s$/.test(line))).toBe(true);
    // It tells other processes where it is, in its data directory.
    expect(readRecord(dataDir)).toMatchObject({ uri: first.uri, pid: process.pid, javaPid: first.pid, shared: false });

    await withDriver(first.uri, async (driver) => {
      await driver.verifyConnectivity();
      const one = await driver.executeQuery("RETURN 1 AS one");
      expect(one.records[0]?.get("one")).toBe(1);
      await driver.executeQuery("CREATE (:LocalNeo4jTest {name: $name, at: datetime()})", { name: "persisted" });
    });

    await first.stop();
    await first.stop(); // idempotent
    expect(readRecord(dataDir)).toBeUndefined();
    // Stopped means the port is free again.
    await expect(withDriver(first.uri, (driver) => driver.verifyConnectivity())).rejects.toThrow();

    const second = await startLocalNeo4j({ port, dataDir, heap: "512m", pageCache: "64m", log });
    running.push(second);
    const names = await withDriver(second.uri, async (driver) => {
      const result = await driver.executeQuery(
        "MATCH (n:LocalNeo4jTest) RETURN n.name AS name",
        {},
        { routing: neo4j.routing.READ },
      );
      return result.records.map((record) => record.get("name") as string);
    });
    expect(names).toEqual(["persisted"]);
    await second.stop();
  });

  it("fails with START_FAILED and says why when the port is taken", TIMEOUT, async () => {
    const port = await freePort();
    const holder = await startLocalNeo4j({ port, dataDir, heap: "512m", pageCache: "64m", log });
    running.push(holder);
    const otherDir = await mkdtemp(join(tmpdir(), "kmgraph-local-neo4j-other-"));
    try {
      const error = await startLocalNeo4j({ port, dataDir: otherDir, heap: "512m", pageCache: "64m", log }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(LocalNeo4jError);
      expect((error as LocalNeo4jError).code).toBe("START_FAILED");
      expect((error as LocalNeo4jError).message).toMatch(new RegExp(`port ${port} .*already in use`));
      expect((error as LocalNeo4jError).failure).toBe("PORT_IN_USE");

      // The same store cannot be opened twice either, whatever the port.
      const locked = await startLocalNeo4j({
        port: await freePort(),
        dataDir,
        heap: "512m",
        pageCache: "64m",
        log,
      }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(locked).toBeInstanceOf(LocalNeo4jError);
      expect((locked as LocalNeo4jError).code).toBe("START_FAILED");
      expect((locked as LocalNeo4jError).message).toMatch(/locked by another Neo4j process/);
      expect((locked as LocalNeo4jError).failure).toBe("STORE_LOCKED");
      // The Java program's own arguments mean nothing to a kmgraph user.
      expect((locked as LocalNeo4jError).message).not.toMatch(/--data-dir/);

      // The first instance is unharmed.
      await withDriver(holder.uri, async (driver) => {
        const result = await driver.executeQuery("MATCH (n:LocalNeo4jTest) RETURN count(n) AS n");
        expect(result.records[0]?.get("n")).toBe(1);
      });
    } finally {
      await holder.stop();
      await rm(otherDir, { recursive: true, force: true });
    }
  });

  it("rejects options it cannot use before starting anything", async () => {
    await expect(startLocalNeo4j({ port: 70_000, dataDir, log })).rejects.toMatchObject({ code: "BAD_OPTIONS" });
    await expect(startLocalNeo4j({ port: 7687, dataDir: "relative/dir", log })).rejects.toMatchObject({
      code: "BAD_OPTIONS",
    });
    await expect(startLocalNeo4j({ port: 7687, dataDir, pageCache: "1.5 GB", log })).rejects.toMatchObject({
      code: "BAD_OPTIONS",
      message: expect.not.stringMatching(/--pagecache/),
    });
  });
});
