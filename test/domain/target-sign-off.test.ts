// Target sign-off (DOMAIN.md "Academy card"): draft -> proposed -> reviewed ->
// agreed, in order, never skipped; each step by the roles that act for its body.
import { describe, expect, it } from "vitest";
import {
  afterEdit,
  signOffTrail,
  directChangeProblems,
  takeStep,
  type SignOffState,
} from "../../server/domain/index.js";
import type { Role, SignOffStep } from "../../server/shared/index.js";

const TODAY = "2026-12-01";
const MEETING = "2026-10-14";
const draft: SignOffState = { status: "draft", pending: null };
const proposed: SignOffState = { status: "proposed", pending: null };
const reviewed: SignOffState = { status: "reviewed", pending: null };
const agreed: SignOffState = { status: "agreed", pending: null };

describe("target sign-off", () => {
  it.each<[string, SignOffState, SignOffStep, Role, string]>([
    [
      "a draft",
      draft,
      "agree",
      "leader",
      "a draft cannot be agreed: it must be proposed and reviewed first",
    ],
    [
      "a draft",
      draft,
      "agree",
      "trust-admin",
      "a draft cannot be agreed: it must be proposed and reviewed first",
    ],
    [
      "a draft",
      draft,
      "review",
      "governor",
      "a draft cannot be reviewed: it must be proposed first",
    ],
    [
      "a proposed target",
      proposed,
      "agree",
      "leader",
      "a proposed target cannot be agreed: the local governing board must review it first",
    ],
    ["a proposed target", proposed, "propose", "data-manager", "it is already proposed"],
    [
      "a reviewed target",
      reviewed,
      "review",
      "leader",
      "it is already reviewed; next, the trust board agrees it",
    ],
    ["an agreed target", agreed, "agree", "leader", "an agreed target cannot be agreed again"],
    ["an agreed target", agreed, "propose", "academy", "to change it, set new values"],
  ])("refuses to skip a step: %s, %s by %s", (_what, state, step, role, message) => {
    const outcome = takeStep(state, { step, role, meetingOn: MEETING, today: TODAY });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.kind).toBe("BAD_USER_INPUT");
    expect(outcome.problem.field).toBe("status");
    expect(outcome.problem.message).toContain(message);
  });

  it.each<[SignOffStep, SignOffState, Role, boolean]>([
    ["propose", draft, "academy", true],
    ["propose", draft, "data-manager", true],
    ["propose", draft, "trust-admin", true],
    ["propose", draft, "leader", false],
    ["propose", draft, "governor", false],
    ["review", proposed, "governor", true],
    ["review", proposed, "leader", true],
    ["review", proposed, "trust-admin", true],
    ["review", proposed, "data-manager", false],
    ["review", proposed, "academy", false],
    ["agree", reviewed, "leader", true],
    ["agree", reviewed, "trust-admin", true],
    ["agree", reviewed, "governor", false],
    ["agree", reviewed, "data-manager", false],
    ["agree", reviewed, "academy", false],
  ])("lets the right people %s (from %o): %s may: %s", (step, state, role, allowed) => {
    const outcome = takeStep(state, { step, role, meetingOn: MEETING, today: TODAY });
    expect(outcome.ok).toBe(allowed);
    if (!outcome.ok) expect(outcome.kind).toBe("FORBIDDEN");
  });

  it("walks draft, proposed, reviewed, agreed, recording each body and meeting date", () => {
    const steps: [SignOffStep, Role, string | null, string][] = [
      ["propose", "academy", null, "Academy"],
      ["review", "governor", "2026-10-01", "LGB"],
      ["agree", "leader", MEETING, "Trust Board"],
    ];
    let state = draft;
    const seen: unknown[] = [];
    for (const [step, role, meetingOn] of steps) {
      const outcome = takeStep(state, { step, role, meetingOn, today: TODAY });
      if (!outcome.ok) throw new Error(outcome.problem.message);
      state = outcome.state;
      seen.push([outcome.reached, outcome.body, outcome.bodyName, outcome.meetingOn]);
    }
    expect(seen).toEqual([
      ["proposed", "academy", "Academy", null],
      ["reviewed", "localBoard", "LGB", "2026-10-01"],
      ["agreed", "trustBoard", "Trust Board", MEETING],
    ]);
    expect(state).toEqual(agreed);
  });

  it("records the board by its own name (seed 004's Academy Advisory Board)", () => {
    const outcome = takeStep(proposed, {
      step: "review",
      role: "governor",
      meetingOn: MEETING,
      bodyName: "Academy Advisory Board",
      today: TODAY,
    });
    expect(outcome.ok && [outcome.body, outcome.bodyName]).toEqual([
      "localBoard",
      "Academy Advisory Board",
    ]);
  });

  it.each([
    [null, "needs the date the board met"],
    ["14/10/2026", "is not a date; use the form 2026-10-14"],
    ["2026-02-30", "is not a date"],
    ["2027-01-05", "is in the future"],
  ])("needs a real meeting date to review: %s", (meetingOn, message) => {
    const outcome = takeStep(proposed, { step: "review", role: "leader", meetingOn, today: TODAY });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.problem.field).toBe("meetingOn");
      expect(outcome.problem.message).toContain(message);
    }
  });

  it("keeps an agreed target agreed while a change goes through proposed, reviewed and agreed", () => {
    const edited = afterEdit(agreed);
    expect(edited).toEqual({ status: "agreed", pending: "draft", change: true });
    const early = takeStep(edited, {
      step: "agree",
      role: "leader",
      meetingOn: MEETING,
      today: TODAY,
    });
    expect(!early.ok && early.problem.message).toBe(
      "status: a change in draft cannot be agreed: it must be proposed and reviewed first",
    );
    let state: SignOffState = edited;
    const trail: unknown[] = [];
    for (const [step, role] of [
      ["propose", "data-manager"],
      ["review", "governor"],
      ["agree", "trust-admin"],
    ] as [SignOffStep, Role][]) {
      const outcome = takeStep(state, { step, role, meetingOn: MEETING, today: TODAY });
      if (!outcome.ok) throw new Error(outcome.problem.message);
      state = outcome.state;
      trail.push([state.status, state.pending, outcome.change, outcome.applyChange]);
    }
    expect(trail).toEqual([
      ["agreed", "proposed", true, false],
      ["agreed", "reviewed", true, false],
      ["agreed", null, true, true],
    ]);
  });

  it.each<[SignOffState, "draft"]>([
    [proposed, "draft"],
    [reviewed, "draft"],
    [draft, "draft"],
  ])("sends an edited %o target back to draft", (state, status) => {
    expect(afterEdit(state)).toEqual({ status, pending: null, change: false });
  });

  it.each<[SignOffState, Role, string | null, string | null, string | null]>([
    [agreed, "leader", "Inspection brought forward", MEETING, null],
    [agreed, "trust-admin", "Inspection brought forward", MEETING, null],
    [agreed, "data-manager", "Inspection brought forward", MEETING, "FORBIDDEN"],
    [agreed, "governor", "Inspection brought forward", MEETING, "FORBIDDEN"],
    [agreed, "leader", null, MEETING, "reason"],
    [agreed, "leader", "Inspection brought forward", null, "meetingOn"],
    [reviewed, "leader", "Inspection brought forward", MEETING, "status"],
  ])(
    "records a direct trust-board change only for an agreed target, with reason and date (%o by %s)",
    (state, role, reason, meetingOn, refused) => {
      const outcome = directChangeProblems(state, role, reason, meetingOn, TODAY);
      if (refused === null) expect(outcome).toBeNull();
      else if (refused === "FORBIDDEN")
        expect(outcome?.ok === false && outcome.kind).toBe("FORBIDDEN");
      else expect(outcome?.ok === false && outcome.problem.field).toBe(refused);
    },
  );
});

