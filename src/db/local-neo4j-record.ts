/**
 * The note an embedded Neo4j leaves in its data directory while it runs
 * (`kmgraph-neo4j.json`): where it serves Bolt and which processes own it.
 * Only one process can open a store, so a second kmgraph process on the same
 * data directory (a command while the server runs) reads the note and
 * connects to that Neo4j instead of failing on the store lock.
 *
 * Written atomically once Neo4j is ready, removed when it stops. A note whose
 * processes are gone (a crash, a SIGKILL) is stale: readers check the pids
 * and whether Bolt answers, and otherwise ignore it; the next Neo4j started on
 * the directory overwrites it.
 */
import { readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import neo4j from "neo4j-driver";

export const RECORD_FILE = "kmgraph-neo4j.json";

export interface LocalNeo4jRecord {
  /** `bolt://127.0.0.1:<port>`, auth off. */
  readonly uri: string;
  /** The Node process that started Neo4j and stops it. */
  readonly pid: number;
  /** The Java process that runs Neo4j. */
  readonly javaPid: number;
  /** What the owner is, for the messages of others: "kmgraph server", "kmgraph import"… */
  readonly purpose: string;
  /**
   * True when the owner keeps Neo4j up for others to use until it is stopped
   * (the server); false when it stops as soon as its own work is done (a command).
   */
  readonly shared: boolean;
  readonly startedAt: string;
}

export function recordPath(dataDir: string): string {
  return join(dataDir, RECORD_FILE);
}

/** Replaces the note in one step, so that a reader never sees half of one. */
export function writeRecord(dataDir: string, record: LocalNeo4jRecord): void {
  const path = recordPath(dataDir);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(temporary, path);
}

/** The note, or undefined when there is none or it cannot be read as one. */
export function readRecord(dataDir: string): LocalNeo4jRecord | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(recordPath(dataDir), "utf8"));
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const r = parsed as Record<string, unknown>;
  const isPid = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0;
  if (typeof r.uri !== "string" || !r.uri.startsWith("bolt://") || !isPid(r.pid) || !isPid(r.javaPid)) {
    return undefined;
  }
  return {
    uri: r.uri,
    pid: r.pid,
    javaPid: r.javaPid,
    purpose: typeof r.purpose === "string" && r.purpose !== "" ? r.purpose : "kmgraph",
    shared: r.shared === true,
    startedAt: typeof r.startedAt === "string" ? r.startedAt : "",
  };
}

/**
 * Removes the note if it is still the one of this Java process: a newer
 * Neo4j on the same directory may have replaced it since.
 */
export function removeRecord(dataDir: string, javaPid: number | undefined): void {
  if (javaPid === undefined || readRecord(dataDir)?.javaPid !== javaPid) return;
  try {
    unlinkSync(recordPath(dataDir));
  } catch {
    // Already gone.
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** How long a recorded Neo4j has to answer on Bolt before its note counts as stale. */
const PROBE_TIMEOUT_MS = 3_000;

export type RecordState =
  | { readonly state: "none" }
  | { readonly state: "live"; readonly record: LocalNeo4jRecord }
  | { readonly state: "stale"; readonly record: LocalNeo4jRecord; readonly why: string };

/** Reads the note of `dataDir` and checks that what it names is really there. */
export async function checkRecord(dataDir: string): Promise<RecordState> {
  const record = readRecord(dataDir);
  if (!record) return { state: "none" };
  if (!isAlive(record.pid)) return { state: "stale", record, why: `its process (pid ${record.pid}) is gone` };
  if (!isAlive(record.javaPid)) return { state: "stale", record, why: `its Neo4j (pid ${record.javaPid}) is gone` };
  if (!(await boltAnswers(record.uri))) {
    return { state: "stale", record, why: `nothing answers at ${record.uri}` };
  }
  return { state: "live", record };
}

async function boltAnswers(uri: string): Promise<boolean> {
  const driver = neo4j.driver(uri, undefined, {
    connectionTimeout: PROBE_TIMEOUT_MS,
    connectionAcquisitionTimeout: PROBE_TIMEOUT_MS,
    maxConnectionPoolSize: 1,
    userAgent: "kmgraph",
  });
  try {
    await driver.verifyConnectivity();
    return true;
  } catch {
    return false;
  } finally {
    await driver.close();
  }
}
