// Seeds a trust of any size straight into a database: academies, each with a
// current designation (computed by the engine from a synthetic risk-matrix
// row), a year of targets (absence, persistent absence and the phase's
// outcome, with milestones) and half-termly measurements. What the demo seed
// does for fourteen academies, at national scale: rows go in as multi-row
// INSERTs of 1,000 through Prisma's $executeRaw (the same driver adapter and
// the same stored formats as the server's own writes; about four times as
// fast as createMany, which spends ~150 us a row in the client here).
import { randomUUID } from "node:crypto";
import { HALF_TERMS, preset, readEvidence } from "../../server/domain/index.js";
import type { Db } from "../../server/db/index.js";
import type { StoreKind } from "./bench-database.js";
import { issueToken } from "../../server/auth/tokens.js";
import { riskMatrixRow, seededRandom } from "./risk-matrix-rows.js";

export const SEED_YEAR = "2025/26";
/** Measurements are entered through the year; the overview asks what changed in its last weeks. */
export const CHANGED_SINCE = "2026-07-01T00:00:00.000Z";
const FIRST_ENTRY = Date.UTC(2025, 9, 20);
const HALF_TERM_MS = 6 * 7 * 86_400_000;
const CHUNK = 1_000;

export interface SeededTrust {
  readonly trustId: string;
  readonly academies: number;
  /** A leader's bearer token. */
  readonly leaderToken: string;
  readonly rows: number;
}

type Row = Record<string, string | number | boolean | Date | null>;

/** Inserts rows (all with the same columns) into a table, 1,000 to a statement. */
async function insertRows(
  prisma: Db,
  kind: StoreKind,
  table: string,
  rows: readonly Row[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const postgres = kind === "postgresql";
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    let parameter = 0;
    const values = chunk
      .map(() => `(${columns.map(() => (postgres ? `$${++parameter}` : "?")).join(",")})`)
      .join(",");
    await prisma.$executeRawUnsafe(
      `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(",")}) VALUES ${values}`,
      ...chunk.flatMap((row) => columns.map((column) => row[column] ?? null)),
    );
  }
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** Seeds a trust with `count` academies (URNs from `firstUrn`) and issues a leader token. */
export async function seedNationalTrust(
  prisma: Db,
  kind: StoreKind,
  uid: string,
  count: number,
  firstUrn: number,
): Promise<SeededTrust> {
  const framework = preset("phase-model")!;
  const trust = await prisma.trust.create({
    data: { uid, name: `Benchmark Trust ${count}`, frameworkKey: framework.key },
  });
  const now = new Date();
  const academies: Row[] = [];
  const designations: Row[] = [];
  const decisions: Row[] = [];
  const targets: Row[] = [];
  const measurements: Row[] = [];
  for (let index = 0; index < count; index++) {
    const next = seededRandom(firstUrn + index);
    const id = randomUUID();
    const phase = index % 3 === 0 ? "secondary" : "primary";
    const urn = String(firstUrn + index);
    academies.push({
      id,
      trustId: trust.id,
      urn,
      name: `Academy ${urn}`,
      phase,
      createdAt: now,
      updatedAt: now,
    });
    const designation = framework.designate(readEvidence(riskMatrixRow(index)), {
      year: SEED_YEAR,
    });
    const confirmed = index % 4 === 0;
    const computedId = randomUUID();
    designations.push({
      id: computedId,
      trustId: trust.id,
      academyId: id,
      frameworkKey: framework.key,
      year: SEED_YEAR,
      term: "summer",
      computedLevel: designation.level?.key ?? null,
      insufficientEvidence: designation.insufficientEvidence,
      missingSources: "[]",
      reasons: JSON.stringify(designation.reasons),
      createdAt: now,
    });
    if (confirmed && designation.level)
      decisions.push({
        id: randomUUID(),
        trustId: trust.id,
        academyId: id,
        frameworkKey: framework.key,
        year: SEED_YEAR,
        level: designation.level.key,
        computedId,
        computedLevel: designation.level.key,
        decidedBy: "Benchmark board",
        decidedById: "benchmark",
        body: "Trust Board",
        agreedOn: "2025-10-14",
        createdAt: new Date(Date.UTC(2025, 9, 14)),
      });
    const absence = round1(5 + next() * 4);
    const persistent = round1(14 + next() * 14);
    const outcome =
      phase === "secondary"
        ? { metric: "ks4.basics5", baseline: round1(35 + next() * 30) }
        : { metric: "ks2.rwmExpected", baseline: round1(45 + next() * 35) };
    const academyTargets = [
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
      {
        metric: outcome.metric,
        baseline: outcome.baseline,
        target: round1(outcome.baseline + 5),
        milestones: {},
      },
    ];
    const statuses = ["agreed", "agreed", "reviewed", "proposed"];
    academyTargets.forEach((target, order) =>
      targets.push({
        id: randomUUID(),
        trustId: trust.id,
        academyId: id,
        year: SEED_YEAR,
        metric: target.metric,
        baseline: target.baseline,
        target: target.target,
        milestones: JSON.stringify(target.milestones),
        status: statuses[(index + order) % statuses.length]!,
        version: 1,
        updatedBy: "benchmark",
        createdAt: now,
        updatedAt: now,
      }),
    );
    // Most academies move towards target, a quarter drift away.
    const factor = next() < 0.25 ? -0.5 : 0.8 + next() * 0.5;
    const towards = (target: (typeof academyTargets)[number], share: number, noise: number) =>
      round1(
        Math.max(
          0,
          target.baseline +
            (target.target - target.baseline) * factor * share +
            (next() - 0.5) * noise,
        ),
      );
    HALF_TERMS.forEach((period, step) => {
      const createdAt = new Date(FIRST_ENTRY + step * HALF_TERM_MS + index * 1_000);
      for (const [which, noise] of [
        [0, 0.3],
        [1, 1],
      ] as const) {
        const target = academyTargets[which]!;
        measurements.push({
          id: randomUUID(),
          trustId: trust.id,
          academyId: id,
          year: SEED_YEAR,
          metric: target.metric,
          period,
          value: towards(target, (step + 1) / 6, noise),
          provisional: false,
          source: "Benchmark MIS export",
          enteredBy: "benchmark",
          createdAt,
        });
      }
    });
    measurements.push({
      id: randomUUID(),
      trustId: trust.id,
      academyId: id,
      year: SEED_YEAR,
      metric: outcome.metric,
      period: "year",
      value: Math.min(100, towards(academyTargets[2]!, 1, 2)),
      provisional: true,
      source: "Benchmark MIS export",
      enteredBy: "benchmark",
      createdAt: new Date(FIRST_ENTRY + 6 * HALF_TERM_MS + index * 1_000),
    });
  }
  await insertRows(prisma, kind, "Academy", academies);
  await insertRows(prisma, kind, "Designation", designations);
  await insertRows(prisma, kind, "DesignationDecision", decisions);
  await insertRows(prisma, kind, "Target", targets);
  await insertRows(prisma, kind, "Measurement", measurements);
  const leader = await issueToken(prisma, {
    trustId: trust.id,
    role: "leader",
    name: "Benchmark leader",
  });
  return {
    trustId: trust.id,
    academies: count,
    leaderToken: leader.token,
    rows:
      academies.length +
      designations.length +
      decisions.length +
      targets.length +
      measurements.length,
  };
}
