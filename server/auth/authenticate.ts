// Turns a request's Authorization header into a viewer: a bearer token of
// ours (mat_...) or, when OIDC is configured, a JWT from the identity
// provider. No header is signed out; a malformed, unknown, expired or revoked
// token is an UNAUTHENTICATED error, never silently anonymous.
import type { Db } from "../db/index.js";
import { DomainError } from "../domain/index.js";
import { viewerForToken } from "./tokens.js";
import type { Viewer } from "./viewer.js";
import type { OidcVerifier } from "./oidc.js";

export async function authenticate(
  prisma: Db,
  authorization: string | undefined,
  oidc: OidcVerifier | null = null,
): Promise<Viewer | null> {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match)
    throw new DomainError("UNAUTHENTICATED", "The Authorization header must be: Bearer <token>");
  const token = match[1]!;
  const viewer =
    token.startsWith("mat_") || oidc === null
      ? await viewerForToken(prisma, token)
      : await oidc(token);
  if (!viewer)
    throw new DomainError(
      "UNAUTHENTICATED",
      "This token is unknown, expired or revoked; ask your trust admin for a new one.",
    );
  return viewer;
}
