/**
 * Builds (first run only) and launches the embedded Neo4j Community of
 * `neo4j-local/` — a small Java program that runs Neo4j with only its Bolt
 * connector, on 127.0.0.1, auth off — and waits until it accepts connections.
 *
 * The Java side speaks a one-line protocol: `KMGRAPH_NEO4J_READY <uri>` on
 * stdout once Bolt listens, `KMGRAPH_NEO4J_ERROR <why>` on stderr when it
 * cannot start. It stops cleanly on SIGTERM, and also when its stdin reaches
 * end-of-file: we keep stdin open, so the kernel closes it when this process
 * dies, however it dies, and the database never outlives us.
 *
 * While it runs, a note in its data directory (local-neo4j-record.ts) tells
 * other kmgraph processes where it serves Bolt.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import {
  type Dirent,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import type { Socket } from "node:net";
import { delimiter, dirname, isAbsolute, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { type Log, logToStderr } from "../log.js";
import { removeRecord, writeRecord } from "./local-neo4j-record.js";

export interface LocalNeo4jOptions {
  /** Bolt port on 127.0.0.1. */
  port: number;
  /** Absolute path of the store directory (created if missing). */
  dataDir: string;
  /** JVM -Xmx, default "1g". */
  heap?: string;
  /** Neo4j page cache size, default "256m". */
  pageCache?: string;
  /** Default 180 000; includes the first Maven build. */
  startTimeoutMs?: number;
  /** Progress lines for humans; default writes to stderr. */
  log?: (line: string) => void;
  /** What this process is, recorded for others ("kmgraph server"); default "kmgraph". */
  purpose?: string;
  /** Recorded for others: whether this process keeps Neo4j up for them to use (the server). Default false. */
  shared?: boolean;
}

export interface LocalNeo4j {
  /** `bolt://127.0.0.1:<port>`; connect without credentials. */
  readonly uri: string;
  /** The Java process that runs it. */
  readonly pid: number;
  /** Stops the database cleanly; safe to call more than once. */
  stop(): Promise<void>;
  /**
   * Settles, with how the Java process ended ("SIGKILL", "exit code 1"), if it
   * stops without `stop()` having been called; never settles otherwise.
   */
  readonly lost: Promise<string>;
}

export type LocalNeo4jErrorCode =
  | "BAD_OPTIONS"
  | "MODULE_MISSING"
  | "JAVA_MISSING"
  | "MAVEN_MISSING"
  | "BUILD_FAILED"
  | "START_FAILED"
  | "START_TIMEOUT"
  /** The store is held by another process, whose Neo4j this process may not or cannot use. */
  | "STORE_IN_USE";

/** Why a START_FAILED failed, when the Java side could tell. */
export type LocalNeo4jFailure = "PORT_IN_USE" | "STORE_LOCKED";

export class LocalNeo4jError extends Error {
  override readonly name = "LocalNeo4jError";

  constructor(
    readonly code: LocalNeo4jErrorCode,
    message: string,
    readonly failure?: LocalNeo4jFailure,
  ) {
    super(message);
  }
}

