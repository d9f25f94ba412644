// Turns a request's Authorization header into a principal: a bearer token of
// ours (mat_... for a trust's user, matop_... for the hosting operator) or,
// when OIDC is configured, a JWT from the identity provider. No header is
// signed out; a malformed, unknown, expired or revoked token is an
// UNAUTHENTICATED error, never silently anonymous.
import type { Db } from "../db/index.js";
import { DomainError } from "../domain/index.js";
import { OPERATOR_PREFIX, operatorForToken, viewerForToken } from "./tokens.js";
import type { Principal, Viewer } from "./viewer.js";
import type { OidcVerifier } from "./oidc.js";
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
    if (viewer) return { kind: "user", viewer };
  }
  throw new DomainError(
    ErrorCode.UNAUTHENTICATED,
    "This token is unknown, expired or revoked; ask your trust admin for a new one.",
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
