import { authRequired } from "../auth/authenticator.js";
import { type Config, isLoopback } from "../config.js";

/**
 * Without auth configuration anyone who can reach the API can read and write
 * it, people data included: that is only acceptable on loopback. Refuses a
 * HOST that other machines can reach; returns the start-up line that says
 * how the API is protected.
 */
export function checkListenAccess(config: Pick<Config, "host" | "apiToken" | "jwt">): string {
  if (authRequired(config)) {
    const ways = [config.jwt ? "a verified JWT" : "", config.apiToken ? "the API token" : ""].filter(Boolean);
    return `bearer credentials required: ${ways.join(" or ")}`;
  }
  if (!isLoopback(config.host)) {
    throw new Error(
      `HOST=${config.host} would serve other machines without authentication: set KMGRAPH_JWKS_URL or KMGRAPH_JWT_SECRET (or KMGRAPH_API_TOKEN), or leave HOST unset to serve loopback only`,
    );
  }
  return "no authentication configured (KMGRAPH_JWKS_URL, KMGRAPH_JWT_SECRET, KMGRAPH_API_TOKEN): serving loopback only, anyone on this machine can read and write";
}
