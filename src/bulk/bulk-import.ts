import { stat } from "node:fs/promises";
import { cypherFile } from "../db/cypher-files.js";
import type { Database } from "../db/database.js";
import { splitKeys, toNeo4jProperties } from "../db/values.js";
import { AppError, badInput, conflict, type Problem } from "../errors.js";
import { DocumentChecker } from "../interchange/document-checker.js";
import { ownedRelations } from "../interchange/document-schema.js";
import { nodesOnCycles, unknownReferences } from "../interchange/graph-io.js";
import {
  type ImportSummary,
  invalidDocument,
  type NodeImportCount,
  type RelationshipImportCount,
} from "../interchange/interchange-service.js";
import { ENTITIES, ENTITY_ORDER, type EntitySpec, type Label } from "../model/entities.js";
import { RELATION_LIST, type RelationSpec } from "../model/relations.js";
import { translateConstraintError } from "../services/graph-service.js";
import { readDocument } from "./document-reader.js";
import { trackImport } from "./import-activity.js";
import { ImportJournal } from "./journal.js";
import { type StagedLinks, type StagedNode, Staging } from "./staging.js";
import * as statements from "./statements.js";
import { WriteQueue } from "./write-queue.js";

export type BulkPhase = "validate" | "nodes" | "relationships" | "commit" | "statistics" | "rollback";

/** Where a bulk import is: `done` of `total` in the phase's unit. */
export interface BulkProgress {
  phase: BulkPhase;
  done: number;
  total: number;
  unit: "bytes" | "nodes" | "relationships" | "entries";
}

export type ProgressHandler = (event: BulkProgress) => void | Promise<void>;

export interface BulkImportOptions {
  /** Told after every chunk read and every batch written; the import waits for a returned promise. */
  progress?: ProgressHandler;
  /** Rows per transaction (default 5,000). */
  batchSize?: number;
  /**
   * Transactions written at the same time (default 1). Batches are
   * independent (distinct ids; every node is written before any
   * relationship), except that a node may take a unique name an earlier batch
   * gives up: a batch of a label with unique properties waits for those
   * before it. A deadlock between writers is transient: the driver retries.
   */
  writers?: number;
  /**
   * Stops the import (SIGTERM, SIGINT): it stops reading, waits for the
   * batches in flight, rolls back every committed batch and fails with
   * IMPORT_INTERRUPTED. Once the import is marked complete it finishes
   * instead: from then on it can no longer be undone.
   */
  signal?: AbortSignal;
}

export interface BulkImportSummary extends ImportSummary {
  seconds: number;
  /** Whether the planner's statistics were refreshed after the commit, or why not (the import stands either way). */
  plannerStatistics: PlannerStatistics;
}

export type PlannerStatistics = { refreshed: true } | { refreshed: false; reason: string };

const DEFAULT_BATCH = 5000;
/**
 * Batches written at the same time by default. More writers help when Neo4j
 * has idle cores; on the two-core benchmark machine Neo4j's commit work, its
 * compiler and index threads kept both cores busy with one writer, and two
 * imported the M organisation no faster (docs/benchmarks.md).
 */
const DEFAULT_WRITERS = 1;

/**
 * Imports an interchange document of any size from a file, streaming.
 *
 * 1. Validate: one pass checks every object and the whole-document rules
 *    (DocumentChecker, as the small import), then the graph: references to
 *    ids the document does not define, unique names and e-mails, cycles with
 *    the taxonomy already stored. Nothing is written unless all of it holds.
 * 2. Nodes: a second pass upserts the nodes, one transaction per batch.
 * 3. Relationships: a third pass writes the relationships the same way.
 *
 * Each batch writes its own undo entries (ImportJournal). Any failure rolls
 * back every batch already committed, so the import lands completely or not
 * at all; readers may see it part-way while it runs.
 *
 * 4. Statistics: once committed, Neo4j resamples its indexes and replans
 *    (refreshPlannerStatistics), so the next queries are not planned on the
 *    counts of the graph before the import.
 */
