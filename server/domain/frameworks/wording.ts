// How values and comparisons read in an explanation a governor understands.
import type { Indicator } from "../indicators.js";
import type { Comparison } from "./framework.schema.js";

const OP_WORDS: Readonly<Record<Comparison, string>> = {
  "<": "below",
  "<=": "at or below",
  ">": "above",
  ">=": "at or above",
};

const NEGATED: Readonly<Record<Comparison, Comparison>> = {
  "<": ">=",
  "<=": ">",
  ">": "<=",
  ">=": "<",
};

export function opWords(op: Comparison): string {
  return OP_WORDS[op];
}

export function negatedOpWords(op: Comparison): string {
  return OP_WORDS[NEGATED[op]];
}

/** A number with at most two decimals and no trailing zeros. */
export function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** A value in the indicator's unit: "48%", "-0.62", "11.31 per 100 pupils". */
export function formatValue(indicator: Indicator, value: number): string {
  const number = formatNumber(value);
  switch (indicator.kind) {
    case "percent":
      return `${number}%`;
    case "points":
      return `${number} percentage points`;
    default:
      return number;
  }
}
