// Runs the real server in a child process, for tests that need separate
// processes: crashes, several instances, the production build. From source
// through tsx (`npm run dev`) unless `compiled`, when it runs what `npm start`
// runs: dist/server/main.js, built beforehand by `npm run build:server`.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

export interface ChildServer {
  readonly process: ChildProcess;
  readonly url: string;
  /** Tokens printed when this start seeded the demo trust, by role. */
  readonly tokens: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

export interface ChildServerOptions {
  /** Run the compiled server (dist/server/main.js) with plain Node. */
  readonly compiled?: boolean;
}

export async function startChildServer(
  env: Record<string, string>,
  options: ChildServerOptions = {},
): Promise<ChildServer> {
  const script = options.compiled ? ["dist/server/main.js"] : ["--import", "tsx", "server/main.ts"];
  const child = spawn(process.execPath, script, {
    cwd: root,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      NODE_ENV: "test",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    // A server that does not start in time is killed, never left running.
    const timer = setTimeout(() => {
      child.off("exit", onExit);
      child.kill("SIGKILL");
      reject(new Error(`server did not start:\n${output}`));
    }, 90_000);
    const onExit = (code: number | null) =>
      reject(new Error(`server exited with ${code}:\n${output}`));
    child.once("exit", onExit);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const endpoint = /GraphQL endpoint\s+(http:\/\/\S+)\/graphql/.exec(output);
      const finished =
        /Use one as a header/.test(output) ||
        (/Database\s+\S+\n/.test(output) && !/Demo trust seeded/.test(output));
      if (!endpoint || !finished) return;
      clearTimeout(timer);
      child.off("exit", onExit);
      const tokens = Object.fromEntries(
        [...output.matchAll(/^\s+(trust-admin|data-manager|leader|academy)\s+(mat_\S+)/gm)].map(
          (match) => [match[1]!, match[2]!],
        ),
      );
      resolve({
        process: child,
        url: endpoint[1]!,
        tokens,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
  });
}
