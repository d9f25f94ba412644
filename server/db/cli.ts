// The database commands behind the npm scripts (STYLE.md 11):
//   npm run db:migrate            apply pending migrations to $DATABASE_URL
//   npm run db:reset [-- --yes]   empty the database, then migrate it from scratch
// DATABASE_URL defaults to file:./data/mat.db (server/config.ts).
import { pathToFileURL } from "node:url";
import { loadConfig } from "../config.js";
import { redact } from "./database-url.js";
import { migrate } from "./migrate.js";
import { resetDatabase } from "./reset.js";

const usage =
  "usage: npm run db:migrate | npm run db:reset [-- --yes] (compiled: node dist/server/migrate.js migrate | reset [--yes])";

export async function runDatabaseCommand(args: readonly string[]): Promise<string> {
  const [command, ...flags] = args;
  const config = loadConfig();
  const url = config.DATABASE_URL;
  switch (command) {
    case "migrate":
      return describe(url, (await migrate(url)).applied);
    case "reset": {
      if (config.production && !flags.includes("--yes")) {
        throw new Error(
          `Refusing to reset ${redact(url)} with NODE_ENV=production: every row would be lost. ` +
            `Run \`npm run db:reset -- --yes\` if that is what you mean.`,
        );
      }
      await resetDatabase(url);
      return `Emptied ${redact(url)}.\n${describe(url, (await migrate(url)).applied)}`;
    }
    default:
      throw new Error(command ? `Unknown command "${command}". ${usage}` : usage);
  }
}

function describe(url: string, applied: readonly string[]): string {
  if (applied.length === 0) return `${redact(url)} is up to date.`;
  return [`Applied to ${redact(url)}:`, ...applied.map((name) => `  ${name}`)].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    console.log(await runDatabaseCommand(process.argv.slice(2)));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
