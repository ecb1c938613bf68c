import { isAbsolute, join } from "node:path";
import { PROJECT_ROOT } from "./paths.js";

/** An existing Neo4j server, Aura instance or cluster (`neo4j://` routing). */
export interface RemoteNeo4jConfig {
  readonly kind: "remote";
  readonly uri: string;
  readonly username: string;
  readonly password: string;
  readonly database: string | undefined;
}

/** The embedded Neo4j Community that kmgraph builds and runs itself. */
export interface LocalNeo4jConfig {
  readonly kind: "local";
  readonly port: number;
  readonly dataDir: string;
  readonly heap: string;
  readonly pageCache: string;
  /**
   * The names a person uses to change the port and the data directory (the
   * variables below, or a tool's own options), for messages that say how.
   */
  readonly settingNames?: { readonly port?: string; readonly dataDir?: string };
}

export type Neo4jConfig = RemoteNeo4jConfig | LocalNeo4jConfig;

export interface Config {
  readonly neo4j: Neo4jConfig;
  readonly port: number;
  /** Interface the API listens on: loopback unless HOST says otherwise. */
  readonly host: string;
  /** When set, every request must carry it as a bearer token. */
  readonly apiToken: string | undefined;
  readonly development: boolean;
  readonly loadDemo: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env = process.env): Config {
  const neo4j = neo4jConfig(env);
  return {
    neo4j,
    port: integer(env, "PORT", 4000),
    host: env.HOST?.trim() || "127.0.0.1",
    apiToken: env.KMGRAPH_API_TOKEN?.trim() || undefined,
    development: env.NODE_ENV === "development",
    // Never write demo data into a server someone else runs unless asked to.
    loadDemo: env.KMGRAPH_DEMO === undefined ? neo4j.kind === "local" : env.KMGRAPH_DEMO === "true",
  };
}

export function neo4jConfig(env: Env = process.env): Neo4jConfig {
  const uri = env.NEO4J_URI?.trim();
  if (uri) {
    return {
      kind: "remote",
      uri,
      username: env.NEO4J_USERNAME ?? "neo4j",
      password: env.NEO4J_PASSWORD ?? "",
      database: env.NEO4J_DATABASE || undefined,
    };
  }
  const dataDir = env.KMGRAPH_NEO4J_DATA ?? ".kmgraph/neo4j";
  return {
    kind: "local",
    port: integer(env, "KMGRAPH_NEO4J_PORT", 7687),
    dataDir: isAbsolute(dataDir) ? dataDir : join(PROJECT_ROOT, dataDir),
    heap: size(env, "KMGRAPH_NEO4J_HEAP", "1g"),
    pageCache: size(env, "KMGRAPH_NEO4J_PAGECACHE", "256m"),
    settingNames: { port: "KMGRAPH_NEO4J_PORT", dataDir: "KMGRAPH_NEO4J_DATA" },
  };
}

function integer(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0 || value > 65535) {
    throw new Error(`${name} must be a port number between 1 and 65535, got "${raw}"`);
  }
  return value;
}

/**
 * A memory size as both the JVM (-Xmx) and Neo4j read it. Checked here so that
 * the message names the variable, not an argument of the Java program.
 */
function size(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+[kmgtKMGT]?$/.test(raw)) throw new Error(`${name} must be a size such as 512m or 2g, got "${raw}"`);
  return raw;
}
