// Academic years as the trust writes them ("2025/26": 1 September to 31
// August), read from what a cell holds. Shared by the functions and the pane.

const DAY_MS = 86_400_000;
/** Excel's day 0 for serials after 28 Feb 1900 (Excel counts a 29 Feb 1900 that never was). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Serials below this are not dates a school year could fall in (1 Jan 1990). */
const FIRST_PLAUSIBLE_SERIAL = 32_874;

/** The academic year a date falls in: "2025/26" for any day from 1 Sep 2025 to 31 Aug 2026. */
export function academicYearOf(date: Date): string {
  const year = date.getUTCFullYear();
  const start = date.getUTCMonth() >= 8 ? year : year - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
}

/**
 * Reads a year from a cell: "2025/26", "2025-26", "2025/2026" or a date
 * (an Excel date serial, e.g. =TODAY()) that falls in the year. Answers
 * null when the value is none of these; a bare 2025 is refused because it
 * could mean 2024/25 or 2025/26.
 */
export function parseAcademicYear(value: unknown): string | null {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < FIRST_PLAUSIBLE_SERIAL) return null;
    return academicYearOf(new Date(EXCEL_EPOCH_MS + Math.floor(value) * DAY_MS));
  }
  if (typeof value !== "string") return null;
  const match = /^\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*$/.exec(value);
  if (!match) return null;
  const start = Number(match[1]);
  const end = Number(match[2]);
  const expected = match[2]!.length === 2 ? (start + 1) % 100 : start + 1;
  if (end !== expected) return null;
  return `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
}
