// DOMAIN.md "The trust's year: which designation counts", rule by rule, as a
// table of an academy's records and what the overview and card must show.
import { describe, expect, it } from "vitest";
import {
  designationThatCounts,
  type Cycle,
  type ComputedRecord,
  type DecisionRecord,
} from "../../server/domain/index.js";

type Term = ComputedRecord["term"];
interface Computed extends ComputedRecord {
  readonly id: string;
}
interface Decision extends DecisionRecord {
  readonly id: string;
}

/** A computed designation: id, year, term, level, recorded on (a date), optionally provisional or under another framework. */
function computed(
  id: string,
  year: string,
  term: Term,
  level: string | null,
  recordedOn: string,
  extra: { provisional?: boolean; framework?: string } = {},
): Computed {
  return {
    id,
    framework: extra.framework ?? "phase-model",
    year,
    term,
    level,
    provisional: extra.provisional ?? false,
    recordedAt: new Date(`${recordedOn}T12:00:00Z`),
  };
}

/** A decision: id, year, level, agreed on, recorded on (a date or datetime), optionally termly or under another framework. */
function decision(
  id: string,
  year: string,
  level: string,
  agreedOn: string,
  recordedOn: string,
  extra: { term?: Term; framework?: string } = {},
): Decision {
  return {
    id,
    framework: extra.framework ?? "phase-model",
    year,
    term: extra.term ?? null,
    level,
    agreedOn,
    recordedAt: new Date(recordedOn.includes("T") ? recordedOn : `${recordedOn}T18:00:00Z`),
  };
}

interface Case {
  readonly name: string;
  readonly year?: string;
  readonly framework?: string;
  readonly cycle?: Cycle;
  readonly computed: Computed[];
  readonly decisions: Decision[];
  readonly expect: {
    readonly status: "agreed" | "notYetAgreed" | "reviewSuggested";
    readonly level: string | null;
    readonly decision?: string | null;
    readonly computed?: string | null;
    readonly proposal?: string | null;
    readonly reviewSuggested?: string | null;
    readonly agreedInEarlierYear?: boolean;
    readonly provisional?: boolean;
  };
}

const Y = "2026/27";
const LAST = "2025/26";

