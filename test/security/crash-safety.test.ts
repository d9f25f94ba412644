// Crash safety, for real: a server in a child process is killed with SIGKILL
// in the middle of a large import. The database must be as before the import
// and the server must start again cleanly on the same SQLite file (WAL).
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { startChildServer } from "../support/child-server.js";

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

  it(
    "leaves the database as before an import killed with SIGKILL, and starts again cleanly",
    { timeout: 240_000 },
    async () => {
      dir = await mkdtemp(join(tmpdir(), "mat-crash-"));
      const file = join(dir, "crash.db");
      // A large import (MAX_BATCH_ROWS raised for it) keeps the transaction open long enough
      // to be caught in the middle even on a loaded machine.
      const first = await startChildServer({
        DATABASE_URL: `file:${file}`,
        MAX_BATCH_ROWS: "40000",
      });
      const before = academyCount(file);
      try {
        expect(first.tokens["trust-admin"]).toBeDefined();
        expect(before).toBe(14);

        const rows = Array.from({ length: 40_000 }, (_, index) => ({
          urn: String(200_000 + index),
          name: `Import ${index}`,
          phase: "PRIMARY",
        }));
        const walBefore = (await stat(`${file}-wal`)).size;
        const request = fetch(`${first.url}/graphql`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            authorization: `Bearer ${first.tokens["trust-admin"]}`,
          },
          body: JSON.stringify({
            query: "mutation($rows: [AcademyInput!]!) { importAcademies(rows: $rows) { created } }",
            variables: { rows },
          }),
        }).catch(() => "connection closed");
        let answered: string | null = null;
        void request.then(async (answer) => {
          answered = typeof answer === "string" ? answer : await answer.text();
        });

        // Kill once the import is visibly writing inside its transaction (polling for a
        // presence, not waiting out an absence; generous under load).
        const deadline = Date.now() + 120_000;
        while ((await stat(`${file}-wal`)).size < walBefore + 200_000) {
          if (answered !== null)
            throw new Error(`the import was answered before it was caught writing: ${answered}`);
          if (Date.now() > deadline) throw new Error("the import never started writing");
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        const exited = new Promise((resolve) => first.process.once("exit", resolve));
        first.process.kill("SIGKILL");
        expect(await request).toBe("connection closed");
        expect(answered).toBe("connection closed");
        await exited;
      } finally {
        // Never leave the first server running, whatever failed above.
        if (first.process.exitCode === null && first.process.signalCode === null) {
          const exited = new Promise((resolve) => first.process.once("exit", resolve));
          first.process.kill("SIGKILL");
          await exited;
        }
      }

      const second = await startChildServer({ DATABASE_URL: `file:${file}` });
      try {
        expect(academyCount(file)).toBe(before);
        const response = await fetch(`${second.url}/healthz`);
        expect(response.status).toBe(200);
        const db = new Database(file, { readonly: true });
        expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
        db.close();
      } finally {
        await second.stop();
      }
    },
  );
});
