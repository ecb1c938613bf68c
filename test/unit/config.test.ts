import { describe, expect, it } from "vitest";
import { isLoopback, jwtConfig, neo4jConfig } from "../../src/config.js";
import { checkListenAccess } from "../../src/server/listen-guard.js";

// The configuration from the environment: a wrong value is named by the
// variable a person sets, never by an argument of a program kmgraph runs.

describe("the embedded Neo4j's configuration", () => {
  it("names the variables that set its port and data directory, for messages", () => {
    expect(neo4jConfig({ KMGRAPH_NEO4J_DATA: "/tmp/store" })).toMatchObject({
      kind: "local",
      dataDir: "/tmp/store",
      port: 7687,
      settingNames: { port: "KMGRAPH_NEO4J_PORT", dataDir: "KMGRAPH_NEO4J_DATA" },
    });
  });

  it("refuses a bad size or port with the name of its variable", () => {
    expect(() => neo4jConfig({ KMGRAPH_NEO4J_HEAP: "lots" })).toThrow(/^KMGRAPH_NEO4J_HEAP must be a size/);
    expect(() => neo4jConfig({ KMGRAPH_NEO4J_PAGECACHE: "1.5 GB" })).toThrow(/^KMGRAPH_NEO4J_PAGECACHE must be a size/);
    expect(() => neo4jConfig({ KMGRAPH_NEO4J_PORT: "70000" })).toThrow(/^KMGRAPH_NEO4J_PORT must be a port number/);
    expect(neo4jConfig({ KMGRAPH_NEO4J_HEAP: "", KMGRAPH_NEO4J_PAGECACHE: "64m" })).toMatchObject({
      heap: "1g",
      pageCache: "64m",
    });
  });
});

describe("token verification's configuration", () => {
  const SECRET = "a-test-secret-of-at-least-32-bytes!!";

  it("is off when no variable is set, with the documented defaults otherwise", () => {
    expect(jwtConfig({})).toBeUndefined();
    expect(jwtConfig({ KMGRAPH_JWT_SECRET: SECRET })).toMatchObject({
      keys: { kind: "secret" },
      issuer: undefined,
      audience: undefined,
      clockToleranceSeconds: 0,
      rolesClaim: "roles",
      personClaim: "email",
      personMatch: "email",
    });
    const jwks = jwtConfig({
      KMGRAPH_JWKS_URL: "https://id.example.test/certs",
      KMGRAPH_JWT_ISSUER: "https://id.example.test",
      KMGRAPH_JWT_AUDIENCE: "kmgraph",
      KMGRAPH_JWT_CLOCK_TOLERANCE: "30",
      KMGRAPH_JWT_ROLES_CLAIM: "realm_access.roles",
      KMGRAPH_JWT_PERSON_CLAIM: "sub",
      KMGRAPH_JWT_PERSON_MATCH: "id",
    });
    expect(jwks).toMatchObject({ clockToleranceSeconds: 30, rolesClaim: "realm_access.roles", personMatch: "id" });
    expect(jwks?.keys.kind === "jwks" && jwks.keys.url.href).toBe("https://id.example.test/certs");
  });

  it("refuses contradictory, partial or bad settings, naming the variable", () => {
    const jwks = { KMGRAPH_JWKS_URL: "https://id.example.test/certs", KMGRAPH_JWT_ISSUER: "https://id.example.test" };
    expect(() => jwtConfig({ ...jwks, KMGRAPH_JWT_SECRET: SECRET })).toThrow(/KMGRAPH_JWKS_URL or KMGRAPH_JWT_SECRET/);
    expect(() => jwtConfig({ KMGRAPH_JWT_AUDIENCE: "kmgraph" })).toThrow(/^KMGRAPH_JWT_AUDIENCE is set but neither/);
    expect(() => jwtConfig(jwks)).toThrow(/^KMGRAPH_JWT_AUDIENCE must be set with KMGRAPH_JWKS_URL/);
    expect(() => jwtConfig({ KMGRAPH_JWKS_URL: "https://id.example.test/certs", KMGRAPH_JWT_AUDIENCE: "k" })).toThrow(
      /^KMGRAPH_JWT_ISSUER must be set/,
    );
    expect(() =>
      jwtConfig({ ...jwks, KMGRAPH_JWT_AUDIENCE: "k", KMGRAPH_JWKS_URL: "http://id.example.test/certs" }),
    ).toThrow(/^KMGRAPH_JWKS_URL must use https/);
    expect(() => jwtConfig({ KMGRAPH_JWKS_URL: "certs", KMGRAPH_JWT_ISSUER: "i", KMGRAPH_JWT_AUDIENCE: "a" })).toThrow(
      /^KMGRAPH_JWKS_URL must be a URL/,
    );
    expect(() => jwtConfig({ KMGRAPH_JWT_SECRET: "short" })).toThrow(/^KMGRAPH_JWT_SECRET must be at least 32 bytes/);
    for (const tolerance of ["-1", "1.5", "soon", "99999"]) {
      expect(() => jwtConfig({ KMGRAPH_JWT_SECRET: SECRET, KMGRAPH_JWT_CLOCK_TOLERANCE: tolerance })).toThrow(
        /^KMGRAPH_JWT_CLOCK_TOLERANCE must be a whole number of seconds/,
      );
    }
    expect(() => jwtConfig({ KMGRAPH_JWT_SECRET: SECRET, KMGRAPH_JWT_PERSON_MATCH: "name" })).toThrow(
      /^KMGRAPH_JWT_PERSON_MATCH must be email or id/,
    );
  });

  it("allows http for a JWKS only on loopback", () => {
    const env = { KMGRAPH_JWT_ISSUER: "i", KMGRAPH_JWT_AUDIENCE: "a" };
    expect(jwtConfig({ ...env, KMGRAPH_JWKS_URL: "http://127.0.0.1:8080/jwks" })?.keys.kind).toBe("jwks");
    expect(isLoopback("localhost")).toBe(true);
    expect(isLoopback("[::1]")).toBe(true);
    expect(isLoopback("0.0.0.0")).toBe(false);
    expect(isLoopback("127.0.0.1.example.test")).toBe(false);
  });
});

describe("listening without authentication", () => {
  it("is allowed on loopback only, and the refusal names the variables", () => {
    const none = { apiToken: undefined, jwt: undefined };
    expect(checkListenAccess({ ...none, host: "127.0.0.1" })).toMatch(/serving loopback only/);
    expect(() => checkListenAccess({ ...none, host: "0.0.0.0" })).toThrow(
      /^HOST=0\.0\.0\.0 would serve other machines without authentication: set KMGRAPH_JWKS_URL or KMGRAPH_JWT_SECRET \(or KMGRAPH_API_TOKEN\)/,
    );
    expect(() => checkListenAccess({ ...none, host: "192.168.1.20" })).toThrow(/^HOST=/);
    expect(checkListenAccess({ ...none, apiToken: "t", host: "0.0.0.0" })).toMatch(/the API token/);
  });
});
