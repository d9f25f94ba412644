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

/** A number rounded to `decimals` places (two by default), with no trailing zeros and no float noise. */
export function formatNumber(value: number, decimals = 2): string {
  const scale = 10 ** decimals;
  const rounded = Math.round(Number((value * scale).toPrecision(12))) / scale;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** A value rounded to its unit's precision: "48.5%" (one decimal), "-0.62" (two), "11.31 per 100 pupils". */
export function formatValue(indicator: Indicator, value: number): string {
  switch (indicator.kind) {
    case "percent":
      return `${formatNumber(value, 1)}%`;
    case "points":
      return `${formatNumber(value, 1)} percentage points`;
    default:
      return formatNumber(value);
  }
}
