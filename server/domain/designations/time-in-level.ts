// DOMAIN.md "Time in level": from the first decision at a level (across
// years) until a decision at another level, against the framework's expected
// duration for the level, counted on the trust's term dates.
import {
  calendarPosition,
  englandTermDates,
  termNumber,
  type HalfTermDates,
  type IsoDate,
} from "./term-dates.js";
import { compareDecisions, type DecisionRecord } from "./designation-that-counts.js";

export interface ExpectedDuration {
  readonly min: number;
  readonly max: number;
  readonly unit: "terms" | "months";
}

export interface TimeInLevel {
  readonly level: string;
  /** Date agreed of the first decision of the run at this level. */
  readonly since: IsoDate;
  /** Whole calendar months since then. */
  readonly months: number;
  /** Terms the academy has been at the level, counting the term of the decision as the first. */
  readonly terms: number;
  readonly expected: ExpectedDuration | null;
  /** Past the longest expected duration. */
  readonly beyondExpected: boolean;
  /** "beyond the expected time in Repair (20 months)"; null when within it or none is expected. */
  readonly flag: string | null;
}

function wholeMonths(from: IsoDate, to: IsoDate): number {
  const [fy, fm, fd] = from.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = to.split("-").map(Number) as [number, number, number];
  const months = (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
  return Math.max(0, months);
}

/**
 * Time in level for the decision that counts. `decisions` are every decision of
 * the academy under the framework; only those up to the one that counts are read.
 */
export function timeInLevel(input: {
  readonly decision: DecisionRecord;
  readonly decisions: readonly DecisionRecord[];
  readonly today: IsoDate;
  readonly levelLabel: string;
  readonly expected: ExpectedDuration | null;
  readonly termDates?: (academicYear: string) => readonly HalfTermDates[];
}): TimeInLevel {
  const { decision, today, expected } = input;
  const termDates = input.termDates ?? englandTermDates;
  const sorted = input.decisions
    .filter((record) => record.framework === decision.framework)
    .filter((record) => compareDecisions(record, decision) <= 0)
    .sort(compareDecisions);
  let since = decision.agreedOn;
  for (let index = sorted.length - 1; index >= 0; index--) {
    const record = sorted[index]!;
    if (record.level !== decision.level) break;
    since = record.agreedOn;
  }
  const months = wholeMonths(since, today);
  const terms = Math.max(
    1,
    termNumber(calendarPosition(today, termDates)) -
      termNumber(calendarPosition(since, termDates)) +
      1,
  );
  const elapsed = expected ? (expected.unit === "terms" ? terms : months) : 0;
  const beyond = expected !== null && elapsed > expected.max;
  return {
    level: decision.level,
    since,
    months,
    terms,
    expected,
    beyondExpected: beyond,
    flag:
      beyond && expected
        ? `beyond the expected time in ${input.levelLabel} (${elapsed} ${elapsed === 1 ? expected.unit.slice(0, -1) : expected.unit})`
        : null,
  };
}

/** The name a board uses for a level: "Repair" for "C: Developing (Repair)"; the label otherwise. */
export function levelShortName(label: string): string {
  const match = /\(([A-Za-z-]+)\)\s*$/.exec(label);
  return match ? match[1]! : label;
}