const MAIN_CLASS = "org.kmgraph.neo4jlocal.LocalNeo4j";
const READY_PREFIX = "KMGRAPH_NEO4J_READY ";
const ERROR_PREFIX = "KMGRAPH_NEO4J_ERROR ";
/** The Java side starts an error line with one of these when it knows the cause. */
const FAILURE_TAG = /^(PORT_IN_USE|STORE_LOCKED): /;
const STOPPED_LINE = "KMGRAPH_NEO4J_STOPPED";
// Escape (0x1b) "[" parameters "m": a terminal colour code.
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(0x1b)}\\[[0-9;]*m`, "g");
const MIN_JAVA = 17;
const MIN_MAVEN: readonly [number, number] = [3, 8];
/** How long a cold build took on the development machine (Maven Central reachable). */
const TYPICAL_BUILD_SECONDS = 20;
const DEFAULT_START_TIMEOUT_MS = 180_000;
const STOP_GRACE_MS = 30_000;
/** A build lock older than this is left over from a crashed build. */
const STALE_LOCK_MS = 15 * 60_000;
/** Written after a successful build: the build is current while it is newer than the inputs. */
const BUILD_STAMP = ".kmgraph-build-ok";
const USE_REMOTE_HINT =
  "or set NEO4J_URI (with NEO4J_USERNAME / NEO4J_PASSWORD) to use an existing Neo4j server instead";

// ---------------------------------------------------------------------------
// Where the Java module is

interface ModulePaths {
  readonly dir: string;
  readonly pom: string;
  readonly target: string;
  readonly classes: string;
  readonly lib: string;
  readonly stamp: string;
  readonly lock: string;
}

let modulePaths: ModulePaths | undefined;

/**
 * Finds `neo4j-local/` by walking up from this file, which runs as
 * `src/db/local-neo4j.ts` under vitest and as `dist/db/local-neo4j.js` when built.
 */
function findModule(): ModulePaths {
  if (modulePaths) return modulePaths;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const moduleDir = join(dir, "neo4j-local");
    if (existsSync(join(moduleDir, "pom.xml"))) {
      const target = join(moduleDir, "target");
      modulePaths = {
        dir: moduleDir,
        pom: join(moduleDir, "pom.xml"),
        target,
        classes: join(target, "classes"),
        lib: join(target, "lib"),
        stamp: join(target, BUILD_STAMP),
        lock: join(target, ".kmgraph-build-lock"),
      };
      return modulePaths;
    }
    if (dirname(dir) === dir) {
      throw new LocalNeo4jError(
        "MODULE_MISSING",
        `cannot find the embedded Neo4j module (neo4j-local/pom.xml) in any folder above ${start}; ${USE_REMOTE_HINT}`,
      );
    }
  }
}

// ---------------------------------------------------------------------------
// Tools: java and mvn

interface ToolOutput {
  readonly ok: boolean;
  readonly output: string;
}

function runTool(command: string, args: readonly string[]): Promise<ToolOutput> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 60_000, windowsHide: true }, (error, stdout, stderr) => {
      resolve({ ok: !error, output: `${stdout}${stderr}` });
    });
  });
}

/** `java` of JAVA_HOME when that is set (as Maven does), else the one on PATH. */
function javaCommand(): string {
  const home = process.env.JAVA_HOME?.trim();
  return home ? join(home, "bin", process.platform === "win32" ? "java.exe" : "java") : "java";
}

function mavenCommand(): string {
  return process.platform === "win32" ? "mvn.cmd" : "mvn";
}

let javaChecked = false;

async function checkJava(): Promise<void> {
  if (javaChecked) return;
  const java = javaCommand();
  const { ok, output } = await runTool(java, ["-version"]);
  // `java -version` prints e.g. `openjdk version "17.0.15" 2025-04-15`; Java 8 said "1.8.0_…".
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  const major = match ? (match[1] === "1" ? Number(match[2]) : Number(match[1])) : undefined;
  if (!ok || major === undefined) {
    throw new LocalNeo4jError(
      "JAVA_MISSING",
      `the embedded Neo4j needs Java ${MIN_JAVA} or newer, but \`${java} -version\` did not run; ` +
        `install a Java ${MIN_JAVA}+ runtime (e.g. apt-get install openjdk-17-jdk-headless), ${USE_REMOTE_HINT}`,
    );
  }
  if (major < MIN_JAVA) {
    throw new LocalNeo4jError(
      "JAVA_MISSING",
      `the embedded Neo4j needs Java ${MIN_JAVA} or newer, but \`${java}\` is Java ${major}; ` +
        `install Java ${MIN_JAVA}+ (or point JAVA_HOME at it), ${USE_REMOTE_HINT}`,
    );
  }
  javaChecked = true;
}

async function checkMaven(): Promise<void> {
  const mvn = mavenCommand();
  const { ok, output } = await runTool(mvn, ["-v"]);
  const match = /Apache Maven (\d+)\.(\d+)/.exec(output);
  const [wantMajor, wantMinor] = MIN_MAVEN;
  const tooOld =
    match !== null &&
    (Number(match[1]) < wantMajor || (Number(match[1]) === wantMajor && Number(match[2]) < wantMinor));
  if (!ok || match === null || tooOld) {
    const found = match ? `found Maven ${match[1]}.${match[2]}` : `\`${mvn} -v\` did not run`;
    throw new LocalNeo4jError(
      "MAVEN_MISSING",
      `building the embedded Neo4j (first run only) needs Maven ${wantMajor}.${wantMinor} or newer, but ${found}; ` +
        `install Maven ${wantMajor}.${wantMinor}+ (e.g. apt-get install maven), ${USE_REMOTE_HINT}`,
    );
  }
}

