import { isAbsolute, join } from "node:path";
import { badInput } from "./errors.js";
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
  /** How bearer JWTs are verified; undefined when kmgraph accepts none. */
  readonly jwt: JwtConfig | undefined;
  readonly development: boolean;
  readonly loadDemo: boolean;
  /** Introspection and field suggestions: on unless NODE_ENV=production, or as KMGRAPH_INTROSPECTION says. */
  readonly introspection: boolean;
  readonly limits: RequestLimits;
  /** Neo4j's timeout on each transaction of a request; 0 leaves it to the Neo4j server. */
  readonly transactionTimeoutMs: number;
  /**
   * How long a request of the server keeps trying to reach Neo4j (connect,
   * wait for a pooled connection, retry a transaction) before it is answered
   * SERVICE_UNAVAILABLE.
   */
  readonly unavailableAfterMs: number;
  readonly http: HttpSettings;
  readonly shutdown: ShutdownSettings;
  readonly observability: ObservabilitySettings;
}

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The request log and the metrics (docs/operations.md, "Metrics" and "Logs"). */
export interface ObservabilitySettings {
  /** KMGRAPH_LOG_LEVEL: pino's level; one line per request at info. */
  readonly logLevel: LogLevel;
  /** KMGRAPH_METRICS_TOKEN: when set, GET /metrics asks for it as a bearer token. */
  readonly metricsToken: string | undefined;
}

export function observabilitySettings(env: Env = process.env): ObservabilitySettings {
  const level = env.KMGRAPH_LOG_LEVEL?.trim().toLowerCase() || "info";
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new Error(`KMGRAPH_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got "${env.KMGRAPH_LOG_LEVEL}"`);
  }
  return { logLevel: level as LogLevel, metricsToken: env.KMGRAPH_METRICS_TOKEN?.trim() || undefined };
}

/** How the server stops on SIGTERM or SIGINT (src/server/lifecycle.ts). */
export interface ShutdownSettings {
  /**
   * How long the server keeps accepting connections after the signal, answering
   * each new request 503 (SERVICE_UNAVAILABLE, Connection: close), so that
   * clients and load balancers that have not yet seen readiness fall get an
   * answer rather than a refused or reset connection.
   */
  readonly drainMs: number;
  /** From the signal: by then every request still running is cut (and logged), and the server stops. */
  readonly timeoutMs: number;
}

export const DEFAULT_SHUTDOWN_SETTINGS: ShutdownSettings = { drainMs: 1_000, timeoutMs: 25_000 };

/** The HTTP layer's limits and options (src/server/http.ts), each checked before GraphQL sees the request. */
export interface HttpSettings {
  /** Largest request body; a bigger one is refused before it is read whole or parsed (BODY_TOO_LARGE, 413). */
  readonly maxBodyBytes: number;
  /** Largest response body; a bigger answer is replaced by RESPONSE_TOO_LARGE. */
  readonly maxResponseBytes: number;
  /** Errors one response lists; the rest are summarised in one last error (TOO_MANY_ERRORS). */
  readonly maxErrors: number;
  /** Origins allowed to call the API from a browser; empty: no CORS headers at all. */
  readonly corsOrigins: readonly string[];
  /** JSON manifest of persisted operations (sha256 of the text → text); undefined: none. */
  readonly persistedOperations: string | undefined;
  /** Callers below ADMIN may run only the manifest's operations. */
  readonly persistedOnly: boolean;
  /** How long an idle keep-alive connection stays open. */
  readonly keepAliveTimeoutMs: number;
  /** How long a client may take to send a request's headers. */
  readonly headersTimeoutMs: number;
  /** How long a client may take to send a whole request, headers and body. */
  readonly requestTimeoutMs: number;
}

/**
 * 1 MiB admits every request the README and the tests send (the demo
 * organisation's import document is 76 KB); a larger document goes through
 * `kmgraph import`, which streams files of any size.
 */
export const DEFAULT_HTTP_SETTINGS: HttpSettings = {
  maxBodyBytes: 1024 * 1024,
  // A generated S organisation exports as 3.1 MB: room for it, not for an M (32 MB).
  maxResponseBytes: 10 * 1024 * 1024,
  maxErrors: 20,
  corsOrigins: [],
  persistedOperations: undefined,
  persistedOnly: false,
  // Longer than the idle timeout of the usual proxies (60 s) in front: the proxy, not kmgraph, closes an idle
  // connection, so it never sends a request on a socket kmgraph is closing.
  keepAliveTimeoutMs: 72_000,
  // A client that trickles its headers (slowloris) holds a socket for at most this long.
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 60_000,
};

