// Crash safety, for real: a server in a child process is killed with SIGKILL
// in the middle of a large import. The database must be as before the import
// and the server must start again cleanly on the same SQLite file (WAL).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";

const root = fileURLToPath(new URL("../..", import.meta.url));

interface Child {
  readonly process: ChildProcess;
  readonly url: string;
  readonly adminToken: string | null;
}

async function startChild(databaseFile: string): Promise<Child> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: `file:${databaseFile}`,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      NODE_ENV: "test",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const endpoint = /GraphQL endpoint\s+(http:\/\/\S+)\/graphql/.exec(output);
      const printedAll =
        /Use one as a header/.test(output) ||
        (endpoint && !/Demo trust seeded/.test(output) && /Database/.test(output));
      if (endpoint && printedAll) {
        clearTimeout(timer);
        const admin = /trust-admin\s+(mat_\S+)/.exec(output);
        resolve({ process: child, url: endpoint[1]!, adminToken: admin ? admin[1]! : null });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

function academyCount(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("SELECT COUNT(*) AS n FROM Academy").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe("crash safety", () => {
  let dir = "";
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("leaves the database as before an import killed with SIGKILL, and starts again cleanly", async () => {
    dir = await mkdtemp(join(tmpdir(), "mat-crash-"));
    const file = join(dir, "crash.db");
    const first = await startChild(file);
    expect(first.adminToken).not.toBeNull();
    const before = academyCount(file);
    expect(before).toBe(14);

    const rows = Array.from({ length: 10_000 }, (_, index) => ({
      urn: String(200_000 + index),
      name: `Import ${index}`,
      phase: "primary",
    }));
    const walBefore = (await stat(`${file}-wal`)).size;
    const request = fetch(`${first.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${first.adminToken}` },
      body: JSON.stringify({
        query: "mutation($rows: [AcademyInput!]!) { importAcademies(rows: $rows) { created } }",
        variables: { rows },
      }),
    }).catch(() => "connection closed");

    // Kill once the import is visibly writing inside its transaction.
    const deadline = Date.now() + 30_000;
    while ((await stat(`${file}-wal`)).size < walBefore + 200_000) {
      if (Date.now() > deadline) throw new Error("the import never started writing");
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    first.process.kill("SIGKILL");
    expect(await request).toBe("connection closed");
    await new Promise((resolve) => first.process.once("exit", resolve));

    const second = await startChild(file);
    try {
      expect(academyCount(file)).toBe(before);
      const response = await fetch(`${second.url}/healthz`);
      expect(response.status).toBe(200);
      const db = new Database(file, { readonly: true });
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      db.close();
    } finally {
      second.process.kill("SIGTERM");
      await new Promise((resolve) => second.process.once("exit", resolve));
    }
  });
});