export async function bulkImport(
  db: Database,
  path: string,
  options: BulkImportOptions = {},
): Promise<BulkImportSummary> {
  // Counted for the metrics of the process (src/server/metrics.ts): running, rows written, how it ended.
  const tracked = trackImport();
  const progress = options.progress;
  try {
    const summary = await importFile(db, path, {
      ...options,
      progress: (event) => {
        tracked.progress(event);
        return progress?.(event);
      },
    });
    tracked.end(true);
    return summary;
  } catch (error) {
    tracked.end(false);
    throw error;
  }
}

async function importFile(db: Database, path: string, options: BulkImportOptions): Promise<BulkImportSummary> {
  const started = performance.now();
  const progress = options.progress ?? (() => {});
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const writers = options.writers ?? DEFAULT_WRITERS;
  for (const [name, value] of [
    ["batchSize", batchSize],
    ["writers", writers],
  ] as const) {
    if (!Number.isInteger(value) || value < 1)
      throw badInput(`${name} must be a whole number above 0, got ${value}`, [
        { path: name, message: "must be a whole number above 0" },
      ]);
  }
  const signal = options.signal;
  const staging = await Staging.create();
  try {
    const validated = await validate(db, path, staging, progress, signal);
    stopIfAborted(signal);
    const journal = await ImportJournal.begin(db, path);
    const writer = new BulkWriter(journal, batchSize, writers, signal);
    try {
      await writer.writeNodes(staging.stagedNodes(), validated.nodeCount, progress);
      await writer.writeRelationships(staging.stagedLinks(), validated.relationshipCount, progress);
      await checkAcyclic(db);
      await progress({ phase: "commit", done: 0, total: 1, unit: "entries" });
      // The last moment a stop can still undo the import.
      stopIfAborted(signal);
      await journal.commit();
      await progress({ phase: "commit", done: 1, total: 1, unit: "entries" });
    } catch (error) {
      await writer.settle();
      try {
        await rollBack(journal, error, progress);
      } finally {
        journal.release();
      }
      throw translateConstraintError(error);
    }
    await progress({ phase: "statistics", done: 0, total: 1, unit: "entries" });
    const plannerStatistics = await refreshPlannerStatistics(db);
    await progress({ phase: "statistics", done: 1, total: 1, unit: "entries" });
    return { ...writer.summary(), seconds: (performance.now() - started) / 1000, plannerStatistics };
  } finally {
    await staging.remove();
  }
}

/**
 * A bulk import can multiply the size of a label in a minute, while Neo4j
 * resamples index statistics in the background and replans cached queries
 * only once those drift far enough. Until then a query may run on a plan
 * made for the graph before the import. The procedure resamples now and
 * clears the plan cache (about 2 s at M and at L). The import has committed
 * by then, so a refusal (a user without the privilege) or a failure is
 * reported, not thrown: Neo4j's own background sampling catches up later.
 */
async function refreshPlannerStatistics(db: Database): Promise<PlannerStatistics> {
  try {
    await db.write((tx) => tx.run(cypherFile("bulk/refresh-planner-statistics"), { timeoutSeconds: 300 }));
    return { refreshed: true };
  } catch (error) {
    return { refreshed: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** What a stopped import throws; caught like any failure after writing began, so the import is rolled back. */
export function stopIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError("IMPORT_INTERRUPTED", `the import was stopped (${String(signal.reason)})`);
}

async function rollBack(journal: ImportJournal, error: unknown, progress: ProgressHandler): Promise<void> {
  // Taken over by another process, which rolls it back: nothing is left for this one to undo.
  if (journal.takenOver) return;
  try {
    await journal.rollback((undone) => void progress({ phase: "rollback", done: undone, total: 0, unit: "entries" }));
  } catch (rollbackError) {
    const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));
    throw new Error(
      `the import failed (${reason(error)}) and so did its rollback (${reason(rollbackError)}); ` +
        "once the database is reachable, `kmgraph import --recover` finishes the rollback",
    );
  }
}

interface Validated {
  nodeCount: number;
  relationshipCount: number;
}

