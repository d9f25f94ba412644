// Seeds the demo trust once: its academies from the demo risk matrix, their
// summer 2025/26 evidence and designations, a year of targets with half-termly
// measurements, and a token for each role (printed once, at first start).
import {
  HALF_TERMS,
  indicatorForHeader,
  preset,
  readEvidence,
  type Period,
} from "../domain/index.js";
import type { TargetStatus } from "../shared/index.js";
import { jsonValue, type Db } from "../db/index.js";
import { issueToken, type IssuedToken } from "../auth/tokens.js";
import { DEMO_ROWS, type RiskMatrixRow } from "./demo-risk-matrix.js";
import { isScopedRole, type Role } from "../shared/index.js";

export const DEMO_TRUST = {
  uid: "TR04567",
  name: "Northern Lights Academy Trust",
  frameworkKey: "phase-model",
};
export const DEMO_YEAR = "2025/26";

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

/** Deterministic pseudo-random numbers, so the demo is the same on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function cellText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

export function demoEvidence(row: RiskMatrixRow): { indicator: string; value: string | null }[] {
  return Object.entries(row)
    .filter(([header]) => indicatorForHeader(header))
    .map(([header, value]) => ({
      indicator: indicatorForHeader(header)!.key,
      value: cellText(value),
    }));
}

const round1 = (value: number) => Math.round(value * 10) / 10;

function numberOr(value: unknown, fallback: number): number {
  const number = typeof value === "number" ? value : Number.parseFloat(String(value ?? ""));
  if (!Number.isFinite(number)) return fallback;
  return number > 0 && number < 1 ? number * 100 : number;
}

export interface DemoSeedResult {
  readonly trustId: string;
  readonly tokens: Readonly<Record<Role, IssuedToken>>;
}

/** Seeds the demo trust unless a trust with its UID exists; returns null when it already did. */
export async function seedDemoTrust(prisma: Db): Promise<DemoSeedResult | null> {
  if (await prisma.trust.findUnique({ where: { uid: DEMO_TRUST.uid } })) return null;
  const framework = preset(DEMO_TRUST.frameworkKey)!;
  const trust = await prisma.$transaction(
    async (tx) => {
      const trust = await tx.trust.create({ data: DEMO_TRUST });
      const seedUser = "demo-seed";
      for (const row of DEMO_ROWS) {
        const urn = String(row.URN);
        const phase = String(row.Phase).toLowerCase();
        const academy = await tx.academy.create({
          data: { trustId: trust.id, urn, name: String(row.Academy), phase },
        });
        const entries = demoEvidence(row);
        const designation = framework.designate(readEvidence(entries), { year: DEMO_YEAR });
        await tx.evidenceRecord.create({
          data: {
            trustId: trust.id,
            academyId: academy.id,
            year: DEMO_YEAR,
            term: "summer",
            entries: jsonValue(entries),
            updatedBy: seedUser,
          },
        });
        await tx.designation.create({
          data: {
            trustId: trust.id,
            academyId: academy.id,
            frameworkKey: framework.key,
            year: DEMO_YEAR,
            term: "summer",
            computedLevel: designation.level?.key ?? null,
            insufficientEvidence: designation.insufficientEvidence,
            missingSources: [],
            reasons: jsonValue(designation.reasons),
          },
        });
        const next = random(Number(urn));
        const absence = numberOr(row["Absence %"], 6.8);
        const persistent = numberOr(row["PA %"], 19);
        const outcome =
          phase === "primary"
            ? { metric: "ks2.rwmExpected", baseline: numberOr(row["KS2 RWM %"], 60) }
            : phase === "secondary"
              ? { metric: "ks4.basics5", baseline: numberOr(row["Basics 5+"], 44) }
              : null;
        const targets = [
          {
            metric: "attendance.absence",
            baseline: absence,
            target: round1(absence - 1),
            milestones: {} as Record<string, number>,
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
          const status = statuses[(Number(urn) + index) % statuses.length]!;
          // The steps it took to get there, each kept as a version (DOMAIN.md sign-off).
          const steps = DEMO_SIGN_OFF.slice(
            0,
            DEMO_SIGN_OFF.findIndex((s) => s.status === status) + 1,
          );
          await tx.target.create({
            data: {
              trustId: trust.id,
              academyId: academy.id,
              year: DEMO_YEAR,
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
        const towards = (
          target: { baseline: number; target: number },
          share: number,
          noise: number,
        ) =>
          round1(
            Math.max(
              0,
              target.baseline +
                (target.target - target.baseline) * factor * share +
                (next() - 0.5) * noise,
            ),
          );
        const measurements: { metric: string; period: Period; value: number }[] =
          HALF_TERMS.flatMap((period, step) => [
            {
              metric: "attendance.absence",
              period,
              value: towards(absenceTarget!, (step + 1) / 6, 0.3),
            },
            {
              metric: "attendance.persistentAbsence",
              period,
              value: towards(persistentTarget!, (step + 1) / 6, 1),
            },
          ]);
        if (outcomeTarget)
          measurements.push({
            metric: outcomeTarget.metric,
            period: "year",
            value: Math.min(100, towards(outcomeTarget, 1, 2)),
          });
        await tx.measurement.createMany({
          data: measurements.map((measurement, order) => ({
            trustId: trust.id,
            academyId: academy.id,
            year: DEMO_YEAR,
            metric: measurement.metric,
            period: measurement.period,
            value: measurement.value,
            provisional: measurement.period === "year",
            source: "Demo MIS export",
            enteredBy: seedUser,
            createdAt: new Date(Date.UTC(2025, 9, 1) + order * 86_400_000 * 14),
          })),
        });
      }
      return trust;
    },
    { timeout: 120_000 },
  );
  const roles: Role[] = ["trust-admin", "data-manager", "leader", "governor", "academy"];
  const tokens = {} as Record<Role, IssuedToken>;
  for (const role of roles) {
    tokens[role] = await issueToken(prisma, {
      trustId: trust.id,
      role,
      name: `Demo ${role}`,
      label: "demo",
      // The academy user and the governor (of its local board) see the first academy only.
      academyUrns: isScopedRole(role) ? [String(DEMO_ROWS[0]!.URN)] : [],
      days: 365,
    });
  }
  return { trustId: trust.id, tokens };
}
