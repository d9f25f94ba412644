// The one error shape of the plain HTTP routes (/export, /public-data), the
// same as GraphQL's and the request layer's (rate limit, sign-in, body size):
// { errors: [{ message, extensions: { code, problems? } }] }, with the HTTP
// status of the error's kind. The add-in reads every door's errors alike.
import { DomainError } from "../domain/index.js";
import { FileTooLarge } from "../public-data/byte-limit.js";
import { ErrorCode, errorBody } from "../graphql/errors.js";

const STATUS: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
};

export interface ErrorResponse {
  readonly status: number;
  readonly body: ReturnType<typeof errorBody>;
}

/**
 * The status and body for an error a route met: a domain error keeps its kind,
 * message and problems; a file over PUBLIC_DATA_LIMIT is 413 BAD_REQUEST;
 * anything else is logged (`onInternal`) and answered with a generic 500.
 */
export function errorResponse(error: unknown, onInternal: (error: unknown) => void): ErrorResponse {
  if (error instanceof DomainError)
    return {
      status: STATUS[error.kind] ?? 400,
      body: errorBody(
        error.kind,
        error.message,
        error.problems.length > 0 ? { problems: error.problems.slice(0, 100) } : {},
      ),
    };
  if (error instanceof FileTooLarge)
    return { status: 413, body: errorBody(ErrorCode.BAD_REQUEST, error.message) };
  onInternal(error);
  return {
    status: 500,
    body: errorBody(
      ErrorCode.INTERNAL_SERVER_ERROR,
      "Something went wrong on the server; it has been logged.",
    ),
  };
}
