// Upgrading a database made by the release before decisions were kept apart
// (20261125000000 only): on both stores its designations become computed
// records and its confirmations and overrides become decisions, and the
// designation that counts afterwards is the one the board agreed.
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../server/db/migrate.js";
import { migrationsDirectories } from "../../server/db/migrations.js";
import { openDatabase } from "../../server/db/index.js";
import { designationThatCounts, type Term } from "../../server/domain/index.js";
import { createTestDatabase, postgresAvailable, type TestDatabase } from "../support/postgres.js";

const PREVIOUS_RELEASE = "20261125000000_init_trusts_academies_cards";

/** The rows a trust had in the previous release: one academy confirmed, one overridden, one never confirmed. */
const RELEASE_DATA = (now: string, confirmed: string) => `
INSERT INTO "Trust" ("id", "uid", "name") VALUES ('t1', 'TR00001', 'Oak Trust');
INSERT INTO "User" ("id", "trustId", "name", "role") VALUES ('u1', 't1', 'Ada Leader', 'leader');
INSERT INTO "Academy" ("id", "trustId", "urn", "name", "phase", "updatedAt") VALUES
  ('a1', 't1', '100001', 'Oak Primary', 'primary', ${now}),
  ('a2', 't1', '100002', 'Ash Secondary', 'secondary', ${now}),
  ('a3', 't1', '100003', 'Elm Primary', 'primary', ${now});
INSERT INTO "Designation" ("id", "trustId", "academyId", "frameworkKey", "year", "term", "computedLevel", "reasons", "confirmedLevel", "confirmedBy", "confirmedAt", "agreedOn", "overrideReason", "current", "createdAt") VALUES
  ('d1-old', 't1', 'a1', 'phase-model', '2025/26', 'autumn', 'stabilise', '[]', NULL, NULL, NULL, NULL, NULL, ${"false"}, ${now}),
  ('d1', 't1', 'a1', 'phase-model', '2025/26', 'autumn', 'repair', '[]', 'repair', 'Ada Leader (u1)', ${confirmed}, '2025-10-14', NULL, ${"true"}, ${now}),
  ('d2', 't1', 'a2', 'phase-model', '2025/26', 'autumn', 'stabilise', '[]', 'repair', 'Ada Leader (u1)', ${confirmed}, '2025-10-14', 'New head in post since September', ${"true"}, ${now}),
  ('d3', 't1', 'a3', 'phase-model', '2025/26', 'spring', 'improve', '[]', NULL, NULL, NULL, NULL, NULL, ${"true"}, ${now});
`;

async function releaseMigrations(scratch: string, kind: "sqlite" | "postgresql"): Promise<string> {
  const directory = await mkdtemp(join(scratch, `release-${kind}-`));
  const source = migrationsDirectories[kind];
  for (const name of await readdir(source)) {
    if (name === "migration_lock.toml" || name === PREVIOUS_RELEASE)
      await cp(join(source, name), join(directory, name), { recursive: true });
  }
  return directory;
}

/** What a user of the upgraded database sees, read through the new client. */
async function afterUpgrade(url: string) {
  const db = await openDatabase(url);
  try {
    const computed = await db.prisma.designation.findMany({ orderBy: { id: "asc" } });
    const decisions = await db.prisma.designationDecision.findMany({ orderBy: { id: "asc" } });
    const counts = Object.fromEntries(
      ["a1", "a2", "a3"].map((academyId) => {
        const result = designationThatCounts({
          year: "2025/26",
          framework: "phase-model",
          cycle: "annual",
          computed: computed
            .filter((row) => row.academyId === academyId)
            .map((row) => ({
              ...row,
              framework: row.frameworkKey,
              term: row.term as Term,
              level: row.computedLevel,
              recordedAt: row.createdAt,
            })),
          decisions: decisions
            .filter((row) => row.academyId === academyId)
            .map((row) => ({
              ...row,
              framework: row.frameworkKey,
              term: row.term as Term | null,
              recordedAt: row.createdAt,
            })),
        });
        return [academyId, [result.status, result.level]];
      }),
    );
    return {
      computed: computed.map((row) => [row.id, row.computedLevel, row.provisional]),
      decisions: decisions.map((row) => ({
        id: row.id,
        academyId: row.academyId,
        year: row.year,
        term: row.term,
        level: row.level,
        computedId: row.computedId,
        computedLevel: row.computedLevel,
        decidedBy: row.decidedBy,
        decidedById: row.decidedById,
        body: row.body,
        agreedOn: row.agreedOn,
        reason: row.reason,
        recordedAt: row.createdAt.toISOString(),
      })),
      counts,
    };
  } finally {
    await db.close();
  }
}

const EXPECTED = {
  computed: [
    ["d1", "repair", false],
    ["d1-old", "stabilise", false],
    ["d2", "stabilise", false],
    ["d3", "improve", false],
  ],
  decisions: [
    {
      id: "d1-decision",
      academyId: "a1",
      year: "2025/26",
      term: null,
      level: "repair",
      computedId: "d1",
      computedLevel: "repair",
      decidedBy: "Ada Leader",
      decidedById: "u1",
      body: "Trust Board",
      agreedOn: "2025-10-14",
      reason: null,
      recordedAt: "2025-10-15T09:30:00.000Z",
    },
    {
      id: "d2-decision",
      academyId: "a2",
      year: "2025/26",
      term: null,
      level: "repair",
      computedId: "d2",
      computedLevel: "stabilise",
      decidedBy: "Ada Leader",
      decidedById: "u1",
      body: "Trust Board",
      agreedOn: "2025-10-14",
      reason: "New head in post since September",
      recordedAt: "2025-10-15T09:30:00.000Z",
    },
  ],
  counts: {
    a1: ["agreed", "repair"],
    a2: ["agreed", "repair"],
    a3: ["notYetAgreed", "improve"],
  },
};

const available = await postgresAvailable();
let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "mat-db-designations-"));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe("upgrading designations made by the previous release", () => {
  it("keeps every designation as computed and every confirmation as a decision on SQLite", async () => {
    const url = `file:${join(scratch, "sqlite", "mat.db")}`;
    expect(
      await migrate(url, { migrationsDirectory: await releaseMigrations(scratch, "sqlite") }),
    ).toEqual({
      applied: [PREVIOUS_RELEASE],
    });
    const db = new Database(url.slice("file:".length));
    db.exec(
      RELEASE_DATA("'2025-10-01T08:00:00.000+00:00'", "'2025-10-15T09:30:00.000+00:00'")
        .replaceAll("false),", "0),")
        .replaceAll("true),", "1),"),
    );
    db.close();
    const { applied } = await migrate(url);
    expect(applied[0]).toBe("20261201100000_designation_decisions");
    expect(await afterUpgrade(url)).toEqual(EXPECTED);
  });

  describe.skipIf(!available)("on PostgreSQL", () => {
    let database: TestDatabase;
    afterAll(async () => {
      await database?.drop();
    });

    it("keeps every designation as computed and every confirmation as a decision on PostgreSQL", async () => {
      database = await createTestDatabase();
      await migrate(database.url, {
        migrationsDirectory: await releaseMigrations(scratch, "postgresql"),
      });
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        await client.query(
          RELEASE_DATA("'2025-10-01T08:00:00.000Z'", "'2025-10-15T09:30:00.000Z'"),
        );
      } finally {
        await client.end();
      }
      const { applied } = await migrate(database.url);
      expect(applied[0]).toBe("20261201100000_designation_decisions");
      expect(await afterUpgrade(database.url)).toEqual(EXPECTED);
    });
  });
});
