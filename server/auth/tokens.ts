// Bearer tokens: random, shown once, stored only as a SHA-256 hash, with
// expiry and revocation.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db/index.js";
import type { Operator, Viewer } from "./viewer.js";
import { isRole, isScopedRole, type Role } from "../shared/index.js";

const PREFIX = "mat_";
/** The hosting operator's tokens: a prefix of their own, kept in their own table. */
export const OPERATOR_PREFIX = "matop_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newToken(): string {
  return `${PREFIX}${randomBytes(32).toString("base64url")}`;
}

export interface IssuedToken {
  readonly token: string;
  readonly tokenId: string;
  readonly userId: string;
  readonly expiresAt: Date | null;
}

export interface IssueTokenInput {
  readonly trustId: string;
  readonly role: Role;
  readonly name: string;
  readonly academyUrns?: readonly string[];
  readonly label?: string;
  /** Days until expiry; null for no expiry. */
  readonly days?: number | null;
}

/** Creates a user with the role and a token for it; returns the token once. */
export async function issueToken(prisma: Db, input: IssueTokenInput): Promise<IssuedToken> {
  const user = await prisma.user.create({
    data: {
      trustId: input.trustId,
      name: input.name,
      role: input.role,
      academyUrns: (input.academyUrns ?? []).join(","),
    },
  });
  return issueTokenForUser(prisma, user.id, input.label ?? "", input.days ?? 365);
}

export async function issueTokenForUser(
  prisma: Db,
  userId: string,
  label: string,
  days: number | null,
): Promise<IssuedToken> {
  const token = newToken();
  const expiresAt = days === null ? null : new Date(Date.now() + days * 86_400_000);
  const row = await prisma.apiToken.create({
    data: { userId, hash: hashToken(token), label, expiresAt },
  });
  return { token, tokenId: row.id, userId, expiresAt };
}

/** A token for the hosting operator (creates trusts and their first admin; reads no trust's data). */
export async function issueOperatorToken(
  prisma: Db,
  name: string,
  days: number | null,
): Promise<{ token: string; tokenId: string; expiresAt: Date | null }> {
  const token = `${OPERATOR_PREFIX}${randomBytes(32).toString("base64url")}`;
  const expiresAt = days === null ? null : new Date(Date.now() + days * 86_400_000);
  const row = await prisma.operatorToken.create({
    data: { name, hash: hashToken(token), expiresAt },
  });
  return { token, tokenId: row.id, expiresAt };
}

/** The operator a token stands for, or null when it is unknown, expired or revoked. */
export async function operatorForToken(prisma: Db, token: string): Promise<Operator | null> {
  if (!token.startsWith(OPERATOR_PREFIX) || token.length > 200) return null;
  const row = await prisma.operatorToken.findUnique({ where: { hash: hashToken(token) } });
  if (
    !row ||
    row.revokedAt !== null ||
    (row.expiresAt !== null && row.expiresAt.getTime() <= Date.now())
  )
    return null;
  return { tokenId: row.id, name: row.name };
}

export async function revokeToken(prisma: Db, tokenId: string): Promise<void> {
  await prisma.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
  forgetViewers(prisma, (viewer) => viewer.tokenId === tokenId);
}

/**
 * How long a token's viewer is remembered after it was read (per database
 * client). Every request and recording signs in, and reading the token with
 * its user costs the one thread about 2 ms (a compiled Prisma query), so at
 * 50 recordings a second the same few tokens were read 50 times a second.
 * Revoking a token or changing its user through this server takes effect at
 * once; through another instance or the CLI, within this time. Expiry is
 * checked on every use.
 */
export const VIEWER_CACHE_MS = 5_000;
const VIEWER_CACHE_SIZE = 10_000;

interface Remembered {
  readonly viewer: Viewer;
  readonly expiresAt: number | null;
  readonly until: number;
}

const remembered = new WeakMap<Db, Map<string, Remembered>>();

/** Forgets remembered viewers (a revoked token, a changed user) so the next use reads them again. */
export function forgetViewers(prisma: Db, which: (viewer: Viewer) => boolean): void {
  const cache = remembered.get(prisma);
  if (!cache) return;
  for (const [hash, entry] of cache) if (which(entry.viewer)) cache.delete(hash);
}

/** The viewer a bearer token stands for, or null when it is unknown, expired or revoked. */
export async function viewerForToken(prisma: Db, token: string): Promise<Viewer | null> {
  if (!token.startsWith(PREFIX) || token.length > 200) return null;
  const hash = hashToken(token);
  let cache = remembered.get(prisma);
  if (!cache) {
    cache = new Map();
    remembered.set(prisma, cache);
  }
  const now = Date.now();
  const known = cache.get(hash);
  if (known && known.until > now) {
    if (known.expiresAt !== null && known.expiresAt <= now) return null;
    // A copy: what is kept per viewer object (a request's national figures) stays per request.
    return { ...known.viewer };
  }
  cache.delete(hash);
  const row = await prisma.apiToken.findUnique({ where: { hash }, include: { user: true } });
  if (
    !row ||
    row.revokedAt !== null ||
    (row.expiresAt !== null && row.expiresAt.getTime() <= Date.now())
  )
    return null;
  if (!isRole(row.user.role)) return null;
  const urns = row.user.academyUrns.split(",").filter(Boolean);
  const viewer: Viewer = {
    userId: row.user.id,
    name: row.user.name,
    trustId: row.user.trustId,
    role: row.user.role,
    academyUrns: isScopedRole(row.user.role) ? new Set(urns) : null,
    tokenId: row.id,
  };
  if (cache.size >= VIEWER_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(hash, {
    viewer,
    expiresAt: row.expiresAt?.getTime() ?? null,
    until: now + VIEWER_CACHE_MS,
  });
  return { ...viewer };
}
