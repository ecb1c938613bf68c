import type { Plain } from "../db/values.js";

/** A node's properties as read from the graph. */
export type NodeRecord = { readonly id: string } & Readonly<Record<string, Plain>>;
