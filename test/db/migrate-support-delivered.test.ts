// Upgrading a database of the previous release, holding a trust with an
// academy, a user and an API token, to record support delivered and calendar
// feed tokens, on both stores: existing rows are kept, a delivery belongs to
// its academy (removed with it), and a calendar token's hash is unique.
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
const MIGRATION = "20261202030000_support_delivered_calendar_tokens";

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "mat-upgrade-support-"));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const previousRelease = (kind: "sqlite" | "postgresql") =>
  migrationsBefore(MIGRATION, kind, scratch);

const RELEASE_DATA = [
  `INSERT INTO "Trust" ("id", "uid", "name") VALUES ('trust-1', 'TR04567', 'Northern Lights Academy Trust')`,
  `INSERT INTO "Academy" ("id", "trustId", "urn", "name", "phase", "updatedAt") VALUES ('academy-1', 'trust-1', '140001', 'Oakfield Primary Academy', 'primary', '2025-09-01T00:00:00.000+00:00')`,
  `INSERT INTO "User" ("id", "trustId", "name", "role") VALUES ('user-1', 'trust-1', 'Ada Leader', 'leader')`,
  `INSERT INTO "ApiToken" ("id", "userId", "hash", "label") VALUES ('token-1', 'user-1', 'abc123', 'laptop')`,
];

async function checkUpgraded(url: string): Promise<void> {
  const database = await openDatabase(url);
  try {
    const prisma = database.prisma;
    expect((await prisma.academy.findUniqueOrThrow({ where: { id: "academy-1" } })).name).toBe(
      "Oakfield Primary Academy",
    );
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: "token-1" } })).hash).toBe(
      "abc123",
    );
    const delivery = await prisma.supportDelivery.create({
      data: {
        trustId: "trust-1",
        academyId: "academy-1",
        year: "2026/27",
        frameworkKey: "risk-designation",
        activity: "School improvement adviser",
        deliveredOn: "2026-09-15",
        quantity: 0.5,
        deliveredBy: "Sam Patel (SIA)",
        summary: "Learning walk, Year 6 maths",
        recordedBy: "Ada Leader",
        recordedById: "user-1",
      },
    });
    expect([delivery.quantity, delivery.notes]).toEqual([0.5, ""]);
    await prisma.calendarToken.create({ data: { userId: "user-1", hash: "cal-1" } });
    await expect(
      prisma.calendarToken.create({ data: { userId: "user-1", hash: "cal-1" } }),
    ).rejects.toThrow();
    await prisma.academy.delete({ where: { id: "academy-1" } });
    expect(await prisma.supportDelivery.count()).toBe(0);
    await prisma.user.delete({ where: { id: "user-1" } });
    expect(await prisma.calendarToken.count()).toBe(0);
  } finally {
    await database.close();
  }
}

describe("upgrading to support delivered and calendar tokens", () => {
  it("keeps the trust's rows and adds deliveries and calendar tokens on SQLite", async () => {
    const url = `file:${join(scratch, "sqlite", "mat.db")}`;
    const applied = await migrate(url, { migrationsDirectory: await previousRelease("sqlite") });
    expect(applied.applied).not.toContain(MIGRATION);
    const db = new Database(url.slice("file:".length));
    for (const statement of RELEASE_DATA) db.exec(statement);
    db.close();
    expect((await migrate(url)).applied[0]).toBe(MIGRATION);
    await checkUpgraded(url);
  });

  describe.skipIf(!postgres)("on PostgreSQL", () => {
    let database: TestDatabase | undefined;
    afterAll(async () => {
      await database?.drop();
    });

    it("keeps the trust's rows and adds deliveries and calendar tokens", async () => {
      database = await createTestDatabase();
      await migrate(database.url, { migrationsDirectory: await previousRelease("postgresql") });
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        for (const statement of RELEASE_DATA) await client.query(statement);
      } finally {
        await client.end();
      }
      expect((await migrate(database.url)).applied[0]).toBe(MIGRATION);
      await checkUpgraded(database.url);
    });
  });
});
