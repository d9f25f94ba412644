// Target sign-off's words and who takes each step (DOMAIN.md "Academy card":
// draft -> proposed -> reviewed -> agreed, never skipped), as data both the
// server's sign-off engine (server/domain/academy-card/sign-off.ts) and the
// task pane's sign-off form read.
import type { Role } from "./roles.js";

export const TARGET_STATUSES = ["draft", "proposed", "reviewed", "agreed"] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

/** The steps a person takes on a target (or on the pending change to an agreed one). */
export const SIGN_OFF_STEPS = ["propose", "review", "agree"] as const;
export type SignOffStep = (typeof SIGN_OFF_STEPS)[number];

/** Who a step is recorded for. */
export const SIGN_OFF_BODIES = ["academy", "trust", "localBoard", "trustBoard"] as const;
export type SignOffBody = (typeof SIGN_OFF_BODIES)[number];

/** What made a version of a target: an edit, a sign-off step, or a direct change by the trust board. */
export const TARGET_ACTIONS = [
  "created",
  "edited",
  "proposed",
  "reviewed",
  "agreed",
  "directChange",
  "earlierRelease",
] as const;
export type TargetAction = (typeof TARGET_ACTIONS)[number];

/** The actions that are sign-off steps behind a target's values. */
export const SIGN_OFF_ACTIONS = ["proposed", "reviewed", "agreed", "directChange"] as const;
export type SignOffAction = (typeof SIGN_OFF_ACTIONS)[number];

export interface StepRule {
  readonly from: Exclude<TargetStatus, "agreed">;
  readonly to: Exclude<TargetStatus, "draft">;
  readonly roles: readonly Role[];
  /** The board's steps record the date it met, and the board's own name. */
  readonly needsMeeting: boolean;
  readonly defaultBodyName: string;
  readonly who: string;
}

/** Who may take each step, and for which body (rules as data). */
export const STEP_RULES: Readonly<Record<SignOffStep, StepRule>> = {
  propose: {
    from: "draft",
    to: "proposed",
    roles: ["trust-admin", "data-manager", "academy"],
    needsMeeting: false,
    defaultBodyName: "",
    who: "the academy or the trust (an academy user, data manager or trust admin)",
  },
  review: {
    from: "proposed",
    to: "reviewed",
    roles: ["governor", "leader", "trust-admin"],
    needsMeeting: true,
    defaultBodyName: "LGB",
    who: "the local governing board (a governor of the academy, or a leader recording it for the board)",
  },
  agree: {
    from: "reviewed",
    to: "agreed",
    roles: ["leader", "trust-admin"],
    needsMeeting: true,
    defaultBodyName: "Trust Board",
    who: "the trust board (a leader or trust admin recording the meeting)",
  },
};

/** Who may record an exceptional trust-board change to an agreed target directly. */
export const DIRECT_CHANGE_ROLES: readonly Role[] = ["leader", "trust-admin"];

/** True when the role may take the step (the server checks again when it is taken). */
export function mayTakeStep(role: Role, step: SignOffStep): boolean {
  return STEP_RULES[step].roles.includes(role);
}