// ---------------------------------------------------------------------------
// Building

function mtimeMs(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** Newest modification time among pom.xml and the Java sources. */
function newestInput(paths: ModulePaths): number {
  let newest = mtimeMs(paths.pom);
  const walk = (dir: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, mtimeMs(path));
    }
  };
  walk(join(paths.dir, "src"));
  return newest;
}

/**
 * The build is current when classes and lib exist and the stamp written after
 * the last successful build is newer than pom.xml and every source file. (A
 * build interrupted half-way writes no stamp, so it is redone.)
 */
function needsBuild(paths: ModulePaths): boolean {
  if (!existsSync(paths.classes) || !existsSync(paths.lib)) return true;
  const stamp = mtimeMs(paths.stamp);
  return stamp === 0 || stamp < newestInput(paths);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Takes the build lock (an atomic mkdir); false if another process holds it. */
function tryLock(paths: ModulePaths): boolean {
  mkdirSync(paths.target, { recursive: true });
  try {
    mkdirSync(paths.lock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  writeFileSync(join(paths.lock, "pid"), String(process.pid));
  return true;
}

function unlock(paths: ModulePaths): void {
  rmSync(paths.lock, { recursive: true, force: true });
}

/** A lock whose owner has died (or that is very old) is left over from a crash. */
function lockIsStale(paths: ModulePaths): boolean {
  const created = mtimeMs(paths.lock);
  if (created === 0) return false; // just released
  if (Date.now() - created > STALE_LOCK_MS) return true;
  let pid: number;
  try {
    pid = Number(readFileSync(join(paths.lock, "pid"), "utf8"));
  } catch {
    return false; // the owner has not written its pid yet
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Builds unless the build is current. Two processes (say vitest and a dev
 * server) may get here at once: one builds under the lock, the other waits and
 * then finds the build current.
 */
async function ensureBuilt(log: Log, deadline: number, timeoutCode: LocalNeo4jErrorCode): Promise<void> {
  const paths = findModule();
  let waitingSaid = false;
  while (needsBuild(paths)) {
    if (tryLock(paths)) {
      try {
        if (needsBuild(paths)) await runMaven(paths, log, deadline, timeoutCode);
      } finally {
        unlock(paths);
      }
      return;
    }
    if (lockIsStale(paths)) {
      log("removing a build lock left over from an interrupted build");
      unlock(paths);
      continue;
    }
    if (Date.now() > deadline) {
      throw new LocalNeo4jError(
        timeoutCode,
        `timed out waiting for another process to finish building the embedded Neo4j (lock: ${paths.lock})`,
      );
    }
    if (!waitingSaid) {
      log("another process is building the embedded Neo4j; waiting for it…");
      waitingSaid = true;
    }
    await sleep(500);
  }
}

async function runMaven(
  paths: ModulePaths,
  log: Log,
  deadline: number,
  timeoutCode: LocalNeo4jErrorCode,
): Promise<void> {
  await checkMaven();
  log(`building the embedded Neo4j (first run only, about ${TYPICAL_BUILD_SECONDS} s)…`);
  const started = Date.now();
  // The stamp goes first, so that a failed build can never leave an old stamp
  // that looks newer than the inputs.
  rmSync(paths.stamp, { force: true });
  const args = ["-B", "-q", "-Dstyle.color=never", "-f", paths.pom, "package", "-DskipTests"];
  const output: string[] = [];
  const result = await new Promise<{ code: number | null; error?: Error; timedOut: boolean }>((resolve) => {
    const child = spawn(mavenCommand(), args, { cwd: paths.dir, stdio: ["ignore", "pipe", "pipe"], windowsHide: true });
    const keep = (line: string): void => {
      // Maven 3.8 emits colour resets even in batch mode.
      output.push(line.replace(ANSI_COLOUR, ""));
      if (output.length > 40) output.shift();
    };
    createInterface({ input: child.stdout }).on("line", keep);
    createInterface({ input: child.stderr }).on("line", keep);
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        child.kill("SIGKILL");
      },
      Math.max(0, deadline - Date.now()),
    );
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ code: null, error, timedOut });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut });
    });
  });
  if (result.timedOut) {
    throw new LocalNeo4jError(
      timeoutCode,
      `building the embedded Neo4j took too long and was stopped (mvn ${args.join(" ")})`,
    );
  }
  if (result.error || result.code !== 0) {
    const why = result.error ? result.error.message : `exit code ${result.code}`;
    const tail = output.filter((line) => line.trim() !== "" && !MAVEN_BOILERPLATE.test(line)).join("\n");
    throw new LocalNeo4jError(
      "BUILD_FAILED",
      `building the embedded Neo4j failed (${why}); run \`mvn -B -f ${paths.pom} package -DskipTests\` to see why` +
        (tail ? `. Maven said:\n${tail}` : ""),
    );
  }
  writeFileSync(paths.stamp, `${new Date().toISOString()}\n`);
  log(`built the embedded Neo4j in ${seconds(Date.now() - started)} s`);
}

