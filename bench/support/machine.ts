// The machine a run was measured on, for the report: hardware, software,
// the services' versions, and the load from other processes, which on a
// shared machine moves every figure.
import { execFile } from "node:child_process";
import os from "node:os";
import { promisify } from "node:util";
import pg from "pg";
import { Redis } from "ioredis";
import { POSTGRES_SERVER } from "./bench-database.js";
import { projectRoot } from "./run-program.js";

export interface Machine {
  readonly date: string;
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly os: string;
  readonly node: string;
  readonly postgres: string;
  readonly redis: string;
  readonly commit: string;
  /** 1-minute load average when the run started. */
  readonly loadAtStart: number;
}

const run = promisify(execFile);

async function postgresVersion(): Promise<string> {
  const client = new pg.Client({
    connectionString: POSTGRES_SERVER,
    connectionTimeoutMillis: 3_000,
  });
  try {
    await client.connect();
    const result = await client.query<{ server_version: string }>("show server_version");
    return `PostgreSQL ${result.rows[0]?.server_version ?? "?"} at 127.0.0.1:5432`;
  } catch (error) {
    return `not reachable (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function redisVersion(): Promise<string> {
  const client = new Redis("redis://127.0.0.1:6379", {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 2_000,
  });
  client.on("error", () => undefined);
  try {
    await client.connect();
    const info = await client.info("server");
    return `Redis ${/redis_version:(\S+)/.exec(info)?.[1] ?? "?"} at 127.0.0.1:6379`;
  } catch (error) {
    return `not reachable (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    client.disconnect();
  }
}

async function commit(): Promise<string> {
  try {
    const head = (
      await run("git", ["rev-parse", "--short", "HEAD"], { cwd: projectRoot })
    ).stdout.trim();
    const status = (
      await run("git", ["status", "--porcelain"], { cwd: projectRoot })
    ).stdout.trim();
    return status === "" ? head : `${head} with uncommitted changes`;
  } catch {
    return "unknown (not a git checkout)";
  }
}

export async function describeMachine(): Promise<Machine> {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    postgres: await postgresVersion(),
    redis: await redisVersion(),
    commit: await commit(),
    loadAtStart: os.loadavg()[0] ?? 0,
  };
}
