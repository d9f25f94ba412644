// Short-lived signed links to a board paper, so a browser window opened by
// the task pane (Office's openBrowserWindow, which cannot send a header) can
// print it without the long-lived token ever appearing in a URL. The pane
// asks POST /papers/link with its bearer token; the answer is the paper's
// URL with `link=`: who asked (user, and the token it came with), the exact
// paper (path and query) and an expiry five minutes on, signed with HMAC-SHA256.
// Opening it reads the user again: a revoked token, a removed user or a
// narrowed scope takes effect at once.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "../db/index.js";
import { DomainError } from "../domain/index.js";
import type { Viewer } from "../auth/viewer.js";
import { ErrorCode, isRole, isScopedRole } from "../shared/index.js";

export const PAPER_LINK_SECONDS = 300;

interface LinkClaims {
  /** User id. */
  readonly u: string;
  /** The token the link was asked for with; null for an OIDC sign-in. */
  readonly t: string | null;
  /** The paper: path and query in canonical order, without `link`. */
  readonly p: string;
  /** Expiry, seconds since the epoch. */
  readonly e: number;
}

/** The paper's path and query in one order, `link` left out: what a link is bound to. */
export function canonicalPaper(path: string, query: Record<string, unknown>): string {
  const params = Object.entries(query)
    .filter(([name, value]) => name !== "link" && typeof value === "string")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]): [string, string] => [name, value as string]);
  const search = new URLSearchParams(params).toString();
  return search ? `${path}?${search}` : path;
}

export interface PaperLinks {
  /** The `link` value for this viewer and paper. */
  sign(viewer: Viewer, paper: string, now?: Date): string;
  /** The viewer a link stands for, or an UNAUTHENTICATED error saying why not. */
  open(prisma: Db, link: string, paper: string, now?: Date): Promise<Viewer>;
}

const refused = (why: string) =>
  new DomainError(
    ErrorCode.UNAUTHENTICATED,
    `This paper link ${why}; open the paper again from the task pane.`,
  );

export function paperLinks(secret: string | undefined): PaperLinks {
  const key = secret ? Buffer.from(secret, "utf8") : randomBytes(32);
  const mac = (body: string) => createHmac("sha256", key).update(body).digest();
  return {
    sign(viewer, paper, now = new Date()) {
      const claims: LinkClaims = {
        u: viewer.userId,
        t: viewer.tokenId,
        p: paper,
        e: Math.floor(now.getTime() / 1000) + PAPER_LINK_SECONDS,
      };
      const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
      return `${body}.${mac(body).toString("base64url")}`;
    },
    async open(prisma, link, paper, now = new Date()) {
      const [body, signature, extra] = link.split(".");
      if (!body || !signature || extra !== undefined || link.length > 2_000)
        throw refused("is not one this server gave");
      const expected = mac(body);
      const given = Buffer.from(signature, "base64url");
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        throw refused("is not one this server gave");
      const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as LinkClaims;
      if (claims.p !== paper) throw refused("is for another paper");
      if (claims.e * 1000 <= now.getTime()) throw refused("has expired (links last five minutes)");
      const user = await prisma.user.findUnique({ where: { id: claims.u } });
      if (!user || !isRole(user.role)) throw refused("is for a user who no longer exists");
      if (claims.t !== null) {
        const token = await prisma.apiToken.findUnique({ where: { id: claims.t } });
        if (
          !token ||
          token.userId !== user.id ||
          token.revokedAt !== null ||
          (token.expiresAt !== null && token.expiresAt.getTime() <= now.getTime())
        )
          throw refused("came from a token that has been revoked or has expired");
      }
      return {
        userId: user.id,
        name: user.name,
        trustId: user.trustId,
        role: user.role,
        academyUrns: isScopedRole(user.role)
          ? new Set(user.academyUrns.split(",").filter(Boolean))
          : null,
        tokenId: claims.t,
      };
    },
  };
}
