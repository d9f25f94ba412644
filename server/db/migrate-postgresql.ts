// Applies migrations to PostgreSQL through pg, each in its own transaction,
// recorded in _prisma_migrations as Prisma's schema engine does. The whole run
// holds Prisma's own advisory lock, so two servers starting together (or one
// and `prisma migrate deploy`) take turns instead of racing.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { postgresqlTarget } from "./database-url.js";
import { pendingMigrations, type MigrationRecord } from "./migration-history.js";
import type { Migration } from "./migrations.js";

// Prisma's own DDL for the history table (schema-engine, PostgreSQL flavour).
const createHistoryTable = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

/** The key `prisma migrate` locks with (pg_advisory_lock(72707369)). */
const advisoryLockKey = 72707369;
const lockTimeout = "60s";

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function migratePostgresql(
  url: string,
  migrations: readonly Migration[],
  directory: string,
): Promise<string[]> {
  const { connectionString, schema } = postgresqlTarget(url);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]);
    if (exists.rowCount === 0) await client.query(`CREATE SCHEMA ${quoteIdentifier(schema)}`);
    await client.query(`SET search_path TO ${quoteIdentifier(schema)}`);
    await lock(client);
    try {
      const applied: string[] = [];
      for (;;) {
        const next = await inTransaction(client, () =>
          applyNext(client, schema, migrations, directory),
        );
        if (next === undefined) return applied;
        applied.push(next);
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [advisoryLockKey]);
    }
  } finally {
    await client.end();
  }
}

async function lock(client: pg.Client): Promise<void> {
  await client.query(`SET lock_timeout = '${lockTimeout}'`);
  try {
    await client.query("SELECT pg_advisory_lock($1)", [advisoryLockKey]);
  } catch (error) {
    if ((error as { code?: unknown }).code !== "55P03") throw error;
    throw new Error(
      `Timed out after ${lockTimeout} waiting for another migration to finish ` +
        `(advisory lock ${advisoryLockKey}, held by prisma migrate or another server)`,
      { cause: error },
    );
  } finally {
    await client.query("RESET lock_timeout");
  }
}

async function inTransaction<T>(client: pg.Client, work: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    const result = await work();
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

/** Applies the first pending migration, if any, inside the caller's transaction. */
async function applyNext(
  client: pg.Client,
  schema: string,
  migrations: readonly Migration[],
  directory: string,
): Promise<string | undefined> {
  const history = await client.query(
    "SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = '_prisma_migrations'",
    [schema],
  );
  if (history.rowCount === 0) await client.query(createHistoryTable);
  const records = await client.query<MigrationRecord>(
    "SELECT migration_name, checksum, started_at, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at",
  );
  const [next] = pendingMigrations(migrations, records.rows, directory);
  if (!next) return undefined;

  const startedAt = new Date();
  try {
    await client.query(next.sql);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${next.name} failed and was rolled back: ${reason}`, {
      cause: error,
    });
  }
  await client.query(
    `INSERT INTO _prisma_migrations
       (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
     VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, $4, 1)`,
    [randomUUID(), next.checksum, next.name, startedAt],
  );
  return next.name;
}