/** Where the keys that sign tokens come from: an OIDC provider's JWKS, or a secret shared with the issuer. */
export type JwtKeySource =
  | { readonly kind: "jwks"; readonly url: URL }
  | { readonly kind: "secret"; readonly secret: Uint8Array };

export interface JwtConfig {
  readonly keys: JwtKeySource;
  readonly issuer: string | undefined;
  readonly audience: string | undefined;
  readonly clockToleranceSeconds: number;
  /** Dotted path of the claim that carries the roles (`realm_access.roles` for Keycloak). */
  readonly rolesClaim: string;
  /** Dotted path of the claim that names the caller's person. */
  readonly personClaim: string;
  /** The Person property that claim is compared with. */
  readonly personMatch: "email" | "id";
}

/** What one request may ask for; each is checked before any resolver runs, hence before any Cypher. */
export interface RequestLimits {
  /** Fields nested in one another (fragments flattened; the deepest README query is 6). */
  readonly maxDepth: number;
  /** Aliased fields in one operation: each alias is another full execution of its field. */
  readonly maxAliases: number;
  /** Lexical tokens of the document: bounds the parser's time and memory on a huge text. */
  readonly maxTokens: number;
  /** Directives in one operation. */
  readonly maxDirectives: number;
  /** The most values an answer may hold, each list counted at its page size (src/server/query-cost.ts). */
  readonly maxCost: number;
}

/**
 * Room for every README and benchmark query: the costliest, the benchmark's
 * nested read of 100 projects with four levels of lists, costs 4 661 000;
 * the README's dashboard 33 208 (docs/security.md lists them all).
 */
export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 5000,
  maxDirectives: 50,
  maxCost: 10_000_000,
};

/** The page of a list below the root: `first` when the query omits it, and the most it may ask. */
export interface ListPage {
  readonly default: number;
  readonly max: number;
}

/**
 * Every list below a root field takes `first`, so that a query's cost is
 * known before it runs (see src/server/query-cost.ts). Relationship fields
 * (`Person.expertise`, `Topic.assets`, `OrgUnit.members`…) read at most
 * `first` nodes per parent in Cypher; the lists an analytic computes are cut
 * after it. A query that needs a longer list asks for it: the benchmark's
 * nested read asks for up to 200 experts on a topic (51 at S).
 */
export const LIST_PAGES = {
  relationship: { default: 50, max: 500 },
  computed: { default: 100, max: 1000 },
} as const satisfies Record<string, ListPage>;

/** The computed lists (analytics, finder, review) that take `first`; every other nested `first` is a relationship's. */
export const COMPUTED_LISTS: ReadonlySet<string> = new Set<string>([
  "Bottlenecks.bottlenecks",
  "Bottlenecks.keyPersonRisk",
  "Bottlenecks.load",
  "Bottlenecks.successors",
  "Bottlenecks.topics",
  "ExpertiseProposal.evidence",
  "ExpertMatch.evidence",
  "GoalThinSupply.topics",
  "KeyPersonRisk.topics",
  "MaturityDistribution.projects",
  "NeedCoverage.assets",
  "NeedCoverage.lessons",
  // Its page was `limit` before every list had `first`: the same knob, now with this default and maximum.
  "Organisation.gaps",
  "OrganisationCoverage.topics",
  "PersonLoad.assignments",
  "Project.gaps",
  "ProjectCoverage.needs",
  "ReuseFlows.projectFlows",
  "ReuseFlows.unitFlows",
  "ReviewInventory.byTopic",
  "StrategyReview.orphanedAssets",
  "StrategyReview.staleAssets",
  "StrategyReview.stuckLessons",
  "StrategyReview.thinSupply",
  "SuccessorPlan.candidates",
  "TruckFactor.removed",
]);

/** The page of the nested list at `coordinate` (`Type.field`). */
export function listPage(coordinate: string): ListPage {
  return COMPUTED_LISTS.has(coordinate) ? LIST_PAGES.computed : LIST_PAGES.relationship;
}

/**
 * The page size of the nested list at `coordinate`: `first` (or the field's
 * older `argument` of the same meaning), its default when omitted; refused
 * past the maximum, naming the field, the maximum and the value.
 */
