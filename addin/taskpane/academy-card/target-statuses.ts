// The target statuses (DOMAIN.md: draft, proposed, reviewed, agreed) and
// which of them a role may move a target to, as the server's academy-card
// service rules: moving to or from reviewed or agreed is the trust's decision
// (reviewTargets); the rest needs editTargets. The server checks again.
import type { Permission } from "../rules/permissions.js";

const STATUSES = ["draft", "proposed", "reviewed", "agreed"] as const;

function trustDecision(status: string): boolean {
  return status === "reviewed" || status === "agreed";
}

/** The statuses a role may move a target to. */
export function statusesAllowed(
  target: { readonly status: string },
  can: (permission: Permission) => boolean,
): string[] {
  return STATUSES.filter(
    (status) =>
      status !== target.status &&
      (trustDecision(status) || trustDecision(target.status)
        ? can("reviewTargets")
        : can("editTargets") || can("reviewTargets")),
  );
}
