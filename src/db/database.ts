import neo4j, { type Driver, type ManagedTransaction, Neo4jError, type QueryResult } from "neo4j-driver";
import { AppError } from "../errors.js";
import { cypherFile } from "./cypher-files.js";
import { type Plain, toPlain } from "./values.js";

export type AccessMode = "READ" | "WRITE";

/** One statement sent to the database: what the round-trip bound counts. */
export interface QueryEvent {
  readonly cypher: string;
  readonly mode: AccessMode;
  readonly durationMs: number;
  /** A write of the audit trail (Database.audit), not of the operation it records. */
  readonly audit?: true;
}

export type QueryObserver = (event: QueryEvent) => void;

export type Row = Record<string, Plain>;

/** A managed transaction; every statement is observed like a single read. */
export interface Transaction {
  run(cypher: string, params?: Record<string, unknown>): Promise<Row[]>;
}

/** Database.readRows inside a transaction. */
export async function readRows<T>(tx: Transaction, cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return rowColumn<T>(await tx.run(cypher, params));
}

export type WriteTransaction = Transaction;

/** An unfinished bulk import as every write transaction sees it (cypher/db/bump-graph-version). */
export interface OpenImport {
  id: string;
  /** The lease token of the process that holds the import (its writer or the one rolling it back). */
  owner: string | null;
  status: string;
  source: string;
  pid: number | null;
  host: string | null;
  startedAt: string;
}

export interface WriteOptions {
  /**
   * The bulk import this write belongs to, by its id and its holder's lease
   * token. While an import is unfinished only its holder may write, so that
   * its rollback can never revert someone else's change; a holder whose
   * import was taken over (by `kmgraph import --recover`) is refused too.
   */
  readonly importRun?: { readonly id: string; readonly owner: string };
  /** Schema bookkeeping (a migration's record) that no import's rollback touches: made whatever import is open. */
  readonly besideImports?: true;
}

/**
 * The single door to Neo4j. Reads go through `executeQuery` with READ routing
 * and writes through managed write transactions, so the same code runs on one
 * embedded server and on a `neo4j://` cluster; both are retried by the driver
 * on transient failures, hence units of work must be idempotent.
 */
export class Database {
  private readonly observers = new Set<QueryObserver>();

  private readonly transactionConfig: { timeout?: number };

  /** Statements and transactions under way, each holding one pooled connection (see `connectionsInUse`). */
  private held = 0;

  /**
   * `transactionTimeoutMs`: Neo4j ends any transaction running longer (the
   * server's requests, so that none runs away); unset, the server's own setting.
   */
  constructor(
    readonly driver: Driver,
    readonly name: string | undefined,
    readonly transactionTimeoutMs?: number,
  ) {
    this.transactionConfig = transactionTimeoutMs === undefined ? {} : { timeout: transactionTimeoutMs };
  }

  /** Subscribe to every statement sent; returns the unsubscribe function. */
  observe(observer: QueryObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /**
   * Connections of the driver's pool that kmgraph's work holds now: the
   * driver (6.x) publishes no count of its pool, so each statement and
   * transaction sent through here is counted while it runs. A unit of work
   * waiting for a free connection counts too: this is the demand on the pool.
   */
  connectionsInUse(): number {
    return this.held;
  }

  async read(cypher: string, params: Record<string, unknown> = {}): Promise<Row[]> {
    const started = performance.now();
    this.held += 1;
    const result = await this.driver
      .executeQuery(cypher, params, {
        routing: neo4j.routing.READ,
        database: this.name,
        transactionConfig: this.transactionConfig,
      })
      .catch((error: unknown) => this.failed(error))
      .finally(() => {
        this.held -= 1;
      });
    this.emit(cypher, "READ", started);
    return rowsOf(result);
  }

  /**
   * The `row` column of a read, typed as the projection its statement
   * returns (`RETURN {…} AS row`). The type is the caller's word for what the
   * Cypher builds: keep the two side by side.
   */
  async readRows<T>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> {
    return rowColumn<T>(await this.read(cypher, params));
  }

  /** The graph's version: raised by every write transaction, kmgraph's or another process's. */
  async version(): Promise<number> {
    const [row] = await this.read(cypherFile("db/graph-version"));
    return Number(row?.version ?? 0);
  }

  /**
   * A write transaction. Refused with IMPORT_IN_PROGRESS, and rolled back,
   * while a bulk import is unfinished, unless it is that import's own
   * (`options.importRun`).
   */
  async write<T>(work: (tx: WriteTransaction) => Promise<T>, options: WriteOptions = {}): Promise<T> {
    return this.transaction("WRITE", work, false, options);
  }

  /**
   * A write of bookkeeping that is not graph data and that no import's
   * rollback touches (an import's lease): neither versioned nor refused
   * during an import.
   */
  async bookkeeping<T>(work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
    return this.transaction("WRITE", work, true);
  }

  /**
   * A write of the audit trail: a write transaction like `write`, whose
   * statements observers see marked `audit`, so that the statements an
   * operation sends can be counted apart from the record of it.
   */
  async audit<T>(work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
    return this.transaction("WRITE", work, true);
  }

  /** Several reads that must see one consistent state of the graph (an export). */
  async readTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.transaction("READ", work);
  }

