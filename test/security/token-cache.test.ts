// A token's viewer is remembered for VIEWER_CACHE_MS per database client:
// revoking it through the same client takes effect at once, through another
// (another instance, the CLI) within that time, and expiry is checked on every
// use. Real SQLite files, two clients on one file standing for two processes.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { migrate, openDatabase, type Database } from "../../server/db/index.js";
import { seedDemoTrust } from "../../server/demo/seed-demo-trust.js";
import {
  issueTokenForUser,
  revokeToken,
  VIEWER_CACHE_MS,
  viewerForToken,
} from "../../server/auth/tokens.js";

describe("remembered token viewers", () => {
  let dir = "";
  let here: Database;
  let elsewhere: Database;
  let userId = "";

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "token-cache-"));
    const url = `file:${join(dir, "tokens.db")}`;
    await migrate(url);
    here = await openDatabase(url, { countQueries: true });
    elsewhere = await openDatabase(url, { countQueries: true });
    userId = (await seedDemoTrust(here.prisma))!.tokens.leader.userId;
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => {
    await here?.close();
    await elsewhere?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("reads a token once, and gives each caller a viewer object of its own", async () => {
    const issued = await issueTokenForUser(here.prisma, userId, "cached", 30);
    const first = await viewerForToken(here.prisma, issued.token);
    here.resetQueryCount();
    const second = await viewerForToken(here.prisma, issued.token);
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    expect(first?.userId).toBe(userId);
    expect(here.queryCount()).toBe(0);
  });

  it("refuses a token revoked through the same client at once", async () => {
    const issued = await issueTokenForUser(here.prisma, userId, "revoked here", 30);
    expect(await viewerForToken(here.prisma, issued.token)).not.toBeNull();
    await revokeToken(here.prisma, issued.tokenId);
    expect(await viewerForToken(here.prisma, issued.token)).toBeNull();
  });

  it("refuses a token revoked through another client once VIEWER_CACHE_MS has passed", async () => {
    const issued = await issueTokenForUser(here.prisma, userId, "revoked elsewhere", 30);
    expect(await viewerForToken(here.prisma, issued.token)).not.toBeNull();
    await revokeToken(elsewhere.prisma, issued.tokenId);
    expect(await viewerForToken(here.prisma, issued.token)).not.toBeNull();
    const now = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(now + VIEWER_CACHE_MS + 1);
    expect(await viewerForToken(here.prisma, issued.token)).toBeNull();
  });

  it("refuses a remembered token the moment it expires", async () => {
    const issued = await issueTokenForUser(here.prisma, userId, "expiring", 30);
    const expiresAt = new Date(Date.now() + 1_000);
    await here.prisma.apiToken.update({ where: { id: issued.tokenId }, data: { expiresAt } });
    expect(await viewerForToken(here.prisma, issued.token)).not.toBeNull();
    vi.spyOn(Date, "now").mockReturnValue(expiresAt.getTime() + 1);
    expect(await viewerForToken(here.prisma, issued.token)).toBeNull();
  });
});
