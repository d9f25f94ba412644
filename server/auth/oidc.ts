// Optional sign-in with an OIDC identity provider such as Microsoft Entra ID:
// a JWT access token verified against the issuer's JWKS (jose), matched to a
// user of ours by email. The user's trust and role still come from our data,
// so the add-in can later pass an Office SSO token the same way.
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import type { Db } from "../db/index.js";
import { isRole, isScopedRole } from "./roles.js";
import type { Viewer } from "./viewer.js";

export interface OidcSettings {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUrl: string;
}

export type OidcVerifier = (token: string) => Promise<Viewer | null>;

function emailOf(payload: JWTPayload): string | null {
  for (const claim of ["email", "preferred_username", "upn"]) {
    const value = payload[claim];
    if (typeof value === "string" && value.includes("@")) return value.toLowerCase();
  }
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
    const email = emailOf(payload);
    if (!email) return null;
    const user = await prisma.user.findFirst({ where: { email } });
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
