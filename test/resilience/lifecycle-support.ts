import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { Agent, request } from "node:http";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../src/paths.js";
import { waitForLine } from "../support/processes.js";

// A kmgraph server process as an operator runs it, and clients that record
// every answer (or the lack of one) with its times.

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly port: number;
  /** Everything the server wrote on stderr so far. */
  output(): string;
  /** The exit code (or the signal that ended it), once it has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<ServerProcess> {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, "dist", "server", "main.js")], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), ...env },
    cwd: PROJECT_ROOT,
  });
  let output = "";
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  await waitForLine(child, /GraphQL API ready/, 180_000);
  return { child, port, output: () => output, exited };
}

/** One answer, or the error that came instead (ECONNRESET, ECONNREFUSED, "socket hang up"…). */
export interface Outcome {
  readonly label: string;
  /** ms since the clock's origin (the test's `performance.now()`). */
  readonly sent: number;
  readonly done: number;
  readonly status?: number;
  readonly headers?: Record<string, string | string[] | undefined>;
  readonly body?: { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  readonly text?: string;
  readonly error?: string;
}

/** Keep-alive connections, as a dashboard's browser or a proxy holds them. */
export function keepAliveAgent(maxSockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets });
}

export function post(
  port: number,
  label: string,
  body: object,
  agent: Agent | false,
  path = "/graphql",
): Promise<Outcome> {
  const payload = JSON.stringify(body);
  return send(port, label, "POST", path, agent, payload);
}

export function get(port: number, path: string, agent: Agent | false = false): Promise<Outcome> {
  return send(port, path, "GET", path, agent);
}

function send(
  port: number,
  label: string,
  method: string,
  path: string,
  agent: Agent | false,
  payload?: string,
): Promise<Outcome> {
  const sent = performance.now();
  return new Promise((resolve) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path,
        method,
        agent,
        headers: payload ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {},
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("error", (error) => resolve({ label, sent, done: performance.now(), error: describe(error) }));
        res.on("end", () => {
          let parsed: Outcome["body"];
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          resolve({
            label,
            sent,
            done: performance.now(),
            status: res.statusCode,
            headers: res.headers,
            body: parsed,
            text,
          });
        });
      },
    );
    req.on("error", (error) => resolve({ label, sent, done: performance.now(), error: describe(error) }));
    req.end(payload);
  });
}

function describe(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ? `${code}: ${error.message}` : error.message;
}

/** The Java processes whose command line names `dataDir`: the embedded Neo4j of that store. */
export function javaProcessesOn(dataDir: string): number[] {
  let listing: string;
  try {
    listing = execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" });
  } catch {
    return [];
  }
  return listing
    .split("\n")
    .filter((line) => line.includes("java") && line.includes(dataDir))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until `check` holds, polling; false when `timeoutMs` passes first. */
export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs = 50,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(everyMs);
  }
  return false;
}

export const PROJECT_IDS = `{ projects(first: 50) { edges { node { id } } } }`;

/** A project's page, as bench/src/queries.ts's dashboard asks for it, slightly smaller. */
export const DASHBOARD = `
query Dashboard($id: ID!, $asOf: LocalDate!) {
  project(id: $id) {
    id name status
    team(activeOn: $asOf) { role person { id name expertise(minLevel: 3) { level topic { id name } } } }
    coverage(asOf: $asOf) { coverage needs { topic status } }
    gaps(asOf: $asOf) { id topic severity }
  }
}`;

export const CREATE_TOPIC = `mutation Create($input: CreateTopicInput!) { createTopic(input: $input) { id } }`;

export const TOPICS_BY_ID = `query Topics($ids: [ID!]) { topics(first: 100, filter: { ids: $ids }) { edges { node { id } } } }`;
