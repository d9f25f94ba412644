// The review calendar (issue 15): from the designation that counts and the
// framework's support entitlements, the year's meetings and visits for each
// academy, with the trust-wide meetings the framework declares (the October
// trust board; seed 003's education improvement team and standards committee
// after each progress board), placed on school days of the trust's term
// dates, with times in Europe/London.
import type { HalfTerm, Term } from "../academy-card/calendar.js";
import type { HalfTermDates, IsoDate } from "../designations/term-dates.js";
import type { SupportEntitlement } from "../../shared/support-entitlements.js";
import {
  CALENDAR_EVENT_KIND_WORDS,
  type Cadence,
  type CalendarEventKind,
  type TrustMeeting,
} from "../../shared/review-calendar.js";
import { startYearOf } from "../../shared/academic-year.js";
import { addDays, schoolDayOnOrAfter, schoolDays, type SchoolDay } from "./school-days.js";
import { placeCadence } from "./place-cadence.js";
import { londonInstant } from "./london-time.js";

export interface CalendarAcademy {
  readonly urn: string;
  readonly name: string;
  /** The support of the designation that counts (none before a designation). */
  readonly support: readonly SupportEntitlement[];
}

export interface ReviewCalendarInput {
  /** Academic year, "2026/27". */
  readonly year: string;
  /** The trust's half terms for the year. */
  readonly termDates: readonly HalfTermDates[];
  readonly academies: readonly CalendarAcademy[];
  /** The framework's trust-wide meetings; empty when the calendar is one academy's. */
  readonly meetings: readonly TrustMeeting[];
}

export interface CalendarEvent {
  /** Stable for the same year, academy, activity and day: a feed's UID. */
  readonly id: string;
  readonly kind: CalendarEventKind;
  /** The academy it is for; null for a trust-wide meeting. */
  readonly urn: string | null;
  readonly academyName: string | null;
  readonly date: IsoDate;
  readonly halfTerm: HalfTerm;
  readonly term: Term;
  /** A whole-day event (a visit, a day of support) has no start or end time. */
  readonly start: Date | null;
  readonly end: Date | null;
  /** "School improvement adviser: Oak Academy". */
  readonly title: string;
  /** The entitlement's activity it delivers; null for a trust-wide meeting. */
  readonly activity: string | null;
  /** Where it falls in its allocation: "day 3 of 20 this term", "every week". */
  readonly detail: string;
}

const DEFAULT_MINUTES = 60;

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);

/** "day 3 of 20 this term" for the n-th (1-based) of its cadence's period. */
function detailOf(cadence: Cadence, unit: string, n: number, of: number): string {
  const one = unit.replace(/s$/, "");
  switch (cadence.every) {
    case "weeks":
      return cadence.weeks === 1 ? "every week" : `every ${cadence.weeks} weeks`;
    case "halfTerm":
      return `${one} ${n} of ${of} this half term`;
    case "term":
      return `${one} ${n} of ${of} this term`;
    case "year":
    case "months":
      return `${one} ${n} of ${of} this year`;
    default: {
      const unreachable: never = cadence;
      throw new Error(`Unknown cadence ${JSON.stringify(unreachable)}`);
    }
  }
}

/** The period a cadence counts within (for "n of N"). */
function periodKey(cadence: Cadence, day: SchoolDay): string {
  if (cadence.every === "halfTerm") return day.halfTerm;
  if (cadence.every === "term") return day.term;
  return "year";
}

interface Timing {
  readonly time?: string | undefined;
  readonly minutes?: number | undefined;
}

function timesOf(date: IsoDate, timing: Timing): { start: Date | null; end: Date | null } {
  if (!timing.time) return { start: null, end: null };
  const start = londonInstant(date, timing.time);
  return {
    start,
    end: new Date(start.getTime() + (timing.minutes ?? DEFAULT_MINUTES) * 60_000),
  };
}

function academyEvents(
  year: number,
  days: readonly SchoolDay[],
  academy: CalendarAcademy,
): CalendarEvent[] {
  return academy.support.flatMap((entitlement) => {
    const schedule = entitlement.schedule;
    if (!schedule) return [];
    const placed = placeCadence(days, schedule.cadence, schedule);
    const totals = new Map<string, number>();
    for (const day of placed) {
      const key = periodKey(schedule.cadence, day);
      totals.set(key, (totals.get(key) ?? 0) + 1);
    }
    const seen = new Map<string, number>();
    return placed.map((day): CalendarEvent => {
      const key = periodKey(schedule.cadence, day);
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      return {
        id: `${year}-${academy.urn}-${slug(entitlement.activity)}-${day.date}`,
        kind: schedule.kind,
        urn: academy.urn,
        academyName: academy.name,
        date: day.date,
        halfTerm: day.halfTerm,
        term: day.term,
        ...timesOf(day.date, schedule),
        title: `${entitlement.activity}: ${academy.name}`,
        activity: entitlement.activity,
        detail: detailOf(schedule.cadence, entitlement.unit, n, totals.get(key) ?? n),
      };
    });
  });
}

function meetingEvents(
  year: number,
  days: readonly SchoolDay[],
  meetings: readonly TrustMeeting[],
  academyPlaced: readonly CalendarEvent[],
): CalendarEvent[] {
  const placed: CalendarEvent[] = [];
  for (const meeting of meetings) {
    let on: SchoolDay[];
    if (meeting.follows) {
      const { kind, days: after } = meeting.follows;
      const dates = new Set(
        [...academyPlaced, ...placed].filter((event) => event.kind === kind).map((e) => e.date),
      );
      const found = new Map<IsoDate, SchoolDay>();
      for (const date of dates) {
        const day = schoolDayOnOrAfter(days, addDays(date, after));
        if (day) found.set(day.date, day);
      }
      on = [...found.values()].sort((a, b) => a.date.localeCompare(b.date));
    } else if (meeting.cadence) {
      on = placeCadence(days, meeting.cadence, meeting);
    } else {
      on = [];
    }
    const detail = meeting.follows
      ? `${meeting.follows.days} days after each ${CALENDAR_EVENT_KIND_WORDS[meeting.follows.kind].toLowerCase()}`
      : "trust-wide";
    for (const day of on)
      placed.push({
        id: `${year}-trust-${meeting.kind}-${day.date}`,
        kind: meeting.kind,
        urn: null,
        academyName: null,
        date: day.date,
        halfTerm: day.halfTerm,
        term: day.term,
        ...timesOf(day.date, meeting),
        title: meeting.title,
        activity: null,
        detail,
      });
  }
  return placed;
}

const startOf = (event: CalendarEvent) => event.start?.toISOString() ?? "";

/** The year's meetings and visits, in date order (whole-day events first on a day). */
export function reviewCalendar(input: ReviewCalendarInput): CalendarEvent[] {
  const year = startYearOf(input.year);
  const days = schoolDays(input.termDates);
  const forAcademies = input.academies.flatMap((academy) => academyEvents(year, days, academy));
  const trustWide = meetingEvents(year, days, input.meetings, forAcademies);
  return [...trustWide, ...forAcademies].sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      startOf(a).localeCompare(startOf(b)) ||
      (a.urn ?? "").localeCompare(b.urn ?? "") ||
      a.id.localeCompare(b.id),
  );
}

/** The events between two days, both included. */
export function eventsBetween(
  events: readonly CalendarEvent[],
  from: IsoDate | null,
  to: IsoDate | null,
): CalendarEvent[] {
  return events.filter(
    (event) => (from === null || event.date >= from) && (to === null || event.date <= to),
  );
}
