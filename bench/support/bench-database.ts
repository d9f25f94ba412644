// A throwaway database per benchmark run: a SQLite file in a temporary
// directory, or bench_<random> on the PostgreSQL server at 127.0.0.1:5432
// (user postgres), dropped afterwards.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export type StoreKind = "sqlite" | "postgresql";

export const POSTGRES_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres";

export interface BenchDatabase {
  readonly kind: StoreKind;
  readonly url: string;
  drop(): Promise<void>;
}

async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: POSTGRES_SERVER,
    connectionTimeoutMillis: 3_000,
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Why PostgreSQL cannot be used, or null when it answers. */
export async function postgresProblem(): Promise<string | null> {
  try {
    await onServer((client) => client.query("select 1"));
    return null;
  } catch (error) {
    return `PostgreSQL at 127.0.0.1:5432 is not reachable (${error instanceof Error ? error.message : String(error)})`;
  }
}

export async function createBenchDatabase(kind: StoreKind): Promise<BenchDatabase> {
  if (kind === "sqlite") {
    const dir = await mkdtemp(join(tmpdir(), "bench-"));
    return {
      kind,
      url: `file:${join(dir, "bench.db")}`,
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const name = `bench_${randomBytes(6).toString("hex")}`;
  await onServer((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(POSTGRES_SERVER);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    drop: async () => {
      await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
