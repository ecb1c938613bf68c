import "reflect-metadata";
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { servePrefetched } from "../nested-read/index.js";
import { resolvers } from "../resolvers/index.js";

let built: Promise<GraphQLSchema> | undefined;

/** The executable schema, built once per process. */
export function kmgraphSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({ resolvers, validate: false }).then((schema) => {
    servePrefetched(schema);
    return schema;
  });
  return built;
}

/** The SDL committed as `schema.graphql`, sorted so that diffs stay readable. */
export async function schemaSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await kmgraphSchema()))}\n`;
}
