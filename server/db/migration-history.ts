// Reads Prisma's _prisma_migrations history against the committed migration
// files and decides what is left to apply, refusing a history that disagrees
// with the files, as `prisma migrate deploy` does.
import { checksum, type Migration } from "./migrations.js";

/** A row of _prisma_migrations, as either store returns it. */
export interface MigrationRecord {
  migration_name: string;
  checksum: string;
  started_at: unknown;
  finished_at: unknown;
  rolled_back_at: unknown;
}

export class MigrationHistoryError extends Error {
  override name = "MigrationHistoryError";
}

/** Whether a file still has the checksum it was applied with (allowing a Windows checkout's CRLF). */
function matches(migration: Migration, recorded: string): boolean {
  if (migration.checksum === recorded) return true;
  const lf = migration.sql.replace(/\r\n/g, "\n");
  return checksum(lf) === recorded || checksum(lf.replace(/\n/g, "\r\n")) === recorded;
}

/**
 * The migrations still to apply, in order. Throws when a migration failed
 * earlier and was not resolved, when an applied migration's file changed, or
 * when the database holds a migration these files do not have.
 */
export function pendingMigrations(
  migrations: readonly Migration[],
  records: readonly MigrationRecord[],
  directory: string,
): Migration[] {
  // Rows marked rolled back (prisma migrate resolve --rolled-back) do not count.
  const live = records.filter((record) => record.rolled_back_at === null);
  const failed = live.find((record) => record.finished_at === null);
  if (failed) {
    throw new MigrationHistoryError(
      `Migration ${failed.migration_name} started at ${String(failed.started_at)} and never finished. ` +
        `Repair the database by hand, then record the outcome with ` +
        `\`prisma migrate resolve --rolled-back ${failed.migration_name}\` (or --applied).`,
    );
  }
  const byName = new Map(migrations.map((migration) => [migration.name, migration]));
  for (const record of live) {
    const migration = byName.get(record.migration_name);
    if (!migration) {
      throw new MigrationHistoryError(
        `The database has migration ${record.migration_name} applied, but ${directory} has no such folder: ` +
          `this checkout is older than the database.`,
      );
    }
    if (!matches(migration, record.checksum)) {
      throw new MigrationHistoryError(
        `Migration ${record.migration_name} was changed after it was applied: the database recorded ` +
          `checksum ${record.checksum}, but ${directory}/${record.migration_name}/migration.sql now has ` +
          `checksum ${migration.checksum}. Restore the file and put the change in a new migration.`,
      );
    }
  }
  const applied = new Set(live.map((record) => record.migration_name));
  return migrations.filter((migration) => !applied.has(migration.name));
}
