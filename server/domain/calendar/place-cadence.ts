// Where a cadence's events fall among the year's school days. Deterministic:
// the same term dates and cadence always give the same days, so calendar
// feeds keep their events (and their UIDs) from one download to the next.
import { MONTHS, WEEKDAYS, type Cadence, type Weekday } from "../../shared/review-calendar.js";
import type { SchoolDay } from "./school-days.js";

export interface Placement {
  readonly weekday?: Weekday | undefined;
  readonly weekOfMonth?: number | undefined;
}

const DEFAULT_WEEKDAY: Weekday = "Tue";

/** `count` days spread evenly over `days` (each in the middle of its share), at most one a day. */
function spread(days: readonly SchoolDay[], count: number): SchoolDay[] {
  const n = Math.min(count, days.length);
  const picked: SchoolDay[] = [];
  for (let k = 0; k < n; k += 1) picked.push(days[Math.floor(((k + 0.5) * days.length) / n)]!);
  return picked;
}

function groupBy<Key extends string>(
  days: readonly SchoolDay[],
  key: (day: SchoolDay) => Key,
): SchoolDay[][] {
  const groups = new Map<Key, SchoolDay[]>();
  for (const day of days) {
    const list = groups.get(key(day));
    if (list) list.push(day);
    else groups.set(key(day), [day]);
  }
  return [...groups.values()];
}

/** The preferred weekday in a group of days, else the group's first day. */
function preferred(days: readonly SchoolDay[], weekday: number): SchoolDay {
  return days.find((day) => day.weekday === weekday) ?? days[0]!;
}

/** The school days a cadence's events fall on, in order. */
export function placeCadence(
  days: readonly SchoolDay[],
  cadence: Cadence,
  placement: Placement = {},
): SchoolDay[] {
  const weekday = WEEKDAYS.indexOf(placement.weekday ?? DEFAULT_WEEKDAY) + 1;
  switch (cadence.every) {
    case "weeks":
      // Every n-th week that has school days: holidays do not count as weeks.
      return groupBy(days, (day) => day.week)
        .filter((_, index) => index % cadence.weeks === 0)
        .map((week) => preferred(week, weekday));
    case "halfTerm":
      return groupBy(days, (day) => day.halfTerm).flatMap((half) => spread(half, cadence.count));
    case "term":
      return groupBy(days, (day) => day.term).flatMap((term) => spread(term, cadence.count));
    case "year":
      return spread(days, cadence.count);
    case "months": {
      const byMonth = new Map(
        groupBy(days, (day) => day.date.slice(0, 7)).map((month) => [
          MONTHS[Number(month[0]!.date.slice(5, 7)) - 1],
          month,
        ]),
      );
      const nth = (placement.weekOfMonth ?? 2) - 1;
      return cadence.months
        .flatMap((name) => {
          const month = byMonth.get(name);
          if (!month) return [];
          const matching = month.filter((day) => day.weekday === weekday);
          return [matching[Math.min(nth, matching.length - 1)] ?? month[0]!];
        })
        .sort((a, b) => a.date.localeCompare(b.date));
    }
    default: {
      const unreachable: never = cadence;
      throw new Error(`Unknown cadence ${JSON.stringify(unreachable)}`);
    }
  }
}
