// Target sign-off (DOMAIN.md "Academy card"): draft -> proposed (the academy or
// the trust) -> reviewed (the academy's local governing board) -> agreed (the
// trust board), in order, never skipped. An agreed target's value changes
// through the same chain as a pending change, the agreed value staying in
// force meanwhile; a leader or trust admin may record an exceptional change
// by the trust board directly, with a reason and the meeting's date.
import { ErrorCode } from "../../shared/error-codes.js";
import type { Problem } from "../../shared/problem.js";
import type { Role } from "../../shared/roles.js";
import {
  DIRECT_CHANGE_ROLES,
  STEP_RULES,
  mayTakeStep,
  type SignOffBody,
  type SignOffStep,
  type TargetStatus,
} from "../../shared/target-statuses.js";

/** Where a target stands: its own status, and the status of a pending change to it (agreed targets only). */
export interface SignOffState {
  readonly status: TargetStatus;
  /** draft, proposed or reviewed while a change to an agreed target is on its way; null otherwise. */
  readonly pending: Exclude<TargetStatus, "agreed"> | null;
}

export interface StepRequest {
  readonly step: SignOffStep;
  readonly role: Role;
  /** The date the board met (ISO yyyy-mm-dd): required to review and to agree. */
  readonly meetingOn?: string | null | undefined;
  /** The body's own name ("LGB", "Academy Advisory Board", "Trust Board"); a default when absent. */
  readonly bodyName?: string | null | undefined;
  /** Today (ISO yyyy-mm-dd): a meeting cannot be in the future. */
  readonly today: string;
}

/** What a step records, and where the target stands afterwards. */
export interface StepRecord {
  readonly state: SignOffState;
  /** True when the step moved a pending change rather than the target itself. */
  readonly change: boolean;
  /** The status the step reached (of the target or of its pending change). */
  readonly reached: Exclude<TargetStatus, "draft">;
  /** True when the step applies a pending change's values (the trust board agreed the change). */
  readonly applyChange: boolean;
  readonly body: SignOffBody;
  readonly bodyName: string;
  readonly meetingOn: string | null;
}

export type Refusal = {
  readonly kind: typeof ErrorCode.BAD_USER_INPUT | typeof ErrorCode.FORBIDDEN;
  readonly problem: Problem;
};

export type StepOutcome = ({ readonly ok: true } & StepRecord) | ({ readonly ok: false } & Refusal);

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A problem with a meeting date, or null: a real calendar date, not in the future. */
export function meetingDateProblem(
  field: string,
  value: string | null | undefined,
  today: string,
  what: string,
): Problem | null {
  if (value === null || value === undefined || value.trim() === "") {
    return {
      field,
      accepts: "a date such as 2026-10-14",
      message: `${field}: ${what} needs the date the board met, such as 2026-10-14`,
    };
  }
  const match = ISO_DATE.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : null;
  if (
    !match ||
    !date ||
    Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 10) !== value
  ) {
    return {
      field,
      value: value.slice(0, 20),
      accepts: "a date such as 2026-10-14",
      message: `${field}: "${value.slice(0, 20)}" is not a date; use the form 2026-10-14`,
    };
  }
  if (value > today) {
    return {
      field,
      value,
      accepts: `a date on or before ${today}`,
      message: `${field}: ${value} is in the future; record the date the board met`,
    };
  }
  return null;
}

function bodyNameProblem(value: string | null | undefined): Problem | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > 60) {
    return {
      field: "body",
      value: value.slice(0, 60),
      accepts: 'the board\'s name, 1 to 60 characters, such as "LGB" or "Academy Advisory Board"',
      message: `body: give the board's name in 1 to 60 characters, such as "LGB" or "Academy Advisory Board"`,
    };
  }
  return null;
}

const ARTICLE: Readonly<Record<TargetStatus, string>> = {
  draft: "a draft",
  proposed: "a proposed target",
  reviewed: "a reviewed target",
  agreed: "an agreed target",
};

const VERB: Readonly<Record<SignOffStep, string>> = {
  propose: "proposed",
  review: "reviewed",
  agree: "agreed",
};

/** What must happen first, from a status, before a step can be taken. */
function stillToDo(from: Exclude<TargetStatus, "agreed">, step: SignOffStep): string {
  if (step === "agree" && from === "draft") return "it must be proposed and reviewed first";
  if (step === "agree" && from === "proposed")
    return "the local governing board must review it first";
  if (step === "review" && from === "draft") return "it must be proposed first";
  if (step === "propose" && from === "proposed")
    return "it is already proposed; next, the local governing board reviews it";
  if (step === "propose" && from === "reviewed")
    return "it is already reviewed; next, the trust board agrees it";
  if (step === "review" && from === "reviewed")
    return "it is already reviewed; next, the trust board agrees it";
  return "the steps go draft, proposed, reviewed, agreed";
}

