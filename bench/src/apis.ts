import { Neo4jGraphQL } from "@neo4j/graphql";
import {
  type DocumentNode,
  execute,
  type GraphQLSchema,
  getOperationAST,
  parse,
  specifiedRules,
  type ValidationRule,
  validate,
} from "graphql";
import { SignJWT } from "jose";
import { countingDriver, type StatementCounter } from "./counting-driver.js";
import { floorNestedRead } from "./floor.js";
import {
  armorProtection,
  createAuthenticator,
  createContext,
  type Database,
  DEFAULT_REQUEST_LIMITS,
  deniedUses,
  jwtConfig,
  kmgraphSchema,
  operationCost,
} from "./kmgraph.js";
import { neo4jGraphqlTypeDefs } from "./neo4j-graphql-type-defs.js";

export type ApiName = "kmgraph" | "@neo4j/graphql" | "Cypher floor";

/** One operation of one API, ready to run: resolves to `data`, throws on any GraphQL error. */
export type Runnable = (variables: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** A GraphQL API executed in this process, and the statements it has sent to Neo4j so far. */
export interface GraphQLApi {
  readonly name: ApiName;
  readonly counter: StatementCounter;
  prepare(query: string): Runnable;
}

/**
 * The nested read's hand-written Cypher statement (floor.ts) as an "API" of
 * one operation: whatever query it is given, it runs that statement.
 */
export function cypherFloorApi(db: Database): GraphQLApi {
  const counter: StatementCounter = { statements: 0 };
  const run = floorNestedRead(db);
  return {
    name: "Cypher floor",
    counter,
    prepare: () => async (variables) => {
      counter.statements += 1;
      return run(variables);
    },
  };
}

/** The bench's own key: the benchmark signs the token it sends, as an OIDC provider would. */
export const BENCH_SECRET = "kmgraph-benchmark-secret-of-at-least-32-bytes";

/**
 * kmgraph as its server runs it, with authentication on: each request's
 * bearer JWT (a KM lead, HS256, no person claim) is verified, the whole
 * operation is authorised against the role policy, and a fresh context (so
 * fresh DataLoaders) is made; then kmgraph's schema executes it, the cost
 * limits among the validation rules. Statements are counted where kmgraph
 * sends them, Database.observe.
 */
export async function kmgraphApi(db: Database): Promise<GraphQLApi> {
  const counter: StatementCounter = { statements: 0 };
  db.observe(() => {
    counter.statements += 1;
  });
  const schema = await kmgraphSchema();
  const jwt = jwtConfig({ KMGRAPH_JWT_SECRET: BENCH_SECRET, KMGRAPH_JWT_PERSON_CLAIM: "person" });
  const authenticate = createAuthenticator({ apiToken: undefined, jwt }, db);
  const token = await new SignJWT({ roles: ["KM_LEAD"] })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject("benchmark")
    .setExpirationTime("1d")
    .sign(new TextEncoder().encode(BENCH_SECRET));
  return {
    name: "kmgraph",
    counter,
    prepare: (query) => {
      const rules = armorProtection(DEFAULT_REQUEST_LIMITS, false).validationRules;
      return prepared(schema, query, rules, async (document, variables) => {
        // The server's cost limit, with the call's variables, as its plugin applies it per request.
        const cost = operationCost(schema, document, variables);
        if (cost > DEFAULT_REQUEST_LIMITS.maxCost) throw new Error(`the benchmark's query costs ${cost}`);
        const identity = await authenticate(`Bearer ${token}`);
        const operation = getOperationAST(document)!;
        const denied = await deniedUses({ schema, document, operation, variables, identity }, async () => {
          throw new Error("the benchmark's operations ask no member conditions");
        });
        if (denied.length > 0) throw new Error(`the benchmark's KM lead is refused ${denied[0]!.coordinate}`);
        return createContext(db, identity);
      });
    },
  };
}

/**
 * `@neo4j/graphql` over the same driver (through the counting proxy), hence
 * the same connection pool, settings and database as kmgraph.
 */
export async function neo4jGraphqlApi(db: Database): Promise<GraphQLApi> {
  const counter: StatementCounter = { statements: 0 };
  const driver = countingDriver(db.driver, counter);
  const schema = await new Neo4jGraphQL({ typeDefs: neo4jGraphqlTypeDefs(), driver }).getSchema();
  // The library mutates its context (it adds the JWT and its executor), so each request gets a new one.
  const sessionConfig = db.name === undefined ? {} : { sessionConfig: { database: db.name } };
  const context = () => ({ executionContext: driver, ...sessionConfig });
  return { name: "@neo4j/graphql", counter, prepare: (query) => prepared(schema, query, [], async () => context()) };
}

/**
 * Parses and validates the query once, as Apollo Server's document cache does
 * for a query it has seen, so that a call measures execution: resolvers,
 * Cypher, Neo4j and the result, for both APIs alike.
 */
function prepared(
  schema: GraphQLSchema,
  query: string,
  extraRules: readonly ValidationRule[],
  context: (document: DocumentNode, variables: Record<string, unknown>) => Promise<unknown>,
): Runnable {
  const document = parse(query);
  const problems = validate(schema, document, [...specifiedRules, ...extraRules]);
  if (problems.length > 0)
    throw new Error(`invalid benchmark query:\n${problems.map((p) => p.message).join("\n")}\n${query}`);
  return async (variables) => {
    const contextValue = await context(document, variables);
    const result = await execute({ schema, document, variableValues: variables, contextValue });
    if (result.errors?.length) {
      throw new Error(
        `GraphQL errors: ${JSON.stringify(
          result.errors.map((e) => ({ message: e.message, path: e.path })),
          null,
          2,
        )}`,
      );
    }
    return result.data as Record<string, unknown>;
  };
}
