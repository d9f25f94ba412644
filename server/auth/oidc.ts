// Optional sign-in with an OIDC identity provider such as Microsoft Entra ID:
// a JWT access token verified against the issuer's JWKS (jose), matched to a
// user of ours by the provider's stable identity, never by email: issuer +
// subject, or for Microsoft Entra (a token with tid and oid) the tenant id +
// object id. A trust admin links each user to that identity (updateUser).
// The user's trust and role still come from our data.
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import type { Db } from "../db/index.js";
import type { Viewer } from "./viewer.js";
import { isRole, isScopedRole } from "../shared/index.js";

export interface OidcSettings {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUrl: string;
}

export type OidcVerifier = (token: string) => Promise<Viewer | null>;

/** The identity a verified token stands for: Entra's tenant + object ids, or iss + sub. */
export function identityOf(payload: JWTPayload): { issuer: string; subject: string } | null {
  const { tid, oid } = payload as { tid?: unknown; oid?: unknown };
  if (typeof tid === "string" && tid && typeof oid === "string" && oid)
    return { issuer: tid, subject: oid };
  if (typeof payload.iss === "string" && typeof payload.sub === "string" && payload.sub)
    return { issuer: payload.iss, subject: payload.sub };
  return null;
}

export function oidcVerifier(prisma: Db, settings: OidcSettings): OidcVerifier {
  const keys = createRemoteJWKSet(new URL(settings.jwksUrl));
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: settings.issuer,
        audience: settings.audience,
      }));
    } catch {
      return null;
    }
    const identity = identityOf(payload);
    if (!identity) return null;
    // Linked per trust; a person linked in two trusts is ambiguous and signs in with a token instead.
    const users = await prisma.user.findMany({
      where: { oidcIssuer: identity.issuer, oidcSubject: identity.subject },
      take: 2,
    });
    const user = users.length === 1 ? users[0]! : null;
    if (!user || !isRole(user.role)) return null;
    const urns = user.academyUrns.split(",").filter(Boolean);
    return {
      userId: user.id,
      name: user.name,
      trustId: user.trustId,
      role: user.role,
      academyUrns: isScopedRole(user.role) ? new Set(urns) : null,
      tokenId: null,
    };
  };
}
