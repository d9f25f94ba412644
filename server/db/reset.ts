// Empties a database so that it can be migrated from scratch: deletes the
// SQLite file (with its WAL and shared-memory files), or drops every table,
// view, sequence and type in the PostgreSQL schema the URL names (the schema
// itself stays, with its owner and grants).
import { rm } from "node:fs/promises";
import pg from "pg";
import { databaseKind, postgresqlTarget, sqliteFilePath } from "./database-url.js";

export async function resetDatabase(databaseUrl: string): Promise<void> {
  if (databaseKind(databaseUrl) === "sqlite") {
    const file = sqliteFilePath(databaseUrl);
    if (file === ":memory:") return;
    await Promise.all(
      ["", "-wal", "-shm", "-journal"].map((suffix) => rm(file + suffix, { force: true })),
    );
    return;
  }
  const { connectionString, schema } = postgresqlTarget(databaseUrl);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    // One statement, so a failure leaves the schema as it was.
    await client.query(
      `DO $$
       DECLARE item record;
       BEGIN
         FOR item IN SELECT format('DROP VIEW IF EXISTS %I.%I CASCADE', schemaname, viewname) AS sql
                       FROM pg_views WHERE schemaname = $1
                     UNION ALL
                     SELECT format('DROP TABLE IF EXISTS %I.%I CASCADE', schemaname, tablename)
                       FROM pg_tables WHERE schemaname = $1
                     UNION ALL
                     SELECT format('DROP SEQUENCE IF EXISTS %I.%I CASCADE', sequence_schema, sequence_name)
                       FROM information_schema.sequences WHERE sequence_schema = $1
                     UNION ALL
                     SELECT format('DROP TYPE IF EXISTS %I.%I CASCADE', n.nspname, t.typname)
                       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                      WHERE n.nspname = $1 AND t.typtype IN ('e', 'd', 'c')
                        AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.reltype = t.oid)
         LOOP
           EXECUTE item.sql;
         END LOOP;
       END $$`.replaceAll("$1", () => quoteLiteral(schema)),
    );
  } finally {
    await client.end();
  }
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
