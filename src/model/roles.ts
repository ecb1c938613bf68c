/**
 * What a caller may do, weakest first: the order is the ranking that
 * `highestRole` uses when a token carries several.
 */
export enum Role {
  VIEWER = "VIEWER",
  MEMBER = "MEMBER",
  KM_LEAD = "KM_LEAD",
  ADMIN = "ADMIN",
}

const RANK: readonly Role[] = [Role.VIEWER, Role.MEMBER, Role.KM_LEAD, Role.ADMIN];

/** The known roles among `names`, in rank order, without repeats; anything else is ignored. */
export function knownRoles(names: readonly string[]): Role[] {
  return RANK.filter((role) => names.includes(role));
}

/**
 * The strongest of `roles`. A caller whose token names no role we know is a
 * VIEWER: authenticated people may read, and granting more is the provider's
 * job (docs/security.md, "Identities").
 */
export function highestRole(roles: readonly Role[]): Role {
  return RANK.filter((role) => roles.includes(role)).at(-1) ?? Role.VIEWER;
}

/** Whether `role` may do what `needed` may. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return RANK.indexOf(role) >= RANK.indexOf(needed);
}
