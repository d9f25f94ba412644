// An academy's year of academy-card targets in a synthetic England: three
// targets (absence, persistent absence, the phase's outcome) taken through
// sign-off with every version kept, half-termly measurements (a quarter of
// academies drift away from target), the outcome provisional in July and
// final in December for past years, and the latest measurement per metric by
// the server's own rule (latestOfEach), as its writes keep it.
import { randomUUID } from "node:crypto";
import { HALF_TERMS, periodOrder, type Period } from "../../server/domain/index.js";
import { attendanceTargets } from "../../server/demo/demo-targets.js";
import {
  latestOfEach,
  type RecordedMeasurement,
} from "../../server/services/latest-measurement.js";
import type { BulkWriter, Value } from "./bulk-insert.js";
import { ENGLAND_TABLES as T } from "./england-tables.js";

/** The sign-off steps a target takes in its year, by the status it reaches (DOMAIN.md: never skipped). */
const STEPS = [
  { action: "created", status: "draft", bodyKind: null, body: null, day: [8, 15] },
  { action: "proposed", status: "proposed", bodyKind: "trust", body: "Trust", day: [8, 22] },
  { action: "reviewed", status: "reviewed", bodyKind: "localBoard", body: "LGB", day: [9, 1] },
  { action: "agreed", status: "agreed", bodyKind: "trustBoard", body: "Trust Board", day: [9, 14] },
] as const;

const round1 = (value: number) => Math.round(value * 10) / 10;
const day = (year: number, month: number, date: number) => new Date(Date.UTC(year, month, date));
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
export const academicYear = (start: number) =>
  `${start}/${String((start + 1) % 100).padStart(2, "0")}`;

export interface TargetContext {
  readonly trustId: string;
  readonly academyId: string;
  readonly academyIndex: number;
  readonly phase: string;
  readonly start: number;
  readonly current: boolean;
  readonly next: () => number;
}

export async function seedTargets(writer: BulkWriter, context: TargetContext): Promise<void> {
  const { trustId, academyId, academyIndex, phase, start, current, next } = context;
  const year = academicYear(start);
  const absence = round1(5 + next() * 4);
  const persistent = round1(14 + next() * 14);
  const outcome =
    phase === "secondary"
      ? { metric: "ks4.basics5", baseline: round1(35 + next() * 30) }
      : { metric: "ks2.rwmExpected", baseline: round1(45 + next() * 35) };
  const targets = [
    ...attendanceTargets(absence, persistent),
    {
      metric: outcome.metric,
      baseline: outcome.baseline,
      target: round1(Math.min(100, outcome.baseline + 5)),
      milestones: {},
    },
  ];
  const statuses = ["agreed", "agreed", "reviewed", "proposed"] as const;
  for (const [order, target] of targets.entries()) {
    // Past years' targets were all agreed; this year's stand where the pattern puts them.
    const status = current ? statuses[(academyIndex + order) % statuses.length]! : "agreed";
    const steps = STEPS.slice(0, STEPS.findIndex((step) => step.status === status) + 1);
    const id = randomUUID();
    const milestones = JSON.stringify(target.milestones);
    const lastStep = day(start, steps[steps.length - 1]!.day[0], steps[steps.length - 1]!.day[1]);
    const created = day(start, STEPS[0].day[0], STEPS[0].day[1]);
    await writer.add(T.target, [
      id,
      trustId,
      academyId,
      year,
      target.metric,
      target.baseline,
      target.target,
      milestones,
      status,
      steps.length,
      "england-seed",
      created,
      lastStep,
    ]);
    for (const [versionIndex, step] of steps.entries()) {
      const on = day(start, step.day[0], step.day[1]);
      await writer.add(T.version, [
        randomUUID(),
        id,
        versionIndex + 1,
        step.action,
        step.status,
        false,
        target.baseline,
        target.target,
        milestones,
        step.bodyKind,
        step.body,
        step.bodyKind === "localBoard" || step.bodyKind === "trustBoard" ? isoDay(on) : null,
        "england-seed",
        "England seed",
        on,
      ]);
    }
  }
  // Most academies move towards target, a quarter drift away.
  const factor = next() < 0.25 ? -0.5 : 0.8 + next() * 0.5;
  const towards = (target: (typeof targets)[number], share: number, noise: number) =>
    round1(
      Math.max(
        0,
        target.baseline +
          (target.target - target.baseline) * factor * share +
          (next() - 0.5) * noise,
      ),
    );
  const measurements: (RecordedMeasurement & { readonly source: string })[] = [];
  const measure = (
    metric: string,
    period: Period,
    value: number,
    provisional: boolean,
    createdAt: Date,
  ) =>
    measurements.push({
      id: randomUUID(),
      trustId,
      academyId,
      year,
      metric,
      period,
      value,
      provisional,
      createdAt,
      source: "MIS export",
    });
  // Entered as each half term ends (about 45 days apart from 1 September), academies a minute apart.
  const minute = (academyIndex % 1_000) * 60_000;
  HALF_TERMS.forEach((period, step) => {
    const at = new Date(day(start, 8, 1).getTime() + (step + 1) * 45 * 86_400_000 + minute);
    measure(targets[0]!.metric, period, towards(targets[0]!, (step + 1) / 6, 0.3), false, at);
    measure(targets[1]!.metric, period, towards(targets[1]!, (step + 1) / 6, 1), false, at);
  });
  // The outcome: provisional in July, final in December (past years only), perhaps a little different.
  const provisional = Math.min(100, towards(targets[2]!, 1, 2));
  measure(
    outcome.metric,
    "year",
    provisional,
    true,
    new Date(day(start + 1, 6, 10).getTime() + minute),
  );
  if (!current)
    measure(
      outcome.metric,
      "year",
      round1(Math.min(100, provisional + (next() - 0.5))),
      false,
      new Date(day(start + 1, 11, 12).getTime() + minute),
    );
  for (const row of measurements)
    await writer.add(T.measurement, [
      row.id,
      trustId,
      academyId,
      year,
      row.metric,
      row.period,
      row.value,
      row.provisional,
      row.source,
      "england-seed",
      row.createdAt,
    ]);
  // The latest per metric, by the rule the server's writes keep it with.
  for (const row of latestOfEach(measurements)) await writer.add(T.latest, latestRow(row));
}

function latestRow(row: RecordedMeasurement): Value[] {
  return [
    row.trustId,
    row.academyId,
    row.year,
    row.metric,
    row.id,
    row.period,
    periodOrder(row.period),
    row.value,
    row.provisional,
    row.createdAt,
  ];
}
