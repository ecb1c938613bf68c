import type { FastifyInstance, FastifyReply } from "fastify";
import { DEFAULT_SHUTDOWN_SETTINGS, type ShutdownSettings } from "../config.js";
import type { Log } from "../log.js";
import { RETRY_AFTER_SECONDS } from "./availability.js";

/**
 * The exit code when the embedded Neo4j dies under a running server: 75,
 * EX_TEMPFAIL of sysexits.h ("try again later"). kmgraph does not restart the
 * database itself: whatever killed it (memory, disk, an operator) is better
 * seen by the supervisor that restarts kmgraph, with its back-off, than hidden
 * behind a restart loop in here.
 */
export const NEO4J_LOST_EXIT_CODE = 75;

/** A second SIGTERM or SIGINT during the stop: exit at once, 128 + the signal's number, as a shell reports it. */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

export type StopSignal = keyof typeof SIGNAL_EXIT_CODES;

export interface ServerLifecycle {
  /** True from the moment the server begins to stop: readiness is false, new requests are refused. */
  readonly draining: boolean;
  /** Requests received and not yet answered. */
  readonly inFlight: number;
  /** Adds the hooks that count requests and refuse new ones while draining; before the app's routes. */
  register(app: FastifyInstance): void;
  /** What to close once HTTP has stopped, in order: Apollo, then the driver and Neo4j. */
  afterHttp(name: string, close: () => Promise<void>): void;
  /** Stops the server (once; later calls get the same promise), then exits with `exitCode`. */
  stop(reason: string, exitCode?: number): Promise<void>;
  /** SIGTERM and SIGINT stop the server; a second one during the stop exits at once. */
  handleSignals(): void;
}

export interface LifecycleOptions {
  readonly settings?: ShutdownSettings;
  readonly log: Log;
  /** Default process.exit; a test passes its own. */
  readonly exit?: (code: number) => void;
}

/**
 * How the server stops, on a signal or because its embedded Neo4j died:
 *
 * 1. at once: readiness false, and every new request is answered 503
 *    SERVICE_UNAVAILABLE with `Connection: close` and Retry-After; requests
 *    already received run on, and their answers close their connections too;
 * 2. for `drainMs` the server keeps listening, so that a client or a load
 *    balancer that has not yet seen readiness fall gets that 503 rather than
 *    a refused or reset connection; then it stops listening and closes the
 *    connections that carry no request;
 * 3. it waits for the requests still running, until `timeoutMs` after the
 *    signal; those left then are cut, and their number logged;
 * 4. Apollo stops, the driver closes, the embedded Neo4j stops; the process
 *    exits (0 on a signal).
 *
 * Closing the listener at once, as Fastify's `close()` does, resets what the
 * kernel has accepted and Node has not yet read: requests sent a moment
 * before the signal, mutations among them. Step 2 is what answers them.
 */
export function createLifecycle(options: LifecycleOptions): ServerLifecycle {
  const settings = options.settings ?? DEFAULT_SHUTDOWN_SETTINGS;
  const { log } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const closers: { name: string; close: () => Promise<void> }[] = [];
  let app: FastifyInstance | undefined;
  let draining = false;
  let inFlight = 0;
  let stopping: Promise<void> | undefined;

  const refuse = (reply: FastifyReply) =>
    reply
      .code(503)
      .header("connection", "close")
      .header("retry-after", String(RETRY_AFTER_SECONDS))
      .type("application/json; charset=utf-8")
      .send(
        JSON.stringify({
          errors: [
            {
              message: "kmgraph is stopping and takes no new requests; send it again shortly",
              extensions: { code: "SERVICE_UNAVAILABLE" },
            },
          ],
        }),
      );

  const run = async (reason: string, exitCode: number): Promise<void> => {
    const started = Date.now();
    draining = true;
    log(
      `${reason}: stopping; ${inFlight} request(s) in flight are answered, new ones refused ` +
        `(drain ${settings.drainMs} ms, deadline ${settings.timeoutMs} ms)`,
    );
    let code = exitCode;
    if (app) {
      await sleep(settings.drainMs);
      const closed = app.close();
      const left = settings.timeoutMs - (Date.now() - started);
      const finished = await Promise.race([closed.then(() => true), sleep(Math.max(0, left)).then(() => false)]);
      if (!finished) {
        log(`${inFlight} request(s) still running ${settings.timeoutMs} ms after the signal were cut`);
        app.server.closeAllConnections();
        await closed;
      }
    }
    for (const { name, close } of closers) {
      try {
        await close();
      } catch (error) {
        log(`stopping ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
        code = code === 0 ? 1 : code;
      }
    }
    log(`stopped in ${Date.now() - started} ms`);
    exit(code);
  };

  return {
    get draining() {
      return draining;
    },
    get inFlight() {
      return inFlight;
    },
    register(target) {
      app = target;
      target.addHook("onRequest", async (request, reply) => {
        if (draining && !request.url.startsWith("/health/")) return refuse(reply);
        inFlight += 1;
        // 'close' comes after the answer is sent, and also when the client goes away first.
        reply.raw.once("close", () => {
          inFlight -= 1;
        });
      });
      target.addHook("onSend", async (_request, reply, payload) => {
        // Received before the stop and answered during it: the client must not send another on this connection.
        if (draining) reply.header("connection", "close");
        return payload;
      });
    },
    afterHttp(name, close) {
      closers.push({ name, close });
    },
    stop(reason, exitCode = 0) {
      stopping ??= run(reason, exitCode);
      return stopping;
    },
    handleSignals() {
      for (const signal of Object.keys(SIGNAL_EXIT_CODES) as StopSignal[]) {
        process.on(signal, () => {
          if (!stopping) {
            void this.stop(signal, 0);
            return;
          }
          const code = SIGNAL_EXIT_CODES[signal];
          log(`${signal} again while stopping: exiting at once (code ${code}), ${inFlight} request(s) cut`);
          exit(code);
        });
      }
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
