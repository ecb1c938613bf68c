import type { Database } from "../db/database.js";
import { AppError } from "../errors.js";
import type { Log } from "../log.js";
import { AuditOutcome } from "../repositories/audit.js";
import { AuditService, localActor } from "../services/audit-service.js";
import { holderAlive, ImportJournal, LEASE_MS, type RecoverOptions, type UnfinishedImport } from "./journal.js";

export type OpeningRecovery =
  | { kind: "none" }
  | { kind: "running"; open: UnfinishedImport }
  | { kind: "recovered"; open: UnfinishedImport };

/**
 * Run by every kmgraph process that opens the graph (the server, each
 * command), before it serves or does anything else: a bulk import whose
 * holder is gone (its process killed, its host lost) is rolled back here, or
 * its commit finished, so the half-written graph is never served. An import
 * still running in another process is left alone and reported; until it ends
 * the graph refuses every other write (IMPORT_IN_PROGRESS).
 */
export async function recoverOnOpening(
  db: Database,
  log: Log,
  options: { watch?: boolean } = {},
): Promise<OpeningRecovery> {
  const outcome = await recoverNow(db, log);
  if (options.watch) watch(db, log);
  return outcome;
}

/** How often a long-running process (the server) looks again for an import whose holder died. */
const WATCH_MS = LEASE_MS / 3;

/**
 * The server keeps looking: an import run by a command beside it whose
 * process then dies is rolled back within a lease and a look, instead of
 * leaving writes refused until a restart or `kmgraph import --recover`. The
 * timer never keeps the process alive; a look that fails (Neo4j away, the
 * server stopping) is tried again at the next.
 */
function watch(db: Database, log: Log): void {
  let seen: string | null = null;
  let busy = false;
  const look = async () => {
    // Neo4j away, or the server closing its driver: look again later, without a word.
    const open = await ImportJournal.unfinished(db).catch(() => null);
    if (!open) {
      seen = null;
      return;
    }
    if (holderAlive(open)) {
      // Said once per import, not at every look.
      if (seen !== open.id) await recoverNow(db, log);
      seen = open.id;
      return;
    }
    await recoverNow(db, log);
  };
  setInterval(() => {
    if (busy) return;
    busy = true;
    look()
      .catch((error: unknown) =>
        log(
          `could not finish an unfinished bulk import (tried again shortly): ${error instanceof Error ? error.message : String(error)}`,
        ),
      )
      .finally(() => {
        busy = false;
      });
  }, WATCH_MS).unref();
}

async function recoverNow(db: Database, log: Log): Promise<OpeningRecovery> {
  const open = await ImportJournal.unfinished(db);
  if (!open) return { kind: "none" };
  const who = `process ${open.pid ?? "?"} on ${open.host ?? "an unknown host"}`;
  if (holderAlive(open)) {
    log(
      `a bulk import of ${open.source} (started ${open.startedAt}) is running in ${who}: ` +
        "writes are refused (IMPORT_IN_PROGRESS) until it ends",
    );
    return { kind: "running", open };
  }
  log(
    `an unfinished bulk import of ${open.source} (started ${open.startedAt}, ${who}, which is gone): ` +
      (open.status === "COMMITTING" ? "finishing its commit" : "rolling it back") +
      " before anything else",
  );
  try {
    const recovered = await recoverImport(db, log);
    if (!recovered) return { kind: "none" };
  } catch (error) {
    // Another process took it over first, or its holder came back: it is theirs to finish.
    if (error instanceof AppError && error.code === "IMPORT_IN_PROGRESS") {
      log(error.message);
      return { kind: "running", open };
    }
    throw error;
  }
  log(
    open.status === "COMMITTING"
      ? `the import of ${open.source} had committed; its journal is now cleared`
      : `the import of ${open.source} is rolled back: the graph is as it was before it`,
  );
  return { kind: "recovered", open };
}

/**
 * Rolls back the unfinished import (or finishes its commit) and records it
 * in the audit trail: the import itself died before it could say how it
 * ended, and the rollback changes the graph as much as the import did.
 * Recorded as the local administrator, like the commands; the id is the
 * import run's.
 */
export async function recoverImport(
  db: Database,
  log: Log,
  options: RecoverOptions = {},
): Promise<UnfinishedImport | null> {
  const recovered = await ImportJournal.recover(db, options);
  if (!recovered) return null;
  const change = recovered.status === "COMMITTING" ? "commit finished" : "rolled back";
  await new AuditService(db)
    .record([
      {
        actor: localActor(),
        operation: "import recovery",
        outcome: AuditOutcome.OK,
        ids: [recovered.id],
        counts: [{ subject: "import", change, count: 1 }],
      },
    ])
    .catch((error: unknown) => log(`the audit trail could not record the import's recovery: ${String(error)}`));
  return recovered;
}
