import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { type Database, PROJECT_ROOT } from "./kmgraph.js";

export interface Machine {
  readonly cpuModel: string;
  readonly cpus: number;
  readonly totalMemoryGb: number;
  readonly platform: string;
  readonly release: string;
  readonly arch: string;
}

export interface Versions {
  readonly node: string;
  readonly neo4j: string;
  readonly kmgraph: string;
  readonly neo4jGraphql: string;
  readonly neo4jDriver: string;
  readonly graphql: string;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cpus: cpus.length,
    totalMemoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    platform: os.platform(),
    release: os.release(),
    arch: os.arch(),
  };
}

export async function versions(db: Database): Promise<Versions> {
  const [component] = await db.read(
    "CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition",
  );
  return {
    node: process.version,
    neo4j: component ? `${component.version} ${component.edition}` : "unknown",
    kmgraph: await packageVersion(join(PROJECT_ROOT, "package.json")),
    neo4jGraphql: await installedVersion("@neo4j/graphql"),
    neo4jDriver: await installedVersion("neo4j-driver"),
    graphql: await installedVersion("graphql"),
  };
}

const require = createRequire(import.meta.url);

/**
 * The version of an installed package, from the package.json above its entry
 * point (some packages' export maps hide `<name>/package.json`).
 */
async function installedVersion(name: string): Promise<string> {
  for (let dir = dirname(require.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const text = await readFile(join(dir, "package.json"), "utf8");
      const json = JSON.parse(text) as { name?: string; version?: string };
      if (json.name === name && json.version) return json.version;
    } catch {
      // not this folder: keep walking up
    }
  }
  return "unknown";
}

async function packageVersion(path: string): Promise<string> {
  return (JSON.parse(await readFile(path, "utf8")) as { version: string }).version;
}

/** Which code was measured: the commit, and the files changed since outside bench/ (empty for a clean tree). */
export interface SourceState {
  readonly commit: string | null;
  readonly uncommitted: readonly string[];
}

export async function sourceState(): Promise<SourceState> {
  const git = async (...args: string[]) => (await promisify(execFile)("git", args, { cwd: PROJECT_ROOT })).stdout;
  try {
    const commit = (await git("rev-parse", "HEAD")).trim();
    const uncommitted = (await git("status", "--porcelain"))
      .split("\n")
      .map((line) => line.slice(3).trim())
      .filter((path) => path !== "" && !path.startsWith("bench/"));
    return { commit, uncommitted };
  } catch {
    // Not a git checkout (an unpacked archive): nothing to say.
    return { commit: null, uncommitted: [] };
  }
}
