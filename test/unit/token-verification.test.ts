import { generateKeyPair, SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import { claimAt, rolesIn } from "../../src/auth/claims.js";
import { createTokenVerifier, rememberVerified, TokenRejected } from "../../src/auth/token-verifier.js";
import { type JwtConfig, jwtConfig } from "../../src/config.js";
import { highestRole, Role } from "../../src/model/roles.js";

// Tokens signed here with keys made here: no provider, no network.

const SECRET = "a-test-secret-of-at-least-32-bytes!!";
const ISSUER = "https://id.example.test/realms/km";
const AUDIENCE = "kmgraph";

function hsConfig(overrides: Partial<JwtConfig> = {}): JwtConfig {
  const config = jwtConfig({
    KMGRAPH_JWT_SECRET: SECRET,
    KMGRAPH_JWT_ISSUER: ISSUER,
    KMGRAPH_JWT_AUDIENCE: AUDIENCE,
  });
  if (!config) throw new Error("no config");
  return { ...config, ...overrides };
}

const now = () => Math.floor(Date.now() / 1000);

function token(claims: Record<string, unknown> = {}, key: Uint8Array = new TextEncoder().encode(SECRET)) {
  const defaults = { iss: ISSUER, aud: AUDIENCE, sub: "u-1", iat: now(), exp: now() + 300 };
  return new SignJWT({ ...defaults, email: "ada@example.test", roles: ["MEMBER"], ...claims })
    .setProtectedHeader({ alg: "HS256" })
    .sign(key);
}

async function rejection(verify: (token: string) => Promise<unknown>, jwt: string): Promise<string> {
  const error = await verify(jwt).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TokenRejected);
  const message = (error as Error).message;
  // The reason never quotes the token.
  expect(message).not.toContain(jwt.slice(0, 20));
  return message;
}

describe("HS256 tokens", () => {
  const verify = createTokenVerifier(hsConfig());

  it("accepts a valid token and returns its claims", async () => {
    const payload = await verify(await token());
    expect(payload).toMatchObject({ sub: "u-1", email: "ada@example.test", roles: ["MEMBER"] });
  });

  it("refuses an expired token", async () => {
    const expired = await token({ exp: now() - 60 });
    expect(await rejection(verify, expired)).toBe("the token has expired");
  });

  it("accepts a token expired within the clock tolerance", async () => {
    const lenient = createTokenVerifier(hsConfig({ clockToleranceSeconds: 120 }));
    await expect(lenient(await token({ exp: now() - 60 }))).resolves.toMatchObject({ sub: "u-1" });
  });

  it("refuses a token that is not valid yet (nbf in the future)", async () => {
    expect(await rejection(verify, await token({ nbf: now() + 600 }))).toBe("the token is not valid yet");
  });

  it("refuses a token without an expiry", async () => {
    const endless = await new SignJWT({ roles: ["ADMIN"] })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .sign(new TextEncoder().encode(SECRET));
    expect(await rejection(verify, endless)).toMatch(/"exp" claim/);
  });

  it("refuses a wrong issuer or audience", async () => {
    expect(await rejection(verify, await token({ iss: "https://evil.example.test" }))).toBe(
      "the token was issued by another issuer",
    );
    expect(await rejection(verify, await token({ aud: "another-app" }))).toBe(
      "the token is meant for another audience",
    );
  });

  it("refuses a token signed with another secret (forged)", async () => {
    const forged = await token({}, new TextEncoder().encode("another-secret-that-is-32-bytes-long"));
    expect(await rejection(verify, forged)).toBe("the token's signature does not verify");
  });

  it("refuses a token whose payload was changed after signing", async () => {
    const [header, , signature] = (await token()).split(".");
    const payload = Buffer.from(
      JSON.stringify({ iss: ISSUER, aud: AUDIENCE, exp: now() + 300, roles: ["ADMIN"] }),
    ).toString("base64url");
    expect(await rejection(verify, `${header}.${payload}.${signature}`)).toBe("the token's signature does not verify");
  });

  it('refuses alg "none"', async () => {
    const unsigned = new UnsecuredJWT({ roles: ["ADMIN"] })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime("5m")
      .encode();
    expect(await rejection(verify, unsigned)).toBe("the token's signing algorithm is not accepted");
  });

  it("refuses malformed tokens", async () => {
    for (const bad of ["not-a-jwt", "a.b.c", "..", `${(await token()).slice(0, -3)}!!!`]) {
      expect(await rejection(verify, bad)).toMatch(/malformed|signature/);
    }
  });
});

describe("tokens signed with a key pair (the JWKS path's algorithms)", () => {
  it("refuses an RS256 token when the server expects HS256", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    const rs = await new SignJWT({})
      .setProtectedHeader({ alg: "RS256" })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime("5m")
      .sign(privateKey);
    expect(await rejection(createTokenVerifier(hsConfig()), rs)).toBe("the token's signing algorithm is not accepted");
  });
});

