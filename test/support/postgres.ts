// PostgreSQL for tests: a throwaway database per suite on a real server.
//
// The server is $DATABASE_URL when that is a postgres URL, else
// $TEST_POSTGRES_URL, else postgresql://postgres@127.0.0.1:5432/test. Where
// PostgreSQL is part of the gate (CI=true, or DATABASE_URL names PostgreSQL) a
// missing server fails the suite; elsewhere the PostgreSQL tests are skipped
// and say why.
import { randomBytes } from "node:crypto";
import pg from "pg";

const databaseUrl = process.env.DATABASE_URL ?? "";
const serverUrl = /^postgres(ql)?:\/\//.test(databaseUrl)
  ? databaseUrl
  : (process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test");

/** Whether a missing PostgreSQL is a failure here rather than a reason to skip. */
export const postgresRequired =
  process.env.CI === "true" || /^postgres(ql)?:\/\//.test(databaseUrl);

function redacted(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@/]*@/, "$1***@");
}

let availability: Promise<string | undefined> | undefined;

/** Why the server cannot be reached, or undefined when it answers. */
function unreachableReason(): Promise<string | undefined> {
  availability ??= (async () => {
    const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3_000 });
    try {
      await client.connect();
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return `PostgreSQL at ${redacted(serverUrl)} is not reachable (${detail})`;
    }
    await client.end();
    return undefined;
  })();
  return availability;
}

/**
 * Whether to run the PostgreSQL tests: true when the server answers, and also
 * where it is required (then createTestDatabase fails with the reason, so the
 * tests fail rather than skip). Elsewhere a missing server gives false and a
 * warning saying why: `describe.skipIf(!(await postgresAvailable()))`.
 */
export async function postgresAvailable(): Promise<boolean> {
  const reason = await unreachableReason();
  if (reason === undefined || postgresRequired) return true;
  console.warn(`Skipping PostgreSQL tests: ${reason}. Set CI=true to make this a failure.`);
  return false;
}

export interface TestDatabase {
  /** postgresql://.../mat_test_<random> */
  url: string;
  name: string;
  /** Drops the database, ending any connection still open on it. */
  drop(): Promise<void>;
}

async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database mat_test_<random> on the test server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const reason = await unreachableReason();
  if (reason !== undefined) {
    throw new Error(
      `${reason}; PostgreSQL is required here (CI=true or DATABASE_URL is PostgreSQL).`,
    );
  }
  const name = `mat_test_${randomBytes(6).toString("hex")}`;
  await onServer((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  url.searchParams.delete("schema");
  return {
    url: url.toString(),
    name,
    drop: async () => {
      await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
