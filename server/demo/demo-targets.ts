// The demo trust's academy-card targets for a year: absence, persistent
// absence and (primary and secondary) an outcome, each taken through the
// sign-off steps (proposed in September, the LGB early in October, the trust
// board in mid October) and measured each half term. A whole year (the
// demo's 2025/26) has every half term and the provisional outcome; the live
// year has only what has happened by today, so a newcomer's cards show this
// year's targets as a trust would have them now.
import { englandTermDates, HALF_TERMS, type Period } from "../domain/index.js";
import { startYearOf, type TargetStatus } from "../shared/index.js";
import { jsonValue, newId, type Db } from "../db/index.js";
import { keepLatest } from "../services/latest-measurement.js";
import type { RiskMatrixRow } from "./demo-risk-matrix.js";
import { seededRandom } from "./seeded-random.js";

/** The year the sign-off dates below are written for. */
const SIGN_OFF_YEAR = 2025;

/** The demo's sign-off calendar: proposed in September, the LGB in early October, the trust board on 14 October. */
const DEMO_SIGN_OFF = [
  {
    action: "created",
    status: "draft",
    bodyKind: null,
    body: null,
    meetingOn: null,
    on: "2025-09-15",
  },
  {
    action: "proposed",
    status: "proposed",
    bodyKind: "trust",
    body: "Trust",
    meetingOn: null,
    on: "2025-09-22",
  },
  {
    action: "reviewed",
    status: "reviewed",
    bodyKind: "localBoard",
    body: "LGB",
    meetingOn: "2025-10-01",
    on: "2025-10-01",
  },
  {
    action: "agreed",
    status: "agreed",
    bodyKind: "trustBoard",
    body: "Trust Board",
    meetingOn: "2025-10-14",
    on: "2025-10-14",
  },
] as const;

const round1 = (value: number) => Math.round(value * 10) / 10;

function numberOr(value: unknown, fallback: number): number {
  const number = typeof value === "number" ? value : Number.parseFloat(String(value ?? ""));
  if (!Number.isFinite(number)) return fallback;
  return number > 0 && number < 1 ? number * 100 : number;
}

