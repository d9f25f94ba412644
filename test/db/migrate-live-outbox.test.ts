// Upgrading a database with data to the live-event outbox, on both stores: a
// database the previous release built and filled (the demo trust: academies,
// evidence, designations, targets, measurements) gains the outbox, keeps every
// row, and numbers its first events from 1.
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, openDatabase } from "../../server/db/index.js";
import { migrationsDirectories } from "../../server/db/migrations.js";
import { seedDemoTrust } from "../../server/demo/seed-demo-trust.js";
import { EventBus } from "../../server/live/events/index.js";
import { inProcessEvents } from "../../server/live/events/index.js";
import { createTestDatabase, postgresAvailable } from "../support/postgres.js";

const OUTBOX = "20261201150000_live_event_outbox";
const stores = (await postgresAvailable())
  ? (["sqlite", "postgresql"] as const)
  : (["sqlite"] as const);

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "mat-outbox-"));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** The committed migrations before the outbox: what the previous release applied. */
async function previousRelease(kind: "sqlite" | "postgresql"): Promise<string> {
  const directory = await mkdtemp(join(scratch, `${kind}-before-`));
  await cp(migrationsDirectories[kind], directory, { recursive: true });
  // Only the outbox is left out: later migrations stay (the runner applies a
  // missing one out of order), so the current client can seed the database.
  await rm(join(directory, OUTBOX), { recursive: true });
  return directory;
}

describe.each(stores)("upgrading a %s database with data to the live-event outbox", (kind) => {
  it("keeps every row and numbers the first events of each trust from 1", async () => {
    let url: string;
    let drop = async () => undefined as void;
    if (kind === "sqlite") url = `file:${join(await mkdtemp(join(scratch, "db-")), "mat.db")}`;
    else {
      const database = await createTestDatabase();
      url = database.url;
      drop = database.drop;
    }
    try {
      const before = await migrate(url, { migrationsDirectory: await previousRelease(kind) });
      expect(before.applied).not.toContain(OUTBOX);
      let counts: number[];
      {
        const { prisma, close } = await openDatabase(url);
        await seedDemoTrust(prisma);
        counts = await Promise.all([
          prisma.academy.count(),
          prisma.designation.count(),
          prisma.target.count(),
          prisma.measurement.count(),
        ]);
        await close();
      }
      expect(counts.every((count) => count > 0)).toBe(true);

      expect((await migrate(url)).applied).toContain(OUTBOX);

      const { prisma, close } = await openDatabase(url);
      try {
        expect(
          await Promise.all([
            prisma.academy.count(),
            prisma.designation.count(),
            prisma.target.count(),
            prisma.measurement.count(),
          ]),
        ).toEqual(counts);
        const trust = await prisma.trust.findFirstOrThrow();
        const bus = new EventBus(prisma, inProcessEvents());
        expect(await bus.head(trust.id)).toBe(0);
        await bus.transaction(async (tx) => {
          bus.emit(tx, {
            kind: "designationChanged",
            trustId: trust.id,
            urn: "140001",
            data: { year: "2025/26" },
          });
          bus.emit(tx, {
            kind: "targetChanged",
            trustId: trust.id,
            urn: "140002",
            data: { year: "2025/26", metric: "attendance.absence" },
          });
        });
        expect(
          (await prisma.liveEvent.findMany({ orderBy: { seq: "asc" } })).map((row) => [
            row.seq,
            row.kind,
          ]),
        ).toEqual([
          [1, "designationChanged"],
          [2, "targetChanged"],
        ]);
        await bus.close();
        // Deleting a trust takes its events with it.
        await prisma.trust.delete({ where: { id: trust.id } });
        expect(await prisma.liveEvent.count()).toBe(0);
      } finally {
        await close();
      }
    } finally {
      await drop();
    }
  });
});
