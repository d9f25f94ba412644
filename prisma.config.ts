// Prisma CLI configuration: the JavaScript schema engine, so nothing is
// downloaded (DESIGN.md "Verified on this machine"). Set DATABASE_URL on the
// command line (the CLI does not read .env when a config file exists); without
// it, or with one the adapter cannot open, the CLI falls back to downloading
// an engine and fails offline.
//
// The adapter follows DATABASE_URL: better-sqlite3 for file: URLs (relative to
// this folder, as server/db resolves them; file::memory: for commands that need
// no database, such as `migrate diff --from-empty`), pg for postgres URLs. On
// PostgreSQL `generate`, `migrate diff` between datamodels and `migrate status`
// work; `migrate deploy` and `db pull` fail to introspect (prisma/orm#27403),
// so apply migrations with `npm run db:migrate` (server/db/migrate.ts).
import { mkdirSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

const root = dirname(fileURLToPath(import.meta.url));
const databaseUrl = process.env.DATABASE_URL ?? "file:./data/mat.db";
const postgresql = /^postgres(ql)?:\/\//.test(databaseUrl);

export default defineConfig({
  // The CLI validates this schema's url against DATABASE_URL before it reads
  // --schema; a mismatch sends it off to download an engine.
  schema: postgresql ? "prisma/postgresql/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: postgresql ? "prisma/postgresql/migrations" : "prisma/migrations" },
  engine: "js",
  experimental: { adapter: true },
  async adapter() {
    if (postgresql) {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      // The CLI never closes the pool: with pg's default 10 s idle timeout
      // every command would sit 10 s before exiting.
      return new PrismaPg({ connectionString: databaseUrl, idleTimeoutMillis: 100 });
    }
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    const path = databaseUrl.replace(/^file:/, "").replace(/\?.*$/, "");
    if (path === ":memory:") return new PrismaBetterSQLite3({ url: ":memory:" });
    const file = isAbsolute(path) ? path : resolve(root, path);
    // An adapter that cannot open its file makes every command fail with
    // "External error id#0", even `migrate diff --from-empty`.
    mkdirSync(dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url: `file:${file}` });
  },
});