/** Checks the document and the graph; stages every object while the document is sound so far. */
async function validate(
  db: Database,
  path: string,
  staging: Staging,
  progress: ProgressHandler,
  signal: AbortSignal | undefined,
): Promise<Validated> {
  const { size } = await stat(path);
  const checker = new DocumentChecker();
  const onBytes = (bytes: number) => void progress({ phase: "validate", done: bytes, total: size, unit: "bytes" });
  for await (const item of readDocument(path, { onBytes })) {
    stopIfAborted(signal);
    if (item.kind === "not-an-object") {
      checker.report({ path: "", message: "the document must be an object of collections (see docs/interchange.md)" });
      break;
    }
    if (item.kind === "field") {
      const entity = checker.entityOf(item.collection);
      if (entity && !item.list) checker.report({ path: item.collection, message: "must be a list" });
      continue;
    }
    const entity = checker.entityOf(item.collection);
    const plan = entity && checker.add(entity, item.index, item.value);
    if (plan && checker.problemCount === 0) await staging.add(entity.label, plan);
  }
  await staging.close();
  const external = checker.finish(await acyclicEdges(db));
  checker.report(
    ...(await db.readTransaction((tx) => unknownReferences(tx, external))),
    ...(await uniqueConflicts(db, checker)),
  );
  if (checker.problemCount > 0) throw invalidDocument(checker.problems, checker.problemCount);
  return { nodeCount: checker.nodeCount, relationshipCount: checker.relationshipCount };
}

async function acyclicEdges(db: Database): Promise<Map<RelationSpec, [string, string][]>> {
  const edges = new Map<RelationSpec, [string, string][]>();
  for (const relation of RELATION_LIST.filter((r) => r.acyclic)) {
    const rows = await db.read(statements.relationshipEnds(relation));
    edges.set(
      relation,
      rows.map((row) => [String(row.from), String(row.to)]),
    );
  }
  return edges;
}

const CHECK_SLICE = 10_000;

/** A topic name or e-mail the document gives that a node outside the document already holds. */
async function uniqueConflicts(db: Database, checker: DocumentChecker): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const { entity, property, values } of checker.uniqueValues()) {
    const keyProperty = entity.keyProperties![property]!;
    const rows = [...values].map(([key, { id, index }]) => ({ key, id, index }));
    for (let start = 0; start < rows.length; start += CHECK_SLICE) {
      const slice = rows.slice(start, start + CHECK_SLICE);
      const held = await db.read(statements.uniqueValueHolders(entity.label, keyProperty), { rows: slice });
      for (const row of held) {
        // A holder the document redefines gives the value up in the same import.
        if (checker.defined(entity.label).has(String(row.holder))) continue;
        // The document's own spelling: the holder's may differ in case and is not shown.
        const { value } = values.get(String(row.key))!;
        problems.push({
          path: `${entity.collection}[${String(row.index)}].${property}`,
          message: `"${value}" is already used by ${entity.label} "${String(row.holder)}" (ignoring case)`,
        });
      }
    }
  }
  return problems;
}

async function checkAcyclic(db: Database): Promise<void> {
  for (const relation of RELATION_LIST.filter((r) => r.acyclic)) {
    const onCycle = await db.readTransaction((tx) => nodesOnCycles(tx, relation));
    if (onCycle.length > 0) {
      throw badInput(
        `${relation.type} would form a cycle through ${onCycle.join(", ")} (changed by someone else during the import)`,
      );
    }
  }
}

/**
 * Writes validated objects in batches, one transaction each, with their undo
 * entries, and counts what it did. The next batch is assembled while the
 * previous ones are written.
 */
class BulkWriter {
  private readonly nodeQueue: WriteQueue;
  private readonly relationshipQueue: WriteQueue;
  /** Ids this import created: relationships touching them cannot exist yet. */
  private readonly created = new Map<Label, Set<string>>(ENTITY_ORDER.map((entity) => [entity.label, new Set()]));
  private readonly nodeCounts = new Map<Label, NodeImportCount>();
  private readonly relationCounts = new Map<RelationSpec, RelationshipImportCount>();

  constructor(
    private readonly journal: ImportJournal,
    private readonly batchSize: number,
    writers: number,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.nodeQueue = new WriteQueue(writers);
    this.relationshipQueue = new WriteQueue(writers);
    for (const entity of ENTITY_ORDER)
      this.nodeCounts.set(entity.label, { label: entity.label, total: 0, created: 0, updated: 0, unchanged: 0 });
    // In the small import's order, so that both summaries read alike.
    for (const relation of ENTITY_ORDER.flatMap(ownedRelations)) {
      this.relationCounts.set(relation, {
        type: relation.type,
        relation: relation.key,
        total: 0,
        created: 0,
        removed: 0,
      });
    }
  }

