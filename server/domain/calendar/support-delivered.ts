// Support delivered against support allocated (issue 15): for each countable
// entitlement of the designation that counts, what was delivered in its period
// (this half term, this term or this year, as the entitlement is counted) out
// of what it allocates, and whether delivery is behind, on track, complete or
// over. The academy card, the overview and the board papers read it.
import type { HalfTermDates, IsoDate } from "../designations/term-dates.js";
import type { SupportEntitlement } from "../../shared/support-entitlements.js";
import type { DeliveryStatus } from "../../shared/review-calendar.js";
import { schoolDays, type SchoolDay } from "./school-days.js";
import { placeCadence } from "./place-cadence.js";

/** One visit or amount of support delivered (a stored SupportDelivery, as the rule reads it). */
export interface DeliveredSupport {
  /** The entitlement's activity it counts against. */
  readonly activity: string;
  readonly deliveredOn: IsoDate;
  /** In the entitlement's unit: 1 visit, 0.5 of a day. */
  readonly quantity: number;
}

export type AllocationPeriod = "halfTerm" | "term" | "year";

/** Delivered of allocated for one entitlement in one period. */
export interface SupportUse {
  readonly activity: string;
  readonly unit: string;
  readonly period: AllocationPeriod;
  /** First and last school day of the period. */
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** How many the period allocates (the upper figure of a range or "up to"). */
  readonly allocated: number;
  /** The allocation as the framework words it ("up to 20"); null for a plain number. */
  readonly allocatedText: string | null;
  readonly delivered: number;
  /** How many should have been delivered by the day asked about (the schedule's, else pro rata). */
  readonly expectedByNow: number;
  readonly status: DeliveryStatus;
  /** "School improvement adviser: 12 of up to 20 days this term". */
  readonly words: string;
}

/** The period an allocation is counted over, as a sentence ends: "this term". */
export const PERIOD_WORDS: Readonly<Record<AllocationPeriod, string>> = {
  halfTerm: "this half term",
  term: "this term",
  year: "this year",
};

const PER_PERIOD: Readonly<Record<string, AllocationPeriod>> = {
  "half term": "halfTerm",
  term: "term",
  year: "year",
};

const COUNTED_UNITS = new Set(["day", "days", "visit", "visits"]);

/**
 * An entitlement is counted when it has a schedule (its meetings and visits
 * are in the calendar) or is a number of days or visits; "as needed" support
 * has no allocation to count against.
 */
export function isCounted(entitlement: SupportEntitlement): boolean {
  if (entitlement.quantityText !== null && !/\d/.test(entitlement.quantityText)) return false;
  return entitlement.schedule !== undefined || COUNTED_UNITS.has(entitlement.unit);
}

/** The unit for an amount: "1 visit", "14 briefings" (a framework may word either). */
export function unitFor(unit: string, amount: number): string {
  if (amount === 1) return unit.replace(/(visit|day|meeting|review|check|briefing)s$/, "$1");
  return /s$/.test(unit) ? unit : `${unit}s`;
}

/** Amounts to one decimal place, without float noise. */
const tidy = (value: number) => Math.round(value * 10) / 10;

function statusOf(delivered: number, allocated: number, expected: number): DeliveryStatus {
  if (delivered > allocated) return "over";
  if (allocated > 0 && delivered === allocated) return "complete";
  if (delivered < expected) return "under";
  return "onTrack";
}

/**
 * Delivered of allocated for each counted entitlement, in the period of each
 * that contains `asAt` (a day of the academic year `termDates` describe).
 * Entitlements counted weekly or fortnightly are counted per term, their
 * allocation the number the calendar schedules in it. This is the one rule
 * the card, the overview and the board papers use.
 */
export function deliveredOfAllocated(
  entitlements: readonly SupportEntitlement[],
  delivered: readonly DeliveredSupport[],
  termDates: readonly HalfTermDates[],
  asAt: IsoDate,
): SupportUse[] {
  const days = schoolDays(termDates);
  if (days.length === 0) return [];
  const current = [...days].reverse().find((day) => day.date <= asAt) ?? days[0]!;
  const inPeriod = (period: AllocationPeriod) => (day: SchoolDay) =>
    period === "year" ||
    (period === "term" ? day.term === current.term : day.halfTerm === current.halfTerm);
  return entitlements.filter(isCounted).map((entitlement): SupportUse => {
    const period = PER_PERIOD[entitlement.per] ?? "term";
    const periodDays = days.filter(inPeriod(period));
    const from = periodDays[0]!.date;
    const to = periodDays[periodDays.length - 1]!.date;
    const scheduled = entitlement.schedule
      ? placeCadence(days, entitlement.schedule.cadence, entitlement.schedule).filter(
          inPeriod(period),
        )
      : null;
    const allocated =
      PER_PERIOD[entitlement.per] !== undefined || scheduled === null
        ? entitlement.quantity
        : scheduled.length;
    const elapsed = periodDays.filter((day) => day.date <= asAt).length;
    const expectedByNow = scheduled
      ? Math.min(allocated, scheduled.filter((day) => day.date <= asAt).length)
      : Math.floor((allocated * elapsed) / periodDays.length);
    const total = tidy(
      delivered
        .filter(
          (item) =>
            item.activity === entitlement.activity &&
            item.deliveredOn >= from &&
            item.deliveredOn <= to,
        )
        .reduce((sum, item) => sum + item.quantity, 0),
    );
    const allocatedText =
      PER_PERIOD[entitlement.per] !== undefined ? entitlement.quantityText : null;
    return {
      activity: entitlement.activity,
      unit: entitlement.unit,
      period,
      from,
      to,
      allocated,
      allocatedText,
      delivered: total,
      expectedByNow,
      status: statusOf(total, allocated, expectedByNow),
      words: `${entitlement.activity}: ${total} of ${allocatedText ?? allocated} ${unitFor(entitlement.unit, allocated)} ${PERIOD_WORDS[period]}`,
    };
  });
}
