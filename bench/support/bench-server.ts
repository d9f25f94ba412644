// The real server (bootstrap, as `npm start` builds it) in this process, on a
// fresh database, with SQL statements counted and limits raised where a
// benchmark would otherwise measure the limit: the rate limit (the naive
// path sends 10,000 requests a minute) and the log level (silent).
import pino from "pino";
import { loadConfig } from "../../server/config.js";
import { bootstrap, type ServerHandle } from "../../server/bootstrap.js";
import { createBenchDatabase, type BenchDatabase, type StoreKind } from "./bench-database.js";

export interface BenchServer {
  readonly handle: ServerHandle;
  readonly url: string;
  readonly database: BenchDatabase;
  stop(): Promise<void>;
}

export const UNLIMITED_RATE = "1000000000";

export async function startBenchServer(
  kind: StoreKind,
  env: Record<string, string> = {},
): Promise<BenchServer> {
  const database = await createBenchDatabase(kind);
  try {
    return await startBenchServerOn(database, env);
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/** The server on a database made (and perhaps seeded) beforehand; stop() drops it. */
export async function startBenchServerOn(
  database: BenchDatabase,
  env: Record<string, string> = {},
): Promise<BenchServer> {
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: database.url,
    SEED_DEMO: "false",
    LOG_LEVEL: "silent",
    NODE_ENV: "production",
    RATE_LIMIT_PER_MINUTE: UNLIMITED_RATE,
    ...env,
  });
  const handle = await bootstrap(config, {
    logger: pino({ level: "silent" }),
    countQueries: true,
  });
  return {
    handle,
    url: `http://127.0.0.1:${handle.port}`,
    database,
    async stop() {
      await handle.stop();
      await database.drop();
    },
  };
}
