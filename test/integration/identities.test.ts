import { type ChildProcess, spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { exportJWK, exportSPKI, generateKeyPair, type JWK, SignJWT, UnsecuredJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/paths.js";
import { smallOrg } from "../fixtures/small-org.js";
import { useGraph } from "../support/graph.js";
import { freePort, testDatabaseEnv, waitForLine } from "../support/processes.js";

// The built server behind an OIDC provider as docs/security.md wires one: the
// provider is a JWKS served here on loopback, its tokens signed by keys made here.

const graph = useGraph(smallOrg);

const ISSUER = "http://127.0.0.1/realms/km";
const AUDIENCE = "kmgraph";
const API_TOKEN = "test-api-token-5d1e";
const KID = "km-key-1";

type Key = Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];
let signingKey: Key;
let strangerKey: Key;
let publicPem: string;
let jwks: Server;
let server: ChildProcess;
let serverLog = "";
let url: string;

function startServer(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [join(PROJECT_ROOT, "dist", "server", "main.js")], { env, cwd: PROJECT_ROOT });
}

beforeAll(async () => {
  const pair = await generateKeyPair("RS256");
  signingKey = pair.privateKey;
  strangerKey = (await generateKeyPair("RS256")).privateKey;
  publicPem = await exportSPKI(pair.publicKey);
  const publicJwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: KID, alg: "RS256", use: "sig" };
  jwks = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ keys: [publicJwk] }));
  });
  const jwksPort = await freePort();
  await new Promise<void>((resolve) => jwks.listen(jwksPort, "127.0.0.1", resolve));

  const port = await freePort();
  server = startServer({
    ...testDatabaseEnv(),
    PORT: String(port),
    NODE_ENV: "production",
    KMGRAPH_DEMO: "false",
    KMGRAPH_API_TOKEN: API_TOKEN,
    KMGRAPH_JWKS_URL: `http://127.0.0.1:${jwksPort}/realms/km/protocol/openid-connect/certs`,
    KMGRAPH_JWT_ISSUER: ISSUER,
    KMGRAPH_JWT_AUDIENCE: AUDIENCE,
    KMGRAPH_JWT_ROLES_CLAIM: "realm_access.roles",
  });
  server.stderr!.on("data", (chunk) => (serverLog += chunk));
  await waitForLine(server, /GraphQL API ready/);
  url = `http://localhost:${port}/graphql`;
});

afterAll(async () => {
  if (server?.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  await new Promise((resolve) => jwks?.close(resolve));
});

const now = () => Math.floor(Date.now() / 1000);

function token(claims: Record<string, unknown> = {}, key: Key = signingKey, kid = KID): Promise<string> {
  const defaults = { iss: ISSUER, aud: AUDIENCE, sub: "kc-ana", iat: now(), exp: now() + 300 };
  const roles = { realm_access: { roles: ["offline_access", "MEMBER"] } };
  return new SignJWT({ ...defaults, ...roles, email: "ana@example.org", ...claims })
    .setProtectedHeader({ alg: "RS256", kid })
    .sign(key);
}

const VIEWER = `{ viewer { role roles via subject person { id name } } }`;

async function post(query: string, authorization: string | null) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (authorization !== null) headers.authorization = authorization;
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query }) });
  return { status: response.status, body: (await response.json()) as any };
}

