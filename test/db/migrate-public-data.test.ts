// Upgrading a database made by the previous release to hold public data
// (values with provenance, import records, predecessors), on both stores: the
// trust's academies and evidence are kept, the academies gain an empty open
// date, and a public value can be stored against an existing academy.
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
const MIGRATION = "20261201140000_public_data_values_imports_predecessors";

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "mat-upgrade-public-"));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const previousRelease = (kind: "sqlite" | "postgresql") =>
  migrationsBefore(MIGRATION, kind, scratch);

const RELEASE_DATA = [
  `INSERT INTO "Trust" ("id", "uid", "name") VALUES ('trust-1', 'TR04567', 'Northern Lights Academy Trust')`,
  `INSERT INTO "Academy" ("id", "trustId", "urn", "name", "phase", "laestab", "updatedAt") VALUES ('academy-1', 'trust-1', '140001', 'Oakfield Primary Academy', 'primary', '3731001', '2025-09-01T00:00:00.000+00:00')`,
  `INSERT INTO "EvidenceRecord" ("id", "trustId", "academyId", "year", "term", "entries", "updatedBy", "updatedAt") VALUES ('evidence-1', 'trust-1', 'academy-1', '2025/26', 'summer', '[{"indicator":"sef.overall","value":"2"}]', 'user-1', '2026-07-01T00:00:00.000+00:00')`,
];

async function checkUpgraded(url: string): Promise<void> {
  const database = await openDatabase(url);
  try {
    const prisma = database.prisma;
    const academy = await prisma.academy.findUniqueOrThrow({ where: { id: "academy-1" } });
    expect([academy.urn, academy.laestab, academy.openedOn]).toEqual(["140001", "3731001", null]);
    const evidence = await prisma.evidenceRecord.findUniqueOrThrow({ where: { id: "evidence-1" } });
    expect(evidence.entries).toEqual([{ indicator: "sef.overall", value: "2" }]);
    const loaded = await prisma.publicImport.create({
      data: {
        trustId: "trust-1",
        kind: "ks2",
        edition: "2024/25",
        fileName: "ks2_school_attainment_data.csv",
        encoding: "ascii",
        rows: 10,
        matched: 1,
        skipped: 9,
        loaded: 1,
        unchanged: 0,
        loadedBy: "user-1",
      },
    });
    await prisma.publicValue.create({
      data: {
        trustId: "trust-1",
        academyId: "academy-1",
        kind: "ks2",
        indicator: "ks2.rwmExpected",
        value: "78",
        describes: "2024/25",
        edition: "2024/25",
        fileName: "ks2_school_attainment_data.csv",
        importId: loaded.id,
      },
    });
    await expect(
      prisma.publicValue.create({
        data: {
          trustId: "trust-1",
          academyId: "academy-1",
          kind: "ks2",
          indicator: "ks2.rwmExpected",
          value: "80",
          describes: "2024/25",
          edition: "2024/25",
          fileName: "again.csv",
          importId: loaded.id,
        },
      }),
    ).rejects.toThrow();
    await prisma.academyPredecessor.create({
      data: {
        trustId: "trust-1",
        academyId: "academy-1",
        urn: "100001",
        name: "Oakfield Infants",
        linkType: "Predecessor",
      },
    });
    expect(await prisma.publicValue.count({ where: { academyId: "academy-1" } })).toBe(1);
  } finally {
    await database.close();
  }
}

describe("upgrading to public data with provenance", () => {
  it("keeps the trust's academies and evidence and stores one value per indicator, year and inspection on SQLite", async () => {
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

    it("keeps the trust's academies and evidence and stores one value per indicator, year and inspection", async () => {
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
