// Upgrading a database with data to enum and Json columns
// (20261202020000_enums_and_json_columns), on SQLite and PostgreSQL: every
// row stays, its JSON text reads back as documents through the Prisma client,
// its words as the enums, and a word outside an enum is refused afterwards on
// PostgreSQL (SQLite leaves the check to Prisma).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../server/db/migrate.js";
import { openDatabase } from "../../server/db/index.js";
import { createTestDatabase, postgresAvailable, type TestDatabase } from "../support/postgres.js";
import { migrationsBefore } from "../support/migrations-before.js";

const ENUMS_AND_JSON = "20261202020000_enums_and_json_columns";
const available = await postgresAvailable();

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "mat-enums-json-"));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const releasedMigrations = (kind: "sqlite" | "postgresql") =>
  migrationsBefore(ENUMS_AND_JSON, kind, scratch);

const REASONS = '[{"source":"inspection","indicated":"secure","rating":null,"message":"Good: B"}]';

/** Rows as the previous release wrote them: words and JSON as text. */
const DATA = `
  INSERT INTO "Trust" ("id", "uid", "name") VALUES ('t1', 'TR00001', 'Oak Trust');
  INSERT INTO "Academy" ("id", "trustId", "urn", "name", "phase", "updatedAt")
    VALUES ('a1', 't1', '100001', 'Carleton High', 'secondary', CURRENT_TIMESTAMP);
  INSERT INTO "TrustFramework" ("id", "trustId", "key", "name", "definition", "updatedAt")
    VALUES ('f1', 't1', 'our-own', 'Our own', '{"key":"our-own","levels":[{"key":"green"}]}', CURRENT_TIMESTAMP);
  INSERT INTO "EvidenceRecord" ("id", "trustId", "academyId", "year", "term", "entries", "updatedBy", "updatedAt")
    VALUES ('e1', 't1', 'a1', '2025/26', 'spring', '[{"indicator":"P8","value":"-0.3","percentFormatted":false}]', 'u1', CURRENT_TIMESTAMP);
  INSERT INTO "Designation" ("id", "trustId", "academyId", "frameworkKey", "year", "term", "computedLevel", "missingSources", "reasons")
    VALUES ('d1', 't1', 'a1', 'phase-model', '2025/26', 'spring', 'secure', '["SEF judgement"]', '${REASONS}');
  INSERT INTO "DesignationDecision" ("id", "trustId", "academyId", "frameworkKey", "year", "term", "level", "decidedBy", "decidedById", "body", "agreedOn")
    VALUES ('dd1', 't1', 'a1', 'risk-designation', '2025/26', 'autumn', 'green', 'Ada Leader', 'u1', 'Trust Board', '2025-10-14'),
           ('dd2', 't1', 'a1', 'phase-model', '2025/26', NULL, 'secure', 'Ada Leader', 'u1', 'Trust Board', '2025-10-14');
  INSERT INTO "Target" ("id", "trustId", "academyId", "year", "metric", "baseline", "target", "milestones", "status", "pendingStatus", "pendingMilestones", "updatedBy", "updatedAt")
    VALUES ('tg1', 't1', 'a1', '2025/26', 'attendance.absence', 7, 6, '{"autumn2":6.8}', 'agreed', 'proposed', '{"spring2":6.1}', 'u1', CURRENT_TIMESTAMP),
           ('tg2', 't1', 'a1', '2025/26', 'ks4.basics5', 40, 45, '{}', 'draft', NULL, NULL, 'u1', CURRENT_TIMESTAMP);
  INSERT INTO "TargetVersion" ("id", "targetId", "version", "action", "status", "change", "baseline", "target", "milestones", "bodyKind", "body", "meetingOn", "changedBy", "changedByName")
    VALUES ('v1', 'tg1', 4, 'agreed', 'agreed', false, 7, 6, '{"autumn2":6.8}', 'trustBoard', 'Trust Board', '2025-10-14', 'u1', 'Ada Leader'),
           ('v2', 'tg1', 5, 'directChange', 'agreed', false, 7, 6, '{}', NULL, NULL, NULL, 'u1', 'Ada Leader');
  INSERT INTO "Measurement" ("id", "trustId", "academyId", "year", "metric", "period", "value", "enteredBy")
    VALUES ('m1', 't1', 'a1', '2025/26', 'attendance.absence', 'autumn2', 6.9, 'u1'),
           ('m2', 't1', 'a1', '2025/26', 'ks4.basics5', 'year', 43, 'u1');
  INSERT INTO "AuditEntry" ("id", "trustId", "actor", "action", "entity", "entityId", "before", "after")
    VALUES ('au1', 't1', 'Ada Leader (leader, u1)', 'trust.framework', 'Trust', 't1', '{"frameworkKey":"phase-model"}', '{"frameworkKey":"our-own"}'),
           ('au2', 't1', 'Ada Leader (leader, u1)', 'token.revoke', 'ApiToken', 'k1', NULL, NULL),
           ('au3', 't1', 'operator (cli)', 'trust.create', 'Trust', 't1', NULL, 'not JSON at all');
  INSERT INTO "PublicImport" ("id", "trustId", "kind", "edition", "fileName", "encoding", "rows", "matched", "skipped", "loaded", "unchanged", "national", "loadedBy")
    VALUES ('pi1', 't1', 'ks2', '2024/25', 'ks2.csv', 'utf8', 3, 1, 1, 1, 0, 2, 'u1');
  INSERT INTO "NationalBenchmark" ("id", "trustId", "indicator", "phase", "year", "value", "kind", "edition", "fileName", "importId")
    VALUES ('nb1', 't1', 'ks2.rwmExpected', '', '2024/25', 62, 'ks2', '2024/25', 'ks2.csv', 'pi1'),
           ('nb2', 't1', 'attendance.absence', 'primary', '2024/25', 5.1, 'absence', '2024/25', 'ks2.csv', 'pi1');`;

