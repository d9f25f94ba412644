// An upgrade test on both stores, written once: migrate a fresh database to
// the previous release (every migration before the one under test), insert
// the release's rows with plain SQL, apply the rest (the migration under test
// first), then check the upgraded database. PostgreSQL runs when it answers
// (always under CI=true, failing when it does not).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../server/db/migrate.js";
import { createTestDatabase, postgresAvailable, type TestDatabase } from "./postgres.js";
import { migrationsBefore } from "./migrations-before.js";

export interface UpgradeCase {
  /** The migration folder under test. */
  readonly migration: string;
  /** What the upgrade keeps and adds, in words: the test's name. */
  readonly does: string;
  /** The previous release's rows, as SQL both stores run. */
  readonly releaseData: readonly string[];
  /** Checks the upgraded database at this URL. */
  readonly check: (url: string) => Promise<void>;
}

export async function describeUpgrade(name: string, upgrade: UpgradeCase): Promise<void> {
  const postgres = await postgresAvailable();
  describe(name, () => {
    let scratch: string;
    beforeAll(async () => {
      scratch = await mkdtemp(join(tmpdir(), "mat-upgrade-"));
    });
    afterAll(async () => {
      await rm(scratch, { recursive: true, force: true });
    });

    it(`${upgrade.does} on SQLite`, async () => {
      const url = `file:${join(scratch, "sqlite", "mat.db")}`;
      const before = await migrationsBefore(upgrade.migration, "sqlite", scratch);
      const applied = await migrate(url, { migrationsDirectory: before });
      expect(applied.applied).not.toContain(upgrade.migration);
      const db = new Database(url.slice("file:".length));
      for (const statement of upgrade.releaseData) db.exec(statement);
      db.close();
      expect((await migrate(url)).applied[0]).toBe(upgrade.migration);
      await upgrade.check(url);
    });

    describe.skipIf(!postgres)("on PostgreSQL", () => {
      let database: TestDatabase | undefined;
      afterAll(async () => {
        await database?.drop();
      });

      it(upgrade.does, async () => {
        database = await createTestDatabase();
        const before = await migrationsBefore(upgrade.migration, "postgresql", scratch);
        await migrate(database.url, { migrationsDirectory: before });
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        try {
          for (const statement of upgrade.releaseData) await client.query(statement);
        } finally {
          await client.end();
        }
        expect((await migrate(database.url)).applied[0]).toBe(upgrade.migration);
        await upgrade.check(database.url);
      });
    });
  });
}
