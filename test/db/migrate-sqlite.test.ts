// The migration runner on real SQLite files, checked against Prisma's own CLI.
import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../server/db/migrate.js";
import { migrationsDirectories, readMigrations } from "../../server/db/migrations.js";
import { prisma, projectRoot, run } from "../support/prisma-cli.js";

let scratch: string;
let committed: string[];

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "mat-db-sqlite-"));
  committed = (await readMigrations(migrationsDirectories.sqlite)).map((m) => m.name);
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

let files = 0;
/** A URL for a SQLite file that does not exist yet. */
function freshUrl(): string {
  files += 1;
  return `file:${join(scratch, `db-${files}`, "mat.db")}`;
}

/** A copy of the committed SQLite migrations that a test may add to or edit. */
async function copyOfMigrations(): Promise<string> {
  const directory = join(scratch, `migrations-${(files += 1)}`);
  await cp(migrationsDirectories.sqlite, directory, { recursive: true });
  return directory;
}

async function addMigration(directory: string, name: string, sql: string): Promise<void> {
  await mkdir(join(directory, name));
  await writeFile(join(directory, name, "migration.sql"), sql);
}

function query<T>(url: string, sql: string): T[] {
  const db = new Database(url.slice("file:".length), { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

/**
 * Exit code of `prisma migrate diff` from the database, as `prisma db pull`
 * introspects it, to prisma/schema.prisma: 0 when they match, 2 when not.
 */
async function diffAgainstSchema(url: string): Promise<number> {
  const pulled = join(scratch, `pulled-${(files += 1)}.prisma`);
  await cp(join(projectRoot, "prisma", "schema.prisma"), pulled);
  const pull = await prisma(["db", "pull", "--schema", pulled], url);
  expect(pull.code, pull.stdout + pull.stderr).toBe(0);
  const diff = await prisma(
    [
      "migrate",
      "diff",
      "--from-schema-datamodel",
      pulled,
      "--to-schema-datamodel",
      "prisma/schema.prisma",
      "--exit-code",
    ],
    "file::memory:",
  );
  expect([0, 2], diff.stdout + diff.stderr).toContain(diff.code);
  return diff.code;
}

// Each test runs the Prisma CLI (a WebAssembly schema engine) several times;
// on a loaded 2-core machine one run can take most of a minute.
describe("migrate on SQLite", { concurrent: true, timeout: 180_000 }, () => {
  it("builds a fresh file that matches prisma/schema.prisma", async () => {
    const url = freshUrl();
    expect(await migrate(url)).toEqual({ applied: committed });
    expect(await diffAgainstSchema(url)).toBe(0);
  });

  it("would notice a database that does not match the schema", async () => {
    const url = freshUrl();
    await migrate(url);
    const db = new Database(url.slice("file:".length));
    db.exec('DROP INDEX "Measurement_trustId_createdAt_idx"');
    db.close();
    expect(await diffAgainstSchema(url)).toBe(2);
  });

  it("applies nothing the second time", async () => {
    const url = freshUrl();
    await migrate(url);
    expect(await migrate(url)).toEqual({ applied: [] });
    expect(query(url, "SELECT migration_name FROM _prisma_migrations")).toHaveLength(
      committed.length,
    );
  });

  it("creates the data folder and puts the file in WAL mode", async () => {
    const url = freshUrl();
    await migrate(url);
    expect(query(url, "PRAGMA journal_mode")).toEqual([{ journal_mode: "wal" }]);
  });

  it("resolves a relative file: URL from the project root, not the working directory", async () => {
    const relativeDir = `data/test-${process.pid}-${Date.now()}`;
    const url = `file:./${relativeDir}/mat.db`;
    try {
      await migrate(url);
      expect(query(`file:${join(projectRoot, relativeDir, "mat.db")}`, "SELECT 1 AS one")).toEqual([
        { one: 1 },
      ]);
    } finally {
      await rm(join(projectRoot, relativeDir), { recursive: true, force: true });
    }
  });

  it("records its work so that prisma migrate status and deploy see nothing pending", async () => {
    const url = freshUrl();
    await migrate(url);
    const row = query<Record<string, unknown>>(url, "SELECT * FROM _prisma_migrations")[0];
    const file = await readFile(
      join(migrationsDirectories.sqlite, committed[0] ?? "", "migration.sql"),
    );
    expect(row).toMatchObject({
      migration_name: committed[0],
      checksum: createHash("sha256").update(file).digest("hex"),
      logs: null,
      rolled_back_at: null,
      applied_steps_count: 1,
    });
    expect(String(row?.["finished_at"])).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);

    const status = await prisma(["migrate", "status"], url);
    expect(status.code, status.stdout + status.stderr).toBe(0);
    expect(status.stdout).toContain("Database schema is up to date!");
    const deploy = await prisma(["migrate", "deploy"], url);
    expect(deploy.code, deploy.stdout + deploy.stderr).toBe(0);
    expect(deploy.stdout).toContain("No pending migrations to apply.");
  });

  it("accepts a file that prisma migrate deploy built", async () => {
    const url = freshUrl();
    const deploy = await prisma(["migrate", "deploy"], url);
    expect(deploy.code, deploy.stdout + deploy.stderr).toBe(0);
    expect(await migrate(url)).toEqual({ applied: [] });
  });

  it("refuses a migration whose file changed after it was applied", async () => {
    const url = freshUrl();
    const directory = await copyOfMigrations();
    await migrate(url, { migrationsDirectory: directory });
    const file = join(directory, committed[0] ?? "", "migration.sql");
    await writeFile(file, `${await readFile(file, "utf8")}\n-- an afterthought\n`);
    await expect(migrate(url, { migrationsDirectory: directory })).rejects.toThrow(
      new RegExp(
        `Migration ${committed[0]} was changed after it was applied: the database recorded checksum [0-9a-f]{64}`,
      ),
    );
  });

  it("rolls back a failing migration and records nothing of it", async () => {
    const url = freshUrl();
    const directory = await copyOfMigrations();
    await addMigration(
      directory,
      "29990101000000_add_broken_table",
      'CREATE TABLE "Half" ("id" TEXT NOT NULL PRIMARY KEY);\nCREATE TABLE "Broken" (;\n',
    );
    await expect(migrate(url, { migrationsDirectory: directory })).rejects.toThrow(
      /Migration 29990101000000_add_broken_table failed and was rolled back: .*syntax error/,
    );
    expect(query(url, "SELECT name FROM sqlite_master WHERE name = 'Half'")).toEqual([]);
    expect(query(url, "SELECT migration_name FROM _prisma_migrations")).toEqual(
      committed.map((name) => ({ migration_name: name })),
    );
  });

  it("keeps an academy when a migration redefines its trust's table", async () => {
    // Prisma redefines a SQLite table to change a column (copy to new_Trust,
    // DROP TABLE "Trust", rename): with foreign keys on, the drop would
    // cascade-delete every academy of every trust.
    const url = freshUrl();
    const directory = await copyOfMigrations();
    await migrate(url, { migrationsDirectory: directory });
    const db = new Database(url.slice("file:".length));
    db.exec(`INSERT INTO "Trust" ("id", "uid", "name") VALUES ('t1', 'TR00001', 'Oak Trust');
             INSERT INTO "Academy" ("id", "trustId", "urn", "name", "phase", "updatedAt")
             VALUES ('a1', 't1', '100001', 'Oak Primary', 'primary', CURRENT_TIMESTAMP);`);
    db.close();

    const next = join(scratch, `next-${(files += 1)}.prisma`);
    const schema = await readFile(join(projectRoot, "prisma", "schema.prisma"), "utf8");
    const changed = schema.replace(/(model Trust \{[^}]*?\n\s*name\s+)String\n/, "$1String?\n");
    expect(changed).not.toBe(schema);
    await writeFile(next, changed);
    const diff = await prisma(
      [
        "migrate",
        "diff",
        "--from-schema-datamodel",
        "prisma/schema.prisma",
        "--to-schema-datamodel",
        next,
        "--script",
      ],
      "file::memory:",
    );
    expect(diff.code, diff.stderr).toBe(0);
    expect(diff.stdout).toContain('DROP TABLE "Trust"');
    await addMigration(directory, "29990101000000_make_trust_name_optional", diff.stdout);

    expect(await migrate(url, { migrationsDirectory: directory })).toEqual({
      applied: ["29990101000000_make_trust_name_optional"],
    });
    expect(query(url, 'SELECT "id", "trustId" FROM "Academy"')).toEqual([
      { id: "a1", trustId: "t1" },
    ]);
    expect(
      query(url, "SELECT \"notnull\" FROM pragma_table_info('Trust') WHERE \"name\" = 'name'"),
    ).toEqual([{ notnull: 0 }]);
  });

  it("lets two processes migrate the same new file at once", async () => {
    const url = freshUrl();
    const cli = (): ReturnType<typeof run> =>
      run(process.execPath, ["--import", "tsx", "server/db/cli.ts", "migrate"], {
        DATABASE_URL: url,
      });
    const results = await Promise.all([cli(), cli()]);
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    expect(results.map((result) => result.stdout).join("\n")).toContain("up to date");
    expect(query(url, "SELECT migration_name FROM _prisma_migrations")).toHaveLength(
      committed.length,
    );
  });
});
