// Runs a program to completion and answers its standard output; a non-zero
// exit is an error carrying what it wrote to standard error.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

export interface ProgramOptions {
  /** Pass the child's output through to ours as it comes (run-all does, so progress shows). */
  readonly echo?: boolean;
  readonly env?: Record<string, string>;
}

export function runProgram(
  command: string,
  args: readonly string[],
  options: ProgramOptions = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: projectRoot,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (options.echo) process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (options.echo) process.stderr.write(chunk);
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (code === 0) resolve(stdout);
      else
        reject(
          new Error(
            `${command} ${args.join(" ")} exited with ${code ?? signal}:\n${stderr.slice(-4000)}`,
          ),
        );
    });
  });
}
