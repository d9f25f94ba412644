// The review calendar as iCalendar (RFC 5545), written by ical-generator (a
// maintained iCalendar writer): timed events carry TZID=Europe/London with
// the zone's VTIMEZONE, whole-day visits are DATE values, and each event's
// UID is its calendar id at the trust's domain, so a calendar app updates an
// event in place instead of duplicating it.
import ical, {
  ICalCalendarMethod,
  type ICalTemporalPlainDateStub,
  type ICalTemporalPlainDateTimeStub,
  type ICalTemporalZonedDateTimeStub,
} from "ical-generator";
import { CALENDAR_EVENT_KIND_WORDS } from "../shared/index.js";
import { LONDON, type CalendarEvent } from "../domain/index.js";

/**
 * Europe/London's VTIMEZONE: GMT, with British Summer Time from 01:00 UTC on
 * the last Sunday of March to 01:00 UTC on the last Sunday of October (the
 * rule server/domain/calendar/london-time.ts places times by).
 */
const LONDON_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  `TZID:${LONDON}`,
  `X-LIC-LOCATION:${LONDON}`,
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0000",
  "TZOFFSETTO:+0100",
  "TZNAME:BST",
  "DTSTART:19700329T010000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0000",
  "TZNAME:GMT",
  "DTSTART:19701025T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
].join("\r\n");

const LONDON_PARTS = new Intl.DateTimeFormat("en-GB", {
  timeZone: LONDON,
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
  hourCycle: "h23",
});

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function londonWallClock(instant: Date): WallClock {
  const parts = Object.fromEntries(
    LONDON_PARTS.formatToParts(instant).map((part) => [part.type, Number(part.value)]),
  );
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

// ical-generator writes a native Date in the server process's own zone when
// an event has a TZID; it writes a Temporal value's own fields. Node 20 has no
// Temporal, so London wall-clock times go in as the small Temporal shapes it
// reads (ZonedDateTime, PlainDateTime, PlainDate), independent of the
// process's TZ.
const pad = (value: number, width = 2) => String(value).padStart(width, "0");

function plainDateOf(
  year: number,
  month: number,
  day: number,
): ICalTemporalPlainDateStub & {
  toPlainDateTime(): ICalTemporalPlainDateTimeStub;
} {
  const text = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  return {
    year,
    month,
    day,
    toJSON: () => text,
    toString: () => text,
    toPlainDateTime: () => plainDateTime({ year, month, day, hour: 0, minute: 0, second: 0 }),
  };
}

function plainDateTime(clock: WallClock): ICalTemporalPlainDateTimeStub {
  const text = `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}T${pad(clock.hour)}:${pad(clock.minute)}:${pad(clock.second)}`;
  return {
    ...clock,
    toJSON: () => text,
    toString: () => text,
    toPlainDate: () => plainDateOf(clock.year, clock.month, clock.day),
    toZonedDateTime: () => zonedDateTime(clock, null),
  };
}

function zonedDateTime(clock: WallClock, instant: Date | null): ICalTemporalZonedDateTimeStub {
  const text = `${plainDateTime(clock).toString()}[${LONDON}]`;
  const zoned: ICalTemporalZonedDateTimeStub = {
    ...clock,
    timeZoneId: LONDON,
    toJSON: () => text,
    toString: () => text,
    toPlainDateTime: () => plainDateTime(clock),
    withTimeZone: () => zoned,
    toInstant: () => {
      const at = instant ?? new Date(Date.UTC(clock.year, clock.month - 1, clock.day));
      return {
        epochMilliseconds: at.getTime(),
        toJSON: () => at.toISOString(),
        toString: () => at.toISOString(),
        toZonedDateTimeISO: () => zoned,
      };
    },
  };
  return zoned;
}

const londonTime = (instant: Date) => zonedDateTime(londonWallClock(instant), instant);

/** A calendar day as the Temporal PlainDate shape ical-generator writes as a DATE. */
function plainDate(date: string) {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return plainDateOf(year, month, day);
}

export interface FeedOptions {
  /** The calendar's name: "Northern Lights Academy Trust: review calendar 2026/27". */
  readonly name: string;
  /** The trust's GIAS uid: UIDs are <event id>@<uid>.mat-designations. */
  readonly trustUid: string;
  /** The time the feed was made (DTSTAMP). */
  readonly stamp: Date;
}

/** The events as an iCalendar document. */
export function calendarFeed(events: readonly CalendarEvent[], options: FeedOptions): string {
  const calendar = ical({
    name: options.name,
    prodId: { company: "mat-designations", product: "review-calendar", language: "EN" },
    method: ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone name: ical-generator would write DTSTAMP in it,
    // and RFC 5545 wants DTSTAMP in UTC. The generator still writes the
    // VTIMEZONE of every zone an event names (each timed event names London).
    timezone: { name: null, generator: (zone) => (zone === LONDON ? LONDON_VTIMEZONE : null) },
    ttl: 60 * 60,
    x: [["X-WR-TIMEZONE", LONDON]],
  });
  const domain = `${options.trustUid.toLowerCase().replace(/[^a-z0-9-]/g, "")}.mat-designations`;
  for (const event of events) {
    const timed = event.start !== null && event.end !== null;
    calendar.createEvent({
      id: `${event.id}@${domain}`,
      stamp: options.stamp,
      summary: event.title,
      description: [
        CALENDAR_EVENT_KIND_WORDS[event.kind],
        event.activity ? `Entitlement: ${event.activity} (${event.detail})` : event.detail,
        event.urn ? `Academy: ${event.academyName ?? ""} (URN ${event.urn})` : "Trust-wide",
      ].join("\n"),
      categories: [{ name: CALENDAR_EVENT_KIND_WORDS[event.kind] }],
      timezone: timed ? LONDON : null,
      allDay: !timed,
      start: timed ? londonTime(event.start!) : plainDate(event.date),
      ...(timed ? { end: londonTime(event.end!) } : {}),
    });
  }
  return calendar.toString();
}
