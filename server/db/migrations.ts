// The committed migrations of each store: prisma/migrations for SQLite and
// prisma/postgresql/migrations for PostgreSQL, one folder per migration holding
// migration.sql, applied in the order of their names (a timestamp first).
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { DatabaseKind } from "./database-url.js";
import { projectRoot } from "./project-root.js";

export interface Migration {
  /** The folder's name, as recorded in _prisma_migrations.migration_name. */
  name: string;
  sql: string;
  /** SHA-256 of migration.sql in hex, as Prisma records it. */
  checksum: string;
}

export const migrationsDirectories: Record<DatabaseKind, string> = {
  sqlite: join(projectRoot, "prisma", "migrations"),
  postgresql: join(projectRoot, "prisma", "postgresql", "migrations"),
};

export function checksum(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The migrations in a folder, in the order they apply. */
export async function readMigrations(directory: string): Promise<Migration[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const file = join(directory, name, "migration.sql");
      const bytes = await readFile(file).catch((error: unknown) => {
        throw new Error(`Migration folder ${name} has no readable migration.sql (${file})`, {
          cause: error,
        });
      });
      return { name, sql: bytes.toString("utf8"), checksum: checksum(bytes) };
    }),
  );
}
