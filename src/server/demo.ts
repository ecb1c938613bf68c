import { readFile } from "node:fs/promises";
import { cypherFile } from "../db/cypher-files.js";
import type { Database } from "../db/database.js";
import { type ImportSummary, InterchangeService } from "../interchange/interchange-service.js";
import { LABELS } from "../model/entities.js";
import { DEMO_DOCUMENT } from "../paths.js";

export async function isGraphEmpty(db: Database): Promise<boolean> {
  const [row] = await db.read(cypherFile("server/graph-empty"), { labels: [...LABELS] });
  return row?.empty === true;
}

/** Loads the demo organisation when the graph holds no data yet; null when it already did. */
export async function loadDemoIfEmpty(db: Database): Promise<ImportSummary | null> {
  if (!(await isGraphEmpty(db))) return null;
  const document: unknown = JSON.parse(await readFile(DEMO_DOCUMENT, "utf8"));
  return new InterchangeService(db).import(document);
}
