// A synthetic England on one database: 11,000 academies in 2,500 trusts of a
// realistic spread of sizes (most of one to a handful of academies, a few
// dozen large ones), with one trust of 60 academies and one of 1,000 (larger
// than any real trust: the scale the overview must serve), and for each
// academy five academic years of what the server keeps: the risk-matrix
// evidence, designations computed by the engine from it (autumn, and a summer
// review in the last year), the trust board's decisions, three targets a year
// taken through sign-off with every version, half-termly measurements with a
// provisional outcome (made final for past years) and the latest measurement
// per metric worked out by the server's own rule (latestOfEach), as its
// writes keep it. Everything is deterministic: a trust's rows are the same
// whichever other trusts are seeded beside it, so the 60-academy trust alone
// in a database is the same trust as in England.
//
// Rows go in through the driver (bulk-insert.ts): about a minute a store.
import { randomUUID } from "node:crypto";
import {
  HALF_TERMS,
  periodOrder,
  preset,
  readEvidence,
  type Period,
} from "../../server/domain/index.js";
import {
  latestOfEach,
  type RecordedMeasurement,
} from "../../server/services/latest-measurement.js";
import { issueToken } from "../../server/auth/tokens.js";
import { coverageOf } from "../../server/services/designation.service.js";
import { attendanceTargets } from "../../server/demo/demo-targets.js";
import type { Db } from "../../server/db/index.js";
import { openBulkWriter, type BulkWriter, type TableSpec, type Value } from "./bulk-insert.js";
import type { StoreKind } from "./bench-database.js";
import { riskMatrixRow, seededRandom } from "./risk-matrix-rows.js";

/** The year the overview and the cards are asked for: the last of the seeded years. */
export const ENGLAND_YEAR = "2025/26";
/** What a leader's dashboard asks to have changed since: the summer of ENGLAND_YEAR. */
export const ENGLAND_CHANGED_SINCE = "2026-07-01T00:00:00.000Z";

export interface EnglandPlan {
  /** Academies in each trust, in trust order; trust 0 is the largest, trust 1 the 60-academy one. */
  readonly sizes: readonly number[];
  /** Start years of the academic years seeded, oldest first (2021 for 2021/22). */
  readonly years: readonly number[];
}

/** Index of the trusts the benchmark asks about. */
export const LARGE_TRUST = 0;
export const SIXTY_TRUST = 1;

/**
 * England's trusts: 2,500 holding 11,000 academies (quick: 300 holding 2,200,
 * two years), sizes drawn from a long-tailed spread (45% single-academy trusts, the
 * rest k^-2 for k from 2 to 80 academies: most trusts run one to five
 * schools and a few run several dozen), then evened to the total.
 */
export function englandPlan(quick: boolean): EnglandPlan {
  const trusts = quick ? 300 : 2_500;
  const academies = quick ? 2_200 : 11_000;
  const fixed = [1_000, 60];
  const next = seededRandom(2_500);
  // Nearly half are single-academy trusts; the rest follow k^-2 from 2 to 80 academies.
  const weights = Array.from({ length: 80 }, (_, index) =>
    index === 0 ? 0.45 : (index + 1) ** -2,
  );
  const tail = weights.slice(1).reduce((a, b) => a + b, 0);
  for (let index = 1; index < weights.length; index++)
    weights[index] = (weights[index]! / tail) * 0.55;
  const draw = () => {
    let left = next();
    for (const [index, weight] of weights.entries()) if ((left -= weight) <= 0) return index + 1;
    return weights.length;
  };
  const sizes = [...fixed, ...Array.from({ length: trusts - fixed.length }, draw)];
  let total = sizes.reduce((a, b) => a + b, 0);
  // Even to the total, never touching the two fixed trusts nor leaving a trust empty.
  while (total !== academies) {
    const index = fixed.length + Math.floor(next() * (trusts - fixed.length));
    if (total > academies && sizes[index]! > 1) {
      sizes[index]!--;
      total--;
    } else if (total < academies) {
      sizes[index]!++;
      total++;
    }
  }
  return { sizes, years: quick ? [2024, 2025] : [2021, 2022, 2023, 2024, 2025] };
}

