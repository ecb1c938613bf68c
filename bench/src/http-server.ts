/**
 * The two HTTP servers the benchmark compares kmgraph's own server with, each
 * run as a process of its own, as kmgraph's is (http.ts starts them):
 *
 * - `neo4j-graphql`: `@neo4j/graphql`'s schema in Apollo Server, mounted in
 *   Fastify with Apollo's integration (@as-integrations/fastify), as kmgraph
 *   mounts its own; the Fastify timeouts and body limit of kmgraph's
 *   defaults; no authentication (the library has none of its own without
 *   JWT settings: it is given its lighter path);
 * - `floor`: a bare Fastify route that runs the nested read's hand-written
 *   Cypher statement (floor.ts) with the driver and answers its rows as JSON.
 *
 * Both open Neo4j with kmgraph's own `connect`, from the same environment as
 * kmgraph's server (NEO4J_URI, KMGRAPH_NEO4J_TX_TIMEOUT_MS,
 * KMGRAPH_NEO4J_UNAVAILABLE_MS): the same driver settings and pool. Prints
 * "listening on <port>" on stderr when ready.
 */
import { ApolloServer } from "@apollo/server";
import { fastifyApolloHandler } from "@as-integrations/fastify";
import { Neo4jGraphQL } from "@neo4j/graphql";
import Fastify, { type FastifyInstance } from "fastify";
import { floorNestedRead } from "./floor.js";
import { connect, DEFAULT_HTTP_SETTINGS, loadConfig } from "./kmgraph.js";
import { neo4jGraphqlTypeDefs } from "./neo4j-graphql-type-defs.js";

export const FLOOR_PATH = "/floor";

const kind = process.argv[2];
if (kind !== "neo4j-graphql" && kind !== "floor") {
  process.stderr.write("usage: http-server.js neo4j-graphql|floor (PORT and NEO4J_URI in the environment)\n");
  process.exit(2);
}

const config = loadConfig();
const connection = await connect(config.neo4j, () => {}, {
  purpose: `benchmark ${kind} server`,
  transactionTimeoutMs: config.transactionTimeoutMs || undefined,
  unavailableAfterMs: config.unavailableAfterMs,
});
const { db } = connection;

const settings = DEFAULT_HTTP_SETTINGS;
const app: FastifyInstance = Fastify({
  bodyLimit: settings.maxBodyBytes,
  keepAliveTimeout: settings.keepAliveTimeoutMs,
  requestTimeout: settings.requestTimeoutMs,
  http: { headersTimeout: settings.headersTimeoutMs },
  forceCloseConnections: "idle",
  logger: false,
});

let apollo: ApolloServer | undefined;
if (kind === "neo4j-graphql") {
  const schema = await new Neo4jGraphQL({ typeDefs: neo4jGraphqlTypeDefs(), driver: db.driver }).getSchema();
  apollo = new ApolloServer({ schema, introspection: false, csrfPrevention: true, stopOnTerminationSignals: false });
  await apollo.start();
  const sessionConfig = db.name === undefined ? {} : { sessionConfig: { database: db.name } };
  app.route({
    method: ["GET", "POST", "OPTIONS"],
    url: "/graphql",
    // The library mutates its context (it adds the JWT and its executor): a new one per request.
    handler: fastifyApolloHandler(apollo, { context: async () => ({ executionContext: db.driver, ...sessionConfig }) }),
  });
} else {
  const run = floorNestedRead(db);
  app.post<{ Body: { variables?: { ids?: unknown } } }>(FLOOR_PATH, async (request, reply) => {
    const ids = request.body?.variables?.ids;
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === "string")) {
      return reply.code(400).send({ errors: [{ message: "variables.ids must be a list of strings" }] });
    }
    return { data: await run({ ids }) };
  });
}

const port = Number(process.env.PORT);
await app.listen({ port, host: "127.0.0.1" });
process.stderr.write(`listening on ${port}\n`);

const stop = async () => {
  await app.close();
  await apollo?.stop();
  await connection.close();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
