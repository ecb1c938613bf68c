import neo4j from "neo4j-driver";
import { afterAll, describe, expect, it } from "vitest";
import { createContext } from "../../src/context/context.js";
import { Database } from "../../src/db/database.js";
import { AppError } from "../../src/errors.js";
import { createApolloServer } from "../../src/server/app.js";
import { freePort } from "../support/processes.js";

// A Neo4j that cannot be reached: requests fail fast with SERVICE_UNAVAILABLE
// (HTTP 503, Retry-After), and a write says it was not committed.

const port = await freePort();
const driver = neo4j.driver(`bolt://127.0.0.1:${port}`, undefined, {
  connectionTimeout: 500,
  connectionAcquisitionTimeout: 500,
  maxTransactionRetryTime: 500,
});
const db = new Database(driver, undefined);
afterAll(() => driver.close());

async function failure(work: () => Promise<unknown>): Promise<AppError> {
  const error = await work().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("a Neo4j nothing answers for", () => {
  it("fails a read with SERVICE_UNAVAILABLE", async () => {
    const error = await failure(() => db.read("RETURN 1"));
    expect(error.code).toBe("SERVICE_UNAVAILABLE");
    expect(error.details).toEqual({});
  });

  it("fails a write with SERVICE_UNAVAILABLE, saying nothing was written", async () => {
    const error = await failure(() => db.write((tx) => tx.run("CREATE (:Nothing)")));
    expect(error.code).toBe("SERVICE_UNAVAILABLE");
    expect(error.details).toEqual({ committed: false });
    expect(error.message).toContain("nothing was written");
  });

  it("answers a GraphQL request 503 with Retry-After", async () => {
    const server = await createApolloServer({ development: false, logError: () => {} });
    await server.start();
    const response = await server.executeOperation(
      { query: "{ topics { totalCount } }" },
      { contextValue: createContext(db) },
    );
    expect(response.http.status).toBe(503);
    expect(response.http.headers.get("retry-after")).toBe("5");
    const body = response.body.kind === "single" ? response.body.singleResult : undefined;
    expect(body?.errors?.[0]?.extensions?.code).toBe("SERVICE_UNAVAILABLE");
    await server.stop();
  });
});