describe("a provider that cannot be reached", () => {
  it("refuses the token as not verifiable now, and tells the operator once, without the token", async () => {
    // A loopback port nothing listens on: the fetch fails at once.
    const config = jwtConfig({
      KMGRAPH_JWKS_URL: "http://127.0.0.1:9/realms/km/certs",
      KMGRAPH_JWT_ISSUER: ISSUER,
      KMGRAPH_JWT_AUDIENCE: AUDIENCE,
    })!;
    const warnings: string[] = [];
    const verify = createTokenVerifier(config, (message) => warnings.push(message));
    const { privateKey } = await generateKeyPair("RS256");
    const rs = await new SignJWT({ email: "ada@example.test" })
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime("5m")
      .sign(privateKey);
    expect(await rejection(verify, rs)).toBe("the token could not be verified now");
    expect(await rejection(verify, rs)).toBe("the token could not be verified now");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("the JWKS at http://127.0.0.1:9/realms/km/certs could not be fetched");
    expect(warnings[0]).not.toContain(rs.split(".")[1]!);
    expect(warnings[0]).not.toContain("ada@example.test");
  });
});

describe("roles from claims", () => {
  it("reads a role claim at a dotted path (Keycloak's realm_access.roles)", () => {
    const payload = { realm_access: { roles: ["offline_access", "km_lead", "uma_authorization"] } };
    expect(rolesIn(claimAt(payload, "realm_access.roles"))).toEqual([Role.KM_LEAD]);
    expect(claimAt(payload, "realm_access.missing")).toBeUndefined();
    expect(claimAt(payload, "nothing.here")).toBeUndefined();
  });

  it("prefers a claim whose own name holds dots (namespaced claims, as Auth0's)", () => {
    expect(claimAt({ "https://km.example/roles": ["ADMIN"] }, "https://km.example/roles")).toEqual(["ADMIN"]);
  });

  it("reads a string or an array, ignores unknown roles and non-strings", () => {
    expect(rolesIn("MEMBER")).toEqual([Role.MEMBER]);
    expect(rolesIn("viewer admin")).toEqual([Role.VIEWER, Role.ADMIN]);
    expect(rolesIn(["SUPERUSER", 7, null, "MEMBER", "MEMBER"])).toEqual([Role.MEMBER]);
    expect(rolesIn(undefined)).toEqual([]);
    expect(rolesIn({ ADMIN: true })).toEqual([]);
  });

  it("takes the highest role, and VIEWER when the token names none kmgraph knows", () => {
    expect(highestRole([Role.MEMBER, Role.ADMIN, Role.VIEWER])).toBe(Role.ADMIN);
    expect(highestRole(rolesIn(["SUPERUSER"]))).toBe(Role.VIEWER);
    expect(highestRole([])).toBe(Role.VIEWER);
  });
});

describe("verified tokens remembered", () => {
  const counting = () => {
    const calls: string[] = [];
    const verify = async (jwt: string) => {
      calls.push(jwt);
      if (jwt.startsWith("bad")) throw new TokenRejected("the token's signature does not verify");
      return { sub: "u-1", exp: Number(jwt.split(":")[1]) };
    };
    return { calls, verify };
  };

  it("checks a token's signature once while it is remembered, and a different token again", async () => {
    let clock = 1_000_000;
    const { calls, verify } = counting();
    const remembered = rememberVerified(verify, { toleranceSeconds: 0, ttlMs: 60_000, now: () => clock });
    const exp = clock / 1000 + 3600;
    await remembered(`good:${exp}`);
    clock += 59_000;
    await expect(remembered(`good:${exp}`)).resolves.toMatchObject({ sub: "u-1" });
    await remembered(`good:${exp + 1}`);
    expect(calls).toEqual([`good:${exp}`, `good:${exp + 1}`]);
    clock += 2_000;
    await remembered(`good:${exp}`);
    expect(calls).toHaveLength(3);
  });

  it("never serves a remembered token past its expiry", async () => {
    let clock = 1_000_000;
    const { calls, verify } = counting();
    const remembered = rememberVerified(verify, { toleranceSeconds: 5, ttlMs: 60_000, now: () => clock });
    const exp = clock / 1000 + 10;
    await remembered(`good:${exp}`);
    clock += 14_000;
    await remembered(`good:${exp}`);
    expect(calls).toHaveLength(1);
    // Past exp + tolerance: verified again, which is where an expired token is refused.
    clock += 2_000;
    await remembered(`good:${exp}`);
    expect(calls).toHaveLength(2);
  });

  it("remembers no refusal, and at most its capacity", async () => {
    const { calls, verify } = counting();
    const remembered = rememberVerified(verify, { toleranceSeconds: 0, capacity: 2 });
    const exp = Math.floor(Date.now() / 1000) + 3600;
    await expect(remembered("bad")).rejects.toThrow(TokenRejected);
    await expect(remembered("bad")).rejects.toThrow(TokenRejected);
    for (const n of [1, 2, 3, 1]) await remembered(`good:${exp}:${n}`);
    expect(calls).toEqual(["bad", "bad", `good:${exp}:1`, `good:${exp}:2`, `good:${exp}:3`, `good:${exp}:1`]);
  });

  it("refuses an expired token from the real verifier even after it was accepted", async () => {
    const verify = createTokenVerifier(hsConfig());
    const jwt = await token({ exp: now() + 1 });
    await expect(verify(jwt)).resolves.toMatchObject({ sub: "u-1" });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await rejection(verify, jwt)).toBe("the token has expired");
  });
});
