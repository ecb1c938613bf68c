import neo4j from "neo4j-driver";
import type { Neo4jConfig } from "../config.js";
import { type Log, logToStderr } from "../log.js";
import { Database } from "./database.js";
import { type LocalNeo4j, startLocalNeo4j } from "./local-neo4j.js";
import { migrate } from "./migrations.js";

export interface Connection {
  readonly db: Database;
  /** Where the graph lives, for logs: never includes credentials. */
  readonly description: string;
  close(): Promise<void>;
}

/**
 * Connects to `NEO4J_URI` when it is set, otherwise builds (first time) and
 * starts the embedded Neo4j; then brings the schema up to date.
 */
export async function connect(config: Neo4jConfig, log: Log = logToStderr): Promise<Connection> {
  let local: LocalNeo4j | undefined;
  let uri: string;
  let auth;
  let database: string | undefined;
  if (config.kind === "remote") {
    uri = config.uri;
    auth = neo4j.auth.basic(config.username, config.password);
    database = config.database;
  } else {
    local = await startLocalNeo4j({
      port: config.port,
      dataDir: config.dataDir,
      heap: config.heap,
      pageCache: config.pageCache,
      log,
    });
    uri = local.uri;
    auth = undefined; // the embedded server listens on loopback only, with auth off
  }
  const driver = neo4j.driver(uri, auth, { disableLosslessIntegers: true, userAgent: "kmgraph" });
  const db = new Database(driver, database);
  const close = async () => {
    await db.close();
    await local?.stop();
  };
  try {
    await driver.verifyConnectivity({ database });
    const applied = await migrate(db);
    if (applied.length > 0) log(`schema migrations applied: ${applied.join(", ")}`);
  } catch (error) {
    await close();
    throw error;
  }
  return { db, description: local ? `embedded Neo4j at ${uri}` : `Neo4j at ${uri}`, close };
}
