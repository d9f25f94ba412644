// Why live updates paused or stopped, as plain data (it crosses between the
// two bundles), and how the socket's close codes and the server's errors
// come to be one.
import { CloseCode, ErrorCode } from "../../server/shared/index.js";

export interface LiveProblem {
  /**
   * unsupported: this runtime has no WebSocket; unreachable: the socket
   * cannot be opened (the client keeps trying); revoked: the server closed
   * it because the token was revoked or expired; refused: the server did not
   * accept the token; rejected: the server refused the subscription itself.
   */
  readonly reason: "unsupported" | "unreachable" | "revoked" | "refused" | "rejected";
  readonly message: string;
  /** The GraphQL error code, when the server rejected the subscription. */
  readonly code?: string;
}

/** The problem a socket's close event means for good (a token), or null for a close worth retrying. */
export function closeProblem(error: unknown): LiveProblem | null {
  if (typeof error !== "object" || error === null || !("code" in error)) return null;
  switch ((error as { code: unknown }).code) {
    case CloseCode.unauthorized:
      return { reason: "revoked", message: "The token was revoked or has expired" };
    case CloseCode.forbidden:
      return { reason: "refused", message: "The server did not accept the token" };
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
    ? { reason: "refused", message, code }
    : { reason: "rejected", message, ...(code ? { code } : {}) };
}
