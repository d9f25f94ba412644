// The academy card as a paper for a trust board: every target with its unit,
// direction, baseline, milestones, what is expected now, the latest value
// (provisional or not), the trend of every measurement, gap closed, RAG and
// the position against national, under a title block and the designation
// that counts. Built from what the API and the exports read (the card and
// the year's designations); pure apart from the clock passed in.
import {
  HALF_TERMS,
  accumulationOf,
  calendarPosition,
  expectedBy,
  indicatorByKey,
  isoDate,
  latestMeasurement,
  periodOrder,
  precisionOf,
  signOffTrail,
  type HalfTerm,
  type Indicator,
  type Period,
} from "../domain/index.js";
import { startYearOf } from "../shared/index.js";
import type { AcademyCardData, TargetWithProgress } from "../services/academy-card.service.js";
import type { YearDesignation } from "../services/designation.service.js";
import { designationPaper, type DeliveredOf } from "./designation-paper.js";
import type { AcademyCardPaper, Figure, TargetPaper, TrendPoint } from "./paper.types.js";
import {
  RAG_WORDS,
  dateWords,
  directionWords,
  periodWords,
  rounded,
  unitWords,
  valueWords,
} from "./paper-words.js";

/** Who, what and when for a paper: the trust, its framework and the clock. */
export interface PaperContext {
  readonly trustName: string;
  readonly frameworkName: string;
  readonly now: Date;
  readonly deliveredOf: DeliveredOf;
}

/** A metric the catalogue no longer knows is still shown, by its key, with two decimals. */
function indicatorOf(
  metric: string,
): Pick<Indicator, "key" | "kind" | "unit" | "label" | "direction"> {
  return (
    indicatorByKey(metric) ?? {
      key: metric,
      kind: "number",
      unit: "",
      label: metric,
      direction: "higher",
    }
  );
}

function signOffWords(step: {
  action: string;
  body: string | null;
  meetingOn: string | null;
  changedByName: string;
  changedAt: Date;
}): string {
  const action = step.action === "directChange" ? "changed directly" : step.action;
  return `${action}: ${step.body ?? ""}, ${dateWords(step.meetingOn ?? step.changedAt)} (${step.changedByName})`;
}

/** Where "now" falls for a year: its half term this year, the end of a past year, nothing for a year to come. */
function nowIn(year: string, now: Date): Period | null {
  const position = calendarPosition(isoDate(now));
  const here = startYearOf(position.academicYear);
  const asked = startYearOf(year);
  if (asked < here) return "year";
  if (asked > here) return null;
  return position.halfTerm;
}

