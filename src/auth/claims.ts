import { knownRoles, type Role } from "../model/roles.js";

/** The value at a dotted path of a token's payload (`realm_access.roles`); undefined when absent. */
export function claimAt(payload: Readonly<Record<string, unknown>>, path: string): unknown {
  // A claim whose own name has a dot (`https://example.com/roles`) wins over the path.
  if (Object.hasOwn(payload, path)) return payload[path];
  let value: unknown = payload;
  for (const step of path.split(".")) {
    if (typeof value !== "object" || value === null || Array.isArray(value) || !Object.hasOwn(value, step)) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

/**
 * The roles a claim grants: a string (one role, or several separated by
 * spaces as in an OAuth `scope`) or an array of strings. Names are compared
 * without regard to case; names kmgraph does not know are ignored.
 */
export function rolesIn(claim: unknown): Role[] {
  const names =
    typeof claim === "string"
      ? claim.split(/\s+/)
      : Array.isArray(claim)
        ? claim.filter((name): name is string => typeof name === "string")
        : [];
  return knownRoles(names.map((name) => name.trim().toUpperCase()));
}
