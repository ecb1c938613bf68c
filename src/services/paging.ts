import { badInput } from "../errors.js";
import { SortDirection } from "../model/enums.js";
import type { Ordering, PageRequest } from "../nested-read/index.js";

// Relay cursors are opaque to clients; inside they hold the offset of the
// edge, which keeps any sort order pageable with one indexed query.

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** A Relay page of nodes; `<Name>Connection` in the schema. */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

export interface Order<F> {
  field: F;
  direction: SortDirection;
}

const PREFIX = "offset:";

export function encodeCursor(offset: number): string {
  return Buffer.from(`${PREFIX}${offset}`).toString("base64url");
}

export function decodeCursor(cursor: string): number {
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(cursor, "base64url").toString());
  const offset = match ? Number(match[1]) : -1;
  if (offset < 0) {
    throw badInput(`"${cursor}" is not a cursor returned by this API`, [{ path: "after", message: "invalid cursor" }]);
  }
  return offset;
}

export function pageRequest(first: number | null | undefined, after: string | null | undefined): PageRequest {
  const limit = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}, got ${limit}`, [
      { path: "first", message: `must be between 1 and ${MAX_PAGE_SIZE}` },
    ]);
  }
  return { offset: after ? decodeCursor(after) + 1 : 0, limit };
}

export function ordering(order: Order<string> | null | undefined): Ordering {
  return { property: order?.field ?? "id", descending: order?.direction === SortDirection.DESC };
}

export function toConnection<T>(page: { total: number; nodes: readonly T[] }, request: PageRequest): Connection<T> {
  const edges = page.nodes.map((node, index) => ({ cursor: encodeCursor(request.offset + index), node }));
  return {
    edges,
    totalCount: page.total,
    pageInfo: {
      hasNextPage: request.offset + edges.length < page.total,
      hasPreviousPage: request.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
