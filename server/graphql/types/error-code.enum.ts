// The error codes as a GraphQL enum, so a problem's `code` is typed in the
// schema: the same strings as `extensions.code` (one list, ErrorCode in
// server/shared/error-codes.ts), each described for a client deciding what to do.
import { registerEnumType } from "type-graphql";
import { ErrorCode } from "../errors.js";

export const ErrorCodeEnum = ErrorCode;

const DESCRIPTIONS: Record<ErrorCode, string> = {
  BAD_USER_INPUT:
    "The input is wrong; the message (and each problem) names the field or indicator and what it accepts.",
  NOT_FOUND:
    "What the input names does not exist, or is not yours to see (another trust's academy answers the same): a URN, target, user, or a header that names no indicator.",
  FORBIDDEN: "Signed in, but your role (or the academies it is given) may not do this.",
  UNAUTHENTICATED: "No token, or one that is unknown, revoked or expired: sign in again.",
  CONFLICT:
    "Someone changed the thing first (the version you passed is no longer current): reload and try again.",
  GRAPHQL_VALIDATION_FAILED: "The operation does not fit the schema.",
  GRAPHQL_PARSE_FAILED: "The operation is not valid GraphQL.",
  PERSISTED_QUERY_NOT_FOUND: "Persisted queries are not kept: send the query text.",
  BAD_REQUEST: "The HTTP request itself is wrong (method, body, or a query sent over WebSocket).",
  OPERATION_RESOLUTION_FAILURE: "The operation to run could not be chosen (operationName).",
  QUERY_TOO_COMPLEX:
    "Over a request budget (depth, top-level fields, rows, cards or cost); extensions carry the figures, e.g. cost and maximumCost.",
  RATE_LIMITED: "Too many requests: wait for the Retry-After seconds.",
  INTERNAL_SERVER_ERROR: "Something went wrong on the server; it has been logged.",
};

registerEnumType(ErrorCodeEnum, {
  name: "ErrorCode",
  description:
    "What kind of error or problem this is: the values of every error's extensions.code, and of Problem.code.",
  valuesConfig: Object.fromEntries(
    Object.entries(DESCRIPTIONS).map(([code, description]) => [code, { description }]),
  ) as Record<ErrorCode, { description: string }>,
});
