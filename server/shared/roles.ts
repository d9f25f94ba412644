// Who may do what: every permission and the roles that hold it, in one table
// (the README's roles table is this file in words).

export const ROLES = ["trust-admin", "data-manager", "leader", "governor", "academy"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  /** Read the trust's academies, evidence, designations, cards and overview (academy users and governors: their own academies). */
  read: ["trust-admin", "data-manager", "leader", "governor", "academy"],
  /** Evaluate frameworks with no stored data (presets); may also be open to anyone, see PUBLIC_EVALUATION. */
  evaluate: ["trust-admin", "data-manager", "leader", "governor", "academy"],
  manageFrameworks: ["trust-admin"],
  manageAcademies: ["trust-admin", "data-manager"],
  recordEvidence: ["trust-admin", "data-manager"],
  confirmDesignations: ["trust-admin", "leader"],
  /** Create and edit targets and propose them (the academy or the trust); academy users only for their own academies. */
  editTargets: ["trust-admin", "data-manager", "academy"],
  /** Record the local governing board's review: a governor of the academy, or a leader recording it for the board. */
  reviewTargets: ["trust-admin", "leader", "governor"],
  /** Record the trust board's agreement, or an exceptional direct change by the trust board. */
  agreeTargets: ["trust-admin", "leader"],
  recordMeasurements: ["trust-admin", "data-manager", "academy"],
  /** Record a visit or day of support delivered against an academy's entitlement (the trust's leaders). */
  recordSupport: ["trust-admin", "leader"],
  readAudit: ["trust-admin", "leader"],
  manageUsers: ["trust-admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Roles whose users see only the academies listed on them (one academy; one local board's academies). */
export const SCOPED_ROLES: readonly Role[] = ["academy", "governor"];

export function isScopedRole(role: Role): boolean {
  return SCOPED_ROLES.includes(role);
}

/**
 * The hosting operator's one permission: create trusts and their first trust
 * admin. The operator holds no role in any trust and no trust permission.
 */
export const OPERATE = "operate";
export type AuthRule = Permission | typeof OPERATE;

/** Roles that see the whole trust; the others (SCOPED_ROLES) see only the academies (URNs) they are given. */
export const TRUST_WIDE_ROLES: readonly Role[] = ROLES.filter(
  (role) => !SCOPED_ROLES.includes(role),
);

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleHas(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
