// The school days of an academic year: weekdays inside the trust's half terms
// (DOMAIN.md "Term dates are data"), so nothing the review calendar places
// falls on a weekend or in a holiday. Pure: days are yyyy-mm-dd strings.
import type { HalfTerm, Term } from "../academy-card/calendar.js";
import type { HalfTermDates, IsoDate } from "../designations/term-dates.js";

export interface SchoolDay {
  readonly date: IsoDate;
  readonly halfTerm: HalfTerm;
  readonly term: Term;
  /** 1 Monday ... 5 Friday. */
  readonly weekday: number;
  /** The Monday of its week (weeks group days across a half term's edges). */
  readonly week: IsoDate;
}

const DAY = 86_400_000;

const dayOf = (date: IsoDate) => new Date(`${date}T00:00:00Z`);

/** The day `days` after a day (negative: before). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(dayOf(date).getTime() + days * DAY).toISOString().slice(0, 10);
}

/** 0 Sunday ... 6 Saturday. */
export function weekdayOf(date: IsoDate): number {
  return dayOf(date).getUTCDay();
}

/** Every school day of the year's half terms, in order. */
export function schoolDays(termDates: readonly HalfTermDates[]): readonly SchoolDay[] {
  const days: SchoolDay[] = [];
  for (const half of termDates) {
    for (let date = half.start; date <= half.end; date = addDays(date, 1)) {
      const weekday = weekdayOf(date);
      if (weekday === 0 || weekday === 6) continue;
      days.push({
        date,
        halfTerm: half.halfTerm,
        term: half.term,
        weekday,
        week: addDays(date, 1 - weekday),
      });
    }
  }
  return days;
}

/** The first school day on or after a day, or null when the year has none left. */
export function schoolDayOnOrAfter(days: readonly SchoolDay[], date: IsoDate): SchoolDay | null {
  return days.find((day) => day.date >= date) ?? null;
}
