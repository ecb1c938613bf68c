import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { createAuthenticator } from "../../src/auth/authenticator.js";
import { API_TOKEN_IDENTITY, LOCAL_IDENTITY } from "../../src/auth/identity.js";
import { jwtConfig } from "../../src/config.js";
import type { Database } from "../../src/db/database.js";

// The paths that never reach the graph: no token names a person here, so no
// database is given (any use of it would throw).

const NO_DATABASE = undefined as unknown as Database;
const SECRET = "a-test-secret-of-at-least-32-bytes!!";

async function failure(promise: Promise<unknown>) {
  const error = (await promise.then(
    () => null,
    (e: unknown) => e,
  )) as { message: string; extensions: Record<string, unknown> } | null;
  return error && { message: error.message, code: error.extensions.code, http: error.extensions.http };
}

describe("the authenticator", () => {
  it("makes every request the local administrator when nothing is configured", async () => {
    const authenticate = createAuthenticator({ apiToken: undefined, jwt: undefined }, NO_DATABASE);
    expect(await authenticate(undefined)).toBe(LOCAL_IDENTITY);
    expect(await authenticate("Bearer anything")).toBe(LOCAL_IDENTITY);
  });

  it("takes the API token as the administrator, and nothing else", async () => {
    const authenticate = createAuthenticator({ apiToken: "s3cret-token", jwt: undefined }, NO_DATABASE);
    expect(await authenticate("Bearer s3cret-token")).toBe(API_TOKEN_IDENTITY);
    for (const header of [undefined, "", "Bearer", "Bearer s3cret-tokenx", "Bearer s3cret-toke", "s3cret-token"]) {
      expect(await failure(authenticate(header))).toMatchObject({ code: "UNAUTHENTICATED", http: { status: 401 } });
    }
  });

  it("gives a verified JWT its roles and subject, and no person when it names none", async () => {
    const authenticate = createAuthenticator(
      { apiToken: "s3cret-token", jwt: jwtConfig({ KMGRAPH_JWT_SECRET: SECRET }) },
      NO_DATABASE,
    );
    const jwt = await new SignJWT({ sub: "u-7", roles: "member km_lead" })
      .setProtectedHeader({ alg: "HS256" })
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode(SECRET));
    expect(await authenticate(`Bearer ${jwt}`)).toEqual({
      role: "KM_LEAD",
      roles: ["MEMBER", "KM_LEAD"],
      subject: "u-7",
      personId: null,
      via: "jwt",
    });
    expect(await authenticate("Bearer s3cret-token")).toBe(API_TOKEN_IDENTITY);
    const refused = await failure(authenticate(`Bearer ${jwt.slice(0, -2)}xx`));
    expect(refused).toMatchObject({ code: "UNAUTHENTICATED", http: { status: 401 } });
    expect(refused?.message).not.toContain(jwt.slice(0, 16));
  });
});
