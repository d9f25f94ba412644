// Progress against an academy-card target, exactly as DOMAIN.md defines it:
// latest value, gap closed, on track against the milestone for its period (the
// target when there are no milestones), RAG with a tolerance, and national.
import type { Direction } from "../indicators.js";
import { HALF_TERMS, periodEnd, periodOrder, type HalfTerm, type Period } from "./calendar.js";

export type Rag = "green" | "amber" | "red";

export interface TargetFacts {
  readonly direction: Direction;
  readonly baseline: number;
  readonly target: number;
  /** Milestones by half term. */
  readonly milestones: Readonly<Partial<Record<HalfTerm, number>>>;
  /** How far short of the expected value still counts as amber; default a quarter of |target - baseline|. */
  readonly tolerance: number | null;
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
  /** The value expected by the latest period: its milestone, else the target. */
  readonly expected: number | null;
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

/** The milestone for a period: the latest milestone at or before the half term it ends in; at the year's end, the target. */
function expectedFor(target: TargetFacts, period: Period): number {
  const end = HALF_TERMS.indexOf(periodEnd(period));
  // By the end of the year the target itself is due, whatever the milestones before it.
  if (end === HALF_TERMS.length - 1) return target.milestones.summer2 ?? target.target;
  for (let index = end; index >= 0; index--) {
    const milestone = target.milestones[HALF_TERMS[index] as HalfTerm];
    if (milestone !== undefined) return milestone;
  }
  return target.target;
}

/** True when `value` is at least as good as `than` in the metric's direction. */
function meets(direction: Direction, value: number, than: number): boolean {
  return direction === "lower" ? value <= than : value >= than;
}

export function progress(
  target: TargetFacts,
  measurements: readonly MeasurementFacts[],
  national: number | null,
): Progress {
  const tolerance = target.tolerance ?? Math.abs(target.target - target.baseline) / 4;
  const latest = latestMeasurement(measurements);
  if (latest === null) {
    return {
      latest: null,
      latestPeriod: null,
      provisional: false,
      gapClosed: null,
      expected: null,
      onTrack: null,
      rag: null,
      tolerance,
      national,
      differenceFromNational: null,
      atOrAboveNational: null,
    };
  }
  const span = target.target - target.baseline;
  const expected = expectedFor(target, latest.period);
  const onTrack = meets(target.direction, latest.value, expected);
  const shortfall =
    target.direction === "lower" ? latest.value - expected : expected - latest.value;
  const rag: Rag = onTrack ? "green" : shortfall <= tolerance ? "amber" : "red";
  return {
    latest: latest.value,
    latestPeriod: latest.period,
    provisional: latest.provisional,
    gapClosed:
      span === 0 ? null : Math.round(((latest.value - target.baseline) / span) * 10_000) / 10_000,
    expected,
    onTrack,
    rag,
    tolerance,
    national,
    differenceFromNational: national === null ? null : latest.value - national,
    atOrAboveNational: national === null ? null : meets(target.direction, latest.value, national),
  };
}