/** Maven's generic advice after an error, which says nothing about this build. */
const MAVEN_BOILERPLATE =
  /^\[ERROR\]\s*$|-> \[Help 1\]|re-run Maven|For more information about the errors|\[Help 1\] http/i;

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

// ---------------------------------------------------------------------------
// Running

function validate(options: LocalNeo4jOptions): void {
  const { port, dataDir } = options;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new LocalNeo4jError("BAD_OPTIONS", `the Neo4j port must be a whole number from 1 to 65535, got ${port}`);
  }
  if (!isAbsolute(dataDir)) {
    throw new LocalNeo4jError("BAD_OPTIONS", `the Neo4j data directory must be an absolute path, got "${dataDir}"`);
  }
  // The JVM's own complaint about a bad -Xmx is cryptic, and the Java side's
  // about the page cache names its own --pagecache argument.
  if (options.heap !== undefined && !/^\d+[kmgtKMGT]?$/.test(options.heap)) {
    throw new LocalNeo4jError("BAD_OPTIONS", `the Neo4j heap must be a size such as 512m or 2g, got "${options.heap}"`);
  }
  if (options.pageCache !== undefined && !/^\d+[kmgtKMGT]?$/.test(options.pageCache)) {
    throw new LocalNeo4jError(
      "BAD_OPTIONS",
      `the Neo4j page cache must be a size such as 256m or 1g, got "${options.pageCache}"`,
    );
  }
}

