import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import type { Database } from "../db/database.js";
import { Role } from "../model/roles.js";
import {
  AUDIT_MAX_IDS,
  type AuditActor,
  type AuditCount,
  type AuditEntry,
  type AuditFilter,
  type AuditOutcome,
  pruneAuditEntries,
  readAuditPage,
  recordAuditEntries,
} from "../repositories/audit.js";
import { type Connection, pageRequest, toConnection } from "./paging.js";

/** What the recorder knows of a write; the service adds the entry's id and time. */
export interface AuditDraft {
  readonly actor: AuditActor;
  readonly operation: string;
  readonly outcome: AuditOutcome;
  readonly errorCode?: string | null;
  /** Every id the write named; the entry keeps the first AUDIT_MAX_IDS and the count. */
  readonly ids?: readonly string[];
  /** When the write names more ids than it lists (an import streamed from a file). */
  readonly idCount?: number;
  readonly counts?: readonly AuditCount[];
  readonly requestId?: string | null;
  /** When the write ended; default now. */
  readonly at?: Date;
}

/**
 * Whoever runs kmgraph on the machine that holds the database (a command, or
 * the server recovering an import): the local administrator, named by the
 * operating-system account.
 */
export function localActor(): AuditActor {
  let subject: string | null = null;
  try {
    subject = userInfo().username;
  } catch {
    // An account without a name (some containers): the entry says only that it was local.
  }
  return { role: Role.ADMIN, via: "none", subject, personId: null };
}

/** The audit trail: records writes and pages through them, newest first. */
export class AuditService {
  constructor(private readonly db: Database) {}

  async record(drafts: readonly AuditDraft[]): Promise<void> {
    await recordAuditEntries(this.db, drafts.map(auditEntry));
  }

  async page(
    filter: AuditFilter | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Connection<AuditEntry>> {
    const request = pageRequest(first, after);
    return toConnection(await readAuditPage(this.db, filter ?? {}, request), request);
  }

  /** Deletes the entries recorded before `before` (an ISO date or time); returns how many. */
  prune(before: string): Promise<number> {
    return pruneAuditEntries(this.db, before);
  }
}

export function auditEntry(draft: AuditDraft): AuditEntry {
  const ids = [...new Set(draft.ids ?? [])];
  return {
    id: randomUUID(),
    at: (draft.at ?? new Date()).toISOString(),
    actor: draft.actor,
    operation: draft.operation,
    outcome: draft.outcome,
    errorCode: draft.errorCode ?? null,
    targetIds: ids.slice(0, AUDIT_MAX_IDS),
    targetCount: Math.max(ids.length, draft.idCount ?? 0),
    counts: (draft.counts ?? []).filter((count) => count.count > 0),
    requestId: draft.requestId ?? null,
  };
}

/** What an import summary says it changed (interchange and bulk import alike). */
export interface ImportCounts {
  readonly nodes: readonly { label: string; created: number; updated: number; unchanged: number }[];
  readonly relationships: readonly { type: string; created: number; removed: number }[];
}

export function importCounts(summary: ImportCounts): AuditCount[] {
  return [
    ...summary.nodes.flatMap((n) => [
      { subject: n.label, change: "created", count: n.created },
      { subject: n.label, change: "updated", count: n.updated },
      { subject: n.label, change: "unchanged", count: n.unchanged },
    ]),
    ...summary.relationships.flatMap((r) => [
      { subject: r.type, change: "created", count: r.created },
      { subject: r.type, change: "removed", count: r.removed },
    ]),
  ].filter((count) => count.count > 0);
}

/** The ids of the nodes an interchange document lists (each top-level list's `id`s), in document order. */
export function documentIds(document: unknown): string[] {
  if (document === null || typeof document !== "object") return [];
  const ids: string[] = [];
  for (const list of Object.values(document)) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const id = item !== null && typeof item === "object" ? (item as { id?: unknown }).id : undefined;
      if (typeof id === "string") ids.push(id);
    }
  }
  return ids;
}

/**
 * What a mutation's result says it changed, read from the result's own
 * shape, whatever the client selected: an import summary, a deletion's
 * detached relationships, a link's change, an inference run's counts, or
 * the node a create or update returns.
 */
export function resultCounts(operation: string, result: unknown): AuditCount[] {
  if (result === null || typeof result !== "object") return [];
  const r = result as Record<string, unknown>;
  if (Array.isArray(r.nodes) && Array.isArray(r.relationships)) return importCounts(r as unknown as ImportCounts);
  const label = /^(create|update|delete)(.+)$/.exec(operation);
  if (label && Array.isArray(r.detached)) {
    const detached = r.detached as { type: string; direction: string; count: number }[];
    return [
      { subject: label[2]!, change: "deleted", count: 1 },
      ...detached.map((d) => ({ subject: d.type, change: `detached ${d.direction}`, count: d.count })),
    ];
  }
  if (typeof r.changed === "boolean" && typeof r.type === "string") {
    const change = operation.startsWith("unlink") ? "removed" : "created";
    const replaced = Array.isArray(r.replaced) ? r.replaced.length : 0;
    return [
      { subject: r.type, change, count: r.changed ? 1 : 0 },
      { subject: r.type, change: "replaced", count: replaced },
    ].filter((count) => count.count > 0);
  }
  if (typeof r.created === "number" && typeof r.updated === "number" && typeof r.removed === "number") {
    return (["created", "updated", "removed"] as const)
      .map((change) => ({ subject: "KNOWS", change, count: r[change] as number }))
      .filter((count) => count.count > 0);
  }
  if (label && label[1] !== "delete") {
    return [{ subject: label[2]!, change: label[1] === "create" ? "created" : "updated", count: 1 }];
  }
  return [];
}
