import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { cypherFile } from "../db/cypher-files.js";
import { type Database, readRows, type WriteTransaction } from "../db/database.js";
import { AppError, conflict } from "../errors.js";
import { ENTITY_ORDER, LABELS, type Label } from "../model/entities.js";
import { RELATION_LIST, type RelationSpec } from "../model/relations.js";
import { lockGraph } from "../repositories/writes.js";
import * as statements from "./statements.js";

/** A bulk import recorded in the graph and not finished. */
export interface UnfinishedImport {
  id: string;
  /** RUNNING: to be rolled back. COMMITTING: complete, only its journal is left to clear. */
  status: "RUNNING" | "COMMITTING";
  startedAt: string;
  source: string;
  /** The lease token of its holder: the importing process, or the one rolling it back. */
  owner: string | null;
  pid: number | null;
  host: string | null;
  /** Since the holder last renewed its lease, on Neo4j's clock. */
  heartbeatAgeMs: number | null;
}

/** Undo entries cleared or undone per transaction. */
const SLICE = 5000;

/** How often the holder of an import renews its lease. */
export const HEARTBEAT_MS = 5_000;
/**
 * A lease not renewed for this long is taken to be lost: its holder is dead,
 * on another host, or hung. Taking over a hung holder is safe: its later
 * writes are refused, since its lease token no longer matches.
 */
export const LEASE_MS = 30_000;

/** Imports this process holds: on its own host a process is alive, but only these imports are. */
const held = new Set<string>();

/** Whether the holder of an unfinished import is still at work (then it must be left alone). */
export function holderAlive(open: UnfinishedImport): boolean {
  if (open.owner === null || open.heartbeatAgeMs === null || open.heartbeatAgeMs > LEASE_MS) return false;
  // On another host a fresh lease is all there is to go by.
  if (open.host !== hostname()) return true;
  if (open.pid === process.pid) return open.owner !== null && held.has(open.owner);
  return processExists(open.pid);
}