export function pageSize(coordinate: string, first: number | null | undefined, argument = "first"): number {
  const page = listPage(coordinate);
  const size = first ?? page.default;
  if (!Number.isInteger(size) || size < 0 || size > page.max) {
    const message = `${coordinate}(${argument}:) is ${size}; it must be a whole number from 0 to ${page.max}`;
    throw badInput(message, [{ path: `${coordinate}.${argument}`, message: `at most ${page.max}` }]);
  }
  return size;
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env = process.env): Config {
  const neo4j = neo4jConfig(env);
  return {
    neo4j,
    port: integer(env, "PORT", 4000),
    host: env.HOST?.trim() || "127.0.0.1",
    apiToken: env.KMGRAPH_API_TOKEN?.trim() || undefined,
    jwt: jwtConfig(env),
    development: env.NODE_ENV === "development",
    // Never write demo data into a server someone else runs unless asked to.
    loadDemo: env.KMGRAPH_DEMO === undefined ? neo4j.kind === "local" : env.KMGRAPH_DEMO === "true",
    introspection:
      env.KMGRAPH_INTROSPECTION === undefined || env.KMGRAPH_INTROSPECTION === ""
        ? env.NODE_ENV !== "production"
        : env.KMGRAPH_INTROSPECTION === "true",
    limits: requestLimits(env),
    transactionTimeoutMs: count(env, "KMGRAPH_NEO4J_TX_TIMEOUT_MS", 30_000),
    unavailableAfterMs: positive(env, "KMGRAPH_NEO4J_UNAVAILABLE_MS", 2_000),
    http: httpSettings(env),
    shutdown: shutdownSettings(env),
    observability: observabilitySettings(env),
  };
}

export function shutdownSettings(env: Env = process.env): ShutdownSettings {
  const d = DEFAULT_SHUTDOWN_SETTINGS;
  const settings = {
    drainMs: count(env, "KMGRAPH_SHUTDOWN_DRAIN_MS", d.drainMs),
    timeoutMs: positive(env, "KMGRAPH_SHUTDOWN_TIMEOUT_MS", d.timeoutMs),
  };
  if (settings.drainMs > settings.timeoutMs) {
    throw new Error("KMGRAPH_SHUTDOWN_DRAIN_MS must not be longer than KMGRAPH_SHUTDOWN_TIMEOUT_MS");
  }
  return settings;
}

export function httpSettings(env: Env = process.env): HttpSettings {
  const d = DEFAULT_HTTP_SETTINGS;
  const persistedOperations = env.KMGRAPH_PERSISTED_OPERATIONS?.trim() || undefined;
  const persistedOnly = env.KMGRAPH_PERSISTED_ONLY?.trim() === "true";
  if (persistedOnly && !persistedOperations) {
    throw new Error(
      "KMGRAPH_PERSISTED_ONLY=true needs KMGRAPH_PERSISTED_OPERATIONS, the manifest of allowed operations",
    );
  }
  const settings: HttpSettings = {
    maxBodyBytes: positive(env, "KMGRAPH_MAX_BODY_BYTES", d.maxBodyBytes),
    maxResponseBytes: positive(env, "KMGRAPH_MAX_RESPONSE_BYTES", d.maxResponseBytes),
    maxErrors: positive(env, "KMGRAPH_MAX_ERRORS", d.maxErrors),
    corsOrigins: corsOrigins(env.KMGRAPH_CORS_ORIGINS),
    persistedOperations,
    persistedOnly,
    keepAliveTimeoutMs: positive(env, "KMGRAPH_KEEP_ALIVE_TIMEOUT_MS", d.keepAliveTimeoutMs),
    headersTimeoutMs: positive(env, "KMGRAPH_HEADERS_TIMEOUT_MS", d.headersTimeoutMs),
    requestTimeoutMs: positive(env, "KMGRAPH_REQUEST_TIMEOUT_MS", d.requestTimeoutMs),
  };
  // Node's HTTP server refuses a headers timeout longer than the request's.
  if (settings.headersTimeoutMs > settings.requestTimeoutMs) {
    throw new Error("KMGRAPH_HEADERS_TIMEOUT_MS must not be longer than KMGRAPH_REQUEST_TIMEOUT_MS");
  }
  return settings;
}

/** Comma-separated origins, each as a browser sends it (`https://dash.example.org`, no path). */
function corsOrigins(raw: string | undefined): string[] {
  const origins = (raw ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (origin === "*" || !parsed || parsed.origin !== origin) {
      throw new Error(
        `KMGRAPH_CORS_ORIGINS must list origins such as https://dash.example.org (scheme, host, port; no path, no *), got "${origin}"`,
      );
    }
  }
  return origins;
}

function positive(env: Env, name: string, fallback: number): number {
  const value = count(env, name, fallback);
  if (value === 0) throw new Error(`${name} must be at least 1, got "0"`);
  return value;
}

