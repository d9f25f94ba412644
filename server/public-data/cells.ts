// Reading the cells of public files: headers folded for matching, the
// publishers' "not available" codes, dates and time periods. Pure functions.
import { academicYearOfParts } from "../shared/index.js";

/** A header as matched: lower case, trimmed, inner runs of spaces made one ("Latest OEIF  safeguarding"). */
export function foldHeader(text: string): string {
  return text
    .replace(/^\uFEFF/, "")
    .trim()
    .replace(/\s+/g, " ")
    .toLowerCase();
}

/**
 * Codes the publishers use for "no value", with what each means. Ofsted writes
 * `NULL`; Explore Education Statistics `z`, `c`, `x`, `low`, `u`; the older
 * performance tables `SUPP`, `NE`, `NP`, `LOWCOV`, `NA`, `NEW`.
 */
const NOT_AVAILABLE = new Map<string, string>([
  ["", "blank"],
  ["null", "blank (NULL)"],
  ["z", "not applicable (z)"],
  ["c", "confidential (c)"],
  ["x", "not available (x)"],
  ["low", "below 0.5% (low)"],
  ["u", "low reliability (u)"],
  ["supp", "suppressed (SUPP)"],
  ["ne", "no entries (NE)"],
  ["np", "not published (NP)"],
  ["lowcov", "low coverage (LOWCOV)"],
  ["na", "not applicable (NA)"],
  ["n/a", "not applicable (n/a)"],
  ["new", "new school (NEW)"],
  ["not judged", "not judged"],
  [":", "not available (:)"],
]);

/** Why a cell holds no value ("confidential (c)"), or null when it holds one. */
export function notAvailableReason(raw: string | undefined): string | null {
  if (raw === undefined) return "blank";
  const text = raw.trim();
  if (text.length > 12) return null;
  return NOT_AVAILABLE.get(text.toLowerCase()) ?? null;
}

/** A number as published ("62", "-0.31", "65%"); null when the text is not one. */
export function readNumber(raw: string): number | null {
  const text = raw.trim().replace(/%$/, "");
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

function iso(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  )
    return null;
  return date.toISOString().slice(0, 10);
}

/** A date as the publishers write it: dd/mm/yyyy (Ofsted), dd-mm-yyyy (GIAS), yyyy-mm-dd, "31 Jul 2026". */
export function readDate(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const text = raw.trim();
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})/.exec(text);
  if (match) return iso(Number(match[3]), Number(match[2]), Number(match[1]));
  match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (match) return iso(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})(?:st|nd|rd|th)?[\s_-]+([a-z]{3})[a-z]*[\s_-]+(\d{4})$/i.exec(text);
  if (match) {
    const month = MONTHS.indexOf(match[2]!.toLowerCase()) + 1;
    return month > 0 ? iso(Number(match[3]), month, Number(match[1])) : null;
  }
  return null;
}

/** Finds an "as at" date in a title line or a file name ("latest inspections as at 31 Jul 2026"). */
export function asAtDate(text: string): string | null {
  const match =
    /as[\s_-]+at[\s_-]+(\d{1,2}(?:st|nd|rd|th)?[\s_-]+[a-z]{3,9}[\s_-]+\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4})/i.exec(
      text,
    );
  return match ? readDate(match[1]!.replace(/_/g, " ")) : null;
}

/** The academic year of a DfE time period: "202425" -> "2024/25"; null when it is not one. */
export function academicYearOfTimePeriod(raw: string | undefined): string | null {
  const match = /^(\d{4})(\d{2})$/.exec((raw ?? "").trim());
  return match ? academicYearOfParts(match[1]!, match[2]!) : null;
}

/** An academic year named in a path ("2022-2023/england_ks4final.csv", "2023_24") -> "2022/23". */
export function academicYearInName(name: string): string | null {
  const match = /(20\d\d)[-_ ]?(?:20)?(\d\d)(?!\d)/.exec(name);
  return match ? academicYearOfParts(match[1]!, match[2]!) : null;
}

/** 20 Jan 2026, as a reason says it. */
export function longDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-").map(Number) as [number, number, number];
  const name = MONTHS[month - 1]!;
  return `${day} ${name[0]!.toUpperCase()}${name.slice(1)} ${year}`;
}
