import cliProgress from "cli-progress";
import type { BulkPhase, BulkProgress } from "../bulk/bulk-import.js";

const TITLES: Record<BulkPhase, string> = {
  validate: "validating",
  nodes: "writing nodes",
  relationships: "writing relationships",
  commit: "committing",
  statistics: "refreshing query statistics",
  rollback: "rolling back",
};

const number = new Intl.NumberFormat("en-US");

/**
 * Shows a bulk import's progress on stderr: a live bar per phase on a
 * terminal, otherwise a line at every tenth of a phase (for logs and CI).
 */
export function importProgress(stream: NodeJS.WriteStream = process.stderr): {
  update(event: BulkProgress): void;
  stop(): void;
} {
  return stream.isTTY ? terminalBar(stream) : logLines(stream);
}

function terminalBar(stream: NodeJS.WriteStream) {
  const bar = new cliProgress.SingleBar(
    { stream, format: "{title} [{bar}] {percentage}% | {shown} | {rate}/s", hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let phase: BulkPhase | null = null;
  let started = 0;
  return {
    update(event: BulkProgress) {
      if (event.phase !== phase) {
        if (phase) bar.stop();
        phase = event.phase;
        started = performance.now();
        bar.start(Math.max(event.total, event.done, 1), 0, payload(event, started));
      }
      if (event.total === 0) bar.setTotal(Math.max(event.done, 1));
      bar.update(event.done, payload(event, started));
    },
    stop() {
      if (phase) bar.stop();
    },
  };
}

function payload(event: BulkProgress, started: number) {
  const seconds = Math.max((performance.now() - started) / 1000, 0.001);
  const shown = amount(event);
  const rate =
    event.unit === "bytes"
      ? `${(event.done / 1e6 / seconds).toFixed(1)} MB`
      : number.format(Math.round(event.done / seconds));
  return { title: TITLES[event.phase], shown, rate };
}

function logLines(stream: NodeJS.WriteStream) {
  let phase: BulkPhase | null = null;
  let nextTenth = 0;
  return {
    update(event: BulkProgress) {
      if (event.phase !== phase) {
        phase = event.phase;
        nextTenth = 1;
        stream.write(`${TITLES[event.phase]}…\n`);
      }
      if (event.total <= 0) return;
      const tenth = Math.floor((10 * event.done) / event.total);
      if (tenth >= nextTenth) {
        nextTenth = tenth + 1;
        stream.write(`${TITLES[event.phase]}: ${amount(event)} (${tenth * 10} %)\n`);
      }
    },
    stop() {},
  };
}

/** "12.5 of 32.0 MB" or "45,000 of 91,032 nodes". */
function amount(event: BulkProgress): string {
  if (event.unit === "bytes") return `${(event.done / 1e6).toFixed(1)} of ${(event.total / 1e6).toFixed(1)} MB`;
  return `${number.format(event.done)} of ${number.format(event.total)} ${event.unit}`;
}
