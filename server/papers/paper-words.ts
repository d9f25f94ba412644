// The words a board paper uses for the card's codes: periods ("Autumn 1",
// not autumn1), a metric's direction ("lower is better") and unit, RAG, and
// dates ("14 Oct 2025"). Shared by the .xlsx and the printable page so the
// two forms of a paper read the same.
import {
  dayInWords,
  formatValue,
  isoDate,
  precisionOf,
  roundTo,
  type Indicator,
  type Period,
  type Rag,
} from "../domain/index.js";

const PERIOD_WORDS: Readonly<Record<Period, string>> = {
  autumn1: "Autumn 1",
  autumn2: "Autumn 2",
  spring1: "Spring 1",
  spring2: "Spring 2",
  summer1: "Summer 1",
  summer2: "Summer 2",
  autumn: "Autumn term",
  spring: "Spring term",
  summer: "Summer term",
  year: "Whole year",
};

/** "Autumn 1", "Spring term", "Whole year". */
export function periodWords(period: Period): string {
  return PERIOD_WORDS[period];
}

/** "lower is better" / "higher is better" / "" for a metric with no direction. */
export function directionWords(direction: Indicator["direction"]): string {
  return direction === "lower"
    ? "lower is better"
    : direction === "higher"
      ? "higher is better"
      : "";
}

/** The unit in its own column: "%", "score", "per 100 pupils", "pupils". */
export function unitWords(indicator: Pick<Indicator, "kind" | "unit">): string {
  if (indicator.kind === "percent") return "%";
  return indicator.unit;
}

export const RAG_WORDS: Readonly<Record<Rag | "none", string>> = {
  green: "Green",
  amber: "Amber",
  red: "Red",
  none: "No data",
};

/** What each RAG means on a card, for the legend under every table. */
export const RAG_LEGEND: readonly { readonly rag: Rag | "none"; readonly meaning: string }[] = [
  { rag: "green", meaning: "on track: the latest value meets what is expected by its period" },
  {
    rag: "amber",
    meaning: "short of what is expected by no more than the tolerance",
  },
  { rag: "red", meaning: "short of what is expected by more than the tolerance" },
  { rag: "none", meaning: "no measurement yet" },
];

/** A value rounded to the metric's precision (a number, for a cell with a number format). */
export function rounded(indicator: Pick<Indicator, "key" | "kind">, value: number): number {
  return roundTo(value, precisionOf(indicator));
}

/**
 * A value in the metric's unit with every decimal of its precision, so a
 * column reads alike: "12.0%" (not "12%"), "-0.45", "3.10 per 100 pupils".
 */
export function valueWords(
  indicator: Pick<Indicator, "key" | "kind" | "unit">,
  value: number,
): string {
  const places = precisionOf(indicator);
  const shown = roundTo(value, places);
  return formatValue(indicator, shown).replace(String(shown), shown.toFixed(places));
}

/** "14 Oct 2025" for a calendar day or a moment (UTC). */
export function dateWords(day: string | Date): string {
  return dayInWords(typeof day === "string" ? day : isoDate(day));
}

/** "14 Oct 2025, 09:30" (Europe/London), for "produced" and "data as at". */
export function momentWords(at: Date): string {
  const time = new Intl.DateTimeFormat("en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "Europe/London",
  }).format(at);
  const day = new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "Europe/London",
  }).format(at);
  return `${day}, ${time}`;
}
