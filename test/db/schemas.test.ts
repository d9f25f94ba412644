import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  postgresqlSchema,
  postgresqlSchemaPath,
  sqliteSchemaPath,
} from "../../server/db/schemas.js";
import { migrationsDirectories } from "../../server/db/migrations.js";

describe("prisma/postgresql/schema.prisma", () => {
  it("is generated from prisma/schema.prisma (run `npm run db:generate` when this fails)", async () => {
    const sqlite = await readFile(sqliteSchemaPath, "utf8");
    expect(await readFile(postgresqlSchemaPath, "utf8")).toBe(postgresqlSchema(sqlite));
  });

  it("differs from the SQLite schema only in its header, provider and client folder", async () => {
    const sqlite = (await readFile(sqliteSchemaPath, "utf8")).split("\n");
    const postgresql = (await readFile(postgresqlSchemaPath, "utf8")).split("\n");
    const header = postgresql.slice(0, postgresql.length - sqlite.length);
    expect(header.join("\n")).toMatch(/^\/\/ Generated from prisma\/schema\.prisma.*Do not edit/s);
    const changed = postgresql
      .slice(header.length)
      .map((line, index) => [sqlite[index], line])
      .filter(([before, after]) => before !== after);
    expect(changed).toEqual([
      [
        '  output          = "../generated/sqlite"',
        '  output          = "../../generated/postgresql"',
      ],
      ['  provider = "sqlite"', '  provider = "postgresql"'],
    ]);
  });
});

describe("committed migrations", () => {
  const folders = async (directory: string) =>
    (await readdir(directory, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();

  it("have the same folders for SQLite and PostgreSQL, each named timestamp_what_changed", async () => {
    const sqlite = await folders(migrationsDirectories.sqlite);
    expect(await folders(migrationsDirectories.postgresql)).toEqual(sqlite);
    expect(sqlite.length).toBeGreaterThan(0);
    for (const name of sqlite) expect(name).toMatch(/^\d{14}_[a-z0-9]+(_[a-z0-9]+)+$/);
  });

  it.each([
    ["sqlite", migrationsDirectories.sqlite],
    ["postgresql", migrationsDirectories.postgresql],
  ])("lock the %s folder to its provider", async (provider, directory) => {
    const lock = await readFile(join(directory, "migration_lock.toml"), "utf8");
    expect(lock).toContain(`provider = "${provider}"`);
  });
});
