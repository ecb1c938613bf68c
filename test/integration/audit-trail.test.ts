import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ApolloServer } from "@apollo/server";
import { GraphQLError } from "graphql";
import neo4j from "neo4j-driver";
import { beforeEach, describe, expect, it } from "vitest";
import { auditPruneCommand, pruneBefore } from "../../src/cli/audit.js";
import { type Context, createContext } from "../../src/context/context.js";
import { Database } from "../../src/db/database.js";
import { Role } from "../../src/model/roles.js";
import { AuditOutcome } from "../../src/repositories/audit.js";
import { auditPlugin } from "../../src/server/audit.js";
import { kmgraphSchema } from "../../src/server/schema.js";
import { AuditService } from "../../src/services/audit-service.js";
import { smallOrg } from "../fixtures/small-org.js";
import { testDatabaseConfig } from "../support/database-config.js";
import { countRoundTrips, execute, query, useGraph } from "../support/graph.js";
import { runCli } from "../support/processes.js";

// Every mutation field is recorded once, with its outcome, ids and counts,
// outside the model: never exported, and readable after a reconnect.

const graph = useGraph(smallOrg, { eachTest: true });

beforeEach(async () => {
  await graph.db.write((tx) => tx.run("MATCH (e:AuditEntry) DETACH DELETE e"));
});

const LOG = `query ($filter: AuditFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id at operation outcome errorCode targetIds targetCount requestId
      actor { role via subject personId } counts { subject change count } } }
  }
}`;

async function entries(variables: Record<string, unknown> = {}) {
  const data = await query(graph, LOG, variables);
  return data.auditLog.edges.map((edge: { node: unknown }) => edge.node) as any[];
}

