// Reading the arguments of a formula. Excel passes an omitted optional
// argument as null (or undefined), an empty cell as "", numbers as numbers;
// each reader says what it accepts when it cannot read what it got.
import { badInput, cellErrorText, notAvailable } from "./excel-error.js";
import {
  INDICATOR_KEYS,
  academicYearOf,
  academicYearOfDay,
  dayOfExcelSerial,
  isUrn,
  readAcademicYear,
} from "../../server/shared/index.js";

/** The text of an optional argument, or null when it was left out or blank. */
export function optionalText(value: unknown, name = "an argument"): string | null {
  if (value === null || value === undefined) return null;
  // An error in a cell the formula reads (allowErrorForDataTypeAny passes it in): not available.
  const error = cellErrorText(value);
  if (error) throw notAvailable(`${name}: the cell holds ${error}`);
  const text = String(value).trim();
  return text === "" ? null : text;
}

/** A framework key ("phase-model"); keys are lower case, so "Phase-Model" is read too. */
export function frameworkKey(value: unknown): string {
  const text = optionalText(value);
  if (!text) throw badInput("framework: give a framework key such as phase-model");
  return text.toLowerCase();
}

/** A URN: six digits (a number cell is read as its digits). */
export function urnOf(value: unknown): string {
  const text = optionalText(value) ?? "";
  if (!isUrn(text))
    throw badInput(`urn: "${text}" is not a URN; a URN is six digits, such as 140001`);
  return text;
}

/** Indicator keys by their lower case (the server's catalogue, a pure module bundled in). */
const KEYS = new Map(INDICATOR_KEYS.map((key) => [key.toLowerCase(), key]));

/**
 * An indicator key naming a target's metric, such as attendance.absence,
 * spelled as the server spells it whatever the case typed: live updates are
 * filtered by the exact key. A key the catalogue does not know is kept as
 * typed, and the server says there is no such target.
 */
export function metricOf(value: unknown): string {
  const text = optionalText(value);
  if (!text) throw badInput("metric: give an indicator key such as attendance.absence");
  return KEYS.get(text.toLowerCase()) ?? text;
}

/**
 * The academic year asked for, or the current one (1 Sep - 31 Aug) when left
 * out: "2025/26", "2025-26", "2025/2026" or a date in the year (an Excel
 * date serial, e.g. =TODAY()). A bare 2025 is refused: it could mean 2024/25
 * or 2025/26.
 */
export function yearOf(value: unknown, now: Date): string {
  if (optionalText(value, "year") === null) return academicYearOf(now);
  const year = yearInCell(value);
  if (year) return year;
  throw badInput(
    `year: "${String(value)}" is not an academic year; write 2025/26, or give a date inside the year`,
  );
}

function yearInCell(value: unknown): string | null {
  if (typeof value === "number") {
    const day = dayOfExcelSerial(value);
    return day === null ? null : academicYearOfDay(day);
  }
  return typeof value === "string" ? readAcademicYear(value) : null;
}

/** One of a fixed set of choices, compared without case, spaces or dashes. */
export function choiceOf<T extends string>(
  name: string,
  value: unknown,
  choices: readonly T[],
  fallback: T,
): T {
  const text = optionalText(value);
  if (text === null) return fallback;
  const wanted = text.toLowerCase().replace(/[\s_-]/g, "");
  const found = choices.find((choice) => choice.toLowerCase() === wanted);
  if (found) return found;
  throw badInput(`${name}: "${text}" is not one of ${choices.join(", ")}`);
}
