import "reflect-metadata";
import { startStandaloneServer } from "@apollo/server/standalone";
import { createAuthenticator } from "../auth/authenticator.js";
import { loadConfig } from "../config.js";
import { createContext } from "../context/context.js";
import { connect } from "../db/connect.js";
import { createApolloServer } from "./app.js";
import { loadDemoIfEmpty } from "./demo.js";
import { checkListenAccess } from "./listen-guard.js";

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const config = loadConfig();
  // Before Neo4j starts: a refused HOST should not cost a database start-up.
  const access = checkListenAccess(config);
  // The server keeps its embedded Neo4j for the commands run beside it (npx kmgraph …).
  const connection = await connect(config.neo4j, log, {
    purpose: "kmgraph server",
    embedded: "serve",
    transactionTimeoutMs: config.transactionTimeoutMs || undefined,
    unavailableAfterMs: config.unavailableAfterMs,
  });
  log(`graph: ${connection.description}`);
  if (config.loadDemo) {
    const summary = await loadDemoIfEmpty(connection.db);
    if (summary)
      log(`empty graph: loaded the demo organisation (${summary.nodes.reduce((n, c) => n + c.total, 0)} nodes)`);
  }
  const authenticate = createAuthenticator(config, connection.db, log);
  const server = await createApolloServer({
    development: config.development,
    introspection: config.introspection,
    limits: config.limits,
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: config.port, host: config.host },
    // Once per request, before any resolver: the identity (and its person lookup) is shared by all fields.
    context: async ({ req }) => createContext(connection.db, await authenticate(req.headers.authorization)),
  });
  log(`kmgraph GraphQL API ready at ${url.replace("127.0.0.1", "localhost")}graphql (${access})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    await server.stop();
    await connection.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  log(`kmgraph could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
