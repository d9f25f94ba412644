// The shape of a PostgreSQL schema as the catalog describes it: tables,
// columns (type, nullability, default), constraints and indexes, sorted, so
// two databases built different ways can be compared with one toEqual.
import pg from "pg";

export interface Catalog {
  tables: string[];
  columns: string[];
  constraints: string[];
  indexes: string[];
}

/** Catalog of one schema, leaving out Prisma's own _prisma_migrations. */
export async function readCatalog(url: string, schema = "public"): Promise<Catalog> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const lines = async (sql: string): Promise<string[]> =>
      (await client.query<{ line: string }>(sql, [schema])).rows.map((row) => row.line).sort();
    return {
      tables: await lines(
        `SELECT table_name || ' ' || table_type AS line FROM information_schema.tables
          WHERE table_schema = $1 AND table_name <> '_prisma_migrations'`,
      ),
      columns: await lines(
        `SELECT concat_ws(' ', table_name || '.' || column_name, data_type, udt_name,
                  character_maximum_length, numeric_precision, datetime_precision,
                  CASE is_nullable WHEN 'YES' THEN 'null' ELSE 'not null' END,
                  'default ' || column_default) AS line
           FROM information_schema.columns
          WHERE table_schema = $1 AND table_name <> '_prisma_migrations'`,
      ),
      constraints: await lines(
        `SELECT cl.relname || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) AS line
           FROM pg_constraint c
           JOIN pg_class cl ON cl.oid = c.conrelid
           JOIN pg_namespace n ON n.oid = cl.relnamespace
          WHERE n.nspname = $1 AND cl.relname <> '_prisma_migrations'`,
      ),
      indexes: await lines(
        `SELECT indexdef AS line FROM pg_indexes
          WHERE schemaname = $1 AND tablename <> '_prisma_migrations'`,
      ),
    };
  } finally {
    await client.end();
  }
}
