import "reflect-metadata";
import { createAuthenticator } from "../auth/authenticator.js";
import { recoverOnOpening } from "../bulk/recovery.js";
import { loadConfig } from "../config.js";
import { createContext } from "../context/context.js";
import { connect } from "../db/connect.js";
import { createApolloServer } from "./app.js";
import { loadDemoIfEmpty } from "./demo.js";
import { registerHealth } from "./health.js";
import { createHttpApp, GRAPHQL_PATH } from "./http.js";
import { createLifecycle, NEO4J_LOST_EXIT_CODE } from "./lifecycle.js";
import { checkListenAccess } from "./listen-guard.js";
import { createLogger } from "./logger.js";
import { loadPersistedOperations } from "./persisted-operations.js";
import { serverObservations } from "./request-observation.js";

// At info until the configuration, which may be refused, says the level: a refusal is logged too.
const logger = createLogger({ level: "info", pretty: process.env.NODE_ENV === "development" });
const log = (line: string) => logger.info(line);

async function main(): Promise<void> {
  const config = loadConfig();
  logger.level = config.observability.logLevel;
  // Before Neo4j starts: a refused HOST, or an unreadable manifest, should not cost a database start-up.
  const access = checkListenAccess(config);
  const manifest = config.http.persistedOperations;
  const persistedOperations = manifest ? loadPersistedOperations(manifest) : undefined;
  // The server keeps its embedded Neo4j for the commands run beside it (npx kmgraph …).
  const connection = await connect(config.neo4j, log, {
    purpose: "kmgraph server",
    embedded: "serve",
    transactionTimeoutMs: config.transactionTimeoutMs || undefined,
    unavailableAfterMs: config.unavailableAfterMs,
  });
  log(`graph: ${connection.description}`);
  await recoverOnOpening(connection.db, log, { watch: true });
  const observations = serverObservations(
    logger,
    connection.db,
    config.observability.metricsToken,
    persistedOperations,
  );
  if (config.loadDemo) {
    const summary = await loadDemoIfEmpty(connection.db);
    if (summary)
      log(`empty graph: loaded the demo organisation (${summary.nodes.reduce((n, c) => n + c.total, 0)} nodes)`);
  }
  const apollo = await createApolloServer({
    development: config.development,
    introspection: config.introspection,
    limits: config.limits,
    maxErrors: config.http.maxErrors,
    automaticPersistedQueries: persistedOperations === undefined,
    logError: observations.logError,
    observations,
  });
  await apollo.start();
  const lifecycle = createLifecycle({ settings: config.shutdown, log });
  const app = await createHttpApp({
    apollo,
    authenticate: createAuthenticator(config, connection.db, log),
    createContext: (identity) => createContext(connection.db, identity),
    settings: config.http,
    persistedOperations,
    logError: observations.logError,
    observations,
    extend: (http) => {
      lifecycle.register(http);
      // A Neo4j that cannot answer a trivial read within the time a request may wait to reach it is not ready.
      registerHealth(http, {
        db: connection.db,
        draining: () => lifecycle.draining,
        timeoutMs: config.unavailableAfterMs,
        log,
      });
    },
  });
  await app.listen({ port: config.port, host: config.host });
  if (persistedOperations) {
    const mode = config.http.persistedOnly ? "only these for roles below ADMIN" : "any text too";
    log(`persisted operations: ${persistedOperations.size} from ${manifest} (${mode})`);
  }
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${host === "127.0.0.1" ? "localhost" : host}:${config.port}${GRAPHQL_PATH}`;
  log(`kmgraph GraphQL API ready at ${url} (${access})`);

  // After HTTP (no request uses them any more): Apollo, then the driver and Neo4j.
  lifecycle.afterHttp("Apollo", () => apollo.stop());
  lifecycle.afterHttp("the connection to Neo4j", () => connection.close());
  lifecycle.handleSignals();
  void connection.lost?.then((how) =>
    lifecycle.stop(
      `the embedded Neo4j stopped unexpectedly (${how}); kmgraph exits with code ${NEO4J_LOST_EXIT_CODE} for its supervisor to restart it`,
      NEO4J_LOST_EXIT_CODE,
    ),
  );
}

main().catch((error: unknown) => {
  logger.fatal(`kmgraph could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
