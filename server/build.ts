// `npm run build:server`: compiles the server and its command-line tools into
// dist/server, which `npm start` runs with plain Node (tsx is for
// development: the tests' child servers and the CLIs' npm scripts).
//
// One esbuild pass, ES modules, code shared between entries split into
// chunks. Packages stay in node_modules (imported, not bundled), so native
// better-sqlite3, Prisma's query compiler and graphiql's assets load from
// where npm put them; the generated Prisma clients (generated/, our own
// code) are bundled. Every file lands directly in dist/server, two folders
// below the repository root as server/db/project-root.ts is, so the paths the
// server finds from import.meta.url (the root, dist/addin, the migrations)
// are the same compiled or not.
//
// Why a bundle rather than running TypeScript through tsx: tsx compiles each
// module on load (its loader and the compiler stay resident: an idle server
// holds about 45 MB more under tsx) and keeps every function's name with a
// wrapper call per closure; see docs/benchmarks.md, "0. The production build".
import { rm, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Output name -> source: what `node dist/server/<name>.js` runs. */
export const SERVER_ENTRIES = {
  main: "server/main.ts",
  migrate: "server/db/cli.ts",
  seed: "server/cli/seed.ts",
  token: "server/cli/token.ts",
  trust: "server/cli/trust.ts",
  import: "server/cli/import-public-data.ts",
  designate: "server/cli/designate-workbook.ts",
} as const;

export interface ServerBuildReport {
  readonly outDir: string;
  readonly entries: readonly { name: string; bytes: number }[];
  readonly milliseconds: number;
}

export async function buildServer(
  outDir = join(ROOT, "dist", "server"),
): Promise<ServerBuildReport> {
  const started = performance.now();
  await rm(outDir, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: Object.entries(SERVER_ENTRIES).map(([out, source]) => ({ in: source, out })),
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    tsconfig: join(ROOT, "server", "tsconfig.json"),
    // Chunks named by content, beside the entries (not in a sub-folder).
    chunkNames: "chunk-[hash]",
    sourcemap: "linked",
    // graphql-js reads process.env.NODE_ENV itself (a slower instanceof
    // check outside production); a compiled server is a production server
    // unless the environment says otherwise at run time, so nothing is
    // defined here.
    logLevel: "warning",
  });
  const entries = await Promise.all(
    Object.keys(SERVER_ENTRIES).map(async (name) => ({
      name,
      bytes: (await stat(join(outDir, `${name}.js`))).size,
    })),
  );
  return { outDir, entries, milliseconds: Math.round(performance.now() - started) };
}

async function main(): Promise<void> {
  const report = await buildServer();
  console.log(
    [
      `Built the server in ${report.milliseconds} ms: ${relative(process.cwd(), report.outDir) || "."}`,
      ...report.entries.map(
        (entry) =>
          `  ${`${entry.name}.js`.padEnd(24)} ${(entry.bytes / 1024).toFixed(1).padStart(8)} KiB`,
      ),
    ].join("\n"),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
