// Errors raised before GraphQL sees a request (a body over the limit, JSON
// that does not parse) answered as GraphQL-shaped JSON, never an HTML page.
import type { NextFunction, Request, Response } from "express";
import { errorBody } from "../graphql/errors.js";
import { ErrorCode } from "../shared/index.js";

interface BodyError {
  readonly type?: string;
  readonly status?: number;
}

/** `limitOf` names the body limit that applied to this request (signed in or not). */
export function requestErrorHandler(
  limitOf: (response: Response) => string,
  onInternal: (error: unknown) => void,
) {
  return (error: unknown, _request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    const { type, status } = (error ?? {}) as BodyError;
    if (type === "entity.too.large") {
      response
        .status(413)
        .json(
          errorBody(
            ErrorCode.BAD_REQUEST,
            `The request body is larger than the limit of ${limitOf(response)}; send fewer rows per request.`,
          ),
        );
    } else if (type === "entity.parse.failed") {
      response
        .status(400)
        .json(errorBody(ErrorCode.BAD_REQUEST, "The request body is not valid JSON."));
    } else if (status && status >= 400 && status < 500) {
      response
        .status(status)
        .json(errorBody(ErrorCode.BAD_REQUEST, "The request could not be read."));
    } else {
      onInternal(error);
      response
        .status(500)
        .json(
          errorBody(
            ErrorCode.INTERNAL_SERVER_ERROR,
            "Something went wrong on the server; it has been logged.",
          ),
        );
    }
  };
}
