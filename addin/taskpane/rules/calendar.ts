// The academic calendar (years such as 2025/26, terms, half terms), shared
// with the server's domain so the pane offers exactly the periods it accepts.
import { academicYearOf } from "../../../server/domain/academy-card/calendar.js";

export {
  academicYearOf,
  PERIODS,
  TERMS,
  type Period,
  type Term,
} from "../../../server/domain/academy-card/calendar.js";

/** The term a date falls in: autumn from September, spring from January, summer from April (Easter moves; a default the user can change). */
export function termOf(date: Date): "autumn" | "spring" | "summer" {
  const month = date.getUTCMonth();
  if (month >= 8) return "autumn";
  return month <= 2 ? "spring" : "summer";
}

/** The current academic year and the `count - 1` before it, newest first. */
export function recentYears(today: Date, count = 4): string[] {
  const start = Number(academicYearOf(today).slice(0, 4));
  return Array.from({ length: count }, (_, back) => {
    const first = start - back;
    return `${first}/${String((first + 1) % 100).padStart(2, "0")}`;
  });
}