export function targetPaper(entry: TargetWithProgress, now: Date): TargetPaper {
  const { target, progress } = entry;
  const indicator = indicatorOf(target.metric);
  const precision = indicatorByKey(target.metric) ? precisionOf(indicator) : 2;
  const figure = (value: number): Figure => ({
    value: rounded(indicator, value),
    text: valueWords(indicator, value),
  });
  const milestones = target.milestones as Partial<Record<HalfTerm, number>> | null;
  const facts = {
    direction: indicator.direction,
    baseline: target.baseline,
    target: target.target,
    milestones: milestones ?? {},
    tolerance: target.tolerance,
    accumulation: accumulationOf(target.metric),
    precision,
  };
  const nowPeriod = nowIn(target.year, now);
  const trail = signOffTrail(entry.versions, target.pendingStatus !== null);
  const byPeriod = new Map<Period, (typeof entry.measurements)[number][]>();
  for (const measurement of entry.measurements) {
    const period = measurement.period as Period;
    byPeriod.set(period, [...(byPeriod.get(period) ?? []), measurement]);
  }
  const trend: TrendPoint[] = [...byPeriod.entries()]
    .map(([period, rows]) => {
      const counted = latestMeasurement(
        rows.map((row) => ({ ...row, period, enteredAt: row.createdAt })),
      )!;
      return {
        ...figure(counted.value),
        period,
        periodWords: periodWords(period),
        provisional: counted.provisional,
      };
    })
    .sort((a, b) => periodOrder(a.period) - periodOrder(b.period));
  return {
    metric: target.metric,
    metricName: indicator.label,
    unit: unitWords(indicator),
    direction: directionWords(indicator.direction),
    precision,
    status: target.status,
    signOff: trail.inForce.map(signOffWords),
    pendingChange:
      target.pendingStatus === null
        ? null
        : `change ${target.pendingStatus}: target ${valueWords(indicator, target.pendingTarget ?? target.target)}${target.pendingReason ? ` (${target.pendingReason})` : ""}; agreed value in force`,
    baseline: figure(target.baseline),
    target: figure(target.target),
    milestones: HALF_TERMS.flatMap((half) => {
      const value = milestones?.[half];
      return value === undefined ? [] : [{ ...figure(value), periodWords: periodWords(half) }];
    }),
    expectedNow:
      nowPeriod === null
        ? null
        : {
            ...figure(expectedBy(facts, nowPeriod)),
            periodWords: nowPeriod === "year" ? "end of year" : periodWords(nowPeriod),
          },
    latest:
      progress.latest === null || progress.latestPeriod === null
        ? null
        : {
            ...figure(progress.latest),
            periodWords: periodWords(progress.latestPeriod),
            provisional: progress.provisional,
          },
    expectedByLatest: progress.expected === null ? null : figure(progress.expected),
    tolerance: figure(progress.tolerance),
    trend,
    expectation: [
      facts.accumulation === "cumulative" ? 0 : rounded(indicator, target.baseline),
      ...HALF_TERMS.map((half) => rounded(indicator, expectedBy(facts, half))),
    ],
    gapClosed: progress.gapClosed,
    rag: progress.rag,
    ragWords: RAG_WORDS[progress.rag ?? "none"],
    national: nationalWords(indicator, progress),
  };
}

function nationalWords(
  indicator: Pick<Indicator, "key" | "kind" | "unit">,
  progress: TargetWithProgress["progress"],
): string {
  if (progress.national === null || progress.nationalFigure === null)
    return indicator.kind === "count"
      ? "a count: not compared with national"
      : "no national comparison";
  const national = `national (${progress.nationalFigure}) ${valueWords(indicator, progress.national)}`;
  if (progress.differenceFromNational === null || progress.atOrAboveNational === null)
    return national;
  const gap = Math.abs(progress.differenceFromNational);
  if (rounded(indicator, gap) === 0) return `in line with ${national}`;
  const size =
    indicator.kind === "percent"
      ? `${rounded(indicator, gap)} percentage points`
      : valueWords(indicator, gap);
  return `${size} ${progress.atOrAboveNational ? "better" : "worse"} than ${national}`;
}

/** The newest moment any figure on the card was recorded. */
function dataAsAt(card: AcademyCardData, view: YearDesignation | null): Date | null {
  const moments = [
    ...card.targets.flatMap((entry) => [
      entry.target.updatedAt,
      ...entry.measurements.map((measurement) => measurement.createdAt),
    ]),
    ...(view?.history.map((event) => event.at) ?? []),
  ];
  return moments.length === 0 ? null : new Date(Math.max(...moments.map((at) => at.getTime())));
}

export function academyCardPaper(
  card: AcademyCardData,
  view: YearDesignation | null,
  context: PaperContext,
): AcademyCardPaper {
  const { academy } = card;
  return {
    heading: {
      trustName: context.trustName,
      title: "Academy card",
      academy: `${academy.name} (URN ${academy.urn}), ${academy.phase}`,
      year: card.year,
      framework: context.frameworkName,
      producedAt: context.now,
      dataAsAt: dataAsAt(card, view),
    },
    urn: academy.urn,
    academyName: academy.name,
    designation: designationPaper(academy.urn, view, context.deliveredOf),
    targets: card.targets.map((entry) => targetPaper(entry, context.now)),
  };
}
