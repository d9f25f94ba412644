// Starts the real server on a random port for API tests, on a fresh SQLite
// file or a fresh PostgreSQL database, seeded with the demo trust.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { GraphQLClient } from "graphql-request";
import { loadConfig } from "../../server/config.js";
import { bootstrap, type ServerHandle } from "../../server/bootstrap.js";
import { createTestDatabase, postgresAvailable } from "./postgres.js";
import { type Role } from "../../server/shared/index.js";

export type StoreKind = "sqlite" | "postgresql";

export interface TestServer {
  readonly handle: ServerHandle;
  readonly url: string;
  /** The database it serves, for a second instance on the same store. */
  readonly databaseUrl: string;
  readonly tokens: Readonly<Record<Role, string>>;
  /** A graphql-request client, signed in with the token given (or none). */
  client(token?: string | null): GraphQLClient;
  stop(): Promise<void>;
}

export async function startTestServer(
  kind: StoreKind,
  env: Record<string, string> = {},
): Promise<TestServer> {
  let databaseUrl: string;
  let cleanup: () => Promise<void>;
  if (kind === "sqlite") {
    const dir = await mkdtemp(join(tmpdir(), "mat-api-"));
    databaseUrl = `file:${join(dir, "test.db")}`;
    cleanup = () => rm(dir, { recursive: true, force: true });
  } else {
    const database = await createTestDatabase();
    databaseUrl = database.url;
    cleanup = database.drop;
  }
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    SEED_DEMO: "true",
    // The tests read the demo's fixed 2025/26; the live year (today's) is tested on its own.
    DEMO_LIVE_YEAR: "false",
    LOG_LEVEL: "silent",
    NODE_ENV: "test",
    ...env,
  });
  const handle = await bootstrap(config, { logger: pino({ level: "silent" }), countQueries: true });
  if (!handle.demo) throw new Error("The demo trust was not seeded");
  const tokens = Object.fromEntries(
    Object.entries(handle.demo.tokens).map(([role, issued]) => [role, issued.token]),
  ) as Record<Role, string>;
  const url = `http://127.0.0.1:${handle.port}`;
  return {
    handle,
    url,
    databaseUrl,
    tokens,
    client(token) {
      return new GraphQLClient(`${url}/graphql`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    },
    async stop() {
      await handle.stop();
      await cleanup();
    },
  };
}

/** The stores to run API tests on: SQLite always; PostgreSQL when it answers (and always under CI=true, failing if it does not). */
export async function storesToTest(): Promise<StoreKind[]> {
  return (await postgresAvailable()) ? ["sqlite", "postgresql"] : ["sqlite"];
}

/** A problem as the server sends it in extensions.problems (the schema's Problem type). */
export interface WireProblem {
  code: string;
  row: number | null;
  column: string | null;
  indicator: string | null;
  field: string;
  message: string;
  value: string | null;
  accepts: string | null;
}

/** The GraphQL error of a failed graphql-request call: its message, code, problems and their count. */
export function graphQLErrorOf(error: unknown): {
  message: string;
  code: string | undefined;
  problems: WireProblem[];
  problemCount: number | undefined;
} {
  const response = (
    error as {
      response?: {
        errors?: {
          message: string;
          extensions?: { code?: string; problems?: WireProblem[]; problemCount?: number };
        }[];
      };
    }
  ).response;
  const first = response?.errors?.[0];
  if (!first) throw error;
  return {
    message: first.message,
    code: first.extensions?.code,
    problems: first.extensions?.problems ?? [],
    problemCount: first.extensions?.problemCount,
  };
}