  private async transaction<T>(
    mode: AccessMode,
    work: (tx: Transaction) => Promise<T>,
    audit = false,
    options: WriteOptions = {},
  ): Promise<T> {
    // The bookmark manager of executeQuery: a read that follows a write sees it, even on a cluster.
    const session = this.driver.session({
      database: this.name,
      defaultAccessMode: mode === "READ" ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
    });
    // Whether the last attempt had done its work and was committing: a failure then leaves the outcome unknown.
    let committing = false;
    this.held += 1;
    try {
      const unit =
        mode === "READ"
          ? (tx: ManagedTransaction) => work(this.wrap(tx, mode, audit))
          : async (tx: ManagedTransaction) => {
              committing = false;
              const wrapped = this.wrap(tx, mode, audit);
              const result = await work(wrapped);
              // In the same transaction: a cache keyed by the version can never outlive the data it was computed on.
              // The audit trail is not data any analytic reads.
              if (!audit) {
                const [guard] = await wrapped.run(cypherFile("db/bump-graph-version"));
                if (!options.besideImports) guardImport((guard?.importRun ?? null) as OpenImport | null, options);
              }
              committing = true;
              return result;
            };
      return await (mode === "READ"
        ? session.executeRead(unit, this.transactionConfig)
        : session.executeWrite(unit, this.transactionConfig));
    } catch (error) {
      return this.failed(error, mode === "READ" ? undefined : committing ? null : false);
    } finally {
      this.held -= 1;
      await session.close();
    }
  }

  /** Schema statements (constraints, indexes) cannot share a transaction with data writes. */
  async runSchema(cypher: string): Promise<void> {
    const started = performance.now();
    await this.driver.executeQuery(cypher, {}, { database: this.name });
    this.emit(cypher, "WRITE", started);
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private wrap(tx: ManagedTransaction, mode: AccessMode, audit: boolean): Transaction {
    return {
      run: async (cypher, params = {}) => {
        const started = performance.now();
        const result = await tx.run(cypher, params);
        this.emit(cypher, mode, started, audit);
        return rowsOf(result);
      },
    };
  }

  /**
   * A transaction Neo4j ended at the timeout reaches the client as TIMEOUT,
   * and a Neo4j that cannot be reached as SERVICE_UNAVAILABLE, not as internal
   * errors. For a write, `committed` says what became of it: false when it
   * failed before committing (nothing was written: a transaction is all or
   * nothing), null when the connection was lost while it committed.
   */
  private failed(error: unknown, committed?: boolean | null): never {
    if (error instanceof Neo4jError && TIMED_OUT.has(error.code)) {
      throw new AppError(
        "TIMEOUT",
        `the request ran longer than the transaction timeout of ${this.transactionTimeoutMs ?? "the server's"} ms and was stopped`,
      );
    }
    if (isUnavailable(error)) {
      const outcome =
        committed === undefined
          ? ""
          : committed === false
            ? "; nothing was written"
            : "; the connection was lost while the change was being committed, so whether it was made is unknown: read it back before trying again";
      throw new AppError(
        "SERVICE_UNAVAILABLE",
        `the graph database cannot be reached now, try again shortly${outcome}`,
        [],
        committed === undefined ? {} : { committed },
      );
    }
    throw error;
  }

  private emit(cypher: string, mode: AccessMode, started: number, audit = false): void {
    if (this.observers.size === 0) return;
    const durationMs = performance.now() - started;
    const event: QueryEvent = audit ? { cypher, mode, durationMs, audit } : { cypher, mode, durationMs };
    for (const observer of this.observers) observer(event);
  }
}

/**
 * Throwing here rolls the whole transaction back. The check runs after the
 * version's lock is taken, which the transaction that begins an import holds
 * until it commits: a write that commits before the import began is in the
 * before-images the import takes, and one after is refused.
 */
function guardImport(open: OpenImport | null, options: WriteOptions): void {
  const mine = options.importRun;
  if (mine) {
    if (open?.id === mine.id && open.owner === mine.owner) return;
    throw new AppError(
      "IMPORT_INTERRUPTED",
      open?.id === mine.id
        ? "this bulk import was taken over by another process (kmgraph import --recover), which rolls it back"
        : "this bulk import is no longer recorded in the graph: it was rolled back by another process",
    );
  }
  if (!open) return;
  const holder = open.pid === null ? "" : ` by process ${open.pid} on ${open.host ?? "an unknown host"}`;
  throw new AppError(
    "IMPORT_IN_PROGRESS",
    `a bulk import (${open.source}, started ${open.startedAt}${holder}) is unfinished: the graph takes no other ` +
      "writes until it completes or is rolled back, so that a rollback never reverts them. Try again later; " +
      "if its process has stopped, the next kmgraph started on this graph, or `kmgraph import --recover`, rolls it back",
    [],
    { importStartedAt: open.startedAt },
  );
}

/** Neo4j is down, restarting, failing over, or every pooled connection is taken for longer than the wait allows. */
const UNAVAILABLE = new Set(["ServiceUnavailable", "SessionExpired", "Neo.TransientError.General.DatabaseUnavailable"]);

function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Neo4jError)) return false;
  return UNAVAILABLE.has(error.code) || error.message.startsWith("Connection acquisition timed out");
}

const TIMED_OUT = new Set([
  "Neo.ClientError.Transaction.TransactionTimedOut",
  "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
]);

function rowsOf(result: QueryResult): Row[] {
  return result.records.map((record) => toPlain(record.toObject()) as Row);
}

// The one place where a projection's type is taken on the statement's word.
function rowColumn<T>(rows: readonly Row[]): T[] {
  return rows.map((row) => row.row as unknown as T);
}
