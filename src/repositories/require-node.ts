import type { Database } from "../db/database.js";
import { notFound } from "../errors.js";
import type { Label } from "../model/entities.js";
import { nodeExists } from "./statements.js";

/** NOT_FOUND unless a node of the label has the id. */
export async function requireNode(db: Database, label: Label, id: string): Promise<void> {
  const rows = await db.read(nodeExists(label), { id });
  if (rows.length === 0) throw notFound(label, id);
}
