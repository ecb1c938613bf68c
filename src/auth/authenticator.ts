import { timingSafeEqual } from "node:crypto";
import type { GraphQLError } from "graphql";
import type { Config } from "../config.js";
import { cypherFile } from "../db/cypher-files.js";
import type { Database } from "../db/database.js";
import { highestRole } from "../model/roles.js";
import { claimAt, rolesIn } from "./claims.js";
import { API_TOKEN_IDENTITY, type Identity, LOCAL_IDENTITY } from "./identity.js";
import { createTokenVerifier, type KeySetWarning, TokenRejected } from "./token-verifier.js";
import { unauthenticated } from "./unauthenticated.js";

/** The identity of a request from its `Authorization` header; throws UNAUTHENTICATED (401). */
export type Authenticator = (authorization: string | undefined) => Promise<Identity>;

export type AuthConfig = Pick<Config, "apiToken" | "jwt">;

/** Whether requests must carry credentials at all. */
export function authRequired(config: AuthConfig): boolean {
  return config.apiToken !== undefined || config.jwt !== undefined;
}

/**
 * Without any auth configuration every request is the local identity (the
 * server then listens on loopback only). Otherwise a request must carry
 * `Authorization: Bearer <credential>`: KMGRAPH_API_TOKEN, compared in
 * constant time, or a JWT that verifies.
 */
export function createAuthenticator(config: AuthConfig, db: Database, warn?: KeySetWarning): Authenticator {
  if (!authRequired(config)) return async () => LOCAL_IDENTITY;
  const apiToken = config.apiToken ? Buffer.from(config.apiToken) : undefined;
  const jwt = config.jwt;
  const verify = jwt ? createTokenVerifier(jwt, warn) : undefined;
  const lookup = jwt ? cypherFile(jwt.personMatch === "email" ? "auth/person-by-email" : "auth/person-by-id") : "";

  return async (authorization) => {
    const credential = /^Bearer +(\S+) *$/i.exec(authorization ?? "")?.[1];
    if (!credential) throw missing(config);
    if (apiToken && sameBytes(Buffer.from(credential), apiToken)) return API_TOKEN_IDENTITY;
    if (!verify || !jwt) throw unauthenticated("wrong API token");
    let payload: Record<string, unknown>;
    try {
      payload = await verify(credential);
    } catch (error) {
      if (error instanceof TokenRejected) throw unauthenticated(error.message);
      throw error;
    }
    const roles = rolesIn(claimAt(payload, jwt.rolesClaim));
    const named = claimAt(payload, jwt.personClaim);
    const [row] = typeof named === "string" && named !== "" ? await db.read(lookup, { value: named }) : [];
    // Someone who has left keeps a valid token until it expires; the graph, not the provider, knows they left.
    if (row?.active === false) throw unauthenticated("the token's person is no longer active");
    return {
      role: highestRole(roles),
      roles,
      subject: typeof payload.sub === "string" ? payload.sub : null,
      personId: typeof row?.id === "string" ? row.id : null,
      via: "jwt",
    };
  };
}

function missing(config: AuthConfig): GraphQLError {
  const what = config.jwt ? "a bearer token" : "the API token";
  return unauthenticated(`authentication required: send Authorization: Bearer <token> with ${what}`);
}

/** Constant time, so that a token cannot be guessed byte by byte from response times. */
function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