describe("a server verifying its provider's JWTs", () => {
  it("answers a valid token and resolves the caller's role and person", async () => {
    const { status, body } = await post(VIEWER, `Bearer ${await token()}`);
    expect(status).toBe(200);
    expect(body.data.viewer).toEqual({
      role: "MEMBER",
      roles: ["MEMBER"],
      via: "JWT",
      subject: "kc-ana",
      person: { id: "p-ana", name: "Ana Ruiz" },
    });
  });

  it("takes the highest known role, and makes a token without one a VIEWER", async () => {
    const lead = await token({ realm_access: { roles: ["KM_LEAD", "MEMBER", "uma_authorization"] } });
    expect((await post(VIEWER, `Bearer ${lead}`)).body.data.viewer).toMatchObject({
      role: "KM_LEAD",
      roles: ["MEMBER", "KM_LEAD"],
    });
    const none = await token({ realm_access: { roles: ["offline_access"] } });
    expect((await post(VIEWER, `Bearer ${none}`)).body.data.viewer).toMatchObject({ role: "VIEWER", roles: [] });
  });

  it("answers a caller the graph does not know, with no person", async () => {
    const { status, body } = await post(VIEWER, `Bearer ${await token({ email: "nobody@example.org" })}`);
    expect(status).toBe(200);
    expect(body.data.viewer.person).toBeNull();
  });

  it("keeps KMGRAPH_API_TOKEN as a single administrator's token", async () => {
    const { status, body } = await post(VIEWER, `Bearer ${API_TOKEN}`);
    expect(status).toBe(200);
    expect(body.data.viewer).toEqual({
      role: "ADMIN",
      roles: ["ADMIN"],
      via: "API_TOKEN",
      subject: null,
      person: null,
    });
  });

  it("refuses every bad credential with UNAUTHENTICATED, 401, no data, and a reason that quotes nothing of it", async () => {
    const cases: Record<string, string | null> = {
      missing: null,
      "not bearer": `Basic ${Buffer.from("ana:secret").toString("base64")}`,
      "wrong API token": `Bearer ${API_TOKEN}x`,
      expired: `Bearer ${await token({ iat: now() - 900, exp: now() - 600 })}`,
      "not yet valid": `Bearer ${await token({ nbf: now() + 600 })}`,
      "wrong issuer": `Bearer ${await token({ iss: "http://127.0.0.1/realms/other" })}`,
      "wrong audience": `Bearer ${await token({ aud: "another-app" })}`,
      "signed by a key the provider does not publish": `Bearer ${await token({}, strangerKey, "other-key")}`,
      "forged with the provider's key id": `Bearer ${await token({}, strangerKey)}`,
      "alg none": `Bearer ${new UnsecuredJWT({ iss: ISSUER, aud: AUDIENCE, realm_access: { roles: ["ADMIN"] } }).setExpirationTime("5m").encode()}`,
      malformed: "Bearer eyJhbGciOiJSUzI1NiJ9.bm90LWpzb24.c2ln",
      garbage: `Bearer ${"%00<script>' OR 1=1".replaceAll(" ", "_")}`,
      // Algorithm confusion: HS256 keyed with the provider's public key, which anyone can fetch.
      "HS256 keyed with the public key": `Bearer ${await new SignJWT({
        iss: ISSUER,
        aud: AUDIENCE,
        email: "ana@example.org",
        realm_access: { roles: ["ADMIN"] },
      })
        .setProtectedHeader({ alg: "HS256", kid: KID })
        .setExpirationTime("5m")
        .sign(new TextEncoder().encode(publicPem))}`,
    };
    for (const [name, authorization] of Object.entries(cases)) {
      const { status, body } = await post(VIEWER, authorization);
      expect({ name, status, code: body.errors?.[0]?.extensions?.code, data: body.data }).toEqual({
        name,
        status: 401,
        code: "UNAUTHENTICATED",
        data: undefined,
      });
      const credential = authorization?.split(" ")[1];
      if (credential) expect(body.errors[0].message).not.toContain(credential.slice(0, 16));
    }
  });

  it("refuses a valid token whose person has left (Person.active false)", async () => {
    const ben = `Bearer ${await token({ sub: "kc-ben", email: "ben@example.org" })}`;
    expect((await post(VIEWER, ben)).body.data.viewer.person).toEqual({ id: "p-ben", name: "Ben Okafor" });
    await graph.db.write((tx) => tx.run("MATCH (p:Person {id: 'p-ben'}) SET p.active = false"));
    try {
      const { status, body } = await post(VIEWER, ben);
      expect({ status, code: body.errors?.[0]?.extensions?.code, data: body.data }).toEqual({
        status: 401,
        code: "UNAUTHENTICATED",
        data: undefined,
      });
      expect(body.errors[0].message).toBe("the token's person is no longer active");
    } finally {
      await graph.db.write((tx) => tx.run("MATCH (p:Person {id: 'p-ben'}) SET p.active = true"));
    }
  });

  it("never logs a token or an e-mail address", async () => {
    const good = await token();
    await post(VIEWER, `Bearer ${good}`);
    expect(serverLog).toMatch(/GraphQL API ready/);
    expect(serverLog).not.toContain(good.slice(0, 16));
    expect(serverLog).not.toContain("ana@example.org");
    expect(serverLog).not.toContain(API_TOKEN);
  });
});

describe("a server without any auth configuration", () => {
  /** The test database's settings without any credential setting a developer's shell may hold. */
  function unauthenticatedEnv(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...testDatabaseEnv(), KMGRAPH_DEMO: "false" };
    for (const name of Object.keys(env)) if (/^KMGRAPH_(API_TOKEN|JWKS_URL|JWT_)/.test(name)) delete env[name];
    return env;
  }

  it("refuses to listen on 0.0.0.0, naming the variables", async () => {
    const child = startServer({ ...unauthenticatedEnv(), HOST: "0.0.0.0", PORT: String(await freePort()) });
    let log = "";
    child.stderr!.on("data", (chunk) => (log += chunk));
    try {
      // Refused before Neo4j is reached: it exits at once, or it has started serving.
      const code = await Promise.race([
        new Promise((resolve) => child.once("exit", resolve)),
        new Promise((resolve) => setTimeout(() => resolve("still running"), 20_000)),
      ]);
      expect(log).not.toMatch(/GraphQL API ready/);
      expect(code).toBe(1);
      expect(log).toMatch(/HOST=0\.0\.0\.0 would serve other machines without authentication/);
      expect(log).toMatch(/KMGRAPH_JWKS_URL or KMGRAPH_JWT_SECRET \(or KMGRAPH_API_TOKEN\)/);
    } finally {
      if (child.exitCode === null) child.kill("SIGTERM");
    }
  });

  it("serves loopback and says so at start-up", async () => {
    const port = await freePort();
    const child = startServer({ ...unauthenticatedEnv(), PORT: String(port) });
    try {
      const line = await waitForLine(child, /GraphQL API ready/);
      expect(line).toMatch(/no authentication configured .*: serving loopback only/);
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: `{ viewer { role via } }` }),
      });
      expect(((await response.json()) as any).data.viewer).toEqual({ role: "ADMIN", via: "NONE" });
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  });
});
