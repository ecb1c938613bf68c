import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { CYPHER_DIR } from "../paths.js";
import { cypherFile } from "./cypher-files.js";
import type { Database } from "./database.js";

export interface Migration {
  readonly id: string;
  readonly checksum: string;
  readonly statements: readonly string[];
}

const MIGRATIONS_DIR = join(CYPHER_DIR, "migrations");

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith(".cypher")).sort();
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(join(dir, file), "utf8");
      return {
        id: file.replace(/\.cypher$/, ""),
        checksum: createHash("sha256").update(text).digest("hex"),
        statements: splitStatements(text),
      };
    }),
  );
}

/** Statements end with `;` at the end of a line; `//` comment lines are dropped. */
export function splitStatements(text: string): string[] {
  const body = text
    .split("\n")
    .filter((line) => !line.trim().startsWith("//"))
    .join("\n");
  return body
    .split(/;\s*(?:\n|$)/)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

/**
 * Applies the migrations not yet recorded in the graph, in order. Returns the
 * ids applied by this call (none when the database is up to date).
 */
export async function migrate(db: Database, migrations?: readonly Migration[]): Promise<string[]> {
  const all = migrations ?? (await loadMigrations());
  const recorded = new Map(
    (await db.read(cypherFile("db/applied-migrations"))).map((row) => [String(row.id), String(row.checksum)]),
  );
  const applied: string[] = [];
  for (const migration of all) {
    const checksum = recorded.get(migration.id);
    if (checksum === migration.checksum) continue;
    if (checksum !== undefined) {
      throw new Error(
        `schema migration ${migration.id} was applied with other content; ` +
          "applied migrations must not change, add a new migration file instead",
      );
    }
    for (const statement of migration.statements) {
      try {
        await db.runSchema(statement);
      } catch (error) {
        throw migrationFailed(migration, error);
      }
    }
    await db.write(
      (tx) =>
        tx.run(cypherFile("db/record-migration"), {
          id: migration.id,
          checksum: migration.checksum,
        }),
      // An unfinished import (to be rolled back once connected) must not stop kmgraph from starting.
      { besideImports: true },
    );
    applied.push(migration.id);
  }
  // Indexes build in the background; full-text search fails until they are online.
  if (applied.length > 0) await db.runSchema(cypherFile("db/await-indexes"));
  return applied;
}

/** Which migration failed and, when existing data breaks a new constraint, what to do about it. */
function migrationFailed(migration: Migration, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const collision = /Both Node\(\d+\) and Node\(\d+\) have the label `(\w+)` and property `(\w+)`/.exec(message);
  const hint = collision
    ? `: two ${collision[1]} nodes already share a ${collision[2]} (values are compared regardless of case); ` +
      "merge or rename them, then start again"
    : "";
  return new Error(`schema migration ${migration.id} failed${hint}: ${message}`, { cause: error });
}