/**
 * Starts the embedded Neo4j on 127.0.0.1:`port` with its store in `dataDir`,
 * building it first if needed, and resolves once Bolt accepts connections.
 */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  validate(options);
  const log = options.log ?? logToStderr;
  const timeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const started = Date.now();
  const deadline = started + timeoutMs;

  const paths = findModule();
  await checkJava();
  await ensureBuilt(log, deadline, "START_TIMEOUT");
  mkdirSync(options.dataDir, { recursive: true });

  const uri = `bolt://127.0.0.1:${options.port}`;
  log(`starting Neo4j on ${uri} (data: ${options.dataDir})`);
  const args = [
    `-Xmx${options.heap ?? "1g"}`,
    "-XX:+UseG1GC",
    "-cp",
    `${paths.classes}${delimiter}${join(paths.lib, "*")}`,
    MAIN_CLASS,
    "--port",
    String(options.port),
    "--data-dir",
    options.dataDir,
    "--pagecache",
    options.pageCache ?? "256m",
  ];
  // Its own process group: Ctrl-C in a terminal signals the whole foreground group, and Neo4j must outlive
  // this process's handling of it (an interrupted import rolls back through it, then stops it).
  const child = spawn(javaCommand(), args, {
    cwd: paths.dir,
    stdio: ["pipe", "pipe", "pipe"],
    windowsHide: true,
    detached: true,
  });

  // Closing stdin stops the database. The kernel does that when this process
  // dies; on an orderly exit we do it ourselves, since 'exit' is the last chance
  // (and the last chance to take back the note that says Neo4j runs here).
  const closeStdinOnExit = (): void => {
    child.stdin?.destroy();
    removeRecord(options.dataDir, child.pid);
  };
  process.on("exit", closeStdinOnExit);

  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => {
      process.off("exit", closeStdinOnExit);
      resolve();
    });
  });

  let errorLine: string | undefined;
  const recentOutput: string[] = [];
  const remember = (line: string): void => {
    recentOutput.push(line);
    if (recentOutput.length > 20) recentOutput.shift();
  };
  // Nothing is ever written to stdin, but a pipe can still report an error
  // (say, EPIPE once the child is gone); it must not crash this process.
  child.stdin?.on("error", () => {});

  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error?: LocalNeo4jError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };

    const timer = setTimeout(
      () => {
        child.kill("SIGKILL");
        settle(
          new LocalNeo4jError(
            "START_TIMEOUT",
            `Neo4j did not become ready within ${seconds(timeoutMs)} s; it was stopped` +
              (recentOutput.length ? `. Last output:\n${recentOutput.join("\n")}` : "") +
              `\n(see ${join(options.dataDir, "logs", "debug.log")})`,
          ),
        );
      },
      Math.max(0, deadline - Date.now()),
    );

    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (line.startsWith(READY_PREFIX)) {
        settle();
      } else if (line.trim() !== "" && !line.startsWith(STOPPED_LINE)) {
        remember(line);
        log(`neo4j: ${line}`);
      }
    });
    createInterface({ input: child.stderr! }).on("line", (line) => {
      if (line.startsWith(ERROR_PREFIX)) {
        errorLine = line.slice(ERROR_PREFIX.length);
        return;
      }
      if (line.trim() === "") return;
      remember(line);
      log(`neo4j: ${line}`);
    });

    child.once("error", (error) => {
      settle(new LocalNeo4jError("START_FAILED", `could not run ${javaCommand()}: ${error.message}`));
    });
    // 'close' rather than 'exit': by then stderr has been read to the end, so
    // the KMGRAPH_NEO4J_ERROR line is in hand.
    child.once("close", (code, signal) => {
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      const tag = errorLine === undefined ? null : FAILURE_TAG.exec(errorLine);
      const detail =
        (tag ? errorLine?.slice(tag[0].length) : errorLine) ??
        (recentOutput.length
          ? `the Java process ${how}; last output:\n${recentOutput.join("\n")}`
          : `the Java process ${how}`);
      const failure = tag ? (tag[1] as LocalNeo4jFailure) : undefined;
      settle(new LocalNeo4jError("START_FAILED", `Neo4j could not start on ${uri}: ${detail}`, failure));
    });
  });

  log(`Neo4j ready in ${seconds(Date.now() - started)} s`);
  const javaPid = child.pid!;
  try {
    writeRecord(options.dataDir, {
      uri,
      pid: process.pid,
      javaPid,
      purpose: options.purpose ?? "kmgraph",
      shared: options.shared ?? false,
      startedAt: new Date().toISOString(),
    });
  } catch (error) {
    // Neo4j works without it; only other processes cannot find it.
    log(`could not write ${options.dataDir}'s note for other kmgraph processes: ${(error as Error).message}`);
  }

  // From here on the child must not keep this process alive on its own: when
  // the rest of the program is done, Node exits, stdin closes, Neo4j stops.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as Socket | null)?.unref();

  let stopping: Promise<void> | undefined;
  let reportLoss: (how: string) => void = () => {};
  const lost = new Promise<string>((resolve) => {
    reportLoss = resolve;
  });
  child.once("exit", (code, signal) => {
    removeRecord(options.dataDir, javaPid);
    if (stopping) return;
    const how = signal ?? `exit code ${code}`;
    log(`Neo4j on ${uri} stopped unexpectedly (${how})`);
    reportLoss(how);
  });

  return {
    uri,
    pid: javaPid,
    lost,
    stop(): Promise<void> {
      stopping ??= stopChild(child, exited, log, uri);
      return stopping;
    },
  };
}

async function stopChild(child: ChildProcess, exited: Promise<void>, log: Log, uri: string): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const started = Date.now();
  child.kill("SIGTERM");
  // A timer keeps the event loop alive while we wait for an unref'd child.
  let timer: NodeJS.Timeout | undefined;
  const killed = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      log(`Neo4j on ${uri} did not stop within ${STOP_GRACE_MS / 1000} s; killing it`);
      child.kill("SIGKILL");
      resolve();
    }, STOP_GRACE_MS);
  });
  await Promise.race([exited, killed]);
  if (child.exitCode === null && child.signalCode === null) await exited;
  clearTimeout(timer);
  log(`Neo4j on ${uri} stopped in ${seconds(Date.now() - started)} s`);
}
