// What the previous release ships, for an upgrade test: a copy of the
// committed migrations of a store up to, not including, the one under test.
import { cp, mkdtemp } from "node:fs/promises";
import { join } from "node:path";
import { migrationsDirectories } from "../../server/db/migrations.js";

/** A folder under `scratch` holding every migration of `kind` before `migration` (and the lock file). */
export async function migrationsBefore(
  migration: string,
  kind: "sqlite" | "postgresql",
  scratch: string,
): Promise<string> {
  const directory = await mkdtemp(join(scratch, `${kind}-`));
  await cp(migrationsDirectories[kind], directory, {
    recursive: true,
    filter: (source) =>
      !/\d{14}_/.test(source.split("/").pop() ?? "") || source.split("/").pop()! < migration,
  });
  return directory;
}
