// Writes prisma/postgresql/schema.prisma from prisma/schema.prisma. The data
// model is written once (STYLE.md 6); the PostgreSQL copy differs only in the
// datasource provider and the generated client's folder. Run with
// `npm run db:schemas` (part of `npm run db:generate`); a test fails when the
// committed copy drifts.
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { projectRoot } from "./project-root.js";

export const sqliteSchemaPath = join(projectRoot, "prisma", "schema.prisma");
export const postgresqlSchemaPath = join(projectRoot, "prisma", "postgresql", "schema.prisma");

const generatedHeader = [
  "// Generated from prisma/schema.prisma by server/db/schemas.ts (npm run db:schemas).",
  "// Do not edit: change prisma/schema.prisma and run `npm run db:generate`.",
  "",
  "",
].join("\n");

/** Replaces one line inside a top-level block, such as `datasource db { ... }`. */
function replaceInBlock(
  schema: string,
  blockStart: RegExp,
  line: RegExp,
  replacement: string,
): string {
  const start = schema.search(blockStart);
  if (start < 0) throw new Error(`prisma/schema.prisma has no block matching ${blockStart}`);
  const end = schema.indexOf("}", start);
  const block = schema.slice(start, end);
  if (!line.test(block)) throw new Error(`prisma/schema.prisma: ${blockStart} has no ${line}`);
  return schema.slice(0, start) + block.replace(line, replacement) + schema.slice(end);
}

/** The PostgreSQL schema for a SQLite schema's text. */
export function postgresqlSchema(sqliteSchema: string): string {
  let schema = replaceInBlock(
    sqliteSchema,
    /^datasource\s+\w+\s*\{/m,
    /^(\s*provider\s*=\s*)"sqlite"/m,
    '$1"postgresql"',
  );
  schema = replaceInBlock(
    schema,
    /^generator\s+client\s*\{/m,
    /^(\s*output\s*=\s*)"\.\.\/generated\/sqlite"/m,
    '$1"../../generated/postgresql"',
  );
  return generatedHeader + schema;
}

/** Rewrites prisma/postgresql/schema.prisma; returns true when it changed. */
export async function writePostgresqlSchema(): Promise<boolean> {
  const next = postgresqlSchema(await readFile(sqliteSchemaPath, "utf8"));
  const current = await readFile(postgresqlSchemaPath, "utf8").catch(() => undefined);
  if (current === next) return false;
  await mkdir(dirname(postgresqlSchemaPath), { recursive: true });
  await writeFile(postgresqlSchemaPath, next);
  return true;
}

// `tsx server/db/schemas.ts` rewrites prisma/postgresql/schema.prisma;
// `tsx server/db/schemas.ts OLD.prisma OUT.prisma` converts another copy (an
// earlier model, when authoring a migration: prisma/README.md).
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [source, target] = process.argv.slice(2);
  if (source !== undefined && target !== undefined) {
    await writeFile(target, postgresqlSchema(await readFile(source, "utf8")));
    console.log(`wrote ${target}`);
  } else {
    const changed = await writePostgresqlSchema();
    console.log(
      changed
        ? "wrote prisma/postgresql/schema.prisma"
        : "prisma/postgresql/schema.prisma is up to date",
    );
  }
}
