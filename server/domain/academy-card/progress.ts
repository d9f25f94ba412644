// Progress against an academy-card target, exactly as DOMAIN.md defines it:
// latest value (a final replacing a provisional for the same period), gap
// closed, what is expected by the latest period (its milestone; else the
// straight line between the nearest anchors, or target x p / 6 for a metric
// that adds up through the year), RAG with a tolerance, and national where the
// units match. Numbers leave rounded to the metric's precision.
import type { Direction } from "../indicators.js";
import { HALF_TERMS, periodOrder, type HalfTerm, type Period } from "./calendar.js";
import { clean, roundTo, type Accumulation } from "./metric-rules.js";

export type Rag = "green" | "amber" | "red";

export interface TargetFacts {
  readonly direction: Direction;
  readonly baseline: number;
  readonly target: number;
  /** Milestones by half term. */
  readonly milestones: Readonly<Partial<Record<HalfTerm, number>>>;
  /** How far short of the expected value still counts as amber; null for the default. */
  readonly tolerance: number | null;
  /** How the metric accumulates through the year (default: the straight line). */
  readonly accumulation?: Accumulation;
  /** Decimal places values are shown with (default 2). */
  readonly precision?: number;
}

export interface MeasurementFacts {
  readonly period: Period;
  readonly value: number;
  readonly provisional: boolean;
  /** When it was entered: breaks ties between measurements of the same period. */
  readonly enteredAt: Date;
}

export interface Progress {
  readonly latest: number | null;
  readonly latestPeriod: Period | null;
  readonly provisional: boolean;
  /** (latest - baseline) / (target - baseline); null without a measurement or when target = baseline. */
  readonly gapClosed: number | null;
  /** The value expected by the latest period. */
  readonly expected: number | null;
  /** How far the latest value is short of the expected one (0 when it meets it); null without a measurement. */
  readonly shortOfExpected: number | null;
  readonly onTrack: boolean | null;
  readonly rag: Rag | null;
  readonly tolerance: number;
  readonly national: number | null;
  /** latest - national, when both are known. */
  readonly differenceFromNational: number | null;
  /** True when the latest value is at least as good as national. */
  readonly atOrAboveNational: boolean | null;
}

/** The measurement that counts as latest: the latest period, then a final over a provisional, then the last entered. */
export function latestMeasurement<T extends MeasurementFacts>(
  measurements: readonly T[],
): T | null {
  let best: T | null = null;
  for (const measurement of measurements) {
    if (best === null) {
      best = measurement;
      continue;
    }
    const order = periodOrder(measurement.period) - periodOrder(best.period);
    const finality = Number(!measurement.provisional) - Number(!best.provisional);
    const later = measurement.enteredAt.getTime() - best.enteredAt.getTime();
    if (order > 0 || (order === 0 && (finality > 0 || (finality === 0 && later >= 0))))
      best = measurement;
  }
  return best;
}

/** The default tolerance: a quarter of |target - baseline|, or of |target| when they are equal. */
export function defaultTolerance(baseline: number, target: number): number {
  const span = Math.abs(target - baseline);
  return clean((span === 0 ? Math.abs(target) : span) / 4);
}

/**
 * What is expected by a period. Half terms are points 1-6, terms 2, 4, 6; the
 * baseline stands at 0 and the target at 6. A milestone set for the period's
 * point is its expectation; otherwise the straight line between the nearest
 * anchors before and after (or, for a metric that adds up through the year,
 * target x p / 6). A whole-year measurement is compared with the target.
 */
export function expectedBy(target: TargetFacts, period: Period): number {
  if (period === "year") return target.target;
  const point = periodOrder(period);
  const anchors: { point: number; value: number }[] = [{ point: 0, value: target.baseline }];
  HALF_TERMS.forEach((halfTerm, index) => {
    const value = target.milestones[halfTerm];
    if (value !== undefined) anchors.push({ point: index + 1, value });
  });
  const atPoint = anchors.find((anchor) => anchor.point === point && anchor.point > 0);
  if (atPoint) return atPoint.value;
  if (target.accumulation === "cumulative") return clean((target.target * point) / 6);
  if (!anchors.some((anchor) => anchor.point === 6))
    anchors.push({ point: 6, value: target.target });
  let before = anchors[0]!;
  let after = anchors[anchors.length - 1]!;
  for (const anchor of anchors) {
    if (anchor.point < point && anchor.point >= before.point) before = anchor;
    if (anchor.point > point && anchor.point <= after.point) after = anchor;
  }
  if (after.point === before.point) return before.value;
  return clean(
    before.value +
      ((after.value - before.value) * (point - before.point)) / (after.point - before.point),
  );
}

/** How far `value` is short of `expected` in the metric's direction (0 when it meets it). */
function shortfall(direction: Direction, value: number, expected: number): number {
  const short = direction === "lower" ? value - expected : expected - value;
  return Math.max(0, clean(short));
}

export function progress(
  target: TargetFacts,
  measurements: readonly MeasurementFacts[],
  national: number | null,
): Progress {
  const places = target.precision ?? 2;
  const round = (value: number) => roundTo(value, places);
  const tolerance = target.tolerance ?? defaultTolerance(target.baseline, target.target);
  const latest = latestMeasurement(measurements);
  if (latest === null) {
    return {
      latest: null,
      latestPeriod: null,
      provisional: false,
      gapClosed: null,
      expected: null,
      shortOfExpected: null,
      onTrack: null,
      rag: null,
      tolerance: round(tolerance),
      national,
      differenceFromNational: null,
      atOrAboveNational: null,
    };
  }
  const span = clean(target.target - target.baseline);
  // Judged against the expectation and tolerance as shown (rounded to the
  // unit's precision), so a reader never sees "expected 18.3, latest 18.3, amber".
  const expected = round(expectedBy(target, latest.period));
  const short = shortfall(target.direction, latest.value, expected);
  const onTrack = short === 0;
  const rag: Rag = onTrack ? "green" : short <= round(tolerance) ? "amber" : "red";
  const difference = national === null ? null : clean(latest.value - national);
  return {
    latest: latest.value,
    latestPeriod: latest.period,
    provisional: latest.provisional,
    gapClosed: span === 0 ? null : roundTo((latest.value - target.baseline) / span, 4),
    expected,
    shortOfExpected: round(short),
    onTrack,
    rag,
    tolerance: round(tolerance),
    national,
    differenceFromNational: difference === null ? null : round(difference),
    atOrAboveNational:
      difference === null ? null : target.direction === "lower" ? difference <= 0 : difference >= 0,
  };
}
