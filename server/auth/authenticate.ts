// Turns a request's Authorization header into a principal: a bearer token of
// ours (mat_... for a trust's user, matop_... for the hosting operator) or,
// when OIDC is configured, a JWT from the identity provider. No header is
// signed out; a malformed, unknown, expired or revoked token is an
// UNAUTHENTICATED error, never silently anonymous.
import type { Db } from "../db/index.js";
import { DomainError } from "../domain/index.js";
import { OPERATOR_PREFIX, operatorForToken, viewerForToken } from "./tokens.js";
import type { Principal, Viewer } from "./viewer.js";
import { isUnlinked, type OidcVerifier, type UnlinkedIdentity } from "./oidc.js";
import { ErrorCode } from "../shared/index.js";

export async function authenticatePrincipal(
  prisma: Db,
  authorization: string | undefined,
  oidc: OidcVerifier | null = null,
): Promise<Principal | null> {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match)
    throw new DomainError(
      ErrorCode.UNAUTHENTICATED,
      "The Authorization header must be: Bearer <token>",
    );
  const token = match[1]!;
  if (token.startsWith(OPERATOR_PREFIX)) {
    const operator = await operatorForToken(prisma, token);
    if (operator) return { kind: "operator", operator };
  } else {
    const viewer =
      token.startsWith("mat_") || oidc === null
        ? await viewerForToken(prisma, token)
        : await oidc(token);
    if (isUnlinked(viewer)) throw unlinkedError(viewer);
    if (viewer) return { kind: "user", viewer };
  }
  throw new DomainError(
    ErrorCode.UNAUTHENTICATED,
    "This token is unknown, expired or revoked; ask your trust admin for a new one.",
  );
}

/**
 * A person the identity provider vouched for but no trust here knows: said
 * with what a trust admin needs to link them (updateUser's signIn), so the
 * person can pass it on. Still UNAUTHENTICATED: nothing is read for them.
 */
function unlinkedError(identity: UnlinkedIdentity): DomainError {
  const who = identity.account ? `as ${identity.account}` : "";
  const link = `sign-in issuer (Microsoft 365: tenant id) ${identity.issuer}, subject (object id) ${identity.subject}`;
  return new DomainError(
    ErrorCode.UNAUTHENTICATED,
    identity.linkedInTrusts > 1
      ? `You signed in ${who} but this account is linked to users in ${identity.linkedInTrusts} trusts here, so it cannot choose one; ask your trust admin to unlink one or sign in with an access token. Identity: ${link}.`.replace(
          "  ",
          " ",
        )
      : `You signed in ${who} but no user of a trust here is linked to this account. Ask your trust admin to link it to your user (${link}).`.replace(
          "  ",
          " ",
        ),
  );
}

/** A trust's user, or null when signed out; the hosting operator is refused (it reads no trust's data). */
export async function authenticate(
  prisma: Db,
  authorization: string | undefined,
  oidc: OidcVerifier | null = null,
): Promise<Viewer | null> {
  const principal = await authenticatePrincipal(prisma, authorization, oidc);
  if (principal?.kind === "operator")
    throw new DomainError(ErrorCode.FORBIDDEN, "The hosting operator reads no trust's data.");
  return principal?.viewer ?? null;
}
