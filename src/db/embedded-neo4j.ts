/**
 * The embedded Neo4j for one kmgraph process: the one a running kmgraph server
 * already has on the same data directory, or one started here.
 *
 * Only one process can open a store. The server starts its Neo4j and keeps it
 * for others (`serve`); a command (`join`) uses the server's when there is one
 * and otherwise starts its own, which stops when the command ends. A command
 * does not join another command's Neo4j, which would vanish under it when that
 * command ends: it waits for that command to finish instead.
 *
 * Races are settled by the store lock: of two processes starting at once, one
 * gets it; the other finds the winner's note (local-neo4j-record.ts) once the
 * winner is ready, and goes on from there.
 */
import type { LocalNeo4jConfig } from "../config.js";
import type { Log } from "../log.js";
import { type LocalNeo4j, LocalNeo4jError, startLocalNeo4j } from "./local-neo4j.js";
import { checkRecord, isAlive, type LocalNeo4jRecord, readRecord, recordPath } from "./local-neo4j-record.js";

export type EmbeddedMode = "serve" | "join";

export interface EmbeddedOptions {
  readonly mode: EmbeddedMode;
  /** What this process is, for the messages of others: "kmgraph server", "kmgraph import"… */
  readonly purpose: string;
}

/** Either a Neo4j this process started (and stops), or the running server's (left alone). */
export type EmbeddedNeo4j =
  | { readonly uri: string; readonly started: LocalNeo4j; readonly joined?: undefined }
  | { readonly uri: string; readonly started?: undefined; readonly joined: LocalNeo4jRecord };

/** How long a store locked by a process that leaves no note is waited for (one still starting leaves it once ready). */
const NOTE_WAIT_MS = 90_000;
const POLL_MS = 500;
const WAIT_REMINDER_MS = 60_000;

export async function openEmbeddedNeo4j(
  config: LocalNeo4jConfig,
  log: Log,
  options: EmbeddedOptions,
): Promise<EmbeddedNeo4j> {
  const names = config.settingNames ?? {};
  const otherStore = names.dataDir ? `set ${names.dataDir} to another directory` : "use another data directory";
  let waitingFor: number | undefined;
  let waitSaidAt = 0;
  let staleSaid = false;
  for (;;) {
    const found = await checkRecord(config.dataDir);
    if (found.state === "live") {
      const { record } = found;
      if (options.mode === "serve") {
        throw new LocalNeo4jError(
          "STORE_IN_USE",
          `the embedded Neo4j in ${config.dataDir} is in use by ${record.purpose} (pid ${record.pid}) at ${record.uri}; ` +
            `stop that process first, or ${otherStore}`,
        );
      }
      if (record.shared) {
        log(`using the embedded Neo4j of the running ${record.purpose} (pid ${record.pid}) at ${record.uri}`);
        return { uri: record.uri, joined: record };
      }
      // Said again every minute: a command may wait for a long import, and should say for whom.
      if (waitingFor !== record.pid || Date.now() - waitSaidAt > WAIT_REMINDER_MS) {
        log(
          `the embedded Neo4j in ${config.dataDir} is in use by ${record.purpose} (pid ${record.pid}); waiting for it to finish…`,
        );
        waitingFor = record.pid;
        waitSaidAt = Date.now();
      }
      await sleep(POLL_MS);
      continue;
    }
    if (found.state === "stale" && !staleSaid) {
      log(`ignoring ${recordPath(config.dataDir)}: ${found.why}`);
      staleSaid = true;
    }

    try {
      const started = await startLocalNeo4j({
        port: config.port,
        dataDir: config.dataDir,
        heap: config.heap,
        pageCache: config.pageCache,
        log,
        purpose: options.purpose,
        shared: options.mode === "serve",
      });
      log(
        `started the embedded Neo4j at ${started.uri} (pid ${started.pid})` +
          (options.mode === "serve"
            ? `; kmgraph commands on the same data directory use it while this process runs`
            : `; it stops when this command ends`),
      );
      return { uri: started.uri, started };
    } catch (error) {
      if (!(error instanceof LocalNeo4jError) || error.code !== "START_FAILED") throw error;
      // The port may be taken by the Neo4j of this very store, whose Bolt did not answer the check in time.
      const holder = readRecord(config.dataDir);
      const storeHolder = holder != null && isAlive(holder.javaPid);
      if (error.failure === "PORT_IN_USE" && !storeHolder) {
        const otherPort = names.port ? `set ${names.port} to a free port` : "choose a free port";
        throw new LocalNeo4jError("START_FAILED", `${error.message}; stop that program or ${otherPort}`, error.failure);
      }
      if (error.failure !== "STORE_LOCKED" && !storeHolder) throw error;
      log(`the store in ${config.dataDir} is locked by another process; waiting for it to say where it serves Bolt…`);
      if (!(await noteOrRelease(config.dataDir))) {
        throw new LocalNeo4jError(
          "STORE_IN_USE",
          `the store in ${config.dataDir} is locked by another process that has not said where it serves Bolt ` +
            `(a Neo4j started by hand, or an older kmgraph?); stop it, or ${otherStore}`,
          "STORE_LOCKED",
        );
      }
    }
  }
}

/**
 * After a failed start on a locked store: waits until a live note appears (the
 * winner of a race is ready) or the note that was there goes away with its
 * processes (the holder stopped; the store may be free). False on time-out.
 */
async function noteOrRelease(dataDir: string): Promise<boolean> {
  // A note whose Neo4j still runs, though Bolt does not answer: one shutting down.
  const note = readRecord(dataDir);
  const stopping = note && isAlive(note.javaPid) ? note : undefined;
  const deadline = Date.now() + NOTE_WAIT_MS;
  while (Date.now() < deadline) {
    const found = await checkRecord(dataDir);
    if (found.state === "live") return true;
    if (stopping && !isAlive(stopping.javaPid)) return true;
    await sleep(POLL_MS);
  }
  return false;
}

/** Whether the Neo4j this process joined has stopped, or is stopping (Bolt closes first), since. */
export async function hasStopped(dataDir: string, joined: LocalNeo4jRecord): Promise<boolean> {
  const found = await checkRecord(dataDir);
  return found.state !== "live" || found.record.javaPid !== joined.javaPid;
}

/** The error of a command whose server stopped under it, saying so. */
export function lostNeo4j(joined: LocalNeo4jRecord, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(
    `${message}\n(the embedded Neo4j of ${joined.purpose} (pid ${joined.pid}) at ${joined.uri}, which this command ` +
      "used, stopped while it ran; with no kmgraph server running, the next command starts a Neo4j of its own)",
    { cause: error },
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