describe("the sign-off trail a card shows", () => {
  const row = (action: string, change = false) => ({ action, change });
  it.each([
    {
      why: "an agreed target: the steps since it was created",
      rows: [row("agreed"), row("reviewed"), row("proposed"), row("created")],
      pending: false,
      inForce: ["agreed", "reviewed", "proposed"],
      steps: [],
    },
    {
      why: "an edited draft: nothing signed off since the edit",
      rows: [row("edited"), row("proposed"), row("created")],
      pending: false,
      inForce: [],
      steps: [],
    },
    {
      why: "a change under way: the agreed steps in force, the change's own steps beside",
      rows: [
        row("reviewed", true),
        row("proposed", true),
        row("edited", true),
        row("agreed"),
        row("reviewed"),
        row("proposed"),
        row("created"),
      ],
      pending: true,
      inForce: ["agreed", "reviewed", "proposed"],
      steps: ["reviewed", "proposed"],
    },
    {
      why: "a change edited again: only the steps since the latest edit",
      rows: [
        row("proposed", true),
        row("edited", true),
        row("reviewed", true),
        row("proposed", true),
        row("edited", true),
        row("agreed"),
        row("created"),
      ],
      pending: true,
      inForce: ["agreed"],
      steps: ["proposed"],
    },
    {
      why: "an agreed change: its own chain is what stands",
      rows: [
        row("agreed", true),
        row("reviewed", true),
        row("proposed", true),
        row("edited", true),
        row("agreed"),
        row("created"),
      ],
      pending: false,
      inForce: ["agreed", "reviewed", "proposed"],
      steps: [],
    },
    {
      why: "a direct trust-board change stands alone",
      rows: [row("directChange"), row("agreed"), row("created")],
      pending: false,
      inForce: ["directChange"],
      steps: [],
    },
    {
      why: "versions kept by the earlier release: no steps recorded",
      rows: [row("earlierRelease"), row("earlierRelease")],
      pending: false,
      inForce: [],
      steps: [],
    },
  ])("reads $why", ({ rows, pending, inForce, steps }) => {
    const trail = signOffTrail(rows, pending);
    expect(trail.inForce.map((entry) => entry.action)).toEqual([...inForce].reverse());
    expect(trail.pending.map((entry) => entry.action)).toEqual([...steps].reverse());
  });
});
