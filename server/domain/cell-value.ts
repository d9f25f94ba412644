// Reading one cell the way Excel hands it over: a number, a string as typed,
// a boolean, or nothing. A value that cannot be read is an error naming the
// indicator, the value and what is accepted; nothing is guessed.
//
// Percent columns (DOMAIN.md "Percent cells"): where the cell's number format
// is known, it decides: a percent-formatted cell is read as Excel shows it
// (stored 1 is 100%, 0.185 is 18.5%) and any other format is read as given.
// Where it is not known, a number strictly between 0 and 1, as a number or as
// text, is a fraction (0.62 is 62%) and any other number is read as given.
// "62%" typed as text is 62 percent either way. Percentage points
// (`disadvantaged.gap`) are always read as given.
import type { Indicator } from "./indicators.js";
import type { Problem } from "../shared/problem.js";
import { OFSTED_WORDS, type OfstedScale } from "./inspection/scales.js";

export type Phase = "primary" | "secondary" | "all-through" | "special" | "alternative provision";
export type Trajectory = "improving" | "static" | "declining";
export type InspectionFrameworkKey = "OE" | "EIF-2024" | "RC-2025";

/** A raw Ofsted grade before its framework is known: the number, and the scale its word names. */
export interface OfstedGradeReading {
  readonly grade: number;
  /** The scale a word belongs to; null when a bare number was given. */
  readonly scale: OfstedScale | null;
  /** The word as read ("special measures"), when one was given. */
  readonly word: string | null;
}

export type CellValue = number | boolean | string | OfstedGradeReading;

export type CellReading =
  | { readonly ok: true; readonly value: CellValue | null }
  | { readonly ok: false; readonly problem: Problem };

const NOT_AVAILABLE = new Set(["", "n/a", "na", "-", "–", "—", "supp", "ne", "#n/a", "null"]);

const MISSING: CellReading = { ok: true, value: null };

function fail(indicator: Indicator, raw: unknown, why?: string): CellReading {
  const shown = describeRaw(raw);
  const reason = why ? ` (${why})` : "";
  return {
    ok: false,
    problem: {
      field: "value",
      indicator: indicator.key,
      value: shown,
      accepts: indicator.accepts,
      message: `${indicator.label} (${indicator.key}): cannot read "${shown}"${reason}; accepts ${indicator.accepts}`,
    },
  };
}

