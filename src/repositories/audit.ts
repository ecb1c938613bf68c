import { cypherFile } from "../db/cypher-files.js";
import type { Database } from "../db/database.js";
import type { Role } from "../model/roles.js";

// The audit trail's storage: `:AuditEntry` nodes, a label outside the model,
// so exports, counts, analytics and search never see them. Entries are only
// ever created and, by an administrator's prune, deleted; nothing updates one.

/** How a recorded write ended. */
export enum AuditOutcome {
  /** It ran and committed. */
  OK = "OK",
  /** It ran, or was about to, and failed: nothing of it committed. */
  FAILED = "FAILED",
  /** The caller's role may not do it: refused before anything ran. */
  DENIED = "DENIED",
}

/** Who wrote: what the identity says, never an e-mail address or a token. */
export interface AuditActor {
  readonly role: Role;
  /** jwt, api-token or none (no credentials: loopback, or a command on the machine). */
  readonly via: string;
  /** The token's `sub`; for a command, the operating-system account that ran it. */
  readonly subject: string | null;
  readonly personId: string | null;
}

/** What one write changed, counted: `Project` created 1, `WORKS_ON` detached 3. */
export interface AuditCount {
  /** A label or a relationship type. */
  readonly subject: string;
  /** created, updated, unchanged, deleted, removed, detached, replaced… */
  readonly change: string;
  readonly count: number;
}

export interface AuditEntry {
  readonly id: string;
  /** ISO 8601, UTC. */
  readonly at: string;
  readonly actor: AuditActor;
  /** The mutation field (`createProject`) or the command (`import`). */
  readonly operation: string;
  readonly outcome: AuditOutcome;
  /** The error code when not OK. */
  readonly errorCode: string | null;
  /** The first ids the write named (at most AUDIT_MAX_IDS). */
  readonly targetIds: readonly string[];
  /** How many ids it named in all. */
  readonly targetCount: number;
  readonly counts: readonly AuditCount[];
  /** The HTTP request's id, when the server gives one. */
  readonly requestId: string | null;
}

export const AUDIT_MAX_IDS = 100;

export interface AuditFilter {
  readonly operation?: string | null;
  readonly outcome?: AuditOutcome | null;
  readonly actorPersonId?: string | null;
  /** From this time on (inclusive). */
  readonly from?: Date | string | null;
  /** Before this time (exclusive). */
  readonly to?: Date | string | null;
}

/** The stored form: flat properties, counts as one JSON string (a property cannot hold a list of maps). */
interface StoredEntry {
  id: string;
  at: string;
  seq: number;
  actorRole: string;
  actorVia: string;
  actorSubject: string | null;
  actorPersonId: string | null;
  operation: string;
  outcome: string;
  errorCode: string | null;
  targetIds: string[];
  targetCount: number;
  counts: string;
  requestId: string | null;
}

/** Appends entries in one write transaction; `seq` keeps the order of entries recorded in the same millisecond. */
export async function recordAuditEntries(db: Database, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const stored: StoredEntry[] = entries.map((entry, seq) => ({
    id: entry.id,
    at: entry.at,
    seq,
    actorRole: entry.actor.role,
    actorVia: entry.actor.via,
    actorSubject: entry.actor.subject,
    actorPersonId: entry.actor.personId,
    operation: entry.operation,
    outcome: entry.outcome,
    errorCode: entry.errorCode,
    targetIds: entry.targetIds.slice(0, AUDIT_MAX_IDS),
    targetCount: entry.targetCount,
    counts: JSON.stringify(entry.counts),
    requestId: entry.requestId,
  }));
  await db.audit((tx) => tx.run(cypherFile("repositories/audit-record"), { entries: stored }));
}

export async function readAuditPage(
  db: Database,
  filter: AuditFilter,
  page: { offset: number; limit: number },
): Promise<{ total: number; nodes: AuditEntry[] }> {
  const [row] = await db.readRows<{ total: number; entries: StoredEntry[] }>(cypherFile("repositories/audit-page"), {
    operation: filter.operation ?? null,
    outcome: filter.outcome ?? null,
    actorPersonId: filter.actorPersonId ?? null,
    from: isoTime(filter.from),
    to: isoTime(filter.to),
    offset: page.offset,
    limit: page.limit,
  });
  return { total: row?.total ?? 0, nodes: (row?.entries ?? []).map(fromStored) };
}

const PRUNE_BATCH = 10_000;

/** Deletes the entries recorded before `before`, a batch per transaction; returns how many. */
export async function pruneAuditEntries(db: Database, before: string): Promise<number> {
  let deleted = 0;
  for (;;) {
    const [count] = await db.audit((tx) =>
      tx.run(cypherFile("repositories/audit-prune"), { before, batch: PRUNE_BATCH }),
    );
    const batch = Number(count?.row ?? 0);
    deleted += batch;
    if (batch < PRUNE_BATCH) return deleted;
  }
}

/** The GraphQL DateTime scalar parses into a Date; Cypher's datetime() takes its ISO text. */
function isoTime(time: Date | string | null | undefined): string | null {
  if (time === null || time === undefined) return null;
  return time instanceof Date ? time.toISOString() : time;
}

function fromStored(stored: StoredEntry): AuditEntry {
  return {
    id: stored.id,
    at: new Date(stored.at).toISOString(),
    actor: {
      role: stored.actorRole as Role,
      via: stored.actorVia,
      subject: stored.actorSubject ?? null,
      personId: stored.actorPersonId ?? null,
    },
    operation: stored.operation,
    outcome: stored.outcome as AuditOutcome,
    errorCode: stored.errorCode ?? null,
    targetIds: stored.targetIds ?? [],
    targetCount: stored.targetCount,
    counts: JSON.parse(stored.counts) as AuditCount[],
    requestId: stored.requestId ?? null,
  };
}
