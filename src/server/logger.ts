import { createRequire } from "node:module";
import { hostname } from "node:os";
import { type DestinationStream, type Logger, type LoggerOptions, pino } from "pino";
import type { LogLevel } from "../config.js";
import { AppError } from "../errors.js";

export type { Logger } from "pino";

export interface LoggerSettings {
  level: LogLevel;
  /** Human-readable lines (pino-pretty, when installed) instead of JSON: NODE_ENV=development. */
  pretty: boolean;
}

/**
 * The server's one logger: JSON lines on stderr (where the start-up lines
 * have always gone, and where supervisors and tests read them). Written
 * asynchronously, each line at once: a reader that falls behind makes the
 * lines wait in memory, not the event loop; pino writes what is left when
 * the process exits.
 *
 * Only fields kmgraph chooses reach it: the request line
 * (src/server/request-observation.ts) carries ids, names, counts and codes,
 * never a variable, a query text, a header or an identity's e-mail; errors
 * go through `errorFields`, which scrubs literals from their messages.
 */
export function createLogger(settings: LoggerSettings, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: settings.level,
    base: { service: "kmgraph", pid: process.pid, hostname: hostname() },
    timestamp: pino.stdTimeFunctions.isoTime,
    // pino's default serialisers would copy whatever an object holds; nothing is logged that is not picked here.
    serializers: {},
  };
  return pino(
    options,
    destination ?? (settings.pretty ? prettyStream() : undefined) ?? pino.destination({ dest: 2, sync: false }),
  );
}

/**
 * pino-pretty is a development dependency: present in a checkout, absent
 * from a production install (`npm ci --omit=dev`), where JSON is what a log
 * collector wants anyway. Used in-process, not as a worker transport, so a
 * line is written before the process exits.
 */
function prettyStream(): DestinationStream | undefined {
  try {
    const require = createRequire(import.meta.url);
    const pretty = require("pino-pretty") as typeof import("pino-pretty");
    return pretty.build({
      destination: 2,
      sync: true,
      colorize: process.stderr.isTTY,
      translateTime: "SYS:HH:MM:ss.l",
      singleLine: true,
      ignore: "service,pid,hostname",
    });
  } catch {
    return undefined;
  }
}

const E_MAIL = /[^\s@'"<>(),;:]+@[^\s@'"<>(),;:]+\.[A-Za-z]{2,}/g;
const QUOTED = /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g;
const BEARER = /\b(Bearer|Basic)\s+\S+/gi;
const JWT = /\beyJ[\w-]+\.[\w-]+\.[\w-]*/g;

/**
 * An error's message and stack as they may be logged: an unexpected error
 * can quote what it was working on (a Neo4j constraint names the property
 * value, a driver error the statement's parameters), so e-mail addresses,
 * quoted literals, bearer credentials and JWTs are replaced before the line
 * is written.
 */
export function scrub(text: string): string {
  return text
    .replace(JWT, "[token]")
    .replace(BEARER, "$1 [token]")
    .replace(E_MAIL, "[e-mail]")
    .replace(QUOTED, (quoted) => `${quoted[0]}…${quoted[0]}`);
}

/** The fields an error is logged with (`err`), through its causes. */
export function errorFields(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error, message: scrub(String(error)) };
  const code = error instanceof AppError ? error.code : (error as { code?: unknown }).code;
  return {
    type: error.name,
    ...(typeof code === "string" ? { code } : {}),
    message: scrub(error.message),
    ...(error.stack ? { stack: scrub(error.stack) } : {}),
    ...(error.cause !== undefined && depth < 3 ? { cause: errorFields(error.cause, depth + 1) } : {}),
  };
}