describe("audit trail", () => {
  it("records create, update and delete with ids and counts, newest first", async () => {
    await query(
      graph,
      `mutation {
        createTopic(input: { id: "t-audit", name: "Audit topic" }) { id }
        updateTopic(id: "t-audit", input: { description: "secret words" }) { id }
      }`,
    );
    await query(graph, `mutation { deleteTopic(id: "t-audit") { id } }`);
    const log = await entries();
    expect(log.map((e) => [e.operation, e.outcome, e.targetIds])).toEqual([
      ["deleteTopic", "OK", ["t-audit"]],
      ["updateTopic", "OK", ["t-audit"]],
      ["createTopic", "OK", ["t-audit"]],
    ]);
    expect(log[2].counts).toEqual([{ subject: "Topic", change: "created", count: 1 }]);
    expect(log[0].counts).toContainEqual({ subject: "Topic", change: "deleted", count: 1 });
    expect(log[0].actor).toEqual({ role: "ADMIN", via: "none", subject: null, personId: null });
    // Input values other than ids never reach the entry.
    expect(JSON.stringify(log)).not.toContain("secret words");
    expect(JSON.stringify(log)).not.toContain("Audit topic");
  });

  it("records a failed mutation as FAILED with its code, and nothing else of it", async () => {
    const result = await execute(graph, `mutation { updateTopic(id: "t-none", input: { name: "x" }) { id } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const [entry] = await entries();
    expect(entry).toMatchObject({
      operation: "updateTopic",
      outcome: "FAILED",
      errorCode: "NOT_FOUND",
      targetIds: ["t-none"],
      counts: [],
    });
  });

  it("records an import document with its ids and counts", async () => {
    const document = {
      topics: [
        { id: "t-imp-1", name: "Imported one" },
        { id: "t-imp-2", name: "Imported two" },
      ],
    };
    await query(graph, `mutation ($d: JSONObject!) { importDocument(document: $d) { nodes { label } } }`, {
      d: document,
    });
    const [entry] = await entries({ filter: { operation: "importDocument" } });
    expect(entry.outcome).toBe("OK");
    expect(entry.targetIds).toEqual(["t-imp-1", "t-imp-2"]);
    expect(entry.targetCount).toBe(2);
    expect(entry.counts).toContainEqual({ subject: "Topic", change: "created", count: 2 });
  });

  it("writes its entry apart from the operation's statements, which countRoundTrips leaves out", async () => {
    const audited: string[] = [];
    const stop = graph.db.observe((event) => {
      if (event.audit) audited.push(event.cypher);
    });
    try {
      const { queries } = await countRoundTrips(graph.db, () =>
        query(graph, `mutation { createTopic(input: { id: "t-count", name: "Counted" }) { id } }`),
      );
      expect(queries.some((q) => q.cypher.includes("AuditEntry"))).toBe(false);
      expect(audited).toHaveLength(1);
    } finally {
      stop();
    }
  });

  it("pages newest first and filters by operation, outcome and time", async () => {
    const before = new Date().toISOString();
    for (const n of [1, 2, 3]) {
      await query(graph, `mutation { createTopic(input: { id: "t-page-${n}", name: "Page ${n}" }) { id } }`);
    }
    await execute(graph, `mutation { deleteTopic(id: "t-gone") { id } }`);
    const first = await query(graph, LOG, { first: 2 });
    expect(first.auditLog.totalCount).toBe(4);
    expect(first.auditLog.pageInfo.hasNextPage).toBe(true);
    const next = await query(graph, LOG, { first: 2, after: first.auditLog.pageInfo.endCursor });
    const ids = [...first.auditLog.edges, ...next.auditLog.edges].map((e: any) => e.node.targetIds[0]);
    expect(ids).toEqual(["t-gone", "t-page-3", "t-page-2", "t-page-1"]);
    expect((await entries({ filter: { outcome: "FAILED" } })).map((e) => e.operation)).toEqual(["deleteTopic"]);
    expect(await entries({ filter: { operation: "createTopic" } })).toHaveLength(3);
    expect(await entries({ filter: { from: before } })).toHaveLength(4);
    expect(await entries({ filter: { to: before } })).toHaveLength(0);
  });

  it("keeps entries out of the export, and they survive a new connection", async () => {
    await query(graph, `mutation { createTopic(input: { id: "t-kept", name: "Kept" }) { id } }`);
    const exported = await query(graph, `{ exportDocument }`);
    expect(JSON.stringify(exported)).not.toContain("AuditEntry");
    expect(JSON.stringify(exported)).not.toContain("createTopic");
    const config = testDatabaseConfig();
    const auth = config.password ? neo4j.auth.basic(config.username, config.password) : undefined;
    const other = new Database(neo4j.driver(config.uri, auth, { disableLosslessIntegers: true }), config.database);
    try {
      const rows = await other.read("MATCH (e:AuditEntry {operation: 'createTopic'}) RETURN e.targetIds AS ids");
      expect(rows).toEqual([{ ids: ["t-kept"] }]);
    } finally {
      await other.close();
    }
  });

  it("records an operation refused with FORBIDDEN before execution as DENIED, one entry per root field", async () => {
    // What access control does: refuse the whole operation once it is resolved, before any resolver.
    const server = new ApolloServer<Context>({
      schema: await kmgraphSchema(),
      plugins: [
        {
          async requestDidStart() {
            return {
              async didResolveOperation() {
                throw new GraphQLError("the VIEWER role may not use Mutation.deleteTopic", {
                  extensions: { code: "FORBIDDEN" },
                });
              },
            };
          },
        },
        auditPlugin(() => {}),
      ],
    });
    const viewer = { role: "VIEWER", roles: ["VIEWER"], subject: "sub-1", personId: "p-viewer", via: "jwt" } as const;
    const response = await server.executeOperation(
      { query: `mutation { deleteTopic(id: "t-a") { id } unlinkBroader(topic: "t-a", broader: "t-b") { changed } }` },
      { contextValue: createContext(graph.db, viewer as never) },
    );
    expect(response.body.kind === "single" && response.body.singleResult.errors?.[0]?.extensions?.code).toBe(
      "FORBIDDEN",
    );
    const log = await entries();
    expect(log.map((e) => [e.operation, e.outcome, e.errorCode, [...e.targetIds].sort()])).toEqual([
      ["unlinkBroader", "DENIED", "FORBIDDEN", ["t-a", "t-b"]],
      ["deleteTopic", "DENIED", "FORBIDDEN", ["t-a"]],
    ]);
    expect(log[0].actor).toEqual({ role: "VIEWER", via: "jwt", subject: "sub-1", personId: "p-viewer" });
  });

  it("records kmgraph import, done and failed, as the local administrator", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kmgraph-audit-"));
    const good = join(dir, "good.json");
    await writeFile(good, JSON.stringify({ topics: [{ id: "t-cli-1", name: "From the command line" }] }));
    expect((await runCli(["import", good])).code).toBe(0);
    const bad = join(dir, "bad.json");
    await writeFile(bad, JSON.stringify({ topics: [{ id: "t-cli-2" }] }));
    expect((await runCli(["import", bad])).code).toBe(1);
    const log = await entries({ filter: { operation: "import" } });
    expect(log.map((e) => [e.outcome, e.errorCode])).toEqual([
      ["FAILED", "BAD_USER_INPUT"],
      ["OK", null],
    ]);
    expect(log[1].counts).toContainEqual({ subject: "Topic", change: "created", count: 1 });
    expect(log[1].targetCount).toBe(1);
    expect(log[1].actor).toMatchObject({ role: "ADMIN", via: "none", personId: null });
  });

  it("is pruned before a date by kmgraph audit prune, which records the pruning", async () => {
    const actor = { role: Role.ADMIN, via: "none", subject: "operator", personId: null };
    const at = (time: string) => ({ actor, operation: "createTopic", outcome: AuditOutcome.OK, at: new Date(time) });
    await new AuditService(graph.db).record([
      at("2025-01-01T10:00:00Z"),
      at("2025-05-31T23:59:59Z"),
      at("2025-06-01T00:00:00Z"),
    ]);
    const logged: string[] = [];
    expect(await auditPruneCommand(graph.db, pruneBefore("2025-06-01"), actor, (line) => logged.push(line))).toBe(2);
    expect(logged).toEqual(["deleted 2 audit entries recorded before 2025-06-01"]);
    const log = await entries();
    expect(log.map((e) => [e.operation, e.at])).toEqual([
      ["audit prune", expect.any(String)],
      ["createTopic", "2025-06-01T00:00:00.000Z"],
    ]);
    expect(log[0].counts).toEqual([{ subject: "AuditEntry", change: "deleted", count: 2 }]);

    for (const bad of [undefined, "yesterday", "2025-13-01", "2025-06-01 00:00", "2025-06-01T00:00:00"]) {
      expect(() => pruneBefore(bad), String(bad)).toThrow(/--before DATE/);
    }
    const usage = await runCli(["audit", "prune", "--before", "soon"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('got "soon"');
  });
});