const T = {
  trust: {
    name: "Trust",
    columns: {
      id: "text",
      uid: "text",
      name: "text",
      frameworkKey: "text",
      createdAt: "timestamp",
    },
  },
  academy: {
    name: "Academy",
    columns: {
      id: "text",
      trustId: "text",
      urn: "text",
      name: "text",
      phase: "text",
      createdAt: "timestamp",
      updatedAt: "timestamp",
    },
  },
  evidence: {
    name: "EvidenceRecord",
    columns: {
      id: "text",
      trustId: "text",
      academyId: "text",
      year: "text",
      term: { enum: "Term" },
      entries: "json",
      updatedBy: "text",
      createdAt: "timestamp",
      updatedAt: "timestamp",
    },
  },
  designation: {
    name: "Designation",
    columns: {
      id: "text",
      trustId: "text",
      academyId: "text",
      frameworkKey: "text",
      year: "text",
      term: { enum: "Term" },
      computedLevel: "text",
      insufficientEvidence: "bool",
      provisional: "bool",
      missingSources: "json",
      reasons: "json",
      createdAt: "timestamp",
    },
  },
  decision: {
    name: "DesignationDecision",
    columns: {
      id: "text",
      trustId: "text",
      academyId: "text",
      frameworkKey: "text",
      year: "text",
      level: "text",
      computedId: "text",
      computedLevel: "text",
      decidedBy: "text",
      decidedById: "text",
      body: "text",
      agreedOn: "text",
      createdAt: "timestamp",
    },
  },
  target: {
    name: "Target",
    columns: {
      id: "text",
      trustId: "text",
      academyId: "text",
      year: "text",
      metric: "text",
      baseline: "float",
      target: "float",
      milestones: "json",
      status: { enum: "TargetStatus" },
      version: "int",
      updatedBy: "text",
      createdAt: "timestamp",
      updatedAt: "timestamp",
    },
  },
  version: {
    name: "TargetVersion",
    columns: {
      id: "text",
      targetId: "text",
      version: "int",
      action: { enum: "TargetAction" },
      status: { enum: "TargetStatus" },
      change: "bool",
      baseline: "float",
      target: "float",
      milestones: "json",
      bodyKind: { enum: "SignOffBody" },
      body: "text",
      meetingOn: "text",
      changedBy: "text",
      changedByName: "text",
      changedAt: "timestamp",
    },
  },
  measurement: {
    name: "Measurement",
    columns: {
      id: "text",
      trustId: "text",
      academyId: "text",
      year: "text",
      metric: "text",
      period: { enum: "Period" },
      value: "float",
      provisional: "bool",
      source: "text",
      enteredBy: "text",
      createdAt: "timestamp",
    },
  },
  latest: {
    name: "LatestMeasurement",
    columns: {
      trustId: "text",
      academyId: "text",
      year: "text",
      metric: "text",
      measurementId: "text",
      period: { enum: "Period" },
      periodOrder: "int",
      value: "float",
      provisional: "bool",
      enteredAt: "timestamp",
    },
  },
} satisfies Record<string, TableSpec>;

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
const academicYear = (start: number) => `${start}/${String((start + 1) % 100).padStart(2, "0")}`;

export interface EnglandTrust {
  readonly index: number;
  readonly trustId: string;
  readonly academies: number;
  readonly urns: readonly string[];
}

export interface SeededEngland {
  readonly trusts: number;
  readonly academies: number;
  readonly rows: number;
  readonly seconds: number;
}

/** Seeds the trusts of `plan` whose indexes `only` lists (every trust when null) into a migrated database. */
export async function seedEngland(
  kind: StoreKind,
  url: string,
  plan: EnglandPlan,
  only: readonly number[] | null,
): Promise<SeededEngland> {
  const started = performance.now();
  const writer = await openBulkWriter(kind, url);
  let academies = 0;
  let trusts = 0;
  try {
    let firstAcademy = 0;
    for (const [index, size] of plan.sizes.entries()) {
      if (only === null || only.includes(index)) {
        await seedTrust(writer, plan, index, size, firstAcademy);
        academies += size;
        trusts++;
      }
      firstAcademy += size;
    }
    await writer.flush();
  } finally {
    await writer.close();
  }
  return {
    trusts,
    academies,
    rows: writer.written(),
    seconds: (performance.now() - started) / 1000,
  };
}

