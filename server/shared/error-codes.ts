// Every error code a client can see in `extensions.code`, in one module the
// server and the add-in both import (STYLE.md 18), as Apollo Server keeps its
// ApolloServerErrorCode: no code is written as a string literal twice.

export const ErrorCode = {
  /** The input is wrong; `extensions.problems` names each field and what it accepts. */
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  /** Signed in, but the role (or the academies it is given) may not do this. */
  FORBIDDEN: "FORBIDDEN",
  /** No token, or a token that is unknown, revoked or expired. */
  UNAUTHENTICATED: "UNAUTHENTICATED",
  /** Someone changed the thing first (an expected version no longer matches). */
  CONFLICT: "CONFLICT",
  GRAPHQL_VALIDATION_FAILED: "GRAPHQL_VALIDATION_FAILED",
  GRAPHQL_PARSE_FAILED: "GRAPHQL_PARSE_FAILED",
  PERSISTED_QUERY_NOT_FOUND: "PERSISTED_QUERY_NOT_FOUND",
  BAD_REQUEST: "BAD_REQUEST",
  OPERATION_RESOLUTION_FAILURE: "OPERATION_RESOLUTION_FAILURE",
  /** Over a request budget: depth, cost, root fields, rows or cards (the message names the limit and the figure). */
  QUERY_TOO_COMPLEX: "QUERY_TOO_COMPLEX",
  /** Over the rate limit (HTTP 429 with Retry-After). */
  RATE_LIMITED: "RATE_LIMITED",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The kinds of error the domain raises (the rest come from the request layer). */
export type ErrorKind =
  | typeof ErrorCode.BAD_USER_INPUT
  | typeof ErrorCode.NOT_FOUND
  | typeof ErrorCode.FORBIDDEN
  | typeof ErrorCode.UNAUTHENTICATED
  | typeof ErrorCode.CONFLICT;

const CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

/** True for a code this server sends (a client reading `extensions.code` from the wire). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && CODES.has(value);
}