/** A 2025 sign-off date moved into the year starting `startYear`. */
function shifted(day: string | null, years: number): string | null {
  return day === null ? null : `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;
}

export interface DemoTargetsInput {
  readonly trustId: string;
  readonly academyId: string;
  readonly urn: string;
  readonly phase: string;
  readonly row: RiskMatrixRow;
  readonly year: string;
  /** The last day that has happened (sign-off steps, half terms measured); null: the whole year. */
  readonly through: string | null;
}

/** The part of the client the demo's targets are written with (the client or a transaction). */
export type DemoTargetWriter = Pick<Db, "target" | "measurement" | "$executeRaw">;

/**
 * The attendance targets a synthetic academy sets from last year's figures:
 * absence down a point; persistent absence down four, with milestones.
 */
export function attendanceTargets(
  absence: number,
  persistent: number,
): { metric: string; baseline: number; target: number; milestones: Record<string, number> }[] {
  return [
    {
      metric: "attendance.absence",
      baseline: absence,
      target: round1(absence - 1),
      milestones: {},
    },
    {
      metric: "attendance.persistentAbsence",
      baseline: persistent,
      target: round1(persistent - 4),
      milestones: {
        autumn2: round1(persistent - 1),
        spring2: round1(persistent - 2.5),
        summer2: round1(persistent - 4),
      },
    },
  ];
}

export async function seedDemoTargets(
  tx: DemoTargetWriter,
  input: DemoTargetsInput,
): Promise<void> {
  const { trustId, academyId, urn, phase, row, year, through } = input;
  const seedUser = "demo-seed";
  const startYear = startYearOf(year);
  const years = startYear - SIGN_OFF_YEAR;
  const happened = (day: string) => through === null || day <= through;
  const signOff = DEMO_SIGN_OFF.map((step) => ({
    ...step,
    on: shifted(step.on, years)!,
    meetingOn: shifted(step.meetingOn, years),
  })).filter((step) => happened(step.on));
  if (signOff.length === 0) return;
  const halfTermEnds = new Map(englandTermDates(year).map((half) => [half.halfTerm, half.end]));
  const measured = HALF_TERMS.filter((period) => happened(halfTermEnds.get(period) ?? ""));
  const next = seededRandom(Number(urn));
  const absence = numberOr(row["Absence %"], 6.8);
  const persistent = numberOr(row["PA %"], 19);
  const outcome =
    phase === "primary"
      ? { metric: "ks2.rwmExpected", baseline: numberOr(row["KS2 RWM %"], 60) }
      : phase === "secondary"
        ? { metric: "ks4.basics5", baseline: numberOr(row["Basics 5+"], 44) }
        : null;
  const targets = [
    ...attendanceTargets(absence, persistent),
    ...(outcome
      ? [
          {
            metric: outcome.metric,
            baseline: outcome.baseline,
            target: round1(Math.min(100, outcome.baseline + 5)),
            milestones: {},
          },
        ]
      : []),
  ];
  const statuses: TargetStatus[] = ["agreed", "agreed", "reviewed", "proposed"];
  for (const [index, target] of targets.entries()) {
    // The status the pattern gives, or the last step taken by today.
    const wanted = statuses[(Number(urn) + index) % statuses.length]!;
    const reached = signOff.findIndex((s) => s.status === wanted);
    const status: TargetStatus = reached >= 0 ? wanted : signOff[signOff.length - 1]!.status;
    // The steps it took to get there, each kept as a version (DOMAIN.md sign-off).
    const steps = signOff.slice(0, signOff.findIndex((s) => s.status === status) + 1);
    await tx.target.create({
      data: {
        trustId,
        academyId,
        year,
        metric: target.metric,
        baseline: target.baseline,
        target: target.target,
        milestones: jsonValue(target.milestones),
        status,
        version: steps.length,
        updatedBy: seedUser,
        versions: {
          create: steps.map((step, order) => ({
            version: order + 1,
            action: step.action,
            status: step.status,
            baseline: target.baseline,
            target: target.target,
            milestones: jsonValue(target.milestones),
            bodyKind: step.bodyKind,
            body: step.body,
            meetingOn: step.meetingOn,
            changedBy: seedUser,
            changedByName: "Demo trust seed",
            changedAt: new Date(`${step.on}T17:00:00Z`),
          })),
        },
      },
    });
  }
  // A year of half-termly attendance: most academies move towards target, a quarter drift away.
  const factor = next() < 0.25 ? -0.5 : 0.8 + next() * 0.5;
  const [absenceTarget, persistentTarget, outcomeTarget] = targets;
  const towards = (target: { baseline: number; target: number }, share: number, noise: number) =>
    round1(
      Math.max(
        0,
        target.baseline +
          (target.target - target.baseline) * factor * share +
          (next() - 0.5) * noise,
      ),
    );
  const measurements: { metric: string; period: Period; value: number }[] = measured
    .map((period) => HALF_TERMS.indexOf(period))
    .flatMap((step) => [
      {
        metric: "attendance.absence",
        period: HALF_TERMS[step]!,
        value: towards(absenceTarget!, (step + 1) / 6, 0.3),
      },
      {
        metric: "attendance.persistentAbsence",
        period: HALF_TERMS[step]!,
        value: towards(persistentTarget!, (step + 1) / 6, 1),
      },
    ]);
  // The year's outcome (provisional) once the year is over.
  if (outcomeTarget && through === null)
    measurements.push({
      metric: outcomeTarget.metric,
      period: "year",
      value: Math.min(100, towards(outcomeTarget, 1, 2)),
    });
  const rows = measurements.map((measurement, order) => ({
    id: newId(),
    trustId,
    academyId,
    year,
    metric: measurement.metric,
    period: measurement.period,
    value: measurement.value,
    provisional: measurement.period === "year",
    source: "Demo MIS export",
    enteredBy: seedUser,
    // A whole year's, a fortnight apart from October; the live year's, as each half term ends.
    createdAt:
      through === null
        ? new Date(Date.UTC(startYear, 9, 1) + order * 86_400_000 * 14)
        : new Date(
            `${halfTermEnds.get(measurement.period as (typeof HALF_TERMS)[number])}T17:00:00Z`,
          ),
  }));
  await tx.measurement.createMany({ data: rows });
  await keepLatest(tx, rows);
}
