import "reflect-metadata";
import { createAuthenticator } from "../auth/authenticator.js";
import { recoverOnOpening } from "../bulk/recovery.js";
import { loadConfig } from "../config.js";
import { createContext } from "../context/context.js";
import { connect } from "../db/connect.js";
import { createApolloServer } from "./app.js";
import { loadDemoIfEmpty } from "./demo.js";
import { createHttpApp, GRAPHQL_PATH } from "./http.js";
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
  const app = await createHttpApp({
    apollo,
    authenticate: createAuthenticator(config, connection.db, log),
    createContext: (identity) => createContext(connection.db, identity),
    settings: config.http,
    persistedOperations,
    logError: observations.logError,
    observations,
  });
  await app.listen({ port: config.port, host: config.host });
  if (persistedOperations) {
    const mode = config.http.persistedOnly ? "only these for roles below ADMIN" : "any text too";
    log(`persisted operations: ${persistedOperations.size} from ${manifest} (${mode})`);
  }
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${host === "127.0.0.1" ? "localhost" : host}:${config.port}${GRAPHQL_PATH}`;
  log(`kmgraph GraphQL API ready at ${url} (${access})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    // HTTP first (no new requests, those in flight finish), then Apollo, then Neo4j, which they were using.
    await app.close();
    await apollo.stop();
    await connection.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  logger.fatal(`kmgraph could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
