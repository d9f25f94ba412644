// Why the server closes a live (graphql-ws) connection, as numbers the server
// sends and the add-in reads. They are graphql-ws's own codes (Unauthorized,
// Forbidden, TooManyInitialisationRequests) with the meaning this server
// gives them.

// graphql-ws's client does not retry 4401 or 4429 and retries 4403 (its
// shouldRetry treats Forbidden as something a retry might fix). The table
// for clients is in docs/clients.md "WebSocket close codes".

export const CloseCode = {
  /**
   * No token, or one unknown, revoked or expired, at connection or while the
   * socket was open: sign in again (not retried).
   */
  unauthorized: 4401,
  /** Signed in, but this principal may not subscribe at all (the hosting operator reads no trust's data). */
  forbidden: 4403,
  /** The address used up its failed sign-ins (the rate limit's lockout). */
  tooManySignIns: 4429,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
