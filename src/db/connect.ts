import neo4j from "neo4j-driver";
import type { Neo4jConfig } from "../config.js";
import { type Log, logToStderr } from "../log.js";
import { Database } from "./database.js";
import { type EmbeddedMode, type EmbeddedNeo4j, hasStopped, lostNeo4j, openEmbeddedNeo4j } from "./embedded-neo4j.js";
import { migrate } from "./migrations.js";

export interface Connection {
  readonly db: Database;
  /** Where the graph lives, for logs: never includes credentials. */
  readonly description: string;
  /**
   * The error to show for one thrown while using the graph: when the running
   * server whose embedded Neo4j this process uses has stopped meanwhile, says
   * so; otherwise the error itself.
   */
  explain(error: unknown): Promise<unknown>;
  /**
   * With an embedded Neo4j this process started: settles, with how it ended,
   * if that Neo4j stops without `close()`. Undefined for any other Neo4j.
   */
  readonly lost?: Promise<string>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** What this process is, for the messages of other kmgraph processes; default "kmgraph". */
  readonly purpose?: string;
  /**
   * With the embedded Neo4j: "join" (default) uses the one a running kmgraph
   * server has on the same data directory, or starts one for this process;
   * "serve" starts one and keeps it for other processes to join (the server).
   */
  readonly embedded?: EmbeddedMode;
  /**
   * Neo4j's timeout on every transaction (ms). The server sets it so no
   * request runs away; the commands leave it unset: an import's batches and
   * an export's one read transaction are as long as the data asks.
   */
  readonly transactionTimeoutMs?: number;
  /**
   * How long one request keeps trying to reach Neo4j (connecting, waiting for
   * a pooled connection, retrying a transaction) before it fails with
   * SERVICE_UNAVAILABLE. The server sets it so that requests fail fast during
   * an outage; the commands keep the driver's patient defaults.
   */
  readonly unavailableAfterMs?: number;
}

/**
 * Connects to `NEO4J_URI` when it is set, otherwise to the embedded Neo4j
 * (the running server's, or one built the first time and started here); then
 * brings the schema up to date.
 */
export async function connect(
  config: Neo4jConfig,
  log: Log = logToStderr,
  options: ConnectOptions = {},
): Promise<Connection> {
  let embedded: EmbeddedNeo4j | undefined;
  let uri: string;
  let auth: ReturnType<typeof neo4j.auth.basic> | undefined;
  let database: string | undefined;
  if (config.kind === "remote") {
    uri = config.uri;
    auth = neo4j.auth.basic(config.username, config.password);
    database = config.database;
  } else {
    embedded = await openEmbeddedNeo4j(config, log, {
      mode: options.embedded ?? "join",
      purpose: options.purpose ?? "kmgraph",
    });
    uri = embedded.uri;
    auth = undefined; // the embedded server listens on loopback only, with auth off
  }
  const patience = options.unavailableAfterMs;
  const driver = neo4j.driver(uri, auth, {
    disableLosslessIntegers: true,
    userAgent: "kmgraph",
    ...(patience === undefined
      ? {}
      : {
          connectionTimeout: patience,
          connectionAcquisitionTimeout: patience,
          maxTransactionRetryTime: retryBudget(patience),
        }),
  });
  const db = new Database(driver, database, options.transactionTimeoutMs);
  const close = async () => {
    await db.close();
    // A joined Neo4j belongs to the server that started it: it keeps running.
    await embedded?.started?.stop();
  };
  const joined = embedded?.joined;
  const explain = async (error: unknown): Promise<unknown> =>
    joined && config.kind === "local" && (await hasStopped(config.dataDir, joined)) ? lostNeo4j(joined, error) : error;
  try {
    await driver.verifyConnectivity({ database });
    const applied = await migrate(db);
    if (applied.length > 0) log(`schema migrations applied: ${applied.join(", ")}`);
  } catch (error) {
    await close();
    throw await explain(error);
  }
  const description = joined
    ? `the embedded Neo4j of ${joined.purpose} (pid ${joined.pid}) at ${uri}`
    : embedded
      ? `embedded Neo4j at ${uri}`
      : `Neo4j at ${uri}`;
  return { db, description, explain, close, ...(embedded?.started ? { lost: embedded.started.lost } : {}) };
}

/**
 * The driver retries a failed transaction after about 1 s, then 2 s, 4 s…
 * (±20 %), for as long as the time spent is at most its retry time, and only
 * then gives up. With the whole of `patience` as retry time, a Neo4j that
 * refuses at once is retried at ~1 s and again at ~3 s: a 2 s patience
 * answered in 3 s. 40 % keeps the last retry, and so the answer, within
 * about `patience` (2 s: one retry, failing at ~1 s).
 */
export function retryBudget(patience: number): number {
  return Math.floor(patience * 0.4);
}
