/**
 * `npm run bench:attacks [-- --size S]`: the attacks of docs/security.md's
 * threat model, each sent to a real server (built dist/, its own embedded
 * Neo4j in a temporary directory) holding a generated organisation. For each:
 * how long until it is answered, the API process's memory (VmRSS, sampled
 * every 20 ms) against idle, and the slowest answer to a small query sent
 * every 50 ms meanwhile by another client. Results go to
 * bench/results/attacks-<size>-<date>.json and, as a table, to stdout.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
import { freePort } from "./ports.js";

const ROOT = new URL("../../../../", import.meta.url).pathname;
const TOKEN = "bench-attacks-admin-token";
const SMALL = `{ topics(first: 1) { totalCount } }`;

interface Attack {
  name: string;
  body: () => string;
}

interface Measurement {
  attack: string;
  status: number;
  code: string | null;
  answeredMs: number;
  bodyBytes: number;
  idleRssMb: number;
  peakRssMb: number;
  peakToIdle: number;
  afterRssMb: number;
  smallQueryMaxMs: number;
}

const gql = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });
const times = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join(" ");

const ATTACKS: Attack[] = [
  {
    name: "alias bomb, 300 000 aliases (about 6 MB)",
    body: () => gql(`{ ${times(300_000, (i) => `a${i}: __typename`)} }`),
  },
  {
    name: "aliases within the body limit (20 000)",
    body: () => gql(`{ ${times(20_000, (i) => `a${i}: __typename`)} }`),
  },
  {
    name: "tokens: one field repeated 60 000 times",
    body: () => gql(`{ ${"topics { totalCount } ".repeat(60_000)} }`),
  },
  {
    name: "deep query (depth 40)",
    body: () => gql(`{ topics { edges { node { ${"narrower { ".repeat(40)}id${" }".repeat(40)} } } } }`),
  },
  {
    name: "300 distinct fragments, each a nested list",
    body: () =>
      gql(
        `{ topics(first: 100) { edges { node { ${times(300, (i) => `...F${i}`)} } } } } ${times(
          300,
          (i) => `fragment F${i} on Topic { assets(first: 500) { authors(first: 500) { name${i}: name } } }`,
        )}`,
      ),
  },
  {
    name: "wide nested lists (topics → assets → authors → expertise → topic → assets)",
    body: () =>
      gql(
        `{ topics(first: 100) { edges { node { assets(first: 500) { authors(first: 500) { expertise(first: 500) { topic { assets(first: 500) { title } } } } } } } } }`,
      ),
  },
  {
    name: "huge variables (900 KB unused)",
    body: () => gql(`query($x: String) { topics(first: 1) { totalCount } }`, { x: "x".repeat(900_000) }),
  },
  {
    name: "batch of 1000 operations",
    body: () => JSON.stringify(Array.from({ length: 1000 }, () => ({ query: SMALL }))),
  },
  { name: "oversized body (5 MB)", body: () => gql(`{ topics { totalCount } }`, { pad: "x".repeat(5_000_000) }) },
  {
    name: "allowed but expensive: organisation overview, first call",
    body: () =>
      gql(
        `{ organisation { coverage { demandWithoutSupply } bottlenecks { bottlenecks { topic busFactor } keyPersonRisk(first: 100) { person risk } } truckFactor { truckFactor } maturity { mean } reuse { assetReuseRate } } }`,
      ),
  },
];

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function post(url: string, body: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
    body,
  });
  return { status: response.status, text: await response.text() };
}

function waitForReady(server: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = "";
    server.stderr!.on("data", (chunk: Buffer) => {
      log += chunk;
      process.stderr.write(`[server] ${chunk}`);
      if (/GraphQL API ready/.test(log)) resolve();
    });
    server.once("exit", (code) => reject(new Error(`the server exited (${code}) before it was ready:\n${log}`)));
  });
}

async function measure(url: string, pid: number, attack: Attack): Promise<Measurement> {
  const body = attack.body();
  await new Promise((resolve) => setTimeout(resolve, 500));
  global.gc?.();
  const idle = rssMb(pid);
  let peak = idle;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 20);
  let smallMax = 0;
  let probing = true;
  const prober = (async () => {
    while (probing) {
      const started = performance.now();
      await post(url, gql(SMALL));
      smallMax = Math.max(smallMax, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 200));
  const started = performance.now();
  const answer = await post(url, body).catch((error: Error) => ({ status: 0, text: error.message }));
  const answeredMs = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 300));
  probing = false;
  await prober;
  clearInterval(sampler);
  let code: string | null = null;
  try {
    const parsed = JSON.parse(answer.text);
    code = (Array.isArray(parsed) ? parsed[0] : parsed)?.errors?.[0]?.extensions?.code ?? null;
  } catch {
    code = "(not JSON)";
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return {
    attack: attack.name,
    status: answer.status,
    code,
    answeredMs: Math.round(answeredMs),
    bodyBytes: Buffer.byteLength(body),
    idleRssMb: Math.round(idle),
    peakRssMb: Math.round(peak),
    peakToIdle: Math.round((peak / idle) * 100) / 100,
    afterRssMb: Math.round(rssMb(pid)),
    smallQueryMaxMs: Math.round(smallMax),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { size: { type: "string", default: "S" }, seed: { type: "string", default: "1" } },
  });
  const size = values.size!;
  const dir = mkdtempSync(join(tmpdir(), "kmgraph-attacks-"));
  const [port, boltPort] = [await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    KMGRAPH_NEO4J_PORT: String(boltPort),
    KMGRAPH_NEO4J_DATA: join(dir, "neo4j"),
    KMGRAPH_API_TOKEN: TOKEN,
    KMGRAPH_DEMO: "false",
    NODE_ENV: "production",
  };
  delete env.NEO4J_URI;
  const server = spawn(process.execPath, [join(ROOT, "dist/server/main.js")], { env, cwd: ROOT });
  try {
    await waitForReady(server);
    const run = promisify(execFile);
    const document = join(dir, "org.json");
    process.stderr.write(`[attacks] generating and importing a ${size} organisation\n`);
    const generated = await run(
      process.execPath,
      [join(ROOT, "dist/cli/main.js"), "generate", "--size", size, "--seed", values.seed!],
      { env, maxBuffer: 1 << 30 },
    );
    writeFileSync(document, generated.stdout);
    await run(process.execPath, [join(ROOT, "dist/cli/main.js"), "import", document], { env, maxBuffer: 1 << 26 });
    const url = `http://127.0.0.1:${port}/graphql`;
    const results: Measurement[] = [];
    for (const attack of ATTACKS) {
      process.stderr.write(`[attacks] ${attack.name}\n`);
      results.push(await measure(url, server.pid!, attack));
    }
    const date = new Date().toISOString().slice(0, 10);
    const out = join(ROOT, "bench/results", `attacks-${size}-${date}.json`);
    writeFileSync(out, `${JSON.stringify({ size, seed: values.seed, date, results }, null, 2)}\n`);
    const lines = [
      `### Attacks on a generated ${size} organisation, ${date}`,
      "",
      "| attack | HTTP | code | answered ms | body bytes | RSS idle MB | RSS peak MB | peak / idle | RSS after MB | small query max ms |",
      "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|",
      ...results.map(
        (r) =>
          `| ${r.attack} | ${r.status} | ${r.code ?? "—"} | ${r.answeredMs} | ${r.bodyBytes} | ${r.idleRssMb} | ${r.peakRssMb} | ${r.peakToIdle} | ${r.afterRssMb} | ${r.smallQueryMaxMs} |`,
      ),
    ];
    process.stdout.write(`${lines.join("\n")}\n\nresults written to ${out}\n`);
  } finally {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
