// Graceful shutdown on SIGTERM: a write in flight finishes and is kept, the
// process exits cleanly, and readiness fails while draining.
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { startChildServer } from "../support/child-server.js";

describe("graceful shutdown", () => {
  let dir = "";
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it(
    "finishes an import in flight when told to stop, then exits 0",
    { timeout: 240_000 },
    async () => {
      dir = await mkdtemp(join(tmpdir(), "mat-shutdown-"));
      const file = join(dir, "shutdown.db");
      // A large import (MAX_BATCH_ROWS raised for it) is still running when the signal comes,
      // even on a loaded machine.
      const server = await startChildServer({
        DATABASE_URL: `file:${file}`,
        MAX_BATCH_ROWS: "20000",
      });
      try {
        expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
        const walBefore = (await stat(`${file}-wal`)).size;
        const rows = Array.from({ length: 20_000 }, (_, index) => ({
          urn: String(300_000 + index),
          name: `Late ${index}`,
          phase: "SECONDARY",
        }));
        let answeredAt = 0;
        const importing = fetch(`${server.url}/graphql`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            authorization: `Bearer ${server.tokens["trust-admin"]}`,
          },
          body: JSON.stringify({
            query: "mutation($rows: [AcademyInput!]!) { importAcademies(rows: $rows) { created } }",
            variables: { rows },
          }),
        }).then((answer) => ((answeredAt = Date.now()), answer));
        // Signal once the import is visibly writing (a presence, polled), not after a guess.
        const deadline = Date.now() + 120_000;
        while ((await stat(`${file}-wal`).catch(() => ({ size: 0 }))).size < walBefore + 100_000) {
          if (Date.now() > deadline) throw new Error("the import never started writing");
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        const exited = new Promise<number | null>((resolve) =>
          server.process.once("exit", (code) => resolve(code)),
        );
        server.process.kill("SIGTERM");
        const killedAt = Date.now();
        const response = await importing;
        // The import was still running when the signal came.
        expect(answeredAt).toBeGreaterThan(killedAt);
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ data: { importAcademies: { created: 20_000 } } });
        expect(await exited).toBe(0);
        const db = new Database(file, { readonly: true });
        expect((db.prepare("SELECT COUNT(*) AS n FROM Academy").get() as { n: number }).n).toBe(
          14 + 20_000,
        );
        db.close();
      } finally {
        await server.stop();
      }
    },
  );
});
