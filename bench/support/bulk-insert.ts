// Rows straight into a benchmark database through the driver, as fast as
// each store takes them, in the formats Prisma stores (so the server reads
// them as its own): SQLite through better-sqlite3, one prepared statement per
// table in one transaction per flush; PostgreSQL through pg, one INSERT ...
// SELECT FROM unnest(arrays) per 10,000 rows, each column sent as one array.
// Used to seed a synthetic England (millions of rows) in about a minute,
// where Prisma's multi-row INSERTs would take a quarter of an hour.
import Database from "better-sqlite3";
import pg from "pg";
import { postgresqlTarget, sqliteFilePath } from "../../server/db/database-url.js";
import type { StoreKind } from "./bench-database.js";

/** A column's type, as the table stores it (an enum by its PostgreSQL type name). */
export type ColumnType =
  "text" | "float" | "int" | "bool" | "timestamp" | "json" | { readonly enum: string };

export type Value = string | number | boolean | Date | null;

export interface TableSpec {
  readonly name: string;
  readonly columns: Readonly<Record<string, ColumnType>>;
}

export interface BulkWriter {
  /** Queues a row (values in the spec's column order); written when the table's buffer fills or on flush. */
  add(table: TableSpec, row: readonly Value[]): Promise<void>;
  /** Writes every queued row. */
  flush(): Promise<void>;
  /** Rows written so far, every table. */
  written(): number;
  close(): Promise<void>;
}

const ROWS_PER_WRITE = 10_000;

/** Prisma's SQLite text for a DateTime ("2026-07-01T00:00:00.000+00:00"). */
function sqliteDate(value: Date): string {
  return value.toISOString().replace("Z", "+00:00");
}

function sqliteValue(value: Value): string | number | null {
  if (value instanceof Date) return sqliteDate(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

function postgresType(type: ColumnType): string {
  if (typeof type === "object") return `"${type.enum}"`;
  switch (type) {
    case "text":
      return "text";
    case "float":
      return "double precision";
    case "int":
      return "integer";
    case "bool":
      return "boolean";
    case "timestamp":
      return "timestamp(3)";
    case "json":
      return "jsonb";
  }
}

/** The array type each column travels in (enums and JSON as text, cast in the SELECT). */
function arrayType(type: ColumnType): string {
  if (typeof type === "object" || type === "json" || type === "text") return "text[]";
  return `${postgresType(type)}[]`;
}

function postgresValue(value: Value): Value {
  // timestamp(3) without time zone holds UTC, as Prisma writes it.
  return value instanceof Date ? value.toISOString().slice(0, 23) : value;
}

export async function openBulkWriter(kind: StoreKind, url: string): Promise<BulkWriter> {
  const queued = new Map<TableSpec, Value[][]>();
  let total = 0;
  let write: (table: TableSpec, rows: Value[][]) => Promise<void>;
  let close: () => Promise<void>;
  if (kind === "sqlite") {
    const db = new Database(sqliteFilePath(url));
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = OFF");
    const statements = new Map<TableSpec, Database.Statement>();
    const statementOf = (table: TableSpec) => {
      let statement = statements.get(table);
      if (!statement) {
        const columns = Object.keys(table.columns);
        statement = db.prepare(
          `INSERT INTO "${table.name}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES (${columns.map(() => "?").join(",")})`,
        );
        statements.set(table, statement);
      }
      return statement;
    };
    const insertAll = db.transaction((table: TableSpec, rows: Value[][]) => {
      const statement = statementOf(table);
      for (const row of rows) statement.run(row.map(sqliteValue));
    });
    write = async (table, rows) => insertAll(table, rows);
    close = async () => {
      db.pragma("synchronous = NORMAL");
      db.close();
    };
  } else {
    const { connectionString, schema } = postgresqlTarget(url);
    const client = new pg.Client({ connectionString });
    await client.connect();
    if (schema) await client.query(`SET search_path TO "${schema}"`);
    await client.query("SET synchronous_commit = off");
    // Foreign keys are checked by row triggers, most of a bulk load's time: the rows are generated
    // consistent, so they are left out for this session only, as pg_restore --disable-triggers does.
    await client.query("SET session_replication_role = replica");
    write = async (table, rows) => {
      const entries = Object.entries(table.columns);
      const arrays = entries.map((_, index) =>
        rows.map((row) => postgresValue(row[index] ?? null)),
      );
      await client.query(
        `INSERT INTO "${table.name}" (${entries.map(([name]) => `"${name}"`).join(",")})
         SELECT ${entries.map(([, type], index) => `"c${index}"::${postgresType(type)}`).join(",")}
         FROM unnest(${entries.map(([, type], index) => `$${index + 1}::${arrayType(type)}`).join(",")})
           AS "row"(${entries.map((_, index) => `"c${index}"`).join(",")})`,
        arrays,
      );
    };
    close = async () => {
      await client.query("SET session_replication_role = DEFAULT");
      // The planner's statistics, as autovacuum would gather them soon after a load.
      await client.query("ANALYZE");
      await client.end();
    };
  }
  const flushTable = async (table: TableSpec) => {
    const rows = queued.get(table);
    if (!rows || rows.length === 0) return;
    queued.set(table, []);
    await write(table, rows);
    total += rows.length;
  };
  // Parents before children: every table, in the order they were first written to.
  const flushAll = async () => {
    for (const table of queued.keys()) await flushTable(table);
  };
  return {
    async add(table, row) {
      let rows = queued.get(table);
      if (!rows) queued.set(table, (rows = []));
      rows.push([...row]);
      if (rows.length >= ROWS_PER_WRITE) await flushAll();
    },
    flush: flushAll,
    written: () => total,
    close,
  };
}