  async writeNodes(nodes: AsyncIterable<StagedNode>, total: number, progress: ProgressHandler) {
    const batches = new Batches<{ id: string; props: Record<string, unknown> }>(this.batchSize);
    let done = 0;
    const flush = async (entity: EntitySpec, rows: { id: string; props: Record<string, unknown> }[]) => {
      if (entity.unique) await this.nodeQueue.drain();
      await this.nodeQueue.push(async () => {
        await this.upsertNodes(entity, rows);
        done += rows.length;
        await progress({ phase: "nodes", done, total, unit: "nodes" });
      });
    };
    for await (const { label, id, props } of nodes) {
      stopIfAborted(this.signal);
      const entity = ENTITIES[label];
      const full = batches.add(label, { id, props: toNeo4jProperties(props, entity) });
      if (full) await flush(entity, full);
    }
    for (const [label, rows] of batches.rest()) await flush(ENTITIES[label as Label], rows);
    await this.nodeQueue.drain();
  }

  async writeRelationships(links: AsyncIterable<StagedLinks>, total: number, progress: ProgressHandler) {
    type Row = { from: string; to: string; props: Record<string, unknown> };
    const fresh = new Batches<Row>(this.batchSize);
    const existing = new Batches<Row>(this.batchSize);
    const owners = new Batches<{ id: string; keep: string[] }>(this.batchSize);
    let done = 0;
    const report = (count: number) => {
      done += count;
      return progress({ phase: "relationships", done, total, unit: "relationships" });
    };
    const byKey = new Map(RELATION_LIST.map((relation) => [relation.key, relation]));
    const write = async (kind: "fresh" | "existing" | "owners", key: string, rows: unknown[]) => {
      const relation = byKey.get(key)!;
      await this.relationshipQueue.push(async () => {
        if (kind === "owners") await this.removeUnlisted(relation, rows as { id: string; keep: string[] }[]);
        else {
          await (kind === "fresh"
            ? this.createRelationships(relation, rows as Row[])
            : this.mergeRelationships(relation, rows as Row[]));
          await report(rows.length);
        }
      });
    };
    for await (const { label, id, fields } of links) {
      stopIfAborted(this.signal);
      const ownerIsNew = this.created.get(label)!.has(id);
      for (const [key, entries] of fields) {
        const relation = byKey.get(key)!;
        // A new owner has no relationships to remove; an existing one loses those the document no longer lists.
        if (!ownerIsNew) {
          const full = owners.add(key, { id, keep: entries.map(([other]) => other) });
          if (full) await write("owners", key, full);
        }
        const ownerIsFrom = relation.document.owner === "from";
        for (const [other, props] of entries) {
          const [from, to] = ownerIsFrom ? [id, other] : [other, id];
          const row = { from, to, props: toNeo4jProperties(props, relation) };
          const isFresh = this.created.get(relation.from)!.has(from) || this.created.get(relation.to)!.has(to);
          const target = isFresh ? fresh : existing;
          const full = target.add(relation.key, row);
          if (full) await write(isFresh ? "fresh" : "existing", relation.key, full);
        }
      }
    }
    for (const [key, rows] of owners.rest()) await write("owners", key, rows);
    for (const [key, rows] of fresh.rest()) await write("fresh", key, rows);
    for (const [key, rows] of existing.rest()) await write("existing", key, rows);
    await this.relationshipQueue.drain();
  }

  /** Waits for the batches in flight, if any, ignoring their outcome: the rollback comes next. */
  async settle(): Promise<void> {
    await Promise.all([this.nodeQueue.drain().catch(() => {}), this.relationshipQueue.drain().catch(() => {})]);
  }

  summary(): ImportSummary {
    return {
      nodes: [...this.nodeCounts.values()].map((count) => ({
        ...count,
        unchanged: count.total - count.created - count.updated,
      })),
      relationships: [...this.relationCounts.values()],
    };
  }

