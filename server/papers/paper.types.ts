// One model of a board paper, rendered two ways: as a workbook
// (server/workbook/) and as a printable page (./html/). Everything a governor
// reads is decided here, in words and rounded numbers; the renderers only lay
// it out.
import type { Period, Rag } from "../domain/index.js";

/** The title block: who, what, when produced and how fresh the data is. */
export interface PaperHeading {
  readonly trustName: string;
  /** "Academy card" or "Trust overview". */
  readonly title: string;
  /** "Oakfield Primary Academy (URN 140001), primary"; null on the overview. */
  readonly academy: string | null;
  readonly year: string;
  /** The trust's framework by name: "Phase model (Stabilise, Repair, Improve, Sustain)". */
  readonly framework: string;
  readonly producedAt: Date;
  /** When the newest figure on the paper was recorded; null when there is none. */
  readonly dataAsAt: Date | null;
}

/**
 * Support delivered against one entitlement, when the trust records it
 * (issue 15 part 3, built elsewhere): `used` of `allocated` in the
 * entitlement's unit over `period` ("this term"). Absent, a paper shows the
 * allocation alone.
 */
export interface SupportDelivered {
  readonly used: number;
  readonly allocated: number;
  /** The unit for the allocation, in its number: "20 days", "1 visit". */
  readonly unit: string;
  /** "this term", "this year", "this half term". */
  readonly period: string;
  /** Over- or under-delivery so far, in words; null when as planned. */
  readonly flag: string | null;
}

/** One support entitlement of the level that counts. */
export interface SupportLine {
  readonly activity: string;
  /** "20 days per term (up to)": the allocation as the framework declares it. */
  readonly allocation: string;
  readonly unit: string;
  readonly delivered: SupportDelivered | null;
}

/** "SIA days: 12 of 20 days this term" with delivery; "SIA days: 20 days per term" without. */
export function supportText(line: SupportLine): string {
  const { delivered } = line;
  if (!delivered) return `${line.activity}: ${line.allocation}`;
  return `${line.activity}: ${delivered.used} of ${delivered.allocated} ${delivered.unit} ${delivered.period}${delivered.flag ? ` (${delivered.flag})` : ""}`;
}

export type DesignationStatus = "agreed" | "not yet agreed" | "review suggested" | "provisional";

/** The designation that counts, as a board reads it. */
export interface DesignationPaper {
  /** The level's label; "not yet designated" or "Insufficient evidence". */
  readonly level: string;
  readonly status: DesignationStatus;
  /** "Trust Board, 14 Oct 2025 (Ada Leader)"; null when not agreed. */
  readonly agreed: string | null;
  /** The whole status sentence: "agreed by Trust Board, 14 Oct 2025 (Ada Leader); review suggested: ...". */
  readonly statusText: string;
  /** "since 14 Oct 2025 (13 months, 4 terms)"; "" before a decision. */
  readonly timeInLevel: string;
  readonly support: readonly SupportLine[];
}

/** A figure shown with its number (for a cell's number format) and its words in the unit. */
export interface Figure {
  readonly value: number;
  /** "18.5%", "-0.45", "3 pupils". */
  readonly text: string;
}

export interface TrendPoint extends Figure {
  readonly period: Period;
  readonly periodWords: string;
  readonly provisional: boolean;
}

export interface TargetPaper {
  readonly metric: string;
  /** The metric's name in full: never cut. */
  readonly metricName: string;
  /** "%", "score", "per 100 pupils". */
  readonly unit: string;
  /** "lower is better" / "higher is better". */
  readonly direction: string;
  readonly precision: number;
  /** agreed, reviewed, proposed, draft. */
  readonly status: string;
  /** "agreed: Trust Board, 14 Oct 2025 (Ada Leader)" steps, oldest first. */
  readonly signOff: readonly string[];
  /** "change proposed: target 5.0 (reason); agreed value in force"; null without one. */
  readonly pendingChange: string | null;
  readonly baseline: Figure;
  readonly target: Figure;
  readonly milestones: readonly (Figure & { readonly periodWords: string })[];
  /** What is expected by today's half term (the target once the year is over). */
  readonly expectedNow: (Figure & { readonly periodWords: string }) | null;
  readonly latest:
    (Figure & { readonly periodWords: string; readonly provisional: boolean }) | null;
  /** What was expected by the latest measurement's period (RAG is judged against it). */
  readonly expectedByLatest: Figure | null;
  readonly tolerance: Figure;
  /** Every measurement that counts, one per period, in the year's order. */
  readonly trend: readonly TrendPoint[];
  /** What is expected at each point of the year: 0 (the baseline) to 6 (Summer 2, the target). */
  readonly expectation: readonly number[];
  /** Share of the gap closed (0.5 is half); null without a measurement or when target = baseline. */
  readonly gapClosed: number | null;
  readonly rag: Rag | null;
  /** "Green", "Amber", "Red", "No data". */
  readonly ragWords: string;
  /** "0.3 better than national (secondary, 2023/24) 5.1%"; "no national comparison" otherwise. */
  readonly national: string;
}

export interface AcademyCardPaper {
  readonly heading: PaperHeading;
  readonly urn: string;
  readonly academyName: string;
  readonly designation: DesignationPaper;
  readonly targets: readonly TargetPaper[];
}

export interface OverviewChangeLine {
  readonly at: Date;
  /** "12 Jan 2026" */
  readonly when: string;
  /** In words: "Persistent absence, Autumn 2: 14.2% (provisional)". */
  readonly what: string;
}

export interface OverviewAcademyLine {
  readonly urn: string;
  readonly name: string;
  readonly phase: string;
  readonly designation: DesignationPaper;
  readonly rag: {
    readonly green: number;
    readonly amber: number;
    readonly red: number;
    readonly none: number;
  };
  readonly targetsAgreed: number;
  readonly targetsAwaiting: number;
  readonly changes: readonly OverviewChangeLine[];
}

export interface OverviewPaper {
  readonly heading: PaperHeading;
  /** The date changes are counted from (the last board), as a calendar day. */
  readonly since: string;
  /** Why that date: "the last Trust Board decision, 14 Oct 2025". */
  readonly sinceReason: string;
  readonly academies: readonly OverviewAcademyLine[];
}
