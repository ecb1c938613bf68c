import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { AnalyticsProcessResult } from "./analytics-process.js";

export type { AnalyticsProcessResult } from "./analytics-process.js";

const CHILD = fileURLToPath(new URL("./analytics-process.js", import.meta.url));

/**
 * Runs the organisation-wide analytics in a fresh Node process against the
 * benchmark's Neo4j (`uri`) and returns what it measured: the memory of an
 * API process serving them, which the benchmark's own process cannot give
 * (it also holds the generator's and both APIs' allocations).
 */
export async function measureAnalyticsProcess(neo4j: {
  uri: string;
  username?: string;
  password?: string;
  database?: string;
}): Promise<AnalyticsProcessResult> {
  const env = {
    ...process.env,
    NEO4J_URI: neo4j.uri,
    NEO4J_USERNAME: neo4j.username ?? process.env.NEO4J_USERNAME ?? "neo4j",
    NEO4J_PASSWORD: neo4j.password ?? process.env.NEO4J_PASSWORD ?? "",
    NEO4J_DATABASE: neo4j.database ?? process.env.NEO4J_DATABASE ?? "",
  };
  const { stdout } = await promisify(execFile)(process.execPath, [CHILD], { env, maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as AnalyticsProcessResult;
}