export function requestLimits(env: Env = process.env): RequestLimits {
  const d = DEFAULT_REQUEST_LIMITS;
  return {
    maxDepth: count(env, "KMGRAPH_MAX_DEPTH", d.maxDepth),
    maxAliases: count(env, "KMGRAPH_MAX_ALIASES", d.maxAliases),
    maxTokens: count(env, "KMGRAPH_MAX_TOKENS", d.maxTokens),
    maxDirectives: count(env, "KMGRAPH_MAX_DIRECTIVES", d.maxDirectives),
    maxCost: count(env, "KMGRAPH_MAX_COST", d.maxCost),
  };
}

/** A limit: a whole number, 0 allowed (nothing of that kind). */
function count(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value)) {
    throw new Error(`${name} must be a whole number, got "${raw}"`);
  }
  return value;
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

const JWT_SETTINGS = [
  "KMGRAPH_JWT_ISSUER",
  "KMGRAPH_JWT_AUDIENCE",
  "KMGRAPH_JWT_CLOCK_TOLERANCE",
  "KMGRAPH_JWT_ROLES_CLAIM",
  "KMGRAPH_JWT_PERSON_CLAIM",
  "KMGRAPH_JWT_PERSON_MATCH",
] as const;

/** HS256 needs a key at least as long as its hash (RFC 7518, 3.2). */
const MIN_SECRET_BYTES = 32;

/**
 * Token verification from the environment, or undefined when none of its
 * variables is set. Anything that would leave verification weaker than a
 * person meant (two key sources, settings without a key, a JWKS without the
 * issuer and audience that keep other applications' tokens out) is refused
 * here, naming the variable.
 */
export function jwtConfig(env: Env = process.env): JwtConfig | undefined {
  const value = (name: string) => env[name]?.trim() || undefined;
  const jwksUrl = value("KMGRAPH_JWKS_URL");
  const secret = value("KMGRAPH_JWT_SECRET");
  if (jwksUrl && secret) {
    throw new Error(
      "set either KMGRAPH_JWKS_URL or KMGRAPH_JWT_SECRET, not both: tokens are verified with one key source",
    );
  }
  if (!jwksUrl && !secret) {
    const stray = JWT_SETTINGS.find((name) => value(name) !== undefined);
    if (stray)
      throw new Error(
        `${stray} is set but neither KMGRAPH_JWKS_URL nor KMGRAPH_JWT_SECRET is: no token can be verified`,
      );
    return undefined;
  }
  const issuer = value("KMGRAPH_JWT_ISSUER");
  const audience = value("KMGRAPH_JWT_AUDIENCE");
  let keys: JwtKeySource;
  if (jwksUrl) {
    keys = { kind: "jwks", url: jwksLocation(jwksUrl) };
    if (!issuer) throw new Error("KMGRAPH_JWT_ISSUER must be set with KMGRAPH_JWKS_URL: the provider's issuer URL");
    if (!audience) {
      throw new Error(
        "KMGRAPH_JWT_AUDIENCE must be set with KMGRAPH_JWKS_URL: without it, tokens the provider issued for any other application would be accepted",
      );
    }
  } else {
    const bytes = new TextEncoder().encode(secret);
    if (bytes.length < MIN_SECRET_BYTES) {
      throw new Error(`KMGRAPH_JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes long for HS256`);
    }
    keys = { kind: "secret", secret: bytes };
  }
  const personMatch = value("KMGRAPH_JWT_PERSON_MATCH") ?? "email";
  if (personMatch !== "email" && personMatch !== "id") {
    throw new Error(`KMGRAPH_JWT_PERSON_MATCH must be email or id, got "${personMatch}"`);
  }
  return {
    keys,
    issuer,
    audience,
    clockToleranceSeconds: seconds(env, "KMGRAPH_JWT_CLOCK_TOLERANCE", 0),
    rolesClaim: value("KMGRAPH_JWT_ROLES_CLAIM") ?? "roles",
    personClaim: value("KMGRAPH_JWT_PERSON_CLAIM") ?? "email",
    personMatch,
  };
}

/** HTTPS, except on loopback (a provider on the same machine, or a test's). */
function jwksLocation(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`KMGRAPH_JWKS_URL must be a URL, got "${raw}"`);
  }
  if (url.protocol === "https:" || (url.protocol === "http:" && isLoopback(url.hostname))) return url;
  throw new Error(`KMGRAPH_JWKS_URL must use https (http only on loopback), got "${raw}"`);
}

/** Whether `host` names this machine only, so that nothing else can connect to it. */
export function isLoopback(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, "").toLowerCase();
  return name === "localhost" || name === "::1" || /^127(\.\d{1,3}){3}$/.test(name);
}

function seconds(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 3600) {
    throw new Error(`${name} must be a whole number of seconds between 0 and 3600, got "${raw}"`);
  }
  return value;
}
