// Opens a SQLite database file with better-sqlite3, creating its folder, in
// WAL mode: readers never block the writer, which suits one server process
// answering many Excel cells while a migration or import writes.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { sqliteFilePath } from "./database-url.js";

/** Opens the file a file: URL names; `timeout` is the busy timeout in milliseconds. */
export function openSqliteFile(url: string, timeout: number): Database.Database {
  const file = sqliteFilePath(url);
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout });
  db.pragma("journal_mode = WAL");
  return db;
}
