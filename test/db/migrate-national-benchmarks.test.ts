// Upgrading a database of the previous release, holding a trust's academies,
// a public-data load and its values, to store national (England) figures, on
// both stores: the load and its values are kept (the load counts no England
// figure), and a figure is stored once per trust, indicator, phase and year.
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
const MIGRATION = "20261202010000_national_benchmarks";

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "mat-upgrade-national-"));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const previousRelease = (kind: "sqlite" | "postgresql") =>
  migrationsBefore(MIGRATION, kind, scratch);

const RELEASE_DATA = [
  `INSERT INTO "Trust" ("id", "uid", "name") VALUES ('trust-1', 'TR04567', 'Northern Lights Academy Trust')`,
  `INSERT INTO "Trust" ("id", "uid", "name") VALUES ('trust-2', 'TR09876', 'Other Trust')`,
  `INSERT INTO "Academy" ("id", "trustId", "urn", "name", "phase", "updatedAt") VALUES ('academy-1', 'trust-1', '140001', 'Oakfield Primary Academy', 'primary', '2025-09-01T00:00:00.000+00:00')`,
  `INSERT INTO "PublicImport" ("id", "trustId", "kind", "edition", "fileName", "encoding", "rows", "matched", "skipped", "loaded", "unchanged", "loadedBy") VALUES ('import-1', 'trust-1', 'ks2', '2024/25', 'ks2_school_attainment_data.csv', 'ascii', 10, 1, 9, 1, 0, 'user-1')`,
  `INSERT INTO "PublicValue" ("id", "trustId", "academyId", "kind", "indicator", "value", "describes", "edition", "fileName", "importId") VALUES ('value-1', 'trust-1', 'academy-1', 'ks2', 'ks2.rwmExpected', '78', '2024/25', '2024/25', 'ks2_school_attainment_data.csv', 'import-1')`,
];

async function checkUpgraded(url: string): Promise<void> {
  const database = await openDatabase(url);
  try {
    const prisma = database.prisma;
    const load = await prisma.publicImport.findUniqueOrThrow({ where: { id: "import-1" } });
    expect([load.fileName, load.loaded, load.national]).toEqual([
      "ks2_school_attainment_data.csv",
      1,
      0,
    ]);
    const value = await prisma.publicValue.findUniqueOrThrow({ where: { id: "value-1" } });
    expect([value.value, value.importId]).toEqual(["78", "import-1"]);
    const figure = {
      indicator: "ks2.rwmExpected",
      year: "2024/25",
      value: 61.5,
      kind: "ks2",
      edition: "2024/25",
      fileName: "ks2_school_attainment_data.csv",
      importId: "import-1",
    };
    await prisma.nationalBenchmark.create({ data: { trustId: "trust-1", ...figure } });
    // The same figure for another trust is that trust's own.
    await prisma.nationalBenchmark.create({ data: { trustId: "trust-2", ...figure } });
    // A phase figure beside the all-schools one.
    await prisma.nationalBenchmark.create({
      data: { trustId: "trust-1", ...figure, phase: "primary", value: 62 },
    });
    await expect(
      prisma.nationalBenchmark.create({ data: { trustId: "trust-1", ...figure, value: 60 } }),
    ).rejects.toThrow();
    const held = await prisma.nationalBenchmark.findMany({
      where: { trustId: "trust-1" },
      orderBy: { phase: "asc" },
    });
    expect(held.map((row) => [row.phase, row.value])).toEqual([
      ["", 61.5],
      ["primary", 62],
    ]);
    // Removing a load removes the figures it brought.
    await prisma.publicImport.delete({ where: { id: "import-1" } });
    expect(await prisma.nationalBenchmark.count()).toBe(0);
  } finally {
    await database.close();
  }
}

describe("upgrading to stored national figures", () => {
  it("keeps the trust's loads and values and stores one figure per trust, indicator, phase and year on SQLite", async () => {
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

    it("keeps the trust's loads and values and stores one figure per trust, indicator, phase and year", async () => {
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
