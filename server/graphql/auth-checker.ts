// The one authorization layer for every query, mutation and subscription:
// @Authorized("<permission>") on each operation, checked here against the
// roles table. Row-level scoping (trust, academies) lives in the services.
// The hosting operator passes only @Authorized("operate") and nothing else.
import type { AuthChecker } from "type-graphql";
import { DomainError } from "../domain/index.js";
import type { Context } from "./context.type.js";
import {
  OPERATE,
  PERMISSIONS,
  roleHas,
  type AuthRule,
  type Permission,
  ErrorCode,
} from "../shared/index.js";

export const authChecker: AuthChecker<Context, AuthRule> = ({ context }, rules) => {
  const viewer = context.viewer;
  if (rules.length === 0)
    throw new Error("An operation is marked @Authorized without a permission");
  for (const rule of rules) {
    if (rule !== OPERATE && !(rule in PERMISSIONS)) throw new Error(`Unknown permission ${rule}`);
  }
  if (context.operator !== null) {
    if (rules.includes(OPERATE)) return true;
    throw new DomainError(ErrorCode.FORBIDDEN, "The hosting operator reads no trust's data.");
  }
  const permissions = rules.filter((rule): rule is Permission => rule !== OPERATE);
  if (viewer === null) {
    if (permissions.includes("evaluate") && context.publicEvaluation) return true;
    throw new DomainError(
      ErrorCode.UNAUTHENTICATED,
      "Sign in: send an Authorization: Bearer token (open the add-in's task pane to connect).",
    );
  }
  if (permissions.some((permission) => roleHas(viewer.role, permission))) return true;
  throw new DomainError(
    ErrorCode.FORBIDDEN,
    permissions.length > 0
      ? `Your role (${viewer.role}) may not do this; it needs ${permissions.join(" or ")}.`
      : "Only the hosting operator may do this.",
  );
};
