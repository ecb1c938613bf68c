import type { Database } from "../../src/db/database.js";

/**
 * Every node and relationship in the database, whatever its label (the import
 * journal, staging and migration records included), with all properties, in
 * an order that does not depend on storage: two snapshots are equal exactly
 * when nothing was written in between, so a rejected call can be shown to have
 * left no partial write behind. The audit trail is left out: recording the
 * rejected call is what it is for (test/integration/audit-trail.test.ts).
 */
export interface GraphSnapshot {
  nodes: string[];
  relationships: string[];
}

// A node is named by its `id` when it has one; otherwise by its element id, which a
// delete-and-recreate would change (and so show).
const key = (v: string) => `CASE WHEN ${v}.id IS NULL THEN elementId(${v}) ELSE ${v}.id END`;

export async function graphSnapshot(db: Database): Promise<GraphSnapshot> {
  const nodes = await db.read(
    `MATCH (n) WHERE NOT n:AuditEntry RETURN labels(n) AS labels, ${key("n")} AS key, properties(n) AS props`,
  );
  const relationships = await db.read(
    `MATCH (a)-[r]->(b)
     RETURN type(r) AS type, labels(a) AS fromLabels, ${key("a")} AS from,
            labels(b) AS toLabels, ${key("b")} AS to, properties(r) AS props`,
  );
  return {
    nodes: nodes.map((row) => canonical({ ...row, labels: [...(row.labels as string[])].sort() })).sort(),
    relationships: relationships.map((row) => canonical(row)).sort(),
  };
}

/** JSON with object keys sorted, so that property order does not matter. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
