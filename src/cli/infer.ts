import { analyticsParams } from "../analytics/params.js";
import type { Database } from "../db/database.js";
import { ExpertiseInference } from "../inference/expertise-inference.js";
import type { AppliedInference, InferenceResult } from "../inference/types.js";
import type { Log } from "../log.js";
import type { AuditActor } from "../repositories/audit.js";
import { resultCounts } from "../services/audit-service.js";
import { auditedWrite, type CommandWrite } from "./command-audit.js";
import { round, table } from "./table.js";

/**
 * `kmgraph infer-expertise [--apply] [--as-of D] [--json]`: the proposals of
 * the expertise inference as a table and a summary line; with `--apply`, they
 * are written and the summary says what was. Returns the text to print.
 */
export async function inferCommand(
  db: Database,
  options: { apply?: boolean; asOf?: string; json?: boolean },
  actor: AuditActor,
  log: Log,
): Promise<string> {
  const params = analyticsParams(options.asOf ? { asOf: options.asOf } : {});
  const engine = new ExpertiseInference(db);
  // Recorded under the name of the mutation that applies it through the API.
  const result = options.apply
    ? await auditedWrite(db, actor, "applyExpertiseInference", () => engine.apply(params), appliedCounts, log)
    : await engine.propose(params);
  if (options.json) return `${JSON.stringify(result, null, 2)}\n`;
  return renderInference(result);
}

function appliedCounts(done: AppliedInference): CommandWrite {
  return { counts: resultCounts("applyExpertiseInference", done.applied) };
}

export function renderInference(result: InferenceResult | AppliedInference): string {
  const title = `Expertise from evidence, as of ${result.asOf}`;
  const rows = result.proposals.map((p) => [
    p.person,
    p.topic,
    p.action,
    p.previousLevel,
    p.level,
    round(p.total),
    p.evidence.map((e) => `${e.kind.toLowerCase()} ${e.id} ${round(e.value)}`).join(", ") || "none",
  ]);
  const { create, update, remove, unchanged } = result.counts;
  const proposed = `${create} to create, ${update} to update, ${remove} to remove, ${unchanged} unchanged.`;
  const lines = [
    title,
    "=".repeat(title.length),
    "INFERRED KNOWS edges from authorship and project roles; declared ones are never touched. See docs/expertise-inference.md.",
    "",
    table(["person", "topic", "action", "previous", "level", "evidence", "sources"], rows),
    "",
    proposed,
  ];
  if ("applied" in result) {
    const { created, updated, removed, skipped } = result.applied;
    lines.push(
      `Written: ${created} created, ${updated} updated, ${removed} removed` +
        (skipped > 0 ? `; ${skipped} skipped (the graph changed meanwhile, e.g. a declared edge appeared).` : "."),
    );
  } else {
    lines.push(result.proposals.length > 0 ? "Nothing written: run with --apply to write them." : "Nothing to do.");
  }
  return `${lines.join("\n")}\n`;
}
