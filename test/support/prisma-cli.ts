// Runs the Prisma CLI from node_modules the way the npm scripts do: the
// JavaScript engines (prisma.config.ts), DATABASE_URL always set, so it never
// tries to download an engine.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

export const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
const prismaBin = fileURLToPath(
  new URL("../../node_modules/prisma/build/index.js", import.meta.url),
);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `prisma ...args` in the project root with DATABASE_URL set; never rejects on exit codes. */
export function prisma(args: readonly string[], databaseUrl: string): Promise<CliResult> {
  return run(process.execPath, [prismaBin, ...args], { DATABASE_URL: databaseUrl });
}

/** Runs a command in the project root; resolves with its exit code and output. */
export function run(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        cwd: projectRoot,
        // No update check or telemetry: the machine may be offline.
        env: { ...process.env, ...env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") {
          reject(error);
          return;
        }
        resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
      },
    );
  });
}
