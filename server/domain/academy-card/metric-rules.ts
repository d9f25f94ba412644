// How each metric is read, expected and shown on an academy card (DOMAIN.md
// "Academy card", "National figures are compared like with like"): rules as
// data, keyed by the indicator's key or kind.
import type { Indicator } from "../indicators.js";
import { readCell } from "../cell-value.js";
import type { Problem } from "../../shared/problem.js";

/**
 * How a metric accumulates through the year. `line`: a rate for the year so
 * far or a result, expected on the straight line from baseline to target.
 * `cumulative`: a count or rate that adds up through the year (recorded year
 * to date), expected at point p to be at most target x p / 6.
 */
export type Accumulation = "line" | "cumulative";

const CUMULATIVE: ReadonlySet<string> = new Set([
  "behaviour.suspensionRate",
  "behaviour.permanentExclusions",
  "behaviour.permanentExclusionRate",
]);

export function accumulationOf(metric: string): Accumulation {
  return CUMULATIVE.has(metric) ? "cumulative" : "line";
}

/** Decimal places a value of the metric is shown with: one for %, two for Progress 8. */
const PRECISION_BY_KEY: Readonly<Record<string, number>> = { "ks4.progress8": 2 };
const PRECISION_BY_KIND: Readonly<Record<string, number>> = {
  percent: 1,
  points: 1,
  number: 1,
  rate: 2,
  count: 0,
  grade: 0,
};

export function precisionOf(indicator: Pick<Indicator, "key" | "kind">): number {
  return PRECISION_BY_KEY[indicator.key] ?? PRECISION_BY_KIND[indicator.kind] ?? 2;
}

/** Rounds to a number of decimal places, half away from zero, with no float noise left. */
export function roundTo(value: number, places: number): number {
  const scale = 10 ** places;
  // toPrecision first: 1.005 * 100 is 100.49999999999999 in binary.
  const scaled = Number((Math.abs(value) * scale).toPrecision(12));
  const rounded = (Math.sign(value) * Math.round(scaled)) / scale;
  return Object.is(rounded, -0) ? 0 : rounded;
}

/** Removes binary noise from arithmetic (6.2 - 5.0 is 1.2000000000000002) without rounding to a unit. */
export function clean(value: number): number {
  return Number(value.toPrecision(12));
}

/** A count is never compared with a rate: only metrics in comparable units have a national position. */
export function hasNationalPosition(indicator: Pick<Indicator, "kind">): boolean {
  return indicator.kind !== "count";
}

/** A value as the card reads it: the number, and how it was read, in words. */
export type ValueReading =
  | { readonly ok: true; readonly value: number; readAs: string }
  | { readonly ok: false; readonly problem: Problem };

/** The value formatted in the metric's unit ("18.5%", "-0.45", "3 pupils"). */
export function formatValue(
  indicator: Pick<Indicator, "key" | "kind" | "unit">,
  value: number,
): string {
  const shown = String(roundTo(value, precisionOf(indicator)));
  if (indicator.kind === "percent") return `${shown}%`;
  if (indicator.kind === "points") return `${shown} percentage points`;
  if (indicator.unit === "score" || indicator.unit === "grade" || indicator.unit === "")
    return shown;
  return `${shown} ${indicator.unit}`;
}

/**
 * Reads a number given for a metric (a measurement, a baseline, a target or a
 * milestone) by the same rule as a cell of evidence: for a percent metric a
 * number strictly between 0 and 1 is a fraction (0.185 is 18.5%).
 */
export function readMetricValue(indicator: Indicator, field: string, value: number): ValueReading {
  if (!Number.isFinite(value)) {
    return { ok: false, problem: { field, message: `${field}: must be a finite number` } };
  }
  const reading = readCell(indicator, value);
  if (!reading.ok) {
    return {
      ok: false,
      problem: { ...reading.problem, field, message: `${field}: ${reading.problem.message}` },
    };
  }
  if (reading.value === null || typeof reading.value !== "number") {
    return { ok: false, problem: { field, message: `${field}: a number is needed` } };
  }
  return { ok: true, value: reading.value, readAs: formatValue(indicator, reading.value) };
}
