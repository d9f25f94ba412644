// Errors raised before GraphQL sees a request (a body over the limit, JSON
// that does not parse) answered as GraphQL-shaped JSON, never an HTML page.
import type { NextFunction, Request, Response } from "express";

interface BodyError {
  readonly type?: string;
  readonly status?: number;
}

export function requestErrorHandler(bodyLimit: string, onInternal: (error: unknown) => void) {
  return (error: unknown, _request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    const { type, status } = (error ?? {}) as BodyError;
    if (type === "entity.too.large") {
      response.status(413).json({
        errors: [
          {
            message: `The request body is larger than the limit of ${bodyLimit}; send fewer rows per request.`,
            extensions: { code: "BAD_REQUEST" },
          },
        ],
      });
    } else if (type === "entity.parse.failed") {
      response.status(400).json({
        errors: [
          { message: "The request body is not valid JSON.", extensions: { code: "BAD_REQUEST" } },
        ],
      });
    } else if (status && status >= 400 && status < 500) {
      response.status(status).json({
        errors: [
          { message: "The request could not be read.", extensions: { code: "BAD_REQUEST" } },
        ],
      });
    } else {
      onInternal(error);
      response.status(500).json({
        errors: [
          {
            message: "Something went wrong on the server; it has been logged.",
            extensions: { code: "INTERNAL_SERVER_ERROR" },
          },
        ],
      });
    }
  };
}