/** The uid a trust of the plan is seeded with (its id is found by it). */
export function trustUid(index: number): string {
  return `TR${String(10_000 + index).padStart(5, "0")}`;
}

function urnOf(academyIndex: number): string {
  return String(100_000 + academyIndex);
}

async function seedTrust(
  writer: BulkWriter,
  plan: EnglandPlan,
  index: number,
  size: number,
  firstAcademy: number,
): Promise<void> {
  const framework = preset("phase-model")!;
  const trustId = randomUUID();
  const opened = day(plan.years[0]! - 1, 8, 1);
  await writer.add(T.trust, [
    trustId,
    trustUid(index),
    `Trust ${index + 1} (${size} academies)`,
    framework.key,
    opened,
  ]);
  for (let offset = 0; offset < size; offset++) {
    const academyIndex = firstAcademy + offset;
    const academyId = randomUUID();
    const urn = urnOf(academyIndex);
    const phase = academyIndex % 3 === 0 ? "secondary" : "primary";
    await writer.add(T.academy, [academyId, trustId, urn, `Academy ${urn}`, phase, opened, opened]);
    const next = seededRandom(academyIndex + 1);
    const last = plan.years[plan.years.length - 1]!;
    for (const start of plan.years) {
      const year = academicYear(start);
      const current = start === last;
      // Evidence and designation: the autumn matrix, and (the last year) a summer review.
      const terms = current ? (["autumn", "summer"] as const) : (["autumn"] as const);
      let computed: { id: string; level: string | null } | null = null;
      for (const [order, term] of terms.entries()) {
        const at = term === "autumn" ? day(start, 8, 20) : day(start + 1, 6, 10);
        const row = riskMatrixRow(academyIndex + start * 7 + order * 3);
        await writer.add(T.evidence, [
          randomUUID(),
          trustId,
          academyId,
          year,
          term,
          JSON.stringify(row),
          "england-seed",
          at,
          at,
        ]);
        const designation = framework.designate(readEvidence(row), { year });
        const id = randomUUID();
        await writer.add(T.designation, [
          id,
          trustId,
          academyId,
          framework.key,
          year,
          term,
          designation.level?.key ?? null,
          designation.insufficientEvidence,
          coverageOf(designation).provisional,
          JSON.stringify(coverageOf(designation).missing),
          JSON.stringify(designation.reasons),
          at,
        ]);
        if (order === 0) computed = { id, level: designation.level?.key ?? null };
      }
      // The trust board agrees the autumn designation in October (the last year: three academies in four so far).
      if (computed?.level && (!current || academyIndex % 4 !== 3)) {
        const agreed = day(start, 9, 14);
        await writer.add(T.decision, [
          randomUUID(),
          trustId,
          academyId,
          framework.key,
          year,
          computed.level,
          computed.id,
          computed.level,
          "Trust Board clerk",
          "england-seed",
          "Trust Board",
          isoDay(agreed),
          agreed,
        ]);
      }
      await seedTargets(writer, { trustId, academyId, academyIndex, phase, start, current, next });
    }
  }
}

interface TargetContext {
  readonly trustId: string;
  readonly academyId: string;
  readonly academyIndex: number;
  readonly phase: string;
  readonly start: number;
  readonly current: boolean;
  readonly next: () => number;
}

async function seedTargets(writer: BulkWriter, context: TargetContext): Promise<void> {
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

/** A leader's token for a seeded trust (by its plan index), issued through the server's own code. */
export async function leaderOf(
  prisma: Db,
  plan: EnglandPlan,
  index: number,
): Promise<EnglandTrust & { readonly token: string }> {
  const trust = await prisma.trust.findUniqueOrThrow({ where: { uid: trustUid(index) } });
  const academies = await prisma.academy.findMany({
    where: { trustId: trust.id },
    orderBy: { urn: "asc" },
    select: { urn: true },
  });
  const issued = await issueToken(prisma, {
    trustId: trust.id,
    role: "leader",
    name: `Leader of trust ${index + 1}`,
  });
  if (academies.length !== plan.sizes[index])
    throw new Error(`trust ${index + 1}: ${academies.length} academies, not ${plan.sizes[index]}`);
  return {
    index,
    trustId: trust.id,
    academies: academies.length,
    urns: academies.map((row) => row.urn),
    token: issued.token,
  };
}
