import { describe, expect, it } from "vitest";
import { Database } from "../../src/db/database.js";
import { AppError } from "../../src/errors.js";
import { useGraph } from "../support/graph.js";

// Neo4j ends a transaction that runs past the timeout, and the caller gets a
// coded TIMEOUT rather than an internal error.

const graph = useGraph();

/** Seconds of work for Neo4j, without any data. */
const SLOW = "UNWIND range(1, 200000000) AS x WITH x WHERE x = -1 RETURN count(x) AS n";

async function codeOf(work: Promise<unknown>): Promise<string> {
  const error = await work.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  return error instanceof AppError ? error.code : `not an AppError: ${String(error)}`;
}

describe("the transaction timeout", () => {
  it("stops a read, a read transaction and a write past it, with the code TIMEOUT", async () => {
    const limited = new Database(graph.db.driver, graph.db.name, 300);
    expect(await codeOf(limited.read(SLOW))).toBe("TIMEOUT");
    expect(await codeOf(limited.readTransaction((tx) => tx.run(SLOW)))).toBe("TIMEOUT");
    expect(await codeOf(limited.write((tx) => tx.run(SLOW)))).toBe("TIMEOUT");
    // Within the timeout, the same database answers as before.
    expect(await limited.read("RETURN 1 AS n")).toEqual([{ n: 1 }]);
  });
});
