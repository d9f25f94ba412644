// Who may do what: every permission and the roles that hold it, in one table
// (the README's roles table is this file in words).

export const ROLES = ["trust-admin", "data-manager", "leader", "academy"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  /** Read the trust's academies, evidence, designations, cards and overview (academy users: their own academies). */
  read: ["trust-admin", "data-manager", "leader", "academy"],
  /** Evaluate frameworks with no stored data (presets); may also be open to anyone, see PUBLIC_EVALUATION. */
  evaluate: ["trust-admin", "data-manager", "leader", "academy"],
  manageFrameworks: ["trust-admin"],
  manageAcademies: ["trust-admin", "data-manager"],
  recordEvidence: ["trust-admin", "data-manager"],
  confirmDesignations: ["trust-admin", "leader"],
  /** Create and edit targets; academy users may only propose for their own academies. */
  editTargets: ["trust-admin", "data-manager", "academy"],
  /** Move targets to reviewed or agreed. */
  reviewTargets: ["trust-admin", "leader"],
  recordMeasurements: ["trust-admin", "data-manager", "academy"],
  readAudit: ["trust-admin", "leader"],
  manageUsers: ["trust-admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleHas(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
