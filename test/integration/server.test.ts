import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/paths.js";
import { useGraph } from "../support/graph.js";
import { freePort, testDatabaseEnv, waitForLine } from "../support/processes.js";

// `npm start` as a user runs it: the built server process, over HTTP.

// An empty graph, for the server to load the demo into.
useGraph();
let server: ChildProcess;
let url: string;

beforeAll(async () => {
  const port = await freePort();
  server = spawn(process.execPath, [join(PROJECT_ROOT, "dist", "server", "main.js")], {
    // The child uses NEO4J_URI (the test database), where the demo loads only when asked for.
    env: {
      ...testDatabaseEnv(),
      PORT: String(port),
      NODE_ENV: "production",
      KMGRAPH_DEMO: "true",
      KMGRAPH_API_TOKEN: TOKEN,
    },
    cwd: PROJECT_ROOT,
  });
  await waitForLine(server, /GraphQL API ready/);
  url = `http://localhost:${port}/graphql`;
});

afterAll(async () => {
  if (server.exitCode === null) server.kill("SIGTERM");
});

const TOKEN = "test-token-8f2c";

async function post(query: string, token: string | null = TOKEN) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query }) });
  return { status: response.status, body: (await response.json()) as any };
}

describe("the GraphQL server", () => {
  it("loads the demo organisation into an empty graph and serves it at /graphql", async () => {
    const { status, body } = await post(
      `{ projects { totalCount } people { totalCount } topics { totalCount } orgUnits { totalCount } }`,
    );
    expect(status).toBe(200);
    expect(body.data.projects.totalCount).toBeGreaterThanOrEqual(8);
    expect(body.data.people.totalCount).toBeGreaterThanOrEqual(30);
    expect(body.data.topics.totalCount).toBeGreaterThanOrEqual(40);
    expect(body.data.orgUnits.totalCount).toBe(4);
  });

  it("refuses requests without the API token, or with a wrong one", async () => {
    for (const token of [null, "wrong", `${TOKEN}x`]) {
      const { status, body } = await post(`{ projects { totalCount } }`, token);
      expect(status).toBe(401);
      expect(body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
      expect(body.data).toBeUndefined();
    }
  });

  it("answers bad input with a coded error and no stack trace", async () => {
    const { body } = await post(`mutation { deleteProject(id: "pr-none") { id } }`);
    expect(body.errors[0].extensions.code).toBe("NOT_FOUND");
    expect(body.errors[0].extensions.stacktrace).toBeUndefined();
  });

  it("hides the schema in production: no introspection, no field suggestions", async () => {
    const introspection = await post(`{ __schema { queryType { name } } }`);
    expect(introspection.body.errors[0].message).toMatch(/introspection is not allowed/i);
    const typo = await post(`{ projetcs { totalCount } }`);
    expect(typo.body.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(typo.body.errors[0].message).toMatch(/Cannot query field "projetcs"/);
    expect(typo.body.errors[0].message).not.toMatch(/Did you mean/);
  });

  it("stops cleanly on SIGTERM", async () => {
    const exited = new Promise<number | null>((resolve) => server.on("exit", resolve));
    server.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