const cases: Case[] = [
  {
    name: "shows nothing, not yet agreed, for an academy with no designation",
    computed: [],
    decisions: [],
    expect: { status: "notYetAgreed", level: null, decision: null, computed: null },
  },
  {
    name: "counts the year's newest computed designation, not yet agreed, when nothing was ever decided",
    computed: [
      computed("c1", Y, "autumn", "repair", "2026-09-20"),
      computed("c2", Y, "autumn", "improve", "2026-09-28"),
    ],
    decisions: [],
    expect: { status: "notYetAgreed", level: "improve", computed: "c2" },
  },
  {
    name: "marks a computed designation reached without a required source as provisional",
    computed: [computed("c1", Y, "autumn", "improve", "2026-09-20", { provisional: true })],
    decisions: [],
    expect: { status: "notYetAgreed", level: "improve", computed: "c1", provisional: true },
  },
  {
    name: "counts the October decision once the board agrees the computed level",
    computed: [computed("c1", Y, "autumn", "repair", "2026-09-20")],
    decisions: [decision("d1", Y, "repair", "2026-10-14", "2026-10-15")],
    expect: { status: "agreed", level: "repair", decision: "d1", reviewSuggested: null },
  },
  {
    name: "keeps the October decision when spring evidence is recorded, and suggests a review",
    computed: [
      computed("c1", Y, "autumn", "repair", "2026-09-20"),
      computed("c2", Y, "spring", "improve", "2027-02-10"),
    ],
    decisions: [decision("d1", Y, "repair", "2026-10-14", "2026-10-15")],
    expect: { status: "reviewSuggested", level: "repair", decision: "d1", reviewSuggested: "c2" },
  },
  {
    name: "keeps the October decision and suggests nothing when spring evidence indicates the same level",
    computed: [
      computed("c1", Y, "autumn", "repair", "2026-09-20"),
      computed("c2", Y, "spring", "repair", "2027-02-10"),
    ],
    decisions: [decision("d1", Y, "repair", "2026-10-14", "2026-10-15")],
    expect: { status: "agreed", level: "repair", decision: "d1", reviewSuggested: null },
  },
  {
    name: "does not suggest a review for an override made after the computed level it overrode",
    computed: [computed("c1", Y, "autumn", "stabilise", "2026-09-20")],
    decisions: [decision("d1", Y, "repair", "2026-10-14", "2026-10-15")],
    expect: { status: "agreed", level: "repair", decision: "d1", reviewSuggested: null },
  },
  {
    name: "does not suggest a review from newer evidence that was insufficient",
    computed: [
      computed("c1", Y, "autumn", "repair", "2026-09-20"),
      computed("c2", Y, "spring", null, "2027-02-10"),
    ],
    decisions: [decision("d1", Y, "repair", "2026-10-14", "2026-10-15")],
    expect: { status: "agreed", level: "repair", decision: "d1", reviewSuggested: null },
  },
  {
    name: "leaves this year's decision in place when last year's evidence is back-filled",
    computed: [
      computed("c1", Y, "autumn", "repair", "2026-09-20"),
      computed("c0", LAST, "summer", "stabilise", "2026-11-02"),
    ],
    decisions: [decision("d1", Y, "repair", "2026-10-14", "2026-10-15")],
    expect: { status: "agreed", level: "repair", decision: "d1", reviewSuggested: null },
  },
  {
    name: "leaves this year's computed designation in place when last year's evidence is back-filled",
    computed: [
      computed("c1", Y, "autumn", "improve", "2026-09-20"),
      computed("c0", LAST, "summer", "stabilise", "2026-09-21"),
    ],
    decisions: [],
    expect: { status: "notYetAgreed", level: "improve", computed: "c1" },
  },
  {
    name: "shows nothing for this year when only last year's evidence is back-filled",
    computed: [computed("c0", LAST, "summer", "stabilise", "2026-09-21")],
    decisions: [],
    expect: { status: "notYetAgreed", level: null, computed: null },
  },
  {
    name: "carries last year's decision, labelled with its year, with this year's computed level proposed beside it",
    computed: [computed("c1", Y, "autumn", "repair", "2026-09-20")],
    decisions: [decision("d0", LAST, "repair", "2025-10-14", "2025-10-14")],
    expect: {
      status: "agreed",
      level: "repair",
      decision: "d0",
      agreedInEarlierYear: true,
      proposal: "c1",
      reviewSuggested: null,
    },
  },
  {
    name: "carries last year's decision and suggests a review when this year's computed level differs",
    computed: [computed("c1", Y, "autumn", "improve", "2026-09-20")],
    decisions: [decision("d0", LAST, "repair", "2025-10-14", "2025-10-14")],
    expect: {
      status: "reviewSuggested",
      level: "repair",
      decision: "d0",
      agreedInEarlierYear: true,
      proposal: "c1",
      reviewSuggested: "c1",
    },
  },
  {
    name: "carries the latest of several earlier years' decisions",
    computed: [],
    decisions: [
      decision("d-2", "2024/25", "stabilise", "2024-10-10", "2024-10-10"),
      decision("d-1", LAST, "repair", "2025-10-14", "2025-10-14"),
    ],
    expect: {
      status: "agreed",
      level: "repair",
      decision: "d-1",
      agreedInEarlierYear: true,
      proposal: null,
    },
  },
  {
    name: "lets a February reclassification supersede the October decision",
    computed: [
      computed("c1", Y, "autumn", "repair", "2026-09-20"),
      computed("c2", Y, "spring", "improve", "2027-02-01"),
    ],
    decisions: [
      decision("d1", Y, "repair", "2026-10-14", "2026-10-15"),
      decision("d2", Y, "improve", "2027-02-09", "2027-02-10"),
    ],
    expect: { status: "agreed", level: "improve", decision: "d2", reviewSuggested: null },
  },
  {
    name: "orders decisions by the date agreed, not the order they were recorded",
    computed: [],
    decisions: [
      decision("late-meeting", Y, "improve", "2027-02-09", "2027-02-10"),
      decision("minutes-typed-up-later", Y, "repair", "2026-10-14", "2027-03-01"),
    ],
    expect: { status: "agreed", level: "improve", decision: "late-meeting" },
  },
  {
    name: "breaks a tie between decisions agreed on the same day by when they were recorded",
    computed: [],
    decisions: [
      decision("first", Y, "repair", "2026-10-14", "2026-10-14T10:00:00Z"),
      decision("correction", Y, "stabilise", "2026-10-14", "2026-10-14T11:00:00Z"),
    ],
    expect: { status: "agreed", level: "stabilise", decision: "correction" },
  },
  {
    name: "never lets a later year's decision count for an earlier year",
    year: LAST,
    computed: [computed("c0", LAST, "summer", "stabilise", "2026-07-01")],
    decisions: [decision("d1", Y, "repair", "2026-10-14", "2026-10-15")],
    expect: { status: "notYetAgreed", level: "stabilise", computed: "c0", decision: null },
  },
  {
    name: "makes earlier decisions history when the trust changes framework",
    framework: "tiered-support",
    computed: [
      computed("c1", Y, "autumn", "repair", "2026-09-20"),
      computed("t1", Y, "autumn", "tier3", "2026-11-20", { framework: "tiered-support" }),
    ],
    decisions: [decision("d1", Y, "repair", "2026-10-14", "2026-10-15")],
    expect: { status: "notYetAgreed", level: "tier3", computed: "t1", decision: null },
  },
  {
    name: "lets a termly framework's spring decision supersede autumn's",
    framework: "risk-designation",
    cycle: "termly",
    computed: [
      computed("c1", Y, "autumn", "repair", "2026-09-20", { framework: "risk-designation" }),
      computed("c2", Y, "spring", "improve", "2027-01-20", { framework: "risk-designation" }),
    ],
    decisions: [
      decision("autumn", Y, "repair", "2026-10-14", "2026-10-15", {
        term: "autumn",
        framework: "risk-designation",
      }),
      decision("spring", Y, "improve", "2027-01-28", "2027-01-28", {
        term: "spring",
        framework: "risk-designation",
      }),
    ],
    expect: { status: "agreed", level: "improve", decision: "spring", reviewSuggested: null },
  },
  {
    name: "counts a termly framework's latest term with a decision, whatever the dates agreed",
    framework: "risk-designation",
    cycle: "termly",
    computed: [],
    decisions: [
      decision("spring", Y, "improve", "2027-01-28", "2027-01-28", {
        term: "spring",
        framework: "risk-designation",
      }),
      decision("autumn-late", Y, "repair", "2027-02-02", "2027-02-02", {
        term: "autumn",
        framework: "risk-designation",
      }),
    ],
    expect: { status: "agreed", level: "improve", decision: "spring" },
  },
  {
    name: "suggests a review in a termly framework when the next term's evidence indicates another level",
    framework: "risk-designation",
    cycle: "termly",
    computed: [
      computed("c1", Y, "autumn", "repair", "2026-09-20", { framework: "risk-designation" }),
      computed("c2", Y, "spring", "improve", "2027-01-20", { framework: "risk-designation" }),
    ],
    decisions: [
      decision("autumn", Y, "repair", "2026-10-14", "2026-10-15", {
        term: "autumn",
        framework: "risk-designation",
      }),
    ],
    expect: {
      status: "reviewSuggested",
      level: "repair",
      decision: "autumn",
      reviewSuggested: "c2",
    },
  },
  {
    name: "does not suggest a review in a termly framework from autumn evidence the autumn decision already saw",
    framework: "risk-designation",
    cycle: "termly",
    computed: [
      computed("c2", Y, "autumn", "improve", "2026-10-01", { framework: "risk-designation" }),
      computed("c1", Y, "spring", "repair", "2027-01-10", { framework: "risk-designation" }),
    ],
    decisions: [
      decision("spring", Y, "repair", "2027-01-20", "2027-01-20", {
        term: "spring",
        framework: "risk-designation",
      }),
    ],
    expect: { status: "agreed", level: "repair", decision: "spring", reviewSuggested: null },
  },
];

