// What a DATABASE_URL names: a SQLite file (file:./data/mat.db, relative to the
// project root, not the working directory) or a PostgreSQL database
// (postgres:// or postgresql://, with Prisma's optional ?schema=).
import { isAbsolute, resolve } from "node:path";
import { projectRoot } from "./project-root.js";

export type DatabaseKind = "sqlite" | "postgresql";

/** The store a URL names; throws for anything else, naming what is accepted. */
export function databaseKind(url: string): DatabaseKind {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(
    `Unsupported database URL "${redact(url)}": use file:./data/mat.db (SQLite) or postgresql://user@host:5432/db (PostgreSQL)`,
  );
}

/** The absolute path of a file: URL's SQLite database, or ":memory:". */
export function sqliteFilePath(url: string): string {
  if (databaseKind(url) !== "sqlite") throw new Error(`Not a SQLite URL: ${redact(url)}`);
  // Prisma's SQLite URLs may carry options (?connection_limit=1); the file ends before them.
  const path = decodeURIComponent(url.slice("file:".length).replace(/\?.*$/, "")).replace(
    /^\/\/(?=\/)/,
    "",
  );
  if (path === "") throw new Error(`The SQLite URL "${url}" names no file`);
  if (path === ":memory:") return path;
  return isAbsolute(path) ? path : resolve(projectRoot, path);
}

export interface PostgresqlTarget {
  /** The URL for the pg driver, without Prisma's ?schema= option. */
  connectionString: string;
  /** The PostgreSQL schema the tables live in ("public" unless ?schema= says otherwise). */
  schema: string;
}

/** Splits Prisma's ?schema= option from a PostgreSQL URL, which the pg driver does not know. */
export function postgresqlTarget(url: string): PostgresqlTarget {
  if (databaseKind(url) !== "postgresql") throw new Error(`Not a PostgreSQL URL: ${redact(url)}`);
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? "public";
  parsed.searchParams.delete("schema");
  return { connectionString: parsed.toString(), schema };
}

/** The URL with any password replaced, for messages and logs. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@/]*@/, "$1***@");
}
