// The one authorization layer for every query, mutation and subscription:
// @Authorized("<permission>") on each operation, checked here against the
// roles table. Row-level scoping (trust, academies) lives in the services.
import type { AuthChecker } from "type-graphql";
import { DomainError } from "../domain/index.js";
import { PERMISSIONS, roleHas, type Permission } from "../auth/roles.js";
import type { Context } from "./context.type.js";

export const authChecker: AuthChecker<Context, Permission> = ({ context }, permissions) => {
  const viewer = context.viewer;
  if (permissions.length === 0)
    throw new Error("An operation is marked @Authorized without a permission");
  for (const permission of permissions) {
    if (!(permission in PERMISSIONS)) throw new Error(`Unknown permission ${permission}`);
  }
  if (viewer === null) {
    if (permissions.includes("evaluate") && context.publicEvaluation) return true;
    throw new DomainError(
      "UNAUTHENTICATED",
      "Sign in: send an Authorization: Bearer token (open the add-in's task pane to connect).",
    );
  }
  if (permissions.some((permission) => roleHas(viewer.role, permission))) return true;
  throw new DomainError(
    "FORBIDDEN",
    `Your role (${viewer.role}) may not do this; it needs ${permissions.join(" or ")}.`,
  );
};
