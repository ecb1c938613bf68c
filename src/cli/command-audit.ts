import type { Database } from "../db/database.js";
import { AppError } from "../errors.js";
import type { Log } from "../log.js";
import { type AuditActor, type AuditCount, AuditOutcome } from "../repositories/audit.js";
import { AuditService } from "../services/audit-service.js";

/** What an entry says a command wrote. */
export interface CommandWrite {
  readonly idCount?: number;
  readonly counts: readonly AuditCount[];
}

/**
 * A command's write, recorded in the audit trail as the mutation that does
 * the same through the API is: done with what it changed, or failed with its
 * code. A failure to record a failure is logged, never hides the failure.
 */
export async function auditedWrite<T>(
  db: Database,
  actor: AuditActor,
  operation: string,
  write: () => Promise<T>,
  describe: (done: T) => CommandWrite,
  log: Log,
): Promise<T> {
  const audit = new AuditService(db);
  let done: T;
  try {
    done = await write();
  } catch (error) {
    const errorCode = error instanceof AppError ? error.code : "INTERNAL_SERVER_ERROR";
    await audit
      .record([{ actor, operation, outcome: AuditOutcome.FAILED, errorCode }])
      .catch((failure: unknown) => log(`the audit trail could not record the failed ${operation}: ${String(failure)}`));
    throw error;
  }
  await audit.record([{ actor, operation, outcome: AuditOutcome.OK, ...describe(done) }]);
  return done;
}
