import type { BenchOptions } from "./args.js";
import {
  type BenchGraph,
  clearLoadMarker,
  countModelNodes,
  type LoadMarker,
  openBenchGraph,
  readLoadMarker,
  sameLoad,
  writeLoadMarker,
} from "./graph.js";
import { type BulkProgress, bulkImport, type Database } from "./kmgraph.js";
import type { Log } from "./log.js";
import type { OrganisationFile } from "./organisation-file.js";

export interface LoadStats {
  /** False when --reuse found the same document already loaded. */
  readonly loaded: boolean;
  readonly method: string;
  readonly ms: number | null;
  readonly entities: number;
  readonly relationships: number;
  /** (entities + relationships) / s, the unit of the import target. */
  readonly perSecond: number | null;
}

/** How the organisation goes into Neo4j; recorded with the results. */
const LOAD_METHOD = "bulkImport (streamed, validated whole, one transaction per batch)";

/** Loads an interchange document into the graph: the one place that knows how. */
async function loadDocument(db: Database, path: string, log: Log): Promise<void> {
  await bulkImport(db, path, { progress: phaseProgress(log) });
}

/** Logs the bulk import's progress: each phase as it starts, then every tenth of it. */
function phaseProgress(log: Log): (event: BulkProgress) => void {
  let phase = "";
  let logged = 0;
  return ({ phase: current, done, total, unit }) => {
    if (current !== phase) {
      phase = current;
      logged = 0;
      log(`import: ${phase}`);
    }
    if (total > 0 && done >= logged + total / 10) {
      logged = done;
      log(`import: ${phase} ${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} ${unit}`);
    }
  };
}

/**
 * Opens the graph holding the organisation of `file`: loads it, or, with
 * --reuse, keeps a graph that the load marker says holds this very document.
 * An embedded Neo4j is emptied before a load; a server given by NEO4J_URI is
 * never loaded into while it holds data, unless --reuse says that is wanted.
 */
export async function openLoadedGraph(
  options: BenchOptions,
  file: OrganisationFile,
  log: Log,
): Promise<{ graph: BenchGraph; load: LoadStats }> {
  const wanted: LoadMarker = { size: options.size, seed: options.seed, sha256: file.sha256 };
  const counts = { entities: file.stats.totalEntities, relationships: file.stats.totalRelationships };
  let graph = await openBenchGraph(options, !options.reuse, log);
  try {
    if (options.reuse && sameLoad(await readLoadMarker(graph.db), wanted)) {
      log(`--reuse: the graph already holds size ${options.size}, seed ${options.seed}; not loading`);
      return { graph, load: { loaded: false, method: LOAD_METHOD, ms: null, ...counts, perSecond: null } };
    }
    const existing = await countModelNodes(graph.db);
    if (existing > 0) {
      if (graph.kind === "embedded") {
        log(`--reuse: the graph holds other data (${existing} nodes); starting over with an empty one`);
        await graph.close();
        graph = await openBenchGraph(options, true, log);
      } else if (!options.reuse) {
        throw new Error(
          `${graph.description} already holds ${existing} kmgraph nodes; the benchmark loads only into an empty database ` +
            "(pass --reuse to load over them: the import upserts by id, other nodes stay)",
        );
      } else {
        log(`--reuse: loading over the ${existing} nodes already in ${graph.description}`);
      }
    }
    await clearLoadMarker(graph.db);
    log(
      `loading ${file.path} (${counts.entities.toLocaleString("en-US")} entities, ${counts.relationships.toLocaleString("en-US")} relationships)`,
    );
    const started = performance.now();
    await loadDocument(graph.db, file.path, log);
    const ms = performance.now() - started;
    await writeLoadMarker(graph.db, wanted);
    const perSecond = ((counts.entities + counts.relationships) / ms) * 1000;
    log(
      `loaded in ${(ms / 1000).toFixed(1)} s (${Math.round(perSecond).toLocaleString("en-US")} entities + relationships per second)`,
    );
    return { graph, load: { loaded: true, method: LOAD_METHOD, ms, ...counts, perSecond } };
  } catch (error) {
    await graph.close();
    throw error;
  }
}
