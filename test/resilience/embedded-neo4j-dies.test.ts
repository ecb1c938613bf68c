import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../support/processes.js";
import {
  DASHBOARD,
  isAlive,
  javaProcessesOn,
  type Outcome,
  PROJECT_IDS,
  post,
  startServer,
  until,
} from "./lifecycle-support.js";

// The embedded Neo4j of a running server dies (SIGKILL, as the OOM killer
// would): kmgraph does not restart it. It answers the requests it holds 503,
// says what happened, and exits 75 (EX_TEMPFAIL) for its supervisor to
// restart it; no Java process is left.

const dir = mkdtempSync(join(tmpdir(), "kmgraph-lost-neo4j-"));
const dataDir = join(dir, "neo4j");

afterAll(() => {
  for (const pid of javaProcessesOn(dataDir)) process.kill(pid, "SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe("an embedded Neo4j that dies under a running server", () => {
  it("makes kmgraph answer what it holds with 503 and exit 75, with a clear line and no Java left", async () => {
    const server = await startServer(
      {
        KMGRAPH_NEO4J_PORT: String(await freePort()),
        KMGRAPH_NEO4J_DATA: dataDir,
        KMGRAPH_NEO4J_HEAP: "512m",
        KMGRAPH_DEMO: "true",
      },
      await freePort(),
    );
    try {
      const pid = Number(/started the embedded Neo4j at \S+ \(pid (\d+)\)/.exec(server.output())?.[1]);
      expect(javaProcessesOn(dataDir)).toEqual([pid]);
      const projects = await post(server.port, "projects", { query: PROJECT_IDS }, false);
      const ids: string[] = projects.body!.data.projects.edges.map((e: { node: { id: string } }) => e.node.id);

      const outcomes: Outcome[] = [];
      let stop = false;
      let next = 0;
      const worker = async () => {
        while (!stop) {
          const n = next++;
          const variables = { id: ids[n % ids.length], asOf: "2025-06-01" };
          const outcome = await post(server.port, "dashboard", { query: DASHBOARD, variables }, false);
          outcomes.push(outcome);
          // A client that has been told to come back later does so elsewhere.
          if (outcome.status !== 200) return;
        }
      };
      const load = Array.from({ length: 4 }, worker);
      await until(() => outcomes.length >= 10, 30_000);
      const killedAt = performance.now();
      process.kill(pid, "SIGKILL");
      const exit = await server.exited;
      stop = true;
      await Promise.all(load);

      expect(exit).toEqual({ code: 75, signal: null });
      expect(server.output()).toMatch(/Neo4j on bolt:\/\/127\.0\.0\.1:\d+ stopped unexpectedly \(SIGKILL\)/);
      expect(server.output()).toMatch(
        /the embedded Neo4j stopped unexpectedly \(SIGKILL\); kmgraph exits with code 75/,
      );
      // Requests in flight at the kill or sent after it, and answered: every one 503 SERVICE_UNAVAILABLE.
      // (One whose answer was on its way as Neo4j died may still arrive as a 200.)
      const answered = outcomes.filter((o) => o.done > killedAt + 100 && o.status !== undefined);
      expect(answered.length).toBeGreaterThan(0);
      for (const o of answered) {
        expect(o.status, o.text).toBe(503);
        expect(o.body?.errors?.[0]?.extensions?.code).toBe("SERVICE_UNAVAILABLE");
      }
      // Once the process has stopped listening, connections are refused: what a supervisor's restart covers.
      const unanswered = outcomes.filter((o) => o.status === undefined);
      for (const o of unanswered) expect(o.error).toMatch(/ECONNREFUSED/);
      expect(isAlive(pid)).toBe(false);
      expect(javaProcessesOn(dataDir)).toEqual([]);
    } finally {
      if (server.child.exitCode === null) server.child.kill("SIGKILL");
    }
  });
});
