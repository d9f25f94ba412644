// Optional sign-in with an OIDC identity provider such as Microsoft Entra ID:
// a JWT access token verified against the issuer's JWKS (jose), matched to a
// user of ours by the provider's stable identity, never by email: issuer +
// subject, or for Microsoft Entra (a token with tid and oid) the tenant id +
// object id. A trust admin links each user to that identity (updateUser).
// The user's trust and role still come from our data.
//
// One deployment can serve many trusts, each with its own Microsoft 365
// tenant: OIDC_ISSUER may hold Microsoft's placeholder, as in
// https://login.microsoftonline.com/{tenantid}/v2.0, and a token is then
// accepted from the issuer that names its own tenant (its tid claim). Which
// tenant belongs to which trust is the users' links: a person of a tenant
// nobody linked reaches no trust.
import type { JWTPayload } from "jose";
import type { Db } from "../db/index.js";
import type { Viewer } from "./viewer.js";
import { isRole, isScopedRole } from "../shared/index.js";

export interface OidcSettings {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUrl: string;
}

/** A verified token whose identity no user of any trust is linked to (or more than one is). */
export interface UnlinkedIdentity {
  readonly issuer: string;
  readonly subject: string;
  /** Who the provider says signed in (preferred_username, email or name), for the message. */
  readonly account: string | null;
  readonly linkedInTrusts: number;
}

export type OidcResult = Viewer | UnlinkedIdentity | null;

/** A verified token's viewer, the unlinked identity it stands for, or null when it is not verified. */
export type OidcVerifier = (token: string) => Promise<OidcResult>;

export function isUnlinked(result: OidcResult): result is UnlinkedIdentity {
  return result !== null && "linkedInTrusts" in result;
}

/** Microsoft's placeholder for the tenant in a multi-tenant issuer. */
export const TENANT_PLACEHOLDER = "{tenantid}";

/** The identity a verified token stands for: Entra's tenant + object ids, or iss + sub. */
export function identityOf(payload: JWTPayload): { issuer: string; subject: string } | null {
  const { tid, oid } = payload as { tid?: unknown; oid?: unknown };
  if (typeof tid === "string" && tid && typeof oid === "string" && oid)
    return { issuer: tid, subject: oid };
  if (typeof payload.iss === "string" && typeof payload.sub === "string" && payload.sub)
    return { issuer: payload.iss, subject: payload.sub };
  return null;
}

/**
 * Whether the token's issuer is the configured one: exactly, or with a
 * multi-tenant template, the template naming the token's own tenant (so a
 * token of tenant A that claims tenant B's issuer is refused).
 */
export function issuerMatches(configured: string, payload: JWTPayload): boolean {
  if (!configured.includes(TENANT_PLACEHOLDER)) return payload.iss === configured;
  const { tid } = payload as { tid?: unknown };
  if (typeof tid !== "string" || !/^[0-9a-f-]{1,64}$/i.test(tid)) return false;
  return payload.iss === configured.replace(TENANT_PLACEHOLDER, tid);
}

function accountOf(payload: JWTPayload): string | null {
  for (const claim of ["preferred_username", "upn", "email", "name"]) {
    const value = (payload as Record<string, unknown>)[claim];
    if (typeof value === "string" && value) return value.slice(0, 200);
  }
  return null;
}

export function oidcVerifier(prisma: Db, settings: OidcSettings): OidcVerifier {
  // jose is loaded with the first token to verify: a server without sign-in
  // through an identity provider never holds it.
  let verifying: Promise<(token: string) => Promise<{ payload: JWTPayload }>> | undefined;
  const verifierOf = () =>
    (verifying ??= import("jose").then(({ createRemoteJWKSet, jwtVerify }) => {
      const keys = createRemoteJWKSet(new URL(settings.jwksUrl));
      return (token: string) =>
        jwtVerify(token, keys, {
          // A template is checked below, against the token's own tenant.
          ...(template ? {} : { issuer: settings.issuer }),
          audience: settings.audience,
        });
    }));
  const template = settings.issuer.includes(TENANT_PLACEHOLDER);
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await (await verifierOf())(token));
    } catch {
      return null;
    }
    if (!issuerMatches(settings.issuer, payload)) return null;
    const identity = identityOf(payload);
    if (!identity) return null;
    // Linked per trust; a person linked in two trusts is ambiguous and signs in with a token instead.
    const users = await prisma.user.findMany({
      where: { oidcIssuer: identity.issuer, oidcSubject: identity.subject },
      take: 2,
    });
    const user = users.length === 1 ? users[0]! : null;
    if (!user || !isRole(user.role))
      return { ...identity, account: accountOf(payload), linkedInTrusts: users.length };
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
