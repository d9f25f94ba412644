// Upgrading a database with data made by the current release to the trust's
// column map (20261201120000_trust_column_map), on SQLite and PostgreSQL: the
// trusts and academies stay, and the new table takes a trust's choices, one
// per header, and goes with its trust.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../server/db/migrate.js";
import { createTestDatabase, postgresAvailable, type TestDatabase } from "../support/postgres.js";
import { migrationsBefore } from "../support/migrations-before.js";

const COLUMN_MAP = "20261201120000_trust_column_map";
const available = await postgresAvailable();

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "mat-column-map-"));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const releasedMigrations = (kind: "sqlite" | "postgresql") =>
  migrationsBefore(COLUMN_MAP, kind, scratch);

const DATA = `
  INSERT INTO "Trust" ("id", "uid", "name") VALUES ('t1', 'TR00001', 'Oak Trust');
  INSERT INTO "Academy" ("id", "trustId", "urn", "name", "phase", "updatedAt")
    VALUES ('a1', 't1', '100001', 'Carleton High', 'secondary', CURRENT_TIMESTAMP);`;

const CHOICES = `
  INSERT INTO "ColumnMapEntry" ("id", "trustId", "header", "folded", "indicator", "updatedBy", "updatedAt")
    VALUES ('c1', 't1', 'Safeguarding', 'safeguarding', 'qa.safeguarding', 'u1', CURRENT_TIMESTAMP),
           ('c2', 't1', 'Current Status judgement 1-3', 'currentstatusjudgement13', NULL, 'u1', CURRENT_TIMESTAMP);`;

describe("the column map migration", () => {
  it("upgrades a SQLite file with data: academies kept, choices stored once per header", async () => {
    const url = `file:${join(scratch, "upgrade.db")}`;
    await migrate(url, { migrationsDirectory: await releasedMigrations("sqlite") });
    const before = new Database(url.slice("file:".length));
    before.exec(DATA);
    before.close();

    const { applied } = await migrate(url);
    expect(applied).toContain(COLUMN_MAP);
    const db = new Database(url.slice("file:".length));
    try {
      db.pragma("foreign_keys = ON");
      expect(db.prepare('SELECT "name" FROM "Academy"').all()).toEqual([{ name: "Carleton High" }]);
      db.exec(CHOICES);
      expect(() =>
        db.exec(`INSERT INTO "ColumnMapEntry" ("id", "trustId", "header", "folded", "updatedBy", "updatedAt")
                 VALUES ('c3', 't1', 'SAFEGUARDING', 'safeguarding', 'u1', CURRENT_TIMESTAMP)`),
      ).toThrow(/UNIQUE/);
      db.exec(`DELETE FROM "Trust" WHERE "id" = 't1'`);
      expect(db.prepare('SELECT COUNT(*) AS n FROM "ColumnMapEntry"').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  const databases: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(databases.map((database) => database.drop()));
  });

  it.skipIf(!available)(
    "upgrades a PostgreSQL database with data: academies kept, choices stored once per header",
    async () => {
      const database = await createTestDatabase();
      databases.push(database);
      await migrate(database.url, {
        migrationsDirectory: await releasedMigrations("postgresql"),
      });
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        await client.query(DATA);
        const { applied } = await migrate(database.url);
        expect(applied).toContain(COLUMN_MAP);
        expect((await client.query('SELECT "name" FROM "Academy"')).rows).toEqual([
          { name: "Carleton High" },
        ]);
        await client.query(CHOICES);
        await expect(
          client.query(`INSERT INTO "ColumnMapEntry" ("id", "trustId", "header", "folded", "updatedBy", "updatedAt")
                        VALUES ('c3', 't1', 'SAFEGUARDING', 'safeguarding', 'u1', CURRENT_TIMESTAMP)`),
        ).rejects.toThrow(/unique/i);
        await client.query(`DELETE FROM "Trust" WHERE "id" = 't1'`);
        expect(
          (await client.query('SELECT COUNT(*)::int AS n FROM "ColumnMapEntry"')).rows,
        ).toEqual([{ n: 0 }]);
      } finally {
        await client.end();
      }
    },
  );
});
