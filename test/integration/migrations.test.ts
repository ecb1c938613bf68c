import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadMigrations, migrate } from "../../src/db/migrations.js";
import { execute, query, useGraph } from "../support/graph.js";

const graph = useGraph();

describe("schema migrations", () => {
  it("are recorded in the graph and applying them again does nothing", async () => {
    const recorded = await graph.db.read("MATCH (m:SchemaMigration) RETURN m.id AS id ORDER BY id");
    expect(recorded.map((row) => row.id)).toEqual((await loadMigrations()).map((m) => m.id));
    expect(await migrate(graph.db)).toEqual([]);
  });

  it("create the unique constraints and the full-text indexes", async () => {
    const constraints = await graph.db.read(
      "SHOW CONSTRAINTS YIELD labelsOrTypes, properties RETURN labelsOrTypes[0] + '.' + properties[0] AS key",
    );
    const keys = constraints.map((row) => row.key);
    for (const label of [
      "OrgUnit",
      "Goal",
      "Topic",
      "Person",
      "Project",
      "KnowledgeAsset",
      "Lesson",
      "KnowledgeGap",
      "KMActivity",
    ]) {
      expect(keys).toContain(`${label}.id`);
    }
    // Unique regardless of case, through the key properties of migration 0005.
    expect(keys).toEqual(expect.arrayContaining(["Topic.nameKey", "Person.emailKey"]));
    const fulltext = await graph.db.read("SHOW FULLTEXT INDEXES YIELD name RETURN name ORDER BY name");
    expect(fulltext.map((row) => row.name)).toEqual(
      expect.arrayContaining(["knowledge_asset_text", "lesson_text", "person_text", "topic_text"]),
    );
  });

  it("are enforced: two people cannot share an e-mail, and an e-mail may be absent", async () => {
    await query(
      graph,
      `mutation { a: createPerson(input: { id: "p-1", name: "A" }) { id } b: createPerson(input: { id: "p-2", name: "B" }) { id } }`,
    );
    await query(graph, `mutation { createPerson(input: { id: "p-3", name: "C", email: "c@example.org" }) { id } }`);
    const clash = await execute(
      graph,
      `mutation { createPerson(input: { id: "p-4", name: "D", email: "c@example.org" }) { id } }`,
    );
    expect(clash.errors?.[0]?.extensions?.code).toBe("CONFLICT");
  });

  it("refuse to run when an applied migration file was changed", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kmgraph-migrations-"));
    const [first] = await loadMigrations();
    await writeFile(
      join(dir, `${first!.id}.cypher`),
      "CREATE INDEX changed_index IF NOT EXISTS FOR (n:Goal) ON (n.name);\n",
    );
    await expect(migrate(graph.db, await loadMigrations(dir))).rejects.toThrow(/applied with other content/);
  });
});
