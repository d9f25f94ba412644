// Upgrading a database made by the previous release (targets with untyped JSON
// snapshots of their earlier versions) to typed sign-off versions, on both
// stores: every target keeps its status and values, every earlier version
// becomes a typed version with who by name, and the version a target is at now
// is kept as a version too.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../server/db/migrate.js";
import { openDatabase } from "../../server/db/index.js";
import { createTestDatabase, postgresAvailable, type TestDatabase } from "../support/postgres.js";
import { migrationsBefore } from "../support/migrations-before.js";

const postgres = await postgresAvailable();
const MIGRATION = "20261201110000_target_sign_off_and_typed_versions";

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "mat-upgrade-targets-"));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const previousRelease = (kind: "sqlite" | "postgresql") =>
  migrationsBefore(MIGRATION, kind, scratch);

const snapshot = (fields: Record<string, unknown>) =>
  JSON.stringify({
    id: "target-1",
    trustId: "trust-1",
    academyId: "academy-1",
    year: "2025/26",
    metric: "attendance.absence",
    createdAt: "2025-09-10T09:00:00.000Z",
    updatedAt: "2025-09-10T09:00:00.000Z",
    ...fields,
  });

/** What the previous release wrote: a target at version 3 (agreed) with two snapshots, and a draft with none. */
const RELEASE_DATA = [
  `INSERT INTO "Trust" ("id", "uid", "name") VALUES ('trust-1', 'TR00001', 'Oak Trust')`,
  `INSERT INTO "User" ("id", "trustId", "name", "role") VALUES ('user-dm', 'trust-1', 'Dana Data', 'data-manager'), ('user-lead', 'trust-1', 'Lee Leader', 'leader')`,
  `INSERT INTO "Academy" ("id", "trustId", "urn", "name", "phase", "updatedAt") VALUES ('academy-1', 'trust-1', '100001', 'Oak Primary', 'primary', '2025-09-01T00:00:00.000+00:00')`,
  `INSERT INTO "Target" ("id", "trustId", "academyId", "year", "metric", "baseline", "target", "milestones", "tolerance", "status", "version", "updatedBy", "createdAt", "updatedAt")
   VALUES ('target-1', 'trust-1', 'academy-1', '2025/26', 'attendance.absence', 6.2, 5.0, '{"spring1":5.6}', NULL, 'agreed', 3, 'user-lead', '2025-09-10T09:00:00.000+00:00', '2025-10-14T18:00:00.000+00:00'),
          ('target-2', 'trust-1', 'academy-1', '2025/26', 'ks2.rwmExpected', 58, 64, '{}', 1.5, 'draft', 1, 'user-dm', '2025-09-11T09:00:00.000+00:00', '2025-09-11T09:00:00.000+00:00')`,
  `INSERT INTO "TargetVersion" ("id", "targetId", "version", "snapshot", "reason", "changedBy", "changedAt")
   VALUES ('tv-1', 'target-1', 1, '${snapshot({ baseline: 6.2, target: 5.2, milestones: "{}", tolerance: null, status: "draft", version: 1, updatedBy: "user-dm" })}', NULL, 'user-dm', '2025-09-20T09:00:00.000+00:00'),
          ('tv-2', 'target-1', 2, '${snapshot({ baseline: 6.2, target: 5.0, milestones: '{"spring1":5.6}', tolerance: null, status: "proposed", version: 2, updatedBy: "user-dm" })}', 'Trust board asked for 5.0', 'user-lead', '2025-10-14T18:00:00.000+00:00')`,
];

const EXPECTED_VERSIONS = [
  {
    version: 1,
    action: "earlierRelease",
    status: "draft",
    target: 5.2,
    milestones: {},
    reason: null,
    changedByName: "Dana Data",
  },
  {
    version: 2,
    action: "earlierRelease",
    status: "proposed",
    target: 5,
    milestones: { spring1: 5.6 },
    reason: null,
    changedByName: "Dana Data",
  },
  {
    version: 3,
    action: "earlierRelease",
    status: "agreed",
    target: 5,
    milestones: { spring1: 5.6 },
    reason: "Trust board asked for 5.0",
    changedByName: "Lee Leader",
  },
];

async function checkUpgraded(url: string): Promise<void> {
  const database = await openDatabase(url);
  try {
    const targets = await database.prisma.target.findMany({ orderBy: { id: "asc" } });
    expect(targets.map((t) => [t.id, t.status, t.target, t.version, t.pendingStatus])).toEqual([
      ["target-1", "agreed", 5, 3, null],
      ["target-2", "draft", 64, 1, null],
    ]);
    const versions = await database.prisma.targetVersion.findMany({
      where: { targetId: "target-1" },
      orderBy: { version: "asc" },
    });
    expect(
      versions.map(({ version, action, status, target, milestones, reason, changedByName }) => ({
        version,
        action,
        status,
        target,
        milestones,
        reason,
        changedByName,
      })),
    ).toEqual(EXPECTED_VERSIONS);
    expect(versions[1]?.changedAt.toISOString()).toBe("2025-09-20T09:00:00.000Z");
    const draft = await database.prisma.targetVersion.findMany({ where: { targetId: "target-2" } });
    expect(draft.map((v) => [v.version, v.status, v.target, v.tolerance, v.changedByName])).toEqual(
      [[1, "draft", 64, 1.5, "Dana Data"]],
    );
  } finally {
    await database.close();
  }
}

describe("upgrading targets to typed sign-off versions", () => {
  it("keeps every target's status and turns its snapshots into typed versions on SQLite", async () => {
    const url = `file:${join(scratch, "sqlite", "mat.db")}`;
    const applied = await migrate(url, { migrationsDirectory: await previousRelease("sqlite") });
    expect(applied.applied).not.toContain(MIGRATION);
    const db = new Database(url.slice("file:".length));
    for (const statement of RELEASE_DATA) db.exec(statement);
    db.close();
    // This migration first; migrations of later releases may follow it.
    expect((await migrate(url)).applied[0]).toBe(MIGRATION);
    await checkUpgraded(url);
  });

  describe.skipIf(!postgres)("on PostgreSQL", () => {
    let database: TestDatabase | undefined;
    afterAll(async () => {
      await database?.drop();
    });

    it("keeps every target's status and turns its snapshots into typed versions", async () => {
      database = await createTestDatabase();
      await migrate(database.url, { migrationsDirectory: await previousRelease("postgresql") });
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        for (const statement of RELEASE_DATA) await client.query(statement);
      } finally {
        await client.end();
      }
      // This migration first; migrations of later releases may follow it.
      expect((await migrate(database.url)).applied[0]).toBe(MIGRATION);
      await checkUpgraded(database.url);
    });
  });
});
