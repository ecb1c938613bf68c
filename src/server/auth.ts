import { timingSafeEqual } from "node:crypto";
import { GraphQLError } from "graphql";

/**
 * With a token configured, every request must carry `Authorization: Bearer
 * <token>`; without one, the API is open (and main.ts listens on loopback
 * only by default). Compared in constant time so the token cannot be guessed
 * byte by byte from response times.
 */
export function checkBearerToken(expected: string | undefined, authorization: string | undefined): void {
  if (!expected) return;
  const given = /^Bearer (.+)$/.exec(authorization ?? "")?.[1] ?? "";
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new GraphQLError("missing or wrong API token: send Authorization: Bearer <token>", {
      extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
    });
  }
}
