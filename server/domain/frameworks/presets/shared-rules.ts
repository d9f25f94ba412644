// Rules several presets share, written once. Each preset passes its own level
// keys, worst first, so a shared rule never names another preset's levels.
import type { FrameworkInput } from "../framework.schema.js";

type Sources = FrameworkInput["sources"];
type Overrides = NonNullable<FrameworkInput["overrides"]>;
type Four = readonly [string, string, string, string];

/** DOMAIN.md: safeguarding not met / not effective (Ofsted or trust audit) forces rank 1 in every preset. */
export function safeguardingOverride(worst: string): Overrides[number] {
  return {
    effect: "force",
    when: {
      any: [
        { indicator: "ofsted.safeguarding", in: [false] },
        { indicator: "qa.safeguarding", in: [false] },
      ],
    },
    level: worst,
    says: "Safeguarding not met or not effective",
  };
}

/** Inspection band Concern, Weak, Secure, Strong to four levels, worst first. */
export function inspectionSource([concern, weak, secure, strong]: Four): Sources[number] {
  return {
    kind: "inspection",
    id: "inspection",
    bands: { Concern: concern, Weak: weak, Secure: secure, Strong: strong },
  };
}

/**
 * Outcomes as the phase model (seeds 000, 004) sets them: Progress 8 for a
 * secondary, or basics5 against national while Progress 8 is not published
 * (2024/25 and 2025/26); KS2 RWM against national for a primary.
 */
export function outcomeSources([d, c, b, a]: Four): Sources {
  return [
    {
      kind: "threshold",
      id: "outcomes.secondary",
      indicator: "ks4.progress8",
      phases: ["secondary", "all-through"],
      cuts: [
        { op: "<=", value: -0.5, level: d },
        { op: "<", value: 0, level: c },
        { op: "<", value: 0.25, level: b },
      ],
      otherwise: a,
      fallback: {
        id: "outcomes.secondary.basics5",
        indicator: "ks4.basics5",
        absentNote: "not published for 2024/25 and 2025/26",
        cuts: [
          { op: "<", value: -15, national: true, level: d },
          { op: "<", value: 0, national: true, level: c },
          { op: "<", value: 10, national: true, level: b },
        ],
        otherwise: a,
      },
    },
    {
      kind: "threshold",
      id: "outcomes.primary",
      indicator: "ks2.rwmExpected",
      phases: ["primary", "all-through"],
      cuts: [
        { op: "<", value: -10, national: true, level: d },
        { op: "<", value: 0, national: true, level: c },
        { op: "<", value: 15, national: true, level: b },
      ],
      otherwise: a,
    },
  ];
}

type Required = NonNullable<FrameworkInput["required"]>;

/** Coverage (DOMAIN.md): the inspection band is required of every academy. */
export const INSPECTION_REQUIRED: Required[number] = {
  sources: ["inspection"],
  label: "inspection band",
};

/**
 * The phase's outcome measure where the phase has one: primary KS2 RWM;
 * secondary Progress 8, or basics 5+ while Progress 8 is not published;
 * all-through either; special schools and alternative provision none. With no
 * phase given, either measure.
 */
export const OUTCOMES_REQUIRED: Required = [
  { sources: ["outcomes.primary"], label: "KS2 RWM result", phases: ["primary"] },
  {
    sources: ["outcomes.secondary"],
    label: "Progress 8 or basics 5+ result",
    phases: ["secondary"],
  },
  {
    sources: ["outcomes.secondary", "outcomes.primary"],
    label: "outcome measure (Progress 8, basics 5+ or KS2 RWM)",
    phases: ["all-through", "not given"],
  },
];

type Meetings = NonNullable<FrameworkInput["meetings"]>;

/**
 * The trust board that agrees designations and academy cards in October
 * (seed 001; DOMAIN.md "Academy card": the trust board agrees them in October).
 */
export const octoberTrustBoard: Meetings[number] = {
  kind: "trustBoard",
  title: "Trust board: agree designations and academy cards",
  cadence: { every: "months", months: ["Oct"] },
  weekday: "Wed",
  weekOfMonth: 2,
  time: "17:30",
  minutes: 120,
};
