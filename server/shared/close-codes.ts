// Why the server closes a live (graphql-ws) connection, as numbers the server
// sends and the add-in reads. They are graphql-ws's own codes (Unauthorized,
// Forbidden, TooManyInitialisationRequests) with the meaning this server
// gives them.

export const CloseCode = {
  /** The token was revoked or expired while the socket was open: sign in again. */
  unauthorized: 4401,
  /** The connection's token was refused before any operation (graphql-ws's onConnect said no). */
  forbidden: 4403,
  /** The address used up its failed sign-ins (the rate limit's lockout). */
  tooManySignIns: 4429,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
