// Opens a Prisma client on the store a DATABASE_URL names: SQLite through
// @prisma/adapter-better-sqlite3 (WAL mode, busy timeout) or PostgreSQL through
// @prisma/adapter-pg with the client generated from prisma/postgresql. Both
// clients come from the same data model, so the PostgreSQL one is typed as the
// SQLite one (Db) and the rest of the server never knows which it holds.
//
// Nothing connects at import time (STYLE.md 15): callers open and close.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresqlPrismaClient } from "../../generated/postgresql/client.js";
import { PrismaClient } from "../../generated/sqlite/client.js";
import {
  databaseKind,
  postgresqlTarget,
  sqliteFilePath,
  type DatabaseKind,
} from "./database-url.js";
import { openSqliteFile } from "./open-sqlite-file.js";

export type Db = PrismaClient;

export interface OpenDatabaseOptions {
  /** Count the SQL statements the client sends (tests pin a resolver's query count with it). */
  countQueries?: boolean;
}

export interface Database {
  prisma: Db;
  kind: DatabaseKind;
  /** SQL statements sent since opening or the last reset (0 unless countQueries was set). */
  queryCount(): number;
  resetQueryCount(): void;
  close(): Promise<void>;
}

/** How long a SQLite statement waits for another connection's write lock, in milliseconds. */
const sqliteBusyTimeout = 5_000;

// Either generated client's constructor, seen through the SQLite one's type.
type ClientConstructor = typeof PrismaClient;

export async function openDatabase(
  databaseUrl: string,
  options: OpenDatabaseOptions = {},
): Promise<Database> {
  const kind = databaseKind(databaseUrl);
  const prisma =
    kind === "sqlite" ? openSqlite(databaseUrl, options) : openPostgresql(databaseUrl, options);

  // With the query-compiler engine ("client"), each SQL statement the client
  // executes through the adapter is reported as one "query" event, COMMIT of
  // a transaction included and BEGIN not, the same on both stores.
  let queries = 0;
  if (options.countQueries) prisma.$on("query", () => (queries += 1));

  try {
    await prisma.$connect();
  } catch (error) {
    await prisma.$disconnect();
    throw error;
  }
  return {
    prisma: prisma as unknown as Db,
    kind,
    queryCount: () => queries,
    resetQueryCount: () => {
      queries = 0;
    },
    close: () => prisma.$disconnect(),
  };
}

function openSqlite(url: string, options: OpenDatabaseOptions) {
  const file = sqliteFilePath(url);
  if (file !== ":memory:") {
    // WAL is a property of the file: set it once, before the adapter opens it.
    openSqliteFile(url, sqliteBusyTimeout).close();
  }
  const adapter = new PrismaBetterSQLite3({
    url: file === ":memory:" ? file : `file:${file}`,
    timeout: sqliteBusyTimeout,
  });
  return createClient(PrismaClient, adapter, options);
}

function openPostgresql(url: string, options: OpenDatabaseOptions) {
  const { connectionString, schema } = postgresqlTarget(url);
  const adapter = new PrismaPg({ connectionString }, { schema });
  return createClient(PostgresqlPrismaClient as unknown as ClientConstructor, adapter, options);
}

function createClient(
  Client: ClientConstructor,
  adapter: PrismaBetterSQLite3 | PrismaPg,
  options: OpenDatabaseOptions,
) {
  return new Client({
    adapter,
    log: options.countQueries ? [{ emit: "event", level: "query" }] : [],
  });
}
