import "reflect-metadata";
import { constants } from "node:fs";
import { access, readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { AnalyticsService } from "../analytics/analytics-service.js";
import { analyticsParams } from "../analytics/params.js";
import { organisationReport } from "../analytics/report.js";
import { bulkImport } from "../bulk/bulk-import.js";
import { recoverImport, recoverOnOpening } from "../bulk/recovery.js";
import { loadConfig } from "../config.js";
import { type Connection, connect } from "../db/connect.js";
import { cypherFile } from "../db/cypher-files.js";
import { AppError } from "../errors.js";
import { InterchangeService } from "../interchange/interchange-service.js";
import { AuditOutcome } from "../repositories/audit.js";
import { withNames } from "../repositories/display-names.js";
import { currentRoleMatrix, withRoleMatrix } from "../server/role-matrix.js";
import { schemaSdl } from "../server/schema.js";
import { AuditService, importCounts, localActor } from "../services/audit-service.js";
import { describe } from "../validation.js";
import { renderReport } from "./analyze.js";
import { auditPruneCommand, pruneBefore } from "./audit.js";
import { generateCommand } from "./generate.js";
import { importProgress } from "./import-progress.js";
import { inferCommand } from "./infer.js";
import { reviewCommand, reviewFormat } from "./review.js";

const USAGE = `Usage: kmgraph <command>

Commands:
  import <file.json>   import an interchange document of any size, streaming: validated whole
                       first, then written in batches; all or nothing (docs/interchange.md)
      --recover        roll back a bulk import whose process stopped part-way (any kmgraph
                       opening the graph does so too); SIGTERM or Ctrl-C during an import
                       rolls it back before exiting (exit 143 or 130)
  export               write the whole graph as an interchange document to stdout
  analyze              print the organisation report: coverage, gaps, bottlenecks,
                       truck factor, maturity, reuse
      --as-of DATE     date of the analysis (default today)
      --top N          rows in the top-N sections (default 10)
      --json           the whole report as JSON
  review               the strategy review of the knowledge assets: inventory, stale and
                       orphaned assets, critical topics with thin supply, stuck lessons
      --format md|csv|json  (default: the extension of --out, else md)
      --as-of DATE     date of the review (default today)
      --out FILE       write the report to FILE instead of stdout
  infer-expertise      propose INFERRED expertise from authorship and project roles
      --apply          write the proposals (one transaction; declared levels are never touched)
      --as-of DATE     date written as assessedAt (default today)
      --json           the proposals (and what was written) as JSON
  generate             write a synthetic organisation (interchange document) to stdout
      --size XS|S|M|L  (default S; see docs/generator.md)
      --seed N         (default 1): the same size and seed give the same document
  schema               print the GraphQL schema (SDL)
  audit prune          delete the audit trail's entries recorded before a date (recorded itself)
      --before DATE    2026-01-01, or a time such as 2026-01-01T00:00:00Z
  role-matrix          print what each role may read and write (markdown, from src/auth/policy.ts)
      --update FILE    replace the generated matrix in FILE instead (docs/security.md)

The graph is NEO4J_URI when set, otherwise the embedded Neo4j in KMGRAPH_NEO4J_DATA: the one
a running kmgraph server (npm start) has there, else one started for the command (see README).`;

const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * Runs `work` on the graph; `command` names it for other kmgraph processes
 * ("import"). Before it, an import left unfinished by a process that died is
 * rolled back (`recover: false` for `import --recover`, which does it itself).
 */
async function withGraph<T>(
  command: string,
  work: (connection: Connection) => Promise<T>,
  { recover = true } = {},
): Promise<T> {
  const connection = await connect(loadConfig().neo4j, log, { purpose: `kmgraph ${command}` });
  try {
    if (recover) await recoverOnOpening(connection.db, log);
    return await work(connection);
  } catch (error) {
    throw error instanceof AppError ? error : await connection.explain(error);
  } finally {
    await connection.close();
  }
}

/** 128 + the signal's number, as a shell reports a process ended by it. */
const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

/** Returns the exit code: 0 once the import is in the graph, 128 + n when a signal stopped it and it was rolled back. */
async function importCommand(file: string | undefined, options: { recover?: boolean }): Promise<number> {
  if (options.recover) {
    await recoverCommand();
    return 0;
  }
  if (!file) throw new UsageError("import needs the path of a JSON document");
  try {
    await access(file, constants.R_OK);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  // SIGTERM or SIGINT stops the import and rolls it back before the process exits; a second one is
  // only acknowledged: the rollback is what makes the graph whole again.
  const stop = new AbortController();
  let stoppedBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stoppedBy) {
      log(
        `${signal}: still stopping the import (rolling back what it wrote). SIGKILL would leave the rollback ` +
          "to the next kmgraph that opens the graph, or to `kmgraph import --recover`",
      );
      return;
    }
    stoppedBy = signal;
    log(`${signal}: stopping the import; what it wrote is rolled back before kmgraph exits`);
    stop.abort(signal);
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  try {
    await runImport(file, stop.signal);
  } catch (error) {
    if (stoppedBy && error instanceof AppError && error.code === "IMPORT_INTERRUPTED") {
      log(`${stoppedBy}: the import of ${file} is rolled back: the graph is as it was before it`);
      return SIGNAL_EXIT[stoppedBy] ?? 1;
    }
    throw error;
  } finally {
    process.off("SIGTERM", onSignal);
    process.off("SIGINT", onSignal);
  }
  if (stoppedBy) log(`${stoppedBy} came after the import had committed: it is complete`);
  return 0;
}

async function runImport(file: string, signal: AbortSignal): Promise<void> {
  const progress = importProgress();
  const summary = await withGraph("import", async ({ db }) => {
    const audit = new AuditService(db);
    const actor = localActor();
    try {
      const done = await bulkImport(db, file, { progress: (event) => progress.update(event), signal });
      const nodes = done.nodes.reduce((sum, n) => sum + n.total, 0);
      await audit.record([
        { actor, operation: "import", outcome: AuditOutcome.OK, idCount: nodes, counts: importCounts(done) },
      ]);
      return done;
    } catch (error) {
      const errorCode = error instanceof AppError ? error.code : "INTERNAL_SERVER_ERROR";
      await audit
        .record([{ actor, operation: "import", outcome: AuditOutcome.FAILED, errorCode }])
        .catch((failure: unknown) => log(`the audit trail could not record the failed import: ${String(failure)}`));
      throw error;
    }
  }).finally(() => progress.stop());
  for (const count of summary.nodes.filter((n) => n.total > 0)) {
    log(
      `${count.label.padEnd(16)} ${String(count.total).padStart(7)}  created ${count.created}, updated ${count.updated}, unchanged ${count.unchanged}`,
    );
  }
  const nodes = summary.nodes.reduce((sum, n) => sum + n.total, 0);
  const relationships = summary.relationships.reduce((sum, r) => sum + r.total, 0);
  log(
    `relationships    ${String(relationships).padStart(7)}  created ${summary.relationships.reduce((s, r) => s + r.created, 0)}, removed ${summary.relationships.reduce((s, r) => s + r.removed, 0)}`,
  );
  const rate = Math.round((nodes + relationships) / Math.max(summary.seconds, 0.001));
  log(
    `imported ${nodes} nodes and ${relationships} relationships in ${summary.seconds.toFixed(1)} s (${rate} per second)`,
  );
  if (!summary.plannerStatistics.refreshed) {
    log(
      `note: Neo4j's query statistics were not refreshed (${summary.plannerStatistics.reason}); it resamples them in the background`,
    );
  }
}

async function recoverCommand(): Promise<void> {
  const recovered = await withGraph(
    "import --recover",
    ({ db }) => recoverImport(db, log, { progress: (undone) => log(`rolled back ${undone} journal entries`) }),
    { recover: false },
  );
  if (!recovered) log("no unfinished bulk import: nothing to recover");
  else if (recovered.status === "COMMITTING")
    log(`the import of ${recovered.source} (started ${recovered.startedAt}) had committed; its journal is now cleared`);
  else
    log(
      `the import of ${recovered.source} (started ${recovered.startedAt}) is rolled back: the graph is as it was before it`,
    );
}

async function exportCommand(): Promise<void> {
  const document = await withGraph("export", ({ db }) => new InterchangeService(db).export());
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
}

async function analyzeCommand(options: { "as-of"?: string; top?: string; json?: boolean }): Promise<void> {
  const top = Number(options.top ?? 10);
  if (!Number.isInteger(top) || top < 1)
    throw new UsageError(`--top must be a whole number above 0, got "${options.top}"`);
  const params = analyticsParams(options["as-of"] ? { asOf: options["as-of"] } : {});
  const text = await withGraph("analyze", async ({ db }) => {
    const projects = await db.readRows<{ id: string; name: string; status: string }>(cypherFile("cli/report-projects"));
    const report = await organisationReport(new AnalyticsService(db), projects, params);
    // JSON keeps ids; the text names what it shows, read in one more statement.
    if (options.json) return `${JSON.stringify(report, null, 2)}\n`;
    return withNames(db, (names) => renderReport(report, top, names));
  });
  process.stdout.write(text);
}

class UsageError extends Error {}

function parseCommandLine(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: "boolean", short: "h" },
      json: { type: "boolean" },
      apply: { type: "boolean" },
      recover: { type: "boolean" },
      format: { type: "string" },
      size: { type: "string" },
      seed: { type: "string" },
      out: { type: "string" },
      "as-of": { type: "string" },
      top: { type: "string" },
      update: { type: "string" },
      before: { type: "string" },
    },
  });
}

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    log(`kmgraph: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return command || values.help ? 0 : 2;
  }
  try {
    switch (command) {
      case "import":
        return await importCommand(rest[0], values);
      case "export":
        await exportCommand();
        return 0;
      case "analyze":
        await analyzeCommand(values);
        return 0;
      case "review": {
        reviewFormat(values.format, values.out); // an unknown format fails before connecting
        const text = await withGraph("review", ({ db }) =>
          reviewCommand(db, { format: values.format, asOf: values["as-of"], out: values.out }),
        );
        if (values.out) {
          await writeFile(values.out, text);
          log(`review written to ${values.out}`);
        } else {
          process.stdout.write(text);
        }
        return 0;
      }
      case "audit": {
        if (rest[0] !== "prune") throw new UsageError(`unknown audit command "${rest[0] ?? ""}": only audit prune`);
        let before: string;
        try {
          before = pruneBefore(values.before);
        } catch (error) {
          throw new UsageError(error instanceof Error ? error.message : String(error));
        }
        await withGraph("audit prune", ({ db }) => auditPruneCommand(db, before, localActor(), log));
        return 0;
      }
      case "infer-expertise":
        process.stdout.write(
          await withGraph("infer-expertise", ({ db }) =>
            inferCommand(db, { apply: values.apply, asOf: values["as-of"], json: values.json }, localActor(), log),
          ),
        );
        return 0;
      case "generate":
        await generateCommand({ size: values.size, seed: values.seed }, process.stdout);
        return 0;
      case "schema":
        process.stdout.write(await schemaSdl());
        return 0;
      case "role-matrix": {
        const matrix = await currentRoleMatrix();
        if (!values.update) process.stdout.write(`${matrix}\n`);
        else await writeFile(values.update, withRoleMatrix(await readFile(values.update, "utf8"), matrix));
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      log(`kmgraph: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof AppError) {
      log(
        `kmgraph: ${error.code}: ${error.problems.length > 0 ? `${error.problems.length} problem(s)` : error.message}`,
      );
      for (const problem of error.problems) log(`  ${describe(problem)}`);
      return 1;
    }
    log(`kmgraph: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