function describeRaw(raw: unknown): string {
  // An invalid Date has no ISO form (toISOString throws): it shows as "Invalid Date".
  const text =
    raw instanceof Date && !Number.isNaN(raw.getTime()) ? raw.toISOString() : String(raw);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const NUMBER_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A plain decimal number as typed, or null. Unicode minus signs are accepted. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

function readNumberText(text: string): number | null {
  // Most cells are plain decimals: read them without cleaning first.
  if (PLAIN_NUMBER.test(text)) return Number(text);
  const cleaned = text.replace(/[\u2212\u2013]/g, "-").replace(/\s+/g, "");
  if (!NUMBER_PATTERN.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

/**
 * What is known of a cell's number format: true when percent-formatted (Excel
 * shows the stored number x 100), false when formatted otherwise, null or
 * undefined when not known (DOMAIN.md's fraction rule applies then).
 */
export type PercentFormatted = boolean | null | undefined;

/** True when an Excel number format shows the number as a percentage ("0%", "0.0%"). */
export function isPercentFormat(format: unknown): boolean {
  if (typeof format !== "string" || format === "") return false;
  // Quoted literals and escaped characters are text, not the percent operator.
  return format
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .includes("%");
}

function readNumeric(
  indicator: Indicator,
  raw: unknown,
  percentFormatted?: PercentFormatted,
): CellReading {
  let value: number | null = null;
  let percentSign = false;
  if (typeof raw === "number") {
    value = Number.isFinite(raw) ? raw : null;
  } else if (typeof raw === "string") {
    let text = raw.trim();
    if (text.endsWith("%") && (indicator.kind === "percent" || indicator.kind === "points")) {
      text = text.slice(0, -1).trimEnd();
      percentSign = true;
    }
    value = readNumberText(text);
  }
  if (value === null) return fail(indicator, raw);
  switch (indicator.kind) {
    case "percent":
      // Rounded to 12 significant digits: in binary, 0.101 * 100 is 10.100000000000001,
      // which would fall on the wrong side of a cut point at 10.1.
      if (percentSign) {
        // "62%" typed as text: 62 percent, whatever the format.
      } else if (percentFormatted === true) {
        value = Number((value * 100).toPrecision(12));
      } else if (percentFormatted == null && value > 0 && value < 1) {
        value = Number((value * 100).toPrecision(12));
      }
      if (value < 0 || value > 100)
        return fail(
          indicator,
          raw,
          percentFormatted === true && !percentSign
            ? `percent-formatted, so Excel shows ${value}%; a percentage is between 0 and 100`
            : "a percentage is between 0 and 100",
        );
      return { ok: true, value };
    case "rate":
      return value < 0 ? fail(indicator, raw, "it cannot be negative") : { ok: true, value };
    case "count":
      return value < 0 || !Number.isInteger(value)
        ? fail(indicator, raw, "a count is a whole number, 0 or more")
        : { ok: true, value };
    case "grade":
      return Number.isInteger(value) && value >= 1 && value <= 4
        ? { ok: true, value }
        : fail(indicator, raw, "a judgement is 1, 2, 3 or 4");
    default:
      return { ok: true, value };
  }
}

/** Words for the trust's own 1-4 judgements (QA, SEF, quality indicators). */
const TRUST_GRADE_WORDS: ReadonlyMap<string, number> = new Map([
  ["outstanding", 1],
  ["good", 2],
  ["requires improvement", 3],
  ["ri", 3],
  ["inadequate", 4],
]);

const SIMPLE_WORDS = /^[a-z]+( [a-z]+)*$/;

function normaliseWords(text: string): string {
  // Most words arrive tidy apart from case: skip the clean-up for them.
  const lower = text.toLowerCase();
  if (SIMPLE_WORDS.test(lower)) return lower;
  return text
    .trim()
    .toLowerCase()
    .replace(/[_\s-]+/g, " ");
}

function readGrade(indicator: Indicator, raw: unknown): CellReading {
  if (typeof raw === "string") {
    const word = TRUST_GRADE_WORDS.get(normaliseWords(raw));
    if (word !== undefined) return { ok: true, value: word };
  }
  return readNumeric(indicator, raw);
}

function readOfstedGrade(indicator: Indicator, raw: unknown): CellReading {
  if (typeof raw === "string") {
    const words = normaliseWords(raw);
    const known = OFSTED_WORDS.get(words);
    if (known) return { ok: true, value: { grade: known.grade, scale: known.scale, word: words } };
  }
  const number =
    typeof raw === "number" ? raw : typeof raw === "string" ? readNumberText(raw.trim()) : null;
  if (number === null || !Number.isInteger(number) || number < 1 || number > 5)
    return fail(indicator, raw);
  return { ok: true, value: { grade: number, scale: null, word: null } };
}

const FRAMEWORK_WORDS: ReadonlyMap<string, InspectionFrameworkKey> = new Map([
  ["oe", "OE"],
  ["old", "OE"],
  ["overall effectiveness", "OE"],
  ["eif 2024", "EIF-2024"],
  ["eif2024", "EIF-2024"],
  ["eif", "EIF-2024"],
  ["rc 2025", "RC-2025"],
  ["rc2025", "RC-2025"],
  ["rc", "RC-2025"],
  ["report card", "RC-2025"],
  ["report cards", "RC-2025"],
]);

const SAFEGUARDING_WORDS: ReadonlyMap<string, boolean> = new Map([
  ["met", true],
  ["effective", true],
  ["yes", true],
  ["true", true],
  ["not met", false],
  ["not effective", false],
  ["ineffective", false],
  ["no", false],
  ["false", false],
]);

const PHASE_WORDS: ReadonlyMap<string, Phase> = new Map([
  ["primary", "primary"],
  ["infant", "primary"],
  ["junior", "primary"],
  ["secondary", "secondary"],
  ["all through", "all-through"],
  ["allthrough", "all-through"],
  ["special", "special"],
  ["alternative provision", "alternative provision"],
  ["ap", "alternative provision"],
]);

const TRAJECTORY_WORDS: ReadonlyMap<string, Trajectory> = new Map([
  ["improving", "improving"],
  ["static", "static"],
  ["stable", "static"],
  ["declining", "declining"],
]);

const YES_NO: ReadonlyMap<string, boolean> = new Map([
  ["yes", true],
  ["y", true],
  ["true", true],
  ["no", false],
  ["n", false],
  ["false", false],
]);

function readWord<T extends CellValue>(
  indicator: Indicator,
  raw: unknown,
  words: ReadonlyMap<string, T>,
): CellReading {
  if (typeof raw === "boolean") {
    const value = words.get(String(raw));
    if (value !== undefined) return { ok: true, value };
  }
  if (typeof raw !== "string") return fail(indicator, raw);
  const value = words.get(normaliseWords(raw));
  return value === undefined ? fail(indicator, raw) : { ok: true, value };
}

const DAY_MS = 86_400_000;
// Excel's serial 1 is 1900-01-01 and it counts a 29 Feb 1900 that never was,
// so from serial 61 on, day 0 is 1899-12-30.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** Excel serials of 1 Jan 1990 and 31 Dec 2099: anything outside is not a school's date. */
const FIRST_SERIAL = 32874;
const LAST_SERIAL = 73050;

/** The day (yyyy-mm-dd) an Excel date serial such as =TODAY() stands for; null outside 1990 to 2099. */
export function dayOfExcelSerial(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < FIRST_SERIAL || serial > LAST_SERIAL) return null;
  return isoOfDay(Math.floor(serial) + SERIAL_TO_EPOCH_DAYS);
}

/** Days from 1899-12-30 (Excel's day 0) to 1970-01-01. */
const SERIAL_TO_EPOCH_DAYS = Math.round(EXCEL_EPOCH_MS / DAY_MS);

/**
 * yyyy-mm-dd of a day counted from 1970-01-01, by arithmetic on the
 * proleptic Gregorian calendar (eras of 400 years) rather than through a
 * Date: a worksheet's dates are read for every row of every recalculation.
 */
function isoOfDay(days: number): string {
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** yyyy-mm-dd for a real calendar date (leap years counted), else null. */
function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > (month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number))) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function readDate(indicator: Indicator, raw: unknown): CellReading {
  if (raw instanceof Date) {
    return Number.isNaN(raw.getTime())
      ? fail(indicator, "Invalid Date")
      : { ok: true, value: raw.toISOString().slice(0, 10) };
  }
  const serial =
    typeof raw === "number" ? raw : typeof raw === "string" ? readNumberText(raw.trim()) : null;
  if (serial !== null) {
    const day = dayOfExcelSerial(serial);
    return day === null
      ? fail(indicator, raw, "an Excel date serial between 1990 and 2099")
      : { ok: true, value: day };
  }
  if (typeof raw !== "string") return fail(indicator, raw);
  const text = raw.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  const uk = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(text);
  const value = iso
    ? isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]))
    : uk
      ? isoDate(Number(uk[3]), Number(uk[2]), Number(uk[1]))
      : null;
  return value === null ? fail(indicator, raw) : { ok: true, value };
}

