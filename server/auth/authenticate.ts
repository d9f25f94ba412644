// Turns a request's Authorization header into a viewer: a bearer token of
// ours (mat_...). Anything else is treated as signed out, and a malformed or
// unknown token is an UNAUTHENTICATED error rather than silently anonymous.
import type { Db } from "../db/index.js";
import { DomainError } from "../domain/index.js";
import { viewerForToken } from "./tokens.js";
import type { Viewer } from "./viewer.js";

export async function authenticate(
  prisma: Db,
  authorization: string | undefined,
): Promise<Viewer | null> {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match)
    throw new DomainError("UNAUTHENTICATED", "The Authorization header must be: Bearer <token>");
  const viewer = await viewerForToken(prisma, match[1]!);
  if (!viewer)
    throw new DomainError(
      "UNAUTHENTICATED",
      "This token is unknown, expired or revoked; ask your trust admin for a new one.",
    );
  return viewer;
}
