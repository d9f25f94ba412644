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
// Rows go in through the driver (bulk-insert.ts): one to two and a half
// minutes a store on this machine; targets and measurements in
// england-targets.ts.
import { randomUUID } from "node:crypto";
import { preset, readEvidence } from "../../server/domain/index.js";
import { issueToken } from "../../server/auth/tokens.js";
import { coverageOf } from "../../server/services/designation.service.js";
import type { Db } from "../../server/db/index.js";
import { openBulkWriter, type BulkWriter } from "./bulk-insert.js";
import { ENGLAND_TABLES as T } from "./england-tables.js";
import { academicYear, seedTargets } from "./england-targets.js";
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

const day = (year: number, month: number, date: number) => new Date(Date.UTC(year, month, date));
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

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
