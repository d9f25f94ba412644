// Wall-clock times in Europe/London as instants, without a time-zone
// database: British Summer Time runs from 01:00 UTC on the last Sunday of
// March to 01:00 UTC on the last Sunday of October (the Summer Time Order
// 2002, in line with EU directive 2000/84/EC).
import type { IsoDate } from "../designations/term-dates.js";

export const LONDON = "Europe/London";

function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month, 0));
  return Date.UTC(year, month - 1, last.getUTCDate() - last.getUTCDay(), 1);
}

/** True when British Summer Time is in force at the instant. */
export function isBritishSummerTime(instant: Date): boolean {
  const year = instant.getUTCFullYear();
  const time = instant.getTime();
  return time >= lastSunday(year, 3) && time < lastSunday(year, 10);
}

/** The instant a London wall-clock time ("16:00") on a day happens. */
export function londonInstant(date: IsoDate, time: string): Date {
  const asUtc = new Date(`${date}T${time}:00Z`);
  // Meetings are in the day, never in the hour the clocks change.
  return isBritishSummerTime(asUtc) ? new Date(asUtc.getTime() - 3_600_000) : asUtc;
}
