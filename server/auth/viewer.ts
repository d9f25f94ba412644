import { type Role } from "../shared/index.js";
// The signed-in user a request acts for, and the row-level scope it implies.

export interface Viewer {
  readonly userId: string;
  readonly name: string;
  readonly trustId: string;
  readonly role: Role;
  /** For the academy role, the URNs it may see; null for trust-wide roles. */
  readonly academyUrns: ReadonlySet<string> | null;
  readonly tokenId: string | null;
}

/** True when the viewer may see this academy of its own trust. */
export function canSeeAcademy(viewer: Viewer, urn: string): boolean {
  return viewer.academyUrns === null || viewer.academyUrns.has(urn);
}

/** The hosting operator: creates trusts and their first trust admin, and reads no trust's data. */
export interface Operator {
  readonly tokenId: string;
  readonly name: string;
}

/** Who a request acts for: a user of one trust, or the hosting operator. */
export type Principal =
  | { readonly kind: "user"; readonly viewer: Viewer }
  | { readonly kind: "operator"; readonly operator: Operator };

/** The rate-limit and budget key of a principal. */
export function principalKey(principal: Principal): string {
  return principal.kind === "user"
    ? `user:${principal.viewer.userId}`
    : `operator:${principal.operator.tokenId}`;
}