/** What the Prisma client reads after the upgrade, the same on both stores. */
async function readBack(url: string) {
  const database = await openDatabase(url);
  try {
    const { prisma } = database;
    return {
      framework: (await prisma.trustFramework.findUniqueOrThrow({ where: { id: "f1" } }))
        .definition,
      evidence: await prisma.evidenceRecord.findUniqueOrThrow({
        where: { id: "e1" },
        select: { term: true, entries: true },
      }),
      designation: await prisma.designation.findUniqueOrThrow({
        where: { id: "d1" },
        select: { term: true, missingSources: true, reasons: true },
      }),
      decisions: await prisma.designationDecision.findMany({
        select: { id: true, term: true },
        orderBy: { id: "asc" },
      }),
      targets: await prisma.target.findMany({
        select: {
          id: true,
          status: true,
          pendingStatus: true,
          milestones: true,
          pendingMilestones: true,
        },
        orderBy: { id: "asc" },
      }),
      versions: await prisma.targetVersion.findMany({
        select: { action: true, status: true, bodyKind: true, milestones: true },
        orderBy: { version: "asc" },
      }),
      periods: (await prisma.measurement.findMany({ orderBy: { id: "asc" } })).map(
        (row) => row.period,
      ),
      audit: await prisma.auditEntry.findMany({
        select: { id: true, before: true, after: true },
        orderBy: { id: "asc" },
      }),
      // The national benchmarks (the migration before this one) keep their text columns.
      benchmarks: await prisma.nationalBenchmark.findMany({
        select: { id: true, phase: true, year: true, value: true, importId: true },
        orderBy: { id: "asc" },
      }),
    };
  } finally {
    await database.close();
  }
}

const EXPECTED = {
  framework: { key: "our-own", levels: [{ key: "green" }] },
  evidence: {
    term: "spring",
    entries: [{ indicator: "P8", value: "-0.3", percentFormatted: false }],
  },
  designation: {
    term: "spring",
    missingSources: ["SEF judgement"],
    reasons: [{ source: "inspection", indicated: "secure", rating: null, message: "Good: B" }],
  },
  decisions: [
    { id: "dd1", term: "autumn" },
    { id: "dd2", term: null },
  ],
  targets: [
    {
      id: "tg1",
      status: "agreed",
      pendingStatus: "proposed",
      milestones: { autumn2: 6.8 },
      pendingMilestones: { spring2: 6.1 },
    },
    { id: "tg2", status: "draft", pendingStatus: null, milestones: {}, pendingMilestones: null },
  ],
  versions: [
    { action: "agreed", status: "agreed", bodyKind: "trustBoard", milestones: { autumn2: 6.8 } },
    { action: "directChange", status: "agreed", bodyKind: null, milestones: {} },
  ],
  periods: ["autumn2", "year"],
  audit: [
    { id: "au1", before: { frameworkKey: "phase-model" }, after: { frameworkKey: "our-own" } },
    { id: "au2", before: null, after: null },
    { id: "au3", before: null, after: "not JSON at all" },
  ],
  benchmarks: [
    { id: "nb1", phase: "", year: "2024/25", value: 62, importId: "pi1" },
    { id: "nb2", phase: "primary", year: "2024/25", value: 5.1, importId: "pi1" },
  ],
};

describe("the enums and Json columns migration", () => {
  it("upgrades a SQLite file with data: every row kept, documents and words read back", async () => {
    const url = `file:${join(scratch, "upgrade.db")}`;
    await migrate(url, { migrationsDirectory: await releasedMigrations("sqlite") });
    const before = new Database(url.slice("file:".length));
    before.exec(DATA);
    before.close();

    const { applied } = await migrate(url);
    expect(applied).toContain(ENUMS_AND_JSON);
    expect(await readBack(url)).toEqual(EXPECTED);
  });

  const databases: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(databases.map((database) => database.drop()));
  });

  it.skipIf(!available)(
    "upgrades a PostgreSQL database with data: every row kept, documents and words read back, other words refused",
    async () => {
      const database = await createTestDatabase();
      databases.push(database);
      await migrate(database.url, {
        migrationsDirectory: await releasedMigrations("postgresql"),
      });
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        await client.query(DATA);
        const { applied } = await migrate(database.url);
        expect(applied).toContain(ENUMS_AND_JSON);
        expect(await readBack(database.url)).toEqual(EXPECTED);
        await expect(
          client.query(`UPDATE "Measurement" SET "period" = 'winter' WHERE "id" = 'm1'`),
        ).rejects.toThrow(/invalid input value for enum "Period"/);
        expect(
          (await client.query(`SELECT jsonb_typeof("entries") AS kind FROM "EvidenceRecord"`)).rows,
        ).toEqual([{ kind: "array" }]);
      } finally {
        await client.end();
      }
    },
  );
});
