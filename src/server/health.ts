import type { FastifyInstance } from "fastify";
import { cypherFile } from "../db/cypher-files.js";
import type { Database } from "../db/database.js";
import { loadMigrations, type Migration } from "../db/migrations.js";
import type { Log } from "../log.js";
import { registerOutageGate } from "./outage-gate.js";

export const LIVE_PATH = "/health/live";
export const READY_PATH = "/health/ready";

/** What /health/ready answers: each check, and `ready` only when every one passes. */
export interface Readiness {
  readonly ready: boolean;
  /** The names of the checks that fail, for a person reading a probe's failure. */
  readonly notReady: readonly ("neo4j" | "migrations" | "draining")[];
  /** "ok", "unreachable" (Neo4j refused or is gone), "timed out", or "error". */
  readonly neo4j: string;
  /** "ok", "unknown" while Neo4j cannot be read, or the ids of the migrations not applied. */
  readonly migrations: "ok" | "unknown" | { readonly pending: readonly string[] };
  readonly draining: boolean;
}

export interface HealthOptions {
  readonly db: Database;
  /** True once the server has begun to stop: no longer ready, whatever Neo4j says. */
  readonly draining: () => boolean;
  /** How long the probe's read may take before Neo4j counts as not answering. Default 1000. */
  readonly timeoutMs?: number;
  /** How long one answer of Neo4j is reused, so that probes from many places cost one read. Default 1000. */
  readonly cacheMs?: number;
  /** The migrations this kmgraph expects applied; default those of cypher/migrations. */
  readonly migrations?: readonly Migration[];
  /** Told when readiness changes, with why: the one line an operator needs, not one per probe. */
  readonly log?: Log;
}

type GraphChecks = Pick<Readiness, "neo4j" | "migrations">;

/**
 * /health/live answers 200 while the process runs; /health/ready answers 200
 * only when Neo4j answers a read in time, every schema migration is applied,
 * and the server is not stopping, else 503 naming what is not ready. Both are
 * plain routes beside /graphql: no authentication, no GraphQL, no CSRF check
 * (a probe sends none of what those need), and they reveal no more than
 * whether the service works.
 */
export function registerHealth(app: FastifyInstance, options: HealthOptions): void {
  const { check, neo4jAnswers } = readinessCheck(options);
  registerOutageGate(app, { neo4jAnswers, draining: options.draining, log: options.log });
  app.get(LIVE_PATH, async (_request, reply) => reply.header("cache-control", "no-store").send({ live: true }));
  app.get(READY_PATH, async (_request, reply) => {
    const readiness = await check();
    return reply
      .code(readiness.ready ? 200 : 503)
      .header("cache-control", "no-store")
      .send(readiness);
  });
}

export interface ReadinessCheck {
  /** The readiness of the moment: Neo4j's part read at most once per `cacheMs`, shared by concurrent probes. */
  check(): Promise<Readiness>;
  /** Whether Neo4j answers now (a read of this moment, shared with concurrent probes, not a cached answer). */
  neo4jAnswers(): Promise<boolean>;
}

export function readinessCheck(options: HealthOptions): ReadinessCheck {
  const timeoutMs = options.timeoutMs ?? 1000;
  const cacheMs = options.cacheMs ?? 1000;
  let expected: Promise<readonly Migration[]> | undefined;
  let cached: { at: number; checks: GraphChecks } | undefined;
  let pending: Promise<GraphChecks> | undefined;
  let lastReady: boolean | undefined;

  const probe = async (): Promise<GraphChecks> => {
    expected ??= options.migrations ? Promise.resolve(options.migrations) : loadMigrations();
    const all = await expected;
    let checks: GraphChecks;
    try {
      const rows = await withTimeout(options.db.read(cypherFile("db/applied-migrations")), timeoutMs);
      const applied = new Map(rows.map((row) => [String(row.id), String(row.checksum)]));
      const pendingIds = all.filter((m) => applied.get(m.id) !== m.checksum).map((m) => m.id);
      checks = { neo4j: "ok", migrations: pendingIds.length === 0 ? "ok" : { pending: pendingIds } };
    } catch (error) {
      checks = { neo4j: describe(error), migrations: "unknown" };
    }
    cached = { at: Date.now(), checks };
    return checks;
  };

  const shared = (): Promise<GraphChecks> => {
    pending ??= probe().finally(() => {
      pending = undefined;
    });
    return pending;
  };

  const check = async (): Promise<Readiness> => {
    const graph = cached && Date.now() - cached.at < cacheMs ? cached.checks : await shared();
    const draining = options.draining();
    const notReady: Readiness["notReady"][number][] = [];
    if (graph.neo4j !== "ok") notReady.push("neo4j");
    if (graph.migrations !== "ok") notReady.push("migrations");
    if (draining) notReady.push("draining");
    const readiness: Readiness = { ready: notReady.length === 0, notReady, ...graph, draining };
    // Stopping is said by whoever stops; a start that is ready at once says nothing.
    if (lastReady !== readiness.ready && !draining) {
      if (lastReady !== undefined || !readiness.ready) {
        const why = `neo4j ${graph.neo4j}, migrations ${typeof graph.migrations === "string" ? graph.migrations : `pending: ${graph.migrations.pending.join(", ")}`}`;
        options.log?.(readiness.ready ? "ready again" : `not ready: ${why}`);
      }
      lastReady = readiness.ready;
    }
    return readiness;
  };
  const neo4jAnswers = async () => (await shared()).neo4j === "ok";
  return { check, neo4jAnswers };
}

class ProbeTimeout extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeout()), ms);
  });
  // The read that lost the race still settles later; its failure must not go unhandled.
  work.catch(() => {});
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** A word, not the driver's message: the probe is unauthenticated, and the message names addresses. */
function describe(error: unknown): string {
  if (error instanceof ProbeTimeout) return "timed out";
  if ((error as { code?: unknown })?.code === "SERVICE_UNAVAILABLE") return "unreachable";
  return "error";
}
