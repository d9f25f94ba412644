// Academic years as the trust writes them: "2025/26" runs from 1 September
// 2025 to 31 August 2026 (DOMAIN.md "Identifiers and calendar"). The server
// checks and computes years with these rules and the add-in offers and reads
// years with the same ones.
import type { Problem } from "./problem.js";

/** The academic year starting in a calendar year: 2025 -> "2025/26". */
export function academicYearStarting(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}`;
}

/** The first calendar year of an academic year: "2025/26" -> 2025. */
export function startYearOf(academicYear: string): number {
  return Number(academicYear.slice(0, 4));
}

/**
 * The academic year written as a first year and a second (two or four digits:
 * 26 or 2026), or null when the second does not follow the first.
 */
export function academicYearOfParts(first: string, second: string): string | null {
  if (second.length !== 2 && second.length !== 4) return null;
  const start = Number(first);
  const expected = second.length === 2 ? (start + 1) % 100 : start + 1;
  return Number(second) === expected ? academicYearStarting(start) : null;
}

/** The academic year a moment falls in (by its UTC day): "2025/26" from 1 Sep 2025 to 31 Aug 2026. */
export function academicYearOf(date: Date): string {
  const year = date.getUTCFullYear();
  return academicYearStarting(date.getUTCMonth() >= 8 ? year : year - 1);
}

/** The academic year a day (yyyy-mm-dd) falls in: 2026-01-20 -> "2025/26". */
export function academicYearOfDay(isoDate: string): string {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return academicYearStarting(month >= 9 ? year : year - 1);
}

/** The last day of an academic year (yyyy-mm-dd): "2024/25" -> "2025-08-31". */
export function endOfAcademicYear(academicYear: string): string {
  return `${startYearOf(academicYear) + 1}-08-31`;
}

const YEAR_PATTERN = /^(\d{4})\/(\d{2})$/;

/** True for an academic year as the API takes it: "2025/26". */
export function isAcademicYear(text: string): boolean {
  const match = YEAR_PATTERN.exec(text);
  return match !== null && academicYearOfParts(match[1]!, match[2]!) !== null;
}

/** An academic year "2025/26" given for `field`: the second part must follow the first. */
export function yearProblem(field: string, year: string): Problem | null {
  if (isAcademicYear(year)) return null;
  return {
    field,
    value: year,
    accepts: "an academic year such as 2025/26",
    message: `${field}: "${year}" is not an academic year; use the form 2025/26`,
  };
}

/**
 * A year as a person may type it: "2025/26", "2025-26" or "2025/2026" (spaces
 * allowed) as "2025/26"; null for anything else (a bare 2025 could mean
 * 2024/25 or 2025/26).
 */
export function readAcademicYear(text: string): string | null {
  const match = /^\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*$/.exec(text);
  return match ? academicYearOfParts(match[1]!, match[2]!) : null;
}

/** The current academic year and the `count - 1` before it, newest first. */
export function recentAcademicYears(today: Date, count = 4): string[] {
  const start = startYearOf(academicYearOf(today));
  return Array.from({ length: count }, (_, back) => academicYearStarting(start - back));
}
