// Why live updates paused or stopped, as plain data (it crosses between the
// two bundles), and how the socket's close codes and the server's errors
// come to be one.
import { CloseCode, ErrorCode } from "../../server/shared/index.js";

export interface LiveProblem {
  /**
   * unsupported: this runtime has no WebSocket; unreachable: the socket
   * cannot be opened (the client keeps trying); signedOut: the server does
   * not accept the token (none, unknown, revoked or expired: close 4401, or
   * UNAUTHENTICATED), so signing in again is the only remedy; forbidden: the
   * sign-in may not subscribe at all (close 4403); rejected: the server
   * refused the subscription itself (an academy not visible, a bad variable).
   */
  readonly reason: "unsupported" | "unreachable" | "signedOut" | "forbidden" | "rejected";
  readonly message: string;
  /** The GraphQL error code, when the server rejected the subscription. */
  readonly code?: string;
}

/**
 * The problem a socket's close event means for good, or null for a close
 * worth retrying. 4401 (no good token) and 4403 (this sign-in may not
 * subscribe) are not retried: only signing in again, with another token, helps.
 */
export function closeProblem(error: unknown): LiveProblem | null {
  if (typeof error !== "object" || error === null || !("code" in error)) return null;
  switch ((error as { code: unknown }).code) {
    case CloseCode.unauthorized:
      return {
        reason: "signedOut",
        message: "The server no longer accepts the token (unknown, revoked or expired)",
      };
    case CloseCode.forbidden:
      return { reason: "forbidden", message: "This sign-in may not open live updates" };
    default:
      return null;
  }
}

/** The problem GraphQL errors for a subscription mean: the first error's message and code. */
export function rejectionProblem(errors: readonly unknown[]): LiveProblem {
  const first = errors[0] as { message?: unknown; extensions?: { code?: unknown } } | undefined;
  const code = typeof first?.extensions?.code === "string" ? first.extensions.code : undefined;
  const message = typeof first?.message === "string" ? first.message : "Subscription refused";
  return code === ErrorCode.UNAUTHENTICATED
    ? { reason: "signedOut", message, code }
    : { reason: "rejected", message, ...(code ? { code } : {}) };
}
