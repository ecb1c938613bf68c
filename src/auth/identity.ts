import { Role } from "../model/roles.js";

/** How the caller was recognised. */
export type IdentityVia = "jwt" | "api-token" | "none";

/** Who a request comes from, decided once per request before any resolver runs. */
export interface Identity {
  /** The strongest of `roles`: what the caller may do. */
  readonly role: Role;
  readonly roles: readonly Role[];
  /** The token's `sub`; null without a token. */
  readonly subject: string | null;
  /** The Person the token names, when the graph has one. */
  readonly personId: string | null;
  readonly via: IdentityVia;
}

/**
 * The caller when kmgraph checks no credentials: the CLI, the tests, and a
 * server without auth configuration (which listens on loopback only). Whoever
 * can reach it there can reach the database too, so it is an administrator.
 */
export const LOCAL_IDENTITY: Identity = Object.freeze({
  role: Role.ADMIN,
  roles: Object.freeze([Role.ADMIN]),
  subject: null,
  personId: null,
  via: "none",
});

/** The holder of KMGRAPH_API_TOKEN: a single administrator, with no person. */
export const API_TOKEN_IDENTITY: Identity = Object.freeze({
  role: Role.ADMIN,
  roles: Object.freeze([Role.ADMIN]),
  subject: null,
  personId: null,
  via: "api-token",
});