function refuse(kind: Refusal["kind"], problem: Problem): StepOutcome {
  return { ok: false, kind, problem };
}

/** Takes one sign-off step, or says exactly why it cannot be taken. */
export function takeStep(state: SignOffState, request: StepRequest): StepOutcome {
  const rule = STEP_RULES[request.step];
  if (!mayTakeStep(request.role, request.step)) {
    return refuse(ErrorCode.FORBIDDEN, {
      field: "role",
      value: request.role,
      message: `A target is ${VERB[request.step]} by ${rule.who}; your role (${request.role}) may not.`,
    });
  }
  const change = state.status === "agreed";
  const current = change ? state.pending : state.status;
  if (current === null) {
    return refuse(ErrorCode.BAD_USER_INPUT, {
      field: "status",
      value: "agreed",
      message: `status: an agreed target cannot be ${VERB[request.step]} again; to change it, set new values (a pending change) and take it through proposed, reviewed and agreed`,
    });
  }
  if (current !== rule.from) {
    const what = change ? `a change in ${current}` : ARTICLE[current];
    return refuse(ErrorCode.BAD_USER_INPUT, {
      field: "status",
      value: current,
      message: `status: ${what} cannot be ${VERB[request.step]}: ${stillToDo(current, request.step)}`,
    });
  }
  if (rule.needsMeeting) {
    const problem = meetingDateProblem(
      "meetingOn",
      request.meetingOn,
      request.today,
      request.step === "review" ? "the board's review" : "the trust board's agreement",
    );
    if (problem) return refuse(ErrorCode.BAD_USER_INPUT, problem);
  }
  const nameProblem = rule.needsMeeting ? bodyNameProblem(request.bodyName) : null;
  if (nameProblem) return refuse(ErrorCode.BAD_USER_INPUT, nameProblem);
  const body: SignOffBody =
    request.step === "propose"
      ? request.role === "academy"
        ? "academy"
        : "trust"
      : request.step === "review"
        ? "localBoard"
        : "trustBoard";
  const bodyName =
    request.step === "propose"
      ? request.role === "academy"
        ? "Academy"
        : "Trust"
      : request.bodyName?.trim() || rule.defaultBodyName;
  const reached = rule.to;
  const next: SignOffState = change
    ? { status: "agreed", pending: reached === "agreed" ? null : reached }
    : { status: reached, pending: null };
  return {
    ok: true,
    state: next,
    change,
    reached,
    applyChange: change && reached === "agreed",
    body,
    bodyName,
    meetingOn: rule.needsMeeting ? (request.meetingOn ?? null) : null,
  };
}

/**
 * Where a target stands after its values are edited: a draft stays a draft; a
 * proposed or reviewed target goes back to draft (what was reviewed is no
 * longer what is proposed); an agreed target keeps its agreed values and gains
 * (or restarts) a pending change in draft.
 */
export function afterEdit(state: SignOffState): SignOffState & { readonly change: boolean } {
  if (state.status === "agreed") return { status: "agreed", pending: "draft", change: true };
  return { status: "draft", pending: null, change: false };
}

/** Whether a role may record an exceptional trust-board change, and what it needs. */
export function directChangeProblems(
  state: SignOffState,
  role: Role,
  reason: string | null | undefined,
  meetingOn: string | null | undefined,
  today: string,
): StepOutcome | null {
  if (!DIRECT_CHANGE_ROLES.includes(role)) {
    return refuse(ErrorCode.FORBIDDEN, {
      field: "role",
      value: role,
      message: `A direct change by the trust board is recorded by a leader or trust admin; your role (${role}) may not.`,
    });
  }
  if (state.status !== "agreed") {
    return refuse(ErrorCode.BAD_USER_INPUT, {
      field: "status",
      value: state.status,
      message: `status: ${ARTICLE[state.status]} is changed by editing it; only an agreed target may be changed directly by the trust board`,
    });
  }
  if (!reason || reason.trim() === "") {
    return refuse(ErrorCode.BAD_USER_INPUT, {
      field: "reason",
      message:
        "reason: a direct change by the trust board is for exceptional circumstances and needs a reason",
    });
  }
  if (reason.length > 500) {
    return refuse(ErrorCode.BAD_USER_INPUT, {
      field: "reason",
      message: "reason: at most 500 characters",
    });
  }
  const problem = meetingDateProblem("meetingOn", meetingOn, today, "a direct change");
  return problem ? refuse(ErrorCode.BAD_USER_INPUT, problem) : null;
}
