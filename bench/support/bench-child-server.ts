// The real server as `npm start` runs it (the production build,
// node dist/server/main.js, compiled once per benchmark process so it is
// never stale), in a child process of its own, so that its resident memory is its own and
// it has a core to itself; optionally with extra node flags (--inspect, for a
// profile of one phase). Ready once it prints its endpoint (and, on a
// first start, the demo tokens, which are kept by role).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildServer } from "../../server/build.js";
import { UNLIMITED_RATE } from "./bench-server.js";
import { projectRoot } from "./run-program.js";

export interface BenchChildServer {
  readonly url: string;
  readonly pid: number;
  /** Tokens by role, when this start seeded the demo trust. */
  readonly tokens: Readonly<Record<string, string>>;
  /** The DevTools WebSocket URL when started with --inspect. */
  readonly inspectorUrl: string | null;
  /** Stops it (SIGTERM: the graceful shutdown) and waits for the process to end. */
  stop(): Promise<void>;
}

export interface ChildServerOptions {
  /** Flags for node before the script, e.g. ["--inspect=127.0.0.1:0"]. */
  readonly nodeFlags?: readonly string[];
  /** Run from the TypeScript through tsx (npm run dev) instead of the build: for comparisons. */
  readonly fromSource?: boolean;
}

let built: Promise<unknown> | undefined;

/**
 * The Node flags `npm start` runs the compiled server with, read from
 * package.json's start script (`... && node <flags> dist/server/main.js`), so
 * the benchmarks run exactly what a deployment runs.
 */
export function productionNodeFlags(): string[] {
  const manifest = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const start = manifest.scripts["start"] ?? "";
  const match = /\bnode((?:\s+--\S+)*)\s+dist\/server\/main\.js/.exec(start);
  if (!match)
    throw new Error(`package.json's start script does not run dist/server/main.js: ${start}`);
  return match[1]!.trim().split(/\s+/).filter(Boolean);
}

/** The server compiled as `npm run build:server` does, once per process. */
function ensureServerBuilt(): Promise<unknown> {
  built ??= buildServer();
  return built;
}

export async function startBenchChildServer(
  env: Record<string, string>,
  options: ChildServerOptions = {},
): Promise<BenchChildServer> {
  if (!options.fromSource) await ensureServerBuilt();
  const script = options.fromSource
    ? ["--import", "tsx", "server/main.ts"]
    : [...productionNodeFlags(), "dist/server/main.js"];
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), ...script], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      // Production leaves the demo trust out by default; the benchmarks load it.
      SEED_DEMO: "true",
      LOG_LEVEL: "warn",
      RATE_LIMIT_PER_MINUTE: UNLIMITED_RATE,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  let output = "";
  let ready = false;
  // Once started, the server's error-level log lines (pino levels 50 and 60) are passed
  // through, so a failure during a load says why; everything else is dropped.
  const passErrors = (chunk: Buffer) => {
    if (!ready) return;
    for (const line of chunk.toString().split("\n"))
      if (/"level":(50|60)\b/.test(line)) process.stderr.write(`[server ${child.pid}] ${line}\n`);
  };
  child.stdout.on("data", passErrors);
  child.stderr.on("data", passErrors);
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      clearTimeout(timer);
      void stop();
      reject(error);
    };
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${output}`)), 90_000);
    const onEarlyExit = (code: number | null) =>
      fail(new Error(`server exited with ${code}:\n${output}`));
    child.once("exit", onEarlyExit);
    child.stderr.on("data", (chunk: Buffer) => {
      if (!ready) output += chunk.toString();
    });
    child.stdout.on("data", (chunk: Buffer) => {
      if (ready) return;
      output += chunk.toString();
      const endpoint = /GraphQL endpoint\s+(http:\/\/\S+)\/graphql/.exec(output);
      const finished =
        /Use one as a header/.test(output) ||
        (/Database\s+\S+\n/.test(output) && !/Demo trust seeded/.test(output));
      if (!endpoint || !finished || child.pid === undefined) return;
      clearTimeout(timer);
      child.off("exit", onEarlyExit);
      ready = true;
      const tokens = Object.fromEntries(
        [...output.matchAll(/^\s+(trust-admin|data-manager|leader|academy)\s+(mat_\S+)/gm)].map(
          (match) => [match[1]!, match[2]!],
        ),
      );
      const inspectorUrl = /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1] ?? null;
      resolve({ url: endpoint[1]!, pid: child.pid, tokens, inspectorUrl, stop });
    });
  });
}
