// The Prisma client on both stores: opens on a migrated database, round-trips
// rows, and counts the SQL statements it sends.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKind, migrate, openDatabase, type Database } from "../../server/db/index.js";
import { sqliteFilePath } from "../../server/db/database-url.js";
import { createTestDatabase, postgresAvailable, type TestDatabase } from "../support/postgres.js";
import { projectRoot } from "../support/prisma-cli.js";

const postgres = await postgresAvailable();

describe("databaseKind", () => {
  it.each([
    ["file:./data/mat.db", "sqlite"],
    ["file:/var/lib/mat/mat.db", "sqlite"],
    ["postgresql://mat:secret@db:5432/mat", "postgresql"],
    ["postgres://db/mat?schema=trust_a", "postgresql"],
  ])("reads %s as %s", (url, kind) => {
    expect(databaseKind(url)).toBe(kind);
  });

  it("rejects any other URL, naming what it accepts without leaking a password", () => {
    expect(() => databaseKind("mysql://root:hunter2@db/mat")).toThrow(
      'Unsupported database URL "mysql://root:***@db/mat": use file:./data/mat.db (SQLite) or postgresql://user@host:5432/db (PostgreSQL)',
    );
  });

  it("resolves a relative SQLite path from the project root", () => {
    expect(sqliteFilePath("file:./data/mat.db?connection_limit=1")).toBe(
      join(projectRoot, "data", "mat.db"),
    );
    expect(sqliteFilePath("file:///srv/mat.db")).toBe("/srv/mat.db");
  });
});

/** The behaviour every store must share. */
function behavesAsAStore(kind: "sqlite" | "postgresql", databaseUrl: () => string): void {
  let db: Database;
  beforeAll(async () => {
    await migrate(databaseUrl());
    db = await openDatabase(databaseUrl(), { countQueries: true });
  });
  afterAll(async () => {
    await db?.close();
  });

  it(`opens a ${kind} client`, () => {
    expect(db.kind).toBe(kind);
  });

  it("round-trips a trust with its academies", async () => {
    const created = await db.prisma.trust.create({
      data: {
        uid: "TR01234",
        name: "Oak Learning Trust",
        academies: {
          create: [
            { urn: "100001", name: "Oak Primary", phase: "primary" },
            { urn: "100002", name: "Oak Secondary", phase: "secondary" },
          ],
        },
      },
    });
    expect(created).toMatchObject({ uid: "TR01234", frameworkKey: "phase-model" });
    expect(created.id).toMatch(/^c[a-z0-9]{20,}$/);
    expect(created.createdAt).toBeInstanceOf(Date);

    const found = await db.prisma.trust.findUniqueOrThrow({
      where: { uid: "TR01234" },
      include: { academies: { orderBy: { urn: "asc" } } },
    });
    expect(found.name).toBe("Oak Learning Trust");
    expect(found.createdAt.getTime()).toBe(created.createdAt.getTime());
    expect(found.academies.map((academy) => academy.name)).toEqual([
      "Oak Primary",
      "Oak Secondary",
    ]);
  });

  it("cascades a trust's deletion to its academies", async () => {
    const trust = await db.prisma.trust.create({
      data: {
        uid: "TR09999",
        name: "Elm Trust",
        academies: { create: { urn: "100009", name: "Elm", phase: "special" } },
      },
    });
    await db.prisma.trust.delete({ where: { id: trust.id } });
    expect(await db.prisma.academy.count({ where: { trustId: trust.id } })).toBe(0);
  });

  it("counts the statements it sends, the same on every store", async () => {
    db.resetQueryCount();
    expect(db.queryCount()).toBe(0);
    await db.prisma.trust.findUnique({ where: { uid: "TR01234" } });
    expect(db.queryCount()).toBe(1);

    // One for the trusts and one for all their academies, however many trusts.
    db.resetQueryCount();
    await db.prisma.trust.findMany({ include: { academies: true } });
    expect(db.queryCount()).toBe(2);

    // A batch transaction: its two statements and the COMMIT.
    db.resetQueryCount();
    await db.prisma.$transaction([db.prisma.trust.count(), db.prisma.academy.count()]);
    expect(db.queryCount()).toBe(3);
  });
}

describe("openDatabase on SQLite", () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "mat-db-client-"));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  behavesAsAStore("sqlite", () => `file:${join(scratch, "mat.db")}`);

  it("counts nothing unless asked to", async () => {
    const db = await openDatabase(`file:${join(scratch, "mat.db")}`);
    try {
      await db.prisma.trust.count();
      expect(db.queryCount()).toBe(0);
    } finally {
      await db.close();
    }
  });
});

describe.skipIf(!postgres)("openDatabase on PostgreSQL", () => {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  behavesAsAStore("postgresql", () => {
    if (!database) throw new Error("the test database was not created");
    return database.url;
  });

  it("keeps to the schema a ?schema= URL names", async () => {
    const url = `${database?.url}?schema=trust_b`;
    await migrate(url);
    const db = await openDatabase(url);
    try {
      await db.prisma.trust.create({ data: { uid: "TR05555", name: "Ash Trust" } });
      const rows = await db.prisma.$queryRawUnsafe<{ uid: string }[]>(
        'SELECT "uid" FROM trust_b."Trust"',
      );
      expect(rows).toEqual([{ uid: "TR05555" }]);
    } finally {
      await db.close();
    }
  });
});
