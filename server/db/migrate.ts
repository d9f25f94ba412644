// Our migration runner for both stores (DESIGN.md "Verified on this machine":
// Prisma's JavaScript schema engine cannot migrate PostgreSQL here). It applies
// the committed migration folders in order, each in a transaction, and records
// them in _prisma_migrations exactly as Prisma does, so `prisma migrate deploy`
// and `prisma migrate status` elsewhere see the same history.
import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { databaseKind, type DatabaseKind } from "./database-url.js";
import { migratePostgresql } from "./migrate-postgresql.js";
import { migrateSqlite } from "./migrate-sqlite.js";
import { migrationsDirectories, readMigrations } from "./migrations.js";
import { projectRoot } from "./project-root.js";

export interface MigrateOptions {
  /** Another folder of migrations (tests); defaults to the store's committed folder. */
  migrationsDirectory?: string;
}

/** Applies the migrations the database does not have yet; returns their names in order. */
export async function migrate(
  databaseUrl: string,
  options: MigrateOptions = {},
): Promise<{ applied: string[] }> {
  const kind = databaseKind(databaseUrl);
  const directory = options.migrationsDirectory ?? migrationsDirectories[kind];
  const label = relative(projectRoot, directory) || directory;
  await checkLockFile(directory, label, kind);
  const migrations = await readMigrations(directory);
  const applied =
    kind === "sqlite"
      ? migrateSqlite(databaseUrl, migrations, label)
      : await migratePostgresql(databaseUrl, migrations, label);
  return { applied };
}

/** Refuses a folder whose migration_lock.toml names another provider, as Prisma does (P3019). */
async function checkLockFile(directory: string, label: string, kind: DatabaseKind): Promise<void> {
  const lock = await readFile(join(directory, "migration_lock.toml"), "utf8").catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    },
  );
  const provider = lock?.match(/^\s*provider\s*=\s*"([^"]+)"/m)?.[1];
  if (provider !== undefined && provider !== kind) {
    throw new Error(
      `${label}/migration_lock.toml says provider "${provider}", but the database URL is ${kind}`,
    );
  }
}
