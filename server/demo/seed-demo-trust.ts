// Seeds the demo trust once: its academies from the demo risk matrix, their
// summer 2025/26 evidence and designations, a year of targets with half-termly
// measurements (demo-targets.ts), and a token for each role (printed once, at
// first start).
import { indicatorForHeader, preset, readEvidence } from "../domain/index.js";
import { jsonValue, type Db } from "../db/index.js";
import { issueToken, type IssuedToken } from "../auth/tokens.js";
import { DEMO_ROWS, type RiskMatrixRow } from "./demo-risk-matrix.js";
import { seedDemoTargets } from "./demo-targets.js";
import { isScopedRole, type Role } from "../shared/index.js";

export const DEMO_TRUST = {
  uid: "TR04567",
  name: "Northern Lights Academy Trust",
  frameworkKey: "phase-model",
};
export const DEMO_YEAR = "2025/26";

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
        await seedDemoTargets(tx, {
          trustId: trust.id,
          academyId: academy.id,
          urn,
          phase,
          row,
          year: DEMO_YEAR,
          through: null,
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
