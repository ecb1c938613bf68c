import { randomUUID } from "node:crypto";
import { cypherFile } from "../db/cypher-files.js";
import { type Database, readRows, type WriteTransaction } from "../db/database.js";
import { conflict } from "../errors.js";
import { LABELS, type Label } from "../model/entities.js";
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
}

/** Undo entries cleared or undone per transaction. */
const SLICE = 5000;

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

  private constructor(
    private readonly db: Database,
    readonly run: string,
  ) {}

  /** Records a new import, or fails with CONFLICT while another one is unfinished. */
  static async begin(db: Database, source: string): Promise<ImportJournal> {
    const run = randomUUID();
    await db.write(async (tx) => {
      await lockGraph(tx, "bulk-import");
      const [open] = await readRows<UnfinishedImport>(tx, cypherFile("bulk/open-run"));
      if (open) throw unfinishedError(open);
      await tx.run(cypherFile("bulk/begin-run"), { run, source });
    });
    return new ImportJournal(db, run);
  }

  static async unfinished(db: Database): Promise<UnfinishedImport | null> {
    const [open] = await db.readRows<UnfinishedImport>(cypherFile("bulk/open-run"));
    return open ?? null;
  }

  /** Finishes an import left unfinished by a process that stopped: rolls it back, or completes its commit. */
  static async recover(db: Database, progress: (undone: number) => void = () => {}): Promise<UnfinishedImport | null> {
    const open = await ImportJournal.unfinished(db);
    if (!open) return null;
    const journal = new ImportJournal(db, open.id);
    if (open.status === "COMMITTING") await journal.clear();
    else await journal.rollback(progress);
    return open;
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
    await this.db.write((tx) => tx.run(cypherFile("bulk/mark-committing"), { run: this.run }));
    await this.clear();
  }

  /**
   * Undoes every batch written so far, in reverse order of kind: relationships
   * created, relationships changed or removed, nodes changed, nodes created.
   */
  async rollback(progress: (undone: number) => void = () => {}): Promise<void> {
    let undone = 0;
    const drain = async (cypher: string, params: Record<string, unknown>) => {
      for (;;) {
        const [row] = await this.db.write((tx) => tx.run(cypher, { run: this.run, limit: SLICE, ...params }));
        const count = Number(row?.undone ?? 0);
        if (count === 0) return;
        undone += count;
        progress(undone);
      }
    };
    for (const relation of RELATION_LIST)
      await drain(statements.undoCreatedRelationships(relation), { relation: relation.key });
    for (const relation of RELATION_LIST)
      await drain(statements.restoreRelationships(relation), { relation: relation.key });
    for (const label of LABELS) await drain(statements.restoreNodes(label), { label });
    for (const label of LABELS) await drain(statements.deleteCreatedNodes(label), { label });
    await this.db.write((tx) => tx.run(cypherFile("bulk/end-run"), { run: this.run }));
  }

  private async clear(): Promise<void> {
    for (const statement of ["bulk/clear-undo-entries", "bulk/clear-before-images"]) {
      for (;;) {
        const [row] = await this.db.write((tx) => tx.run(cypherFile(statement), { run: this.run, limit: SLICE }));
        if (Number(row?.cleared ?? 0) === 0) break;
      }
    }
    await this.db.write((tx) => tx.run(cypherFile("bulk/end-run"), { run: this.run }));
  }
}

function unfinishedError(open: UnfinishedImport) {
  return conflict(
    `another bulk import (${open.source}, started ${open.startedAt}) is unfinished. ` +
      "If its process has stopped, run `kmgraph import --recover` to roll it back (or finish its commit).",
  );
}