describe("the designation that counts", () => {
  it.each(cases)("$name", (example) => {
    const result = designationThatCounts({
      year: example.year ?? Y,
      framework: example.framework ?? "phase-model",
      cycle: example.cycle ?? "annual",
      computed: example.computed,
      decisions: example.decisions,
    });
    const want = example.expect;
    expect(result.status).toBe(want.status);
    expect(result.level).toBe(want.level);
    if (want.decision !== undefined) expect(result.decision?.id ?? null).toBe(want.decision);
    if (want.computed !== undefined) expect(result.computed?.id ?? null).toBe(want.computed);
    if (want.proposal !== undefined) expect(result.proposal?.id ?? null).toBe(want.proposal);
    if (want.reviewSuggested !== undefined)
      expect(result.reviewSuggested?.id ?? null).toBe(want.reviewSuggested);
    expect(result.agreedInEarlierYear).toBe(want.agreedInEarlierYear ?? false);
    expect(result.provisional).toBe(want.provisional ?? false);
  });

  it("gives the same answer whatever order the records arrive in", () => {
    const records = cases[14]!;
    const forward = designationThatCounts({
      year: Y,
      framework: "phase-model",
      cycle: "annual",
      computed: records.computed,
      decisions: records.decisions,
    });
    const backward = designationThatCounts({
      year: Y,
      framework: "phase-model",
      cycle: "annual",
      computed: [...records.computed].reverse(),
      decisions: [...records.decisions].reverse(),
    });
    expect(backward).toEqual(forward);
  });
});
