import type { Database } from "../db/database.js";
import type { Log } from "../log.js";
import type { AuditActor } from "../repositories/audit.js";
import { AuditService } from "../services/audit-service.js";
import { auditedWrite } from "./command-audit.js";

/** A date (midnight UTC) or a time with its offset, as `--before` takes it. */
const BEFORE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Refuses what Cypher's datetime() would refuse, or read differently, before connecting. */
export function pruneBefore(raw: string | undefined): string {
  if (!raw || !BEFORE.test(raw) || Number.isNaN(Date.parse(raw))) {
    throw new Error(
      `audit prune needs --before DATE, a date such as 2026-01-01 or a time such as 2026-01-01T00:00:00Z (got ${raw === undefined ? "none" : `"${raw}"`})`,
    );
  }
  return raw;
}

/**
 * `kmgraph audit prune --before DATE`: deletes the audit entries recorded
 * before DATE, in batches. The pruning is itself recorded, after it: the
 * trail always says who deleted part of it, and when.
 */
export async function auditPruneCommand(db: Database, before: string, actor: AuditActor, log: Log): Promise<number> {
  const audit = new AuditService(db);
  const deleted = await auditedWrite(
    db,
    actor,
    "audit prune",
    () => audit.prune(before),
    (count) => ({ counts: [{ subject: "AuditEntry", change: "deleted", count }] }),
    log,
  );
  log(`deleted ${deleted} audit ${deleted === 1 ? "entry" : "entries"} recorded before ${before}`);
  return deleted;
}
