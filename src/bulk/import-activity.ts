/** The part of a BulkProgress event counted here (bulk-import.ts imports this module, not the other way). */
interface ProgressEvent {
  readonly phase: string;
  readonly done: number;
}

/** What the bulk imports of this process have done, for the metrics (src/server/metrics.ts). */
export interface ImportActivity {
  /** Imports running now. */
  running: number;
  started: number;
  finished: number;
  /** Ended by an error (rolled back) instead of a commit. */
  failed: number;
  /** Nodes and relationships written by the running imports so far (0 when none runs). */
  written: number;
  /** The phase of the import that reported last, while one runs. */
  phase: string | null;
}

const activity: ImportActivity = { running: 0, started: 0, finished: 0, failed: 0, written: 0, phase: null };

/** The counts of the process: one process imports into one graph, and a scrape reads them as they are. */
export function importActivity(): Readonly<ImportActivity> {
  return { ...activity };
}

/**
 * Follows one import: its progress events (nodes and relationships written)
 * and how it ended. `written` sums over concurrent imports, each counting
 * its own rows; it returns to what the others have written when one ends.
 */
export function trackImport(): { progress(event: ProgressEvent): void; end(ok: boolean): void } {
  activity.running += 1;
  activity.started += 1;
  const written = { nodes: 0, relationships: 0 };
  const own = () => written.nodes + written.relationships;
  return {
    progress(event) {
      activity.phase = event.phase;
      if (event.phase !== "nodes" && event.phase !== "relationships") return;
      const before = own();
      written[event.phase] = event.done;
      activity.written += own() - before;
    },
    end(ok) {
      activity.running -= 1;
      activity.written -= own();
      if (activity.running === 0) activity.phase = null;
      if (ok) activity.finished += 1;
      else activity.failed += 1;
    },
  };
}
