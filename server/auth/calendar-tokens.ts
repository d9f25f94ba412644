// Calendar feed tokens (docs/calendar.md). Calendar apps (Outlook, Google
// Calendar, Apple Calendar) subscribe to a URL and cannot send an
// Authorization header, so a feed carries its credential in the query string.
// A URL ends up in places a header never does (a calendar's settings, shared
// calendars, proxy logs), so that credential is NOT an API token:
// - its own prefix (matcal_) and table: the API, exports and every other route
//   refuse it, and a feed refuses API tokens in the query string;
// - read-only: it stands for its user's read permission and nothing else;
// - live scope: each use reads the user's role and academies now, so a user
//   moved to another academy, or removed, changes or ends the feed at once;
// - revocable on its own, without touching the user's API tokens;
// - random 256 bits, shown once, stored only as a SHA-256 hash.
import { randomBytes } from "node:crypto";
import type { Db } from "../db/index.js";
import type { Viewer } from "./viewer.js";
import { hashToken } from "./tokens.js";
import { isRole, isScopedRole, roleHas } from "../shared/index.js";

export const CALENDAR_PREFIX = "matcal_";

export interface IssuedCalendarToken {
  readonly token: string;
  readonly tokenId: string;
}

/** A new calendar token for a user; the token itself is returned once and never stored. */
export async function issueCalendarToken(
  prisma: Db,
  userId: string,
  label: string,
): Promise<IssuedCalendarToken> {
  const token = `${CALENDAR_PREFIX}${randomBytes(32).toString("base64url")}`;
  const row = await prisma.calendarToken.create({
    data: { userId, hash: hashToken(token), label },
  });
  return { token, tokenId: row.id };
}

/**
 * The viewer a calendar token reads as, or null when it is unknown, revoked,
 * or its user may no longer read the trust.
 */
export async function viewerForCalendarToken(prisma: Db, token: string): Promise<Viewer | null> {
  if (!token.startsWith(CALENDAR_PREFIX) || token.length > 200) return null;
  const row = await prisma.calendarToken.findUnique({
    where: { hash: hashToken(token) },
    include: { user: true },
  });
  if (!row || row.revokedAt !== null || !isRole(row.user.role)) return null;
  if (!roleHas(row.user.role, "read")) return null;
  await prisma.calendarToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  const urns = row.user.academyUrns.split(",").filter(Boolean);
  return {
    userId: row.user.id,
    name: row.user.name,
    trustId: row.user.trustId,
    role: row.user.role,
    academyUrns: isScopedRole(row.user.role) ? new Set(urns) : null,
    tokenId: null,
  };
}
