// The migration runner on a real PostgreSQL. Prisma's schema engine cannot
// introspect PostgreSQL here (prisma/orm#27403), so the migrated database is
// compared, catalog to catalog, with a second one built from the SQL that
// `prisma migrate diff --from-empty` writes for the current schema: a schema
// change without a migration fails the first test.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../server/db/migrate.js";
import { migrationsDirectories, readMigrations } from "../../server/db/migrations.js";
import { resetDatabase } from "../../server/db/reset.js";
import { createTestDatabase, postgresAvailable, type TestDatabase } from "../support/postgres.js";
import { prisma, run } from "../support/prisma-cli.js";
import { readCatalog } from "./postgres-catalog.js";

const available = await postgresAvailable();

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

// Each test runs the Prisma CLI several times; slow on a loaded 2-core machine.
describe.skipIf(!available)("migrate on PostgreSQL", { concurrent: true, timeout: 180_000 }, () => {
  const databases: TestDatabase[] = [];
  let scratch: string;
  let committed: string[];

  async function freshDatabase(): Promise<string> {
    const database = await createTestDatabase();
    databases.push(database);
    return database.url;
  }

  async function copyOfMigrations(): Promise<string> {
    const directory = await mkdtemp(join(scratch, "migrations-"));
    await cp(migrationsDirectories.postgresql, directory, { recursive: true });
    return directory;
  }

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "mat-db-postgresql-"));
    committed = (await readMigrations(migrationsDirectories.postgresql)).map((m) => m.name);
  });
  afterAll(async () => {
    await Promise.all(databases.map((database) => database.drop()));
    await rm(scratch, { recursive: true, force: true });
  });

  it("builds a fresh database that matches prisma/postgresql/schema.prisma", async () => {
    const migrated = await freshDatabase();
    expect(await migrate(migrated)).toEqual({ applied: committed });

    const expected = await freshDatabase();
    const script = await prisma(
      [
        "migrate",
        "diff",
        "--from-empty",
        "--to-schema-datamodel",
        "prisma/postgresql/schema.prisma",
        "--script",
      ],
      "file::memory:",
    );
    expect(script.code, script.stderr).toBe(0);
    await sql(expected, script.stdout);

    const catalog = await readCatalog(migrated);
    expect(catalog.tables.length).toBeGreaterThan(5);
    expect(catalog).toEqual(await readCatalog(expected));

    // The comparison can fail: one index fewer is a difference.
    await sql(expected, 'DROP INDEX "Measurement_trustId_createdAt_idx"');
    expect(catalog).not.toEqual(await readCatalog(expected));
  });

  it("applies nothing the second time, and prisma migrate status agrees", async () => {
    const url = await freshDatabase();
    await migrate(url);
    expect(await migrate(url)).toEqual({ applied: [] });

    const rows = await sql(url, "SELECT * FROM _prisma_migrations");
    expect(rows).toEqual(
      (await readMigrations(migrationsDirectories.postgresql)).map((migration) =>
        expect.objectContaining({
          migration_name: migration.name,
          checksum: migration.checksum,
          logs: null,
          rolled_back_at: null,
          applied_steps_count: 1,
          finished_at: expect.any(Date),
        }),
      ),
    );
    const status = await prisma(["migrate", "status"], url);
    expect(status.code, status.stdout + status.stderr).toBe(0);
    expect(status.stdout).toContain("Database schema is up to date!");
  });

  it("lets two processes migrate the same new database at once", async () => {
    const url = await freshDatabase();
    const cli = (): ReturnType<typeof run> =>
      run(process.execPath, ["--import", "tsx", "server/db/cli.ts", "migrate"], {
        DATABASE_URL: url,
      });
    const results = await Promise.all([cli(), cli(), cli()]);
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    expect(results.filter((result) => result.stdout.includes("Applied to"))).toHaveLength(1);
    expect(await sql(url, "SELECT migration_name FROM _prisma_migrations")).toHaveLength(
      committed.length,
    );
  });

  it("refuses a migration whose file changed after it was applied", async () => {
    const url = await freshDatabase();
    const directory = await copyOfMigrations();
    await migrate(url, { migrationsDirectory: directory });
    const file = join(directory, committed[0] ?? "", "migration.sql");
    await writeFile(file, `${await readFile(file, "utf8")}\n-- an afterthought\n`);
    await expect(migrate(url, { migrationsDirectory: directory })).rejects.toThrow(
      new RegExp(`Migration ${committed[0]} was changed after it was applied`),
    );
  });

  it("rolls back a failing migration and records nothing of it", async () => {
    const url = await freshDatabase();
    const directory = await copyOfMigrations();
    const name = "29990101000000_add_broken_table";
    await mkdir(join(directory, name));
    await writeFile(
      join(directory, name, "migration.sql"),
      'CREATE TABLE "Half" ("id" TEXT PRIMARY KEY);\nCREATE TABLE "Broken" (;\n',
    );
    await expect(migrate(url, { migrationsDirectory: directory })).rejects.toThrow(
      /Migration 29990101000000_add_broken_table failed and was rolled back: syntax error/,
    );
    expect(await sql(url, "SELECT to_regclass('\"Half\"') AS half")).toEqual([{ half: null }]);
    expect(await sql(url, "SELECT migration_name FROM _prisma_migrations")).toEqual(
      committed.map((migration) => ({ migration_name: migration })),
    );
  });

  it("migrates into the schema a ?schema= URL names", async () => {
    const url = await freshDatabase();
    await migrate(`${url}?schema=trust_a`);
    const tables = await sql<{ table_schema: string }>(
      url,
      `SELECT DISTINCT table_schema FROM information_schema.tables WHERE table_name = 'Trust'`,
    );
    expect(tables).toEqual([{ table_schema: "trust_a" }]);
  });

  it("resets by dropping the schema's tables, then migrates from scratch", async () => {
    const url = await freshDatabase();
    await migrate(url);
    await sql(
      url,
      `INSERT INTO "Trust" ("id", "uid", "name") VALUES ('t1', 'TR00001', 'Oak Trust')`,
    );
    await resetDatabase(url);
    expect(await sql(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).toEqual(
      [],
    );
    expect(await migrate(url)).toEqual({ applied: committed });
    expect(await sql(url, 'SELECT * FROM "Trust"')).toEqual([]);
  });
});
