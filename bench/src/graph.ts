import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { BenchOptions } from "./args.js";
import { type Connection, connect, type Database, LABELS, type Neo4jConfig, PROJECT_ROOT } from "./kmgraph.js";
import type { Log } from "./log.js";

/** The database the benchmark runs against, and how it was reached. */
export interface BenchGraph {
  readonly db: Database;
  /** "embedded" (started here, on its own port and data directory) or "remote" (NEO4J_URI). */
  readonly kind: "embedded" | "remote";
  /** Bolt address, without credentials (a remote server's come from NEO4J_USERNAME and NEO4J_PASSWORD). */
  readonly uri: string;
  readonly description: string;
  close(): Promise<void>;
}

/** The embedded Neo4j's store: one per size, so an M run never destroys a loaded L. */
export function embeddedDataDir(options: BenchOptions): string {
  return join(PROJECT_ROOT, ".kmgraph", `bench-neo4j-${options.size.toLowerCase()}`);
}

/**
 * Connects to NEO4J_URI when it is set, otherwise starts the embedded Neo4j
 * (emptied first when `wipe`), and applies kmgraph's schema migrations, as
 * the server does at start-up.
 */
export async function openBenchGraph(options: BenchOptions, wipe: boolean, log: Log): Promise<BenchGraph> {
  const remote = process.env.NEO4J_URI?.trim();
  let config: Neo4jConfig;
  if (remote) {
    config = {
      kind: "remote",
      uri: remote,
      username: process.env.NEO4J_USERNAME ?? "neo4j",
      password: process.env.NEO4J_PASSWORD ?? "",
      database: process.env.NEO4J_DATABASE || undefined,
    };
  } else {
    const dataDir = embeddedDataDir(options);
    if (wipe) await rm(dataDir, { recursive: true, force: true });
    config = { kind: "local", port: options.port, dataDir, heap: options.heap, pageCache: options.pageCache };
  }
  const connection: Connection = await connect(config, (line) => log(line));
  return {
    db: connection.db,
    kind: remote ? "remote" : "embedded",
    uri: remote ?? `bolt://127.0.0.1:${options.port}`,
    description: connection.description,
    close: () => connection.close(),
  };
}

/** Nodes of kmgraph's labels (not the migration records nor the load marker). */
export async function countModelNodes(db: Database): Promise<number> {
  const [row] = await db.read("MATCH (n) WHERE any(label IN labels(n) WHERE label IN $labels) RETURN count(n) AS n", {
    labels: [...LABELS],
  });
  return Number(row?.n ?? 0);
}

export async function countRelationships(db: Database): Promise<number> {
  const [row] = await db.read("MATCH ()-[r]->() RETURN count(r) AS n");
  return Number(row?.n ?? 0);
}

// ---------------------------------------------------------------------------
// The load marker: a node outside kmgraph's model, written after a complete
// load, that says which document the graph holds. `--reuse` skips the load
// only when it names the same size, seed and document hash.

export interface LoadMarker {
  readonly size: string;
  readonly seed: number;
  readonly sha256: string;
}

const MARKER_LABEL = "KmgraphBenchmarkLoad";

export async function readLoadMarker(db: Database): Promise<LoadMarker | null> {
  const [row] = await db.read(
    `MATCH (m:${MARKER_LABEL}) RETURN m.size AS size, m.seed AS seed, m.sha256 AS sha256 LIMIT 1`,
  );
  return row ? { size: String(row.size), seed: Number(row.seed), sha256: String(row.sha256) } : null;
}

export function sameLoad(a: LoadMarker | null, b: LoadMarker): boolean {
  return a !== null && a.size === b.size && a.seed === b.seed && a.sha256 === b.sha256;
}

/** Removed before a load starts, so that a load that fails half-way is never taken for a complete one. */
export async function clearLoadMarker(db: Database): Promise<void> {
  await db.write((tx) => tx.run(`MATCH (m:${MARKER_LABEL}) DELETE m`));
}

export async function writeLoadMarker(db: Database, marker: LoadMarker): Promise<void> {
  await db.write((tx) =>
    tx.run(
      `MERGE (m:${MARKER_LABEL}) SET m.size = $size, m.seed = $seed, m.sha256 = $sha256, m.loadedAt = datetime()`,
      {
        ...marker,
      },
    ),
  );
}