function processExists(pid: number | null): boolean {
  if (pid === null) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface RecoverOptions {
  /** Told how many journal entries have been undone so far. */
  progress?: (undone: number) => void;
  /**
   * Take the import over even though its holder looks alive (tests simulate a
   * dead process inside their own). The holder's later writes are refused.
   */
  force?: boolean;
}

/**
 * The rollback journal of a bulk import, kept in the graph itself.
 *
 * A bulk import commits one transaction per batch. Each batch writes, in the
 * same transaction, what undoes it: the ids of the nodes it created
 * (`ImportUndo`), the relationships it created between nodes that existed
 * before, and the properties of every node or relationship it changed or
 * removed (`ImportBeforeImage`). So the journal is exactly as far as the graph,
 * even if the process dies, and a rollback is possible at any point, by this
 * process or by `kmgraph import --recover` later. One `ImportRun` node marks
 * the import; only one can exist at a time.
 */
export class ImportJournal {
  private sequence = 0;
  private heartbeat: NodeJS.Timeout | undefined;
  /** Set when a heartbeat found the import taken over: the next write is refused anyway. */
  private lost = false;

  private constructor(
    private readonly db: Database,
    readonly run: string,
    /** This process's lease token: every write of the import carries it (Database.write's `importRun`). */
    readonly owner: string,
  ) {}

  /** Records a new import, or fails with CONFLICT while another one is unfinished. */
  static async begin(db: Database, source: string): Promise<ImportJournal> {
    const journal = new ImportJournal(db, randomUUID(), randomUUID());
    await journal.write(async (tx) => {
      await lockGraph(tx, "bulk-import");
      const [open] = await readRows<UnfinishedImport>(tx, cypherFile("bulk/open-run"));
      if (open) throw unfinishedError(open);
      await tx.run(cypherFile("bulk/begin-run"), {
        run: journal.run,
        source,
        owner: journal.owner,
        pid: process.pid,
        host: hostname(),
      });
    });
    journal.hold();
    return journal;
  }

  static async unfinished(db: Database): Promise<UnfinishedImport | null> {
    const [open] = await db.readRows<UnfinishedImport>(cypherFile("bulk/open-run"));
    return open ?? null;
  }

  /**
   * Finishes an import left unfinished by a process that stopped: takes it
   * over, then rolls it back or completes its commit. Refused with
   * IMPORT_IN_PROGRESS while its holder is alive (see holderAlive).
   */
  static async recover(db: Database, options: RecoverOptions = {}): Promise<UnfinishedImport | null> {
    const open = await ImportJournal.unfinished(db);
    if (!open) return null;
    if (!options.force && holderAlive(open)) throw stillRunning(open);
    const journal = new ImportJournal(db, open.id, randomUUID());
    const [row] = await journal.write((tx) =>
      tx.run(cypherFile("bulk/take-over"), {
        run: open.id,
        previous: open.owner,
        owner: journal.owner,
        pid: process.pid,
        host: hostname(),
      }),
    );
    if (Number(row?.taken ?? 0) === 0) {
      const now = await ImportJournal.unfinished(db);
      if (!now) return null; // finished meanwhile: by its holder, or by another recovering process
      throw stillRunning(now);
    }
    journal.hold();
    try {
      if (open.status === "COMMITTING") await journal.clear();
      else await journal.rollback(options.progress);
    } finally {
      journal.release();
    }
    return open;
  }

  /** A write of this import: refused if another process has taken it over. */
  async write<T>(work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
    try {
      return await this.db.write(work, { importRun: { id: this.run, owner: this.owner } });
    } catch (error) {
      // Refused by the graph: another process holds the import now and rolls it back.
      if (error instanceof AppError && error.code === "IMPORT_INTERRUPTED") this.lost = true;
      throw error;
    }
  }

  /** Whether this import was found taken over by another process (by a heartbeat or a refused write). */
  get takenOver(): boolean {
    return this.lost;
  }

  /** Starts renewing the lease; it must not keep the process alive by itself. */
  private hold(): void {
    held.add(this.owner);
    this.heartbeat = setInterval(() => {
      this.db
        .bookkeeping((tx) => tx.run(cypherFile("bulk/heartbeat"), { run: this.run, owner: this.owner }))
        .then(([row]) => {
          if (Number(row?.held ?? 0) === 0) this.lost = true;
        })
        // Neo4j out of reach: the lease runs out, and the batches fail too.
        .catch(() => {});
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Stops renewing the lease: the import has ended, or this process gives it up. */
  release(): void {
    clearInterval(this.heartbeat);
    held.delete(this.owner);
  }

  async nodesCreated(tx: WriteTransaction, label: Label, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await tx.run(cypherFile("bulk/record-created-nodes"), { run: this.run, seq: this.sequence++, label, ids });
  }

  async relationshipsCreated(
    tx: WriteTransaction,
    relation: RelationSpec,
    froms: readonly string[],
    tos: readonly string[],
  ): Promise<void> {
    if (froms.length === 0) return;
    await tx.run(cypherFile("bulk/record-created-relationships"), {
      run: this.run,
      seq: this.sequence++,
      relation: relation.key,
      froms,
      tos,
    });
  }

  /** The import is complete: once marked so, it is never rolled back; then the journal is cleared. */
  async commit(): Promise<void> {
    await this.write((tx) => tx.run(cypherFile("bulk/mark-committing"), { run: this.run }));
    await this.clear();
  }

  /**
   * Undoes every batch written so far, in reverse order of kind: relationships
   * created, relationships changed or removed; then nodes created (before the
   * changed ones get their unique keys back: a created node may hold a key a
   * changed one gave up), nodes changed.
   */
  async rollback(progress: (undone: number) => void = () => {}): Promise<void> {
    let undone = 0;
    const drain = async (cypher: string, params: Record<string, unknown>, counted = true) => {
      for (;;) {
        const [row] = await this.write((tx) => tx.run(cypher, { run: this.run, limit: SLICE, ...params }));
        const count = Number(row?.undone ?? 0);
        if (count === 0) return;
        if (!counted) continue;
        undone += count;
        progress(undone);
      }
    };
    for (const relation of RELATION_LIST)
      await drain(statements.undoCreatedRelationships(relation), { relation: relation.key });
    for (const relation of RELATION_LIST)
      await drain(statements.restoreRelationships(relation), { relation: relation.key });
    for (const label of LABELS) await drain(statements.deleteCreatedNodes(label), { label });
    for (const entity of ENTITY_ORDER) {
      const clearKeys = statements.clearChangedKeys(entity);
      if (clearKeys) await drain(clearKeys, { label: entity.label }, false);
    }
    for (const label of LABELS) await drain(statements.restoreNodes(label), { label });
    await this.end();
  }

  /**
   * Deletes the ImportRun, which this transaction's import check then no
   * longer finds: a plain write, its holder matched by the statement itself.
   */
  private async end(): Promise<void> {
    const [row] = await this.db.write((tx) => tx.run(cypherFile("bulk/end-run"), { run: this.run, owner: this.owner }));
    if (Number(row?.ended ?? 0) === 0)
      throw new AppError(
        "IMPORT_INTERRUPTED",
        "this bulk import was ended by another process (kmgraph import --recover)",
      );
    this.release();
  }

  private async clear(): Promise<void> {
    for (const statement of ["bulk/clear-undo-entries", "bulk/clear-before-images"]) {
      for (;;) {
        const [row] = await this.write((tx) => tx.run(cypherFile(statement), { run: this.run, limit: SLICE }));
        if (Number(row?.cleared ?? 0) === 0) break;
      }
    }
    await this.end();
  }
}

function stillRunning(open: UnfinishedImport) {
  const age = open.heartbeatAgeMs === null ? "" : `, alive ${Math.round(open.heartbeatAgeMs / 1000)} s ago`;
  return new AppError(
    "IMPORT_IN_PROGRESS",
    `the bulk import of ${open.source} (started ${open.startedAt}) is still running in process ${open.pid} on ` +
      `${open.host}${age}: stop it (SIGTERM or Ctrl-C rolls it back) or let it finish. A holder that has not been ` +
      `heard from for ${LEASE_MS / 1000} s is taken to be gone.`,
  );
}

function unfinishedError(open: UnfinishedImport) {
  return conflict(
    `another bulk import (${open.source}, started ${open.startedAt}) is unfinished. ` +
      "If its process has stopped, run `kmgraph import --recover` to roll it back (or finish its commit).",
  );
}
