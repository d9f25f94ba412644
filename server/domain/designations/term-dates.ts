// DOMAIN.md "Identifiers and calendar": the default England term-date pattern,
// computed (Easter included) so that "now", time in level and terms need no
// table of dates. Pure: dates are plain UTC calendar days.
import { academicYearStarting, startYearOf } from "../../shared/academic-year.js";
import { MONTHS } from "../../shared/review-calendar.js";
import type { HalfTerm, Term } from "../academy-card/calendar.js";

/** A calendar day as yyyy-mm-dd. */
export type IsoDate = string;

export interface HalfTermDates {
  readonly halfTerm: HalfTerm;
  readonly term: Term;
  /** First day (a school day). */
  readonly start: IsoDate;
  /** Last school day. */
  readonly end: IsoDate;
}

const DAY = 86_400_000;

function utc(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}

export function isoDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY);
}

/** Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return utc(year, month, day);
}

/** The last given weekday (0 Sunday .. 6 Saturday) on or before a date. */
function onOrBefore(date: Date, weekday: number): Date {
  return addDays(date, -((date.getUTCDay() - weekday + 7) % 7));
}

/** The first given weekday on or after a date. */
function onOrAfter(date: Date, weekday: number): Date {
  return addDays(date, (weekday - date.getUTCDay() + 7) % 7);
}

const MONDAY = 1;
const FRIDAY = 5;

/**
 * The six half terms of an academic year under the default England pattern:
 * autumn1 1 Sep to the last Friday of October; autumn2 to the Friday before
 * 23 Dec; spring1 from the first Monday of January to the Friday before the
 * third Monday of February; spring2 to the Friday before Easter Monday (or
 * 31 Mar if later); summer1 to the Friday before the last Monday of May;
 * summer2 to 20 Jul. A half term not given a first day starts on the first
 * Monday at least ten days after the previous one ends (after a holiday week).
 */
// Worked out once per year: time in level asks for them for every academy of an overview.
const englandYears = new Map<string, readonly HalfTermDates[]>();

export function englandTermDates(academicYear: string): readonly HalfTermDates[] {
  let dates = englandYears.get(academicYear);
  if (!dates) {
    dates = Object.freeze(workOutEnglandTermDates(academicYear).map((row) => Object.freeze(row)));
    englandYears.set(academicYear, dates);
  }
  return dates;
}

function workOutEnglandTermDates(academicYear: string): HalfTermDates[] {
  const y = startYearOf(academicYear);
  const next = y + 1;
  const autumn1End = onOrBefore(utc(y, 10, 31), FRIDAY);
  const autumn2Start = addDays(autumn1End, 10);
  const autumn2End = onOrBefore(utc(y, 12, 22), FRIDAY);
  const spring1Start = onOrAfter(utc(next, 1, 1), MONDAY);
  const thirdMondayOfFebruary = addDays(onOrAfter(utc(next, 2, 1), MONDAY), 14);
  const spring1End = addDays(thirdMondayOfFebruary, -3);
  const spring2Start = addDays(spring1End, 10);
  const easterMonday = addDays(easterSunday(next), 1);
  const goodFriday = addDays(easterMonday, -3);
  const march31 = utc(next, 3, 31);
  const spring2End = goodFriday.getTime() > march31.getTime() ? goodFriday : march31;
  const summer1Start = onOrAfter(addDays(spring2End, 10), MONDAY);
  const lastMondayOfMay = onOrBefore(utc(next, 5, 31), MONDAY);
  const summer1End = addDays(lastMondayOfMay, -3);
  const summer2Start = addDays(summer1End, 10);
  const summer2End = utc(next, 7, 20);
  const rows: [HalfTerm, Term, Date, Date][] = [
    ["autumn1", "autumn", utc(y, 9, 1), autumn1End],
    ["autumn2", "autumn", autumn2Start, autumn2End],
    ["spring1", "spring", spring1Start, spring1End],
    ["spring2", "spring", spring2Start, spring2End],
    ["summer1", "summer", summer1Start, summer1End],
    ["summer2", "summer", summer2Start, summer2End],
  ];
  return rows.map(([halfTerm, term, start, end]) => ({
    halfTerm,
    term,
    start: isoDate(start),
    end: isoDate(end),
  }));
}

export interface CalendarPosition {
  readonly academicYear: string;
  /** The half term that has most recently started (holidays belong to the half term before them). */
  readonly halfTerm: HalfTerm;
  readonly term: Term;
}

/** Where a day falls: its academic year (1 Sep to 31 Aug) and the half term most recently started. */
export function calendarPosition(
  day: IsoDate,
  termDates: (academicYear: string) => readonly HalfTermDates[] = englandTermDates,
): CalendarPosition {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const academicYear = academicYearStarting(month >= 9 ? year : year - 1);
  const dates = termDates(academicYear);
  let current = dates[0]!;
  for (const half of dates) if (half.start <= day) current = half;
  return { academicYear, halfTerm: current.halfTerm, term: current.term };
}

const TERM_INDEX: Readonly<Record<Term, number>> = { autumn: 0, spring: 1, summer: 2 };

/** A running count of terms: three per academic year, so two positions subtract to a number of terms. */
export function termNumber(position: CalendarPosition): number {
  return startYearOf(position.academicYear) * 3 + TERM_INDEX[position.term];
}

export { endOfAcademicYear } from "../../shared/academic-year.js";

/** "14 Oct 2025" */
export function dayInWords(day: IsoDate): string {
  return `${Number(day.slice(8, 10))} ${MONTHS[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;
}
