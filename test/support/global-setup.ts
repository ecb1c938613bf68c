import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import type { LocalNeo4j } from "../../src/db/local-neo4j.js";
import { PROJECT_ROOT } from "../../src/paths.js";

declare module "vitest" {
  export interface ProvidedContext {
    neo4j: { uri: string; username: string; password: string; database: string | undefined };
  }
}

let local: LocalNeo4j | undefined;

/**
 * Tests run against NEO4J_URI when it is set; otherwise against a fresh
 * embedded Neo4j on its own port and data directory, so that a running
 * development server is never touched.
 */
export async function setup(project: TestProject): Promise<void> {
  const uri = process.env.NEO4J_URI?.trim();
  if (uri) {
    project.provide("neo4j", {
      uri,
      username: process.env.NEO4J_USERNAME ?? "neo4j",
      password: process.env.NEO4J_PASSWORD ?? "",
      database: process.env.NEO4J_DATABASE || undefined,
    });
    return;
  }
  const dataDir = join(PROJECT_ROOT, ".kmgraph", "test-neo4j");
  await rm(dataDir, { recursive: true, force: true });
  // Loaded only here, so that a run against NEO4J_URI never needs Java.
  const { startLocalNeo4j } = await import("../../src/db/local-neo4j.js");
  local = await startLocalNeo4j({
    port: Number(process.env.KMGRAPH_TEST_NEO4J_PORT ?? 7697),
    dataDir,
    heap: "1g",
    purpose: "kmgraph tests",
    log: (line) => process.stderr.write(`[neo4j] ${line}\n`),
  });
  project.provide("neo4j", { uri: local.uri, username: "neo4j", password: "", database: undefined });
}

export async function teardown(): Promise<void> {
  await local?.stop();
}
