import { createRemoteJWKSet, errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from "jose";
import type { JwtConfig } from "../config.js";

/** Checks a compact JWT and returns its payload, or throws a `TokenRejected` with a short reason. */
export type TokenVerifier = (token: string) => Promise<JWTPayload>;

/** Why a token was refused, in words that quote nothing from it. */
export class TokenRejected extends Error {
  constructor(
    reason: string,
    /** The provider's keys could not be had: nothing is known about the token. */
    readonly unreachable = false,
    cause?: string,
  ) {
    super(reason, { cause });
    this.name = "TokenRejected";
  }
}

/**
 * The asymmetric algorithms a JWKS may sign with. Listing them keeps an HMAC
 * token keyed with a public key out ("algorithm confusion"), and `none` is
 * never accepted by jwtVerify.
 */
const ASYMMETRIC = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"];

/** Says, at most once a minute, that the provider could not be reached: the operator's problem, not the caller's. */
export type KeySetWarning = (message: string) => void;

const WARN_EVERY_MS = 60_000;

export function createTokenVerifier(config: JwtConfig, warn: KeySetWarning = () => {}): TokenVerifier {
  return rememberVerified(signatureVerifier(config, warn), { toleranceSeconds: config.clockToleranceSeconds });
}

/** How long a verified token is taken at its word without checking its signature again. */
export const REMEMBER_VERIFIED_MS = 60_000;
/** Tokens remembered at once; the least recently used goes first. */
export const REMEMBERED_TOKENS = 10_000;

interface Remembered {
  readonly payload: JWTPayload;
  /** Until when it may be served: the earlier of its expiry (with the tolerance) and REMEMBER_VERIFIED_MS after it was verified. */
  readonly untilMs: number;
}

/**
 * Remembers the tokens that verified, by their exact text, for at most
 * REMEMBER_VERIFIED_MS and never past their expiry. A dashboard sends the
 * same token with every request, and checking its signature (WebCrypto's
 * HMAC or RSA, asynchronous) was about 8 % of the server's CPU per project
 * dashboard. Only a success is remembered, and only for the very same
 * string, so nothing can be had from it without the token itself. A key the
 * provider withdraws is honoured within a minute, sooner than jose's own
 * cache of the provider's keys (ten minutes) notices it.
 */
export function rememberVerified(
  verify: TokenVerifier,
  options: { toleranceSeconds: number; ttlMs?: number; capacity?: number; now?: () => number },
): TokenVerifier {
  const ttlMs = options.ttlMs ?? REMEMBER_VERIFIED_MS;
  const capacity = options.capacity ?? REMEMBERED_TOKENS;
  const now = options.now ?? Date.now;
  const remembered = new Map<string, Remembered>();
  return async (token) => {
    const known = remembered.get(token);
    if (known) {
      remembered.delete(token);
      if (now() < known.untilMs) {
        remembered.set(token, known);
        return known.payload;
      }
    }
    const payload = await verify(token);
    // jwtVerify requires exp (requiredClaims), so it is a number here.
    const expiresMs = ((payload.exp as number) + options.toleranceSeconds) * 1000;
    remembered.set(token, { payload, untilMs: Math.min(expiresMs, now() + ttlMs) });
    while (remembered.size > capacity) remembered.delete(remembered.keys().next().value!);
    return payload;
  };
}

function signatureVerifier(config: JwtConfig, warn: KeySetWarning): TokenVerifier {
  const options = {
    issuer: config.issuer,
    audience: config.audience,
    clockTolerance: config.clockToleranceSeconds,
    requiredClaims: ["exp"],
  };
  if (config.keys.kind === "secret") {
    const secret = config.keys.secret;
    return (token) => verify(() => jwtVerify(token, secret, { ...options, algorithms: ["HS256"] }));
  }
  // Fetched on first use, cached, and fetched again when a token names an unknown key (rotation).
  const url = config.keys.url;
  const keySet: JWTVerifyGetKey = createRemoteJWKSet(url);
  let warnedAt = Number.NEGATIVE_INFINITY;
  return async (token) => {
    try {
      return await verify(() => jwtVerify(token, keySet, { ...options, algorithms: ASYMMETRIC }));
    } catch (error) {
      if (error instanceof TokenRejected && error.unreachable && Date.now() - warnedAt > WARN_EVERY_MS) {
        warnedAt = Date.now();
        // The URL is configuration and the cause is the fetch's; nothing of the token is in either.
        warn(`the JWKS at ${url.href} could not be fetched (${error.cause}); bearer JWTs are refused until it can`);
      }
      throw error;
    }
  };
}

async function verify(check: () => Promise<{ payload: JWTPayload }>): Promise<JWTPayload> {
  try {
    return (await check()).payload;
  } catch (error) {
    const unreachable = keysUnreachable(error);
    throw new TokenRejected(reasonFor(error), unreachable, unreachable ? describeCause(error) : undefined);
  }
}

function keysUnreachable(error: unknown): boolean {
  return (
    error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || !(error instanceof errors.JOSEError)
  );
}

function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}

function reasonFor(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "the token has expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "nbf") return "the token is not valid yet";
    if (error.claim === "iss") return "the token was issued by another issuer";
    if (error.claim === "aud") return "the token is meant for another audience";
    return `the token's "${error.claim}" claim is missing or invalid`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return "the token's signature does not verify";
  if (error instanceof errors.JOSEAlgNotAllowed) return "the token's signing algorithm is not accepted";
  if (error instanceof errors.JWKSNoMatchingKey) return "the token is signed with a key the provider does not publish";
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) {
    return "the provider's signing keys could not be fetched";
  }
  // Not jose's own error: the key set could not be reached, which says nothing about the token.
  if (!(error instanceof errors.JOSEError)) return "the token could not be verified now";
  return "the token is malformed";
}
