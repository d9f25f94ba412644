// Applies migrations to a SQLite file through better-sqlite3, each in its own
// IMMEDIATE transaction (which also serialises two processes migrating the
// same file), recorded in _prisma_migrations as Prisma's schema engine does.
import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import { pendingMigrations, type MigrationRecord } from "./migration-history.js";
import type { Migration } from "./migrations.js";
import { openSqliteFile } from "./open-sqlite-file.js";

// Prisma's own DDL for the history table (schema-engine, SQLite flavour).
const createHistoryTable = `CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/** How long to wait for another process migrating the same file, in milliseconds. */
const migrationBusyTimeout = 60_000;

/** A timestamp as Prisma's JavaScript schema engine writes it on SQLite. */
function timestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

export function migrateSqlite(
  url: string,
  migrations: readonly Migration[],
  directory: string,
): string[] {
  const db = openSqliteFile(url, migrationBusyTimeout);
  try {
    // Prisma's table-redefining migrations (new_X, copy, DROP X, rename) rely on
    // foreign keys being off: with them on, DROP TABLE would cascade-delete the
    // children. The pragma is a no-op inside a transaction, so set it first and
    // check the keys before each commit instead.
    db.pragma("foreign_keys = OFF");
    const applied: string[] = [];
    for (;;) {
      const next = db.transaction(() => applyNext(db, migrations, directory)).immediate();
      if (next === undefined) return applied;
      applied.push(next);
    }
  } finally {
    db.close();
  }
}

/** Applies the first pending migration, if any, inside the caller's transaction. */
function applyNext(
  db: Database.Database,
  migrations: readonly Migration[],
  directory: string,
): string | undefined {
  const hasHistory = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
    .get();
  if (!hasHistory) db.exec(createHistoryTable);
  const records = db
    .prepare(
      "SELECT migration_name, checksum, started_at, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at",
    )
    .all() as MigrationRecord[];
  const [next] = pendingMigrations(migrations, records, directory);
  if (!next) return undefined;

  const startedAt = new Date();
  try {
    db.exec(next.sql);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${next.name} failed and was rolled back: ${reason}`, {
      cause: error,
    });
  }
  const broken = db.prepare("PRAGMA foreign_key_check").all();
  if (broken.length > 0) {
    throw new Error(
      `Migration ${next.name} left ${broken.length} row(s) breaking foreign keys ` +
        `(first: ${JSON.stringify(broken[0])}); it was rolled back.`,
    );
  }
  db.prepare(
    `INSERT INTO _prisma_migrations
       (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
     VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
  ).run(randomUUID(), next.checksum, timestamp(new Date()), next.name, timestamp(startedAt));
  return next.name;
}