/** True when a cell means "not available": blank, n/a, -, SUPP, NE. */
export function isNotAvailable(raw: unknown): boolean {
  if (raw === null || raw === undefined) return true;
  if (typeof raw !== "string") return false;
  // Markers are short: only short text needs trimming and folding to compare.
  return (
    raw.length === 0 ||
    NOT_AVAILABLE.has(raw) ||
    (raw.length <= 40 && NOT_AVAILABLE.has(raw.trim().toLowerCase()))
  );
}

/** Reads one cell for an indicator. Not-available markers give `value: null`. */
export function readCell(
  indicator: Indicator,
  raw: unknown,
  percentFormatted?: PercentFormatted,
): CellReading {
  if (isNotAvailable(raw)) return MISSING;
  switch (indicator.kind) {
    case "percent":
      return readNumeric(indicator, raw, percentFormatted);
    case "number":
    case "points":
    case "rate":
    case "count":
      return readNumeric(indicator, raw);
    case "grade":
      return readGrade(indicator, raw);
    case "ofstedGrade":
      return readOfstedGrade(indicator, raw);
    case "ofstedFramework":
      return readWord(indicator, raw, FRAMEWORK_WORDS);
    case "date":
      return readDate(indicator, raw);
    case "safeguarding":
      return readWord(indicator, raw, SAFEGUARDING_WORDS);
    case "phase":
      return readWord(indicator, raw, PHASE_WORDS);
    case "trajectory":
      return readWord(indicator, raw, TRAJECTORY_WORDS);
    case "yesNo":
      return readWord(indicator, raw, YES_NO);
  }
}

/**
 * The words a cell of this kind may hold (matched ignoring case), for a list
 * of accepted values; null for a kind read only as a number or a date.
 */
export function acceptedWords(kind: Indicator["kind"]): readonly string[] | null {
  switch (kind) {
    case "grade":
      return [...TRUST_GRADE_WORDS.keys()];
    case "ofstedGrade":
      return [...OFSTED_WORDS.keys()];
    case "ofstedFramework":
      return [...FRAMEWORK_WORDS.keys()];
    case "safeguarding":
      return [...SAFEGUARDING_WORDS.keys()];
    case "phase":
      return [...PHASE_WORDS.keys()];
    case "trajectory":
      return [...TRAJECTORY_WORDS.keys()];
    case "yesNo":
      return [...YES_NO.keys()];
    default:
      return null;
  }
}
