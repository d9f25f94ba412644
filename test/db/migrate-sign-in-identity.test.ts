// Upgrading a database with data made by the current release to
// 20261201130000_users_sign_in_identity_operator_tokens, on SQLite and
// PostgreSQL: the trust, its users (with their emails) and their tokens are
// kept and still sign in; the users have no sign-in identity yet (OIDC no
// longer matches by email: a trust admin links each one); operator tokens work.
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, openDatabase } from "../../server/db/index.js";
import { migrationsDirectories, readMigrations } from "../../server/db/migrations.js";
import {
  hashToken,
  issueOperatorToken,
  operatorForToken,
  viewerForToken,
} from "../../server/auth/tokens.js";
import { createTestDatabase, postgresAvailable } from "../support/postgres.js";

const MIGRATION = "20261201130000_users_sign_in_identity_operator_tokens";
const TOKEN = "mat_released_token_of_ada";

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "mat-upgrade-"));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** The committed migrations up to, not including, this one: the current release. */
async function releaseMigrations(kind: "sqlite" | "postgresql"): Promise<string> {
  const directory = join(scratch, `release-${kind}`);
  await cp(migrationsDirectories[kind], directory, {
    recursive: true,
    filter: (source) => {
      const top = relative(migrationsDirectories[kind], source).split(sep)[0] ?? "";
      return !/^\d{14}_/.test(top) || top < MIGRATION;
    },
  });
  const names = (await readMigrations(directory)).map((migration) => migration.name);
  expect(names.every((name) => name < MIGRATION)).toBe(true);
  return directory;
}

const stores = (await postgresAvailable())
  ? (["sqlite", "postgresql"] as const)
  : (["sqlite"] as const);

describe.each(stores)("upgrading a %s database with data", (kind) => {
  it("keeps trusts, users and tokens, adds no identity by email, and serves operator tokens", async () => {
    let url: string;
    let drop: () => Promise<void> = async () => undefined;
    if (kind === "sqlite") url = `file:${join(scratch, "upgrade", "mat.db")}`;
    else {
      const database = await createTestDatabase();
      url = database.url;
      drop = database.drop;
    }
    try {
      await migrate(url, { migrationsDirectory: await releaseMigrations(kind) });
      const before = await openDatabase(url);
      try {
        const trust = await before.prisma.$executeRawUnsafe(
          `INSERT INTO "Trust" ("id", "uid", "name", "frameworkKey") VALUES ('t1', 'TR01111', 'Released Trust', 'phase-model')`,
        );
        expect(trust).toBe(1);
        await before.prisma.$executeRawUnsafe(
          `INSERT INTO "User" ("id", "trustId", "name", "email", "role", "academyUrns") VALUES ('u1', 't1', 'Ada', 'ada@example.org', 'leader', '')`,
        );
        await before.prisma.$executeRawUnsafe(
          `INSERT INTO "ApiToken" ("id", "userId", "hash", "label") VALUES ('k1', 'u1', '${hashToken(TOKEN)}', 'released')`,
        );
      } finally {
        await before.close();
      }

      const applied = await migrate(url);
      expect(applied.applied).toContain(MIGRATION);

      const after = await openDatabase(url);
      try {
        const prisma = after.prisma;
        const user = await prisma.user.findUniqueOrThrow({ where: { id: "u1" } });
        expect(user).toMatchObject({
          name: "Ada",
          email: "ada@example.org",
          oidcIssuer: null,
          oidcSubject: null,
        });
        expect(await viewerForToken(prisma, TOKEN)).toMatchObject({
          userId: "u1",
          trustId: "t1",
          role: "leader",
        });
        await prisma.user.update({
          where: { id: "u1" },
          data: { oidcIssuer: "tenant", oidcSubject: "oid-ada" },
        });
        await expect(
          prisma.user.create({
            data: {
              trustId: "t1",
              name: "Twin",
              role: "leader",
              oidcIssuer: "tenant",
              oidcSubject: "oid-ada",
            },
          }),
        ).rejects.toThrow();
        const operator = await issueOperatorToken(prisma, "Hosting", 1);
        expect(await operatorForToken(prisma, operator.token)).toEqual({
          tokenId: operator.tokenId,
          name: "Hosting",
        });
      } finally {
        await after.close();
      }
    } finally {
      await drop();
    }
  });
});