  private async upsertNodes(entity: EntitySpec, rows: { id: string; props: Record<string, unknown> }[]): Promise<void> {
    const { label } = entity;
    const outcome = await this.journal.write(async (tx) => {
      const [found] = await tx.run(statements.existingIds(label), { ids: rows.map((row) => row.id) });
      const existing = new Set(found!.ids as string[]);
      const fresh = rows.filter((row) => !existing.has(row.id));
      const old = rows.filter((row) => existing.has(row.id));
      let updated = 0;
      // Updates first: a node may give up a unique name that a new node of the same batch takes.
      if (old.length > 0) {
        const split = old.map((row) => ({ id: row.id, ...splitKeys(row.props, entity) }));
        const [changed] = await tx.run(statements.updateNodes(entity), { rows: split, run: this.journal.run, label });
        updated = Number(changed?.updated ?? 0);
        const keyed = split.filter((row) => Object.keys(row.keys).length > 0);
        if (keyed.length > 0) await tx.run(statements.setKeys(label), { rows: keyed });
      }
      if (fresh.length > 0) {
        const [created] = await tx.run(statements.createNodes(label), { rows: fresh });
        if (Number(created!.created) !== fresh.length)
          throw new Error(`created ${String(created!.created)} of ${fresh.length} ${label} nodes`);
        await this.journal.nodesCreated(
          tx,
          label,
          fresh.map((row) => row.id),
        );
      }
      return { created: fresh.map((row) => row.id), updated };
    });
    const created = this.created.get(label)!;
    for (const id of outcome.created) created.add(id);
    const count = this.nodeCounts.get(label)!;
    count.total += rows.length;
    count.created += outcome.created.length;
    count.updated += outcome.updated;
  }

  private async createRelationships(
    relation: RelationSpec,
    rows: { from: string; to: string; props: Record<string, unknown> }[],
  ) {
    const [row] = await this.journal.write((tx) => tx.run(statements.createRelationships(relation), { rows }));
    const created = Number(row?.created ?? 0);
    if (created !== rows.length) throw vanished(relation);
    const count = this.relationCounts.get(relation)!;
    count.total += rows.length;
    count.created += created;
  }

  private async mergeRelationships(
    relation: RelationSpec,
    rows: { from: string; to: string; props: Record<string, unknown> }[],
  ) {
    const result = await this.journal.write(async (tx) => {
      const outcomes = await tx.run(statements.mergeRelationships(relation), {
        rows,
        run: this.journal.run,
        relation: relation.key,
      });
      const created = outcomes.find((outcome) => outcome.outcome === "created");
      await this.journal.relationshipsCreated(
        tx,
        relation,
        (created?.froms ?? []) as string[],
        (created?.tos ?? []) as string[],
      );
      return outcomes;
    });
    const matched = result.reduce((sum, outcome) => sum + (outcome.froms as string[]).length, 0);
    if (matched !== rows.length) throw vanished(relation);
    const count = this.relationCounts.get(relation)!;
    count.total += rows.length;
    count.created += ((result.find((outcome) => outcome.outcome === "created")?.froms ?? []) as string[]).length;
  }

  private async removeUnlisted(relation: RelationSpec, owners: { id: string; keep: string[] }[]) {
    const [row] = await this.journal.write((tx) =>
      tx.run(statements.removeUnlisted(relation), { owners, run: this.journal.run, relation: relation.key }),
    );
    this.relationCounts.get(relation)!.removed += Number(row?.removed ?? 0);
  }
}

function vanished(relation: RelationSpec) {
  return conflict(
    `a ${relation.from} or ${relation.to} the document links with ${relation.type} was deleted during the import`,
  );
}

/** Rows grouped by a key (a label or a relation), handed back a batch at a time. */
class Batches<T> {
  private readonly open = new Map<string, T[]>();

  constructor(private readonly size: number) {}

  /** Adds a row; returns the key's batch when it is full (and starts a new one). */
  add(key: string, row: T): T[] | null {
    let rows = this.open.get(key);
    if (!rows) {
      rows = [];
      this.open.set(key, rows);
    }
    rows.push(row);
    if (rows.length < this.size) return null;
    this.open.delete(key);
    return rows;
  }

  rest(): [string, T[]][] {
    const rest = [...this.open.entries()];
    this.open.clear();
    return rest;
  }
}
