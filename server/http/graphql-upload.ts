// GraphQL multipart requests (https://github.com/jaydenseric/graphql-multipart-request-spec)
// on /graphql, for importPublicData: graphql-upload reads the multipart body
// (the file is buffered to a temporary file as it arrives, so memory stays
// bounded) and hands Apollo the operation with the Upload in its variables.
// Before any of the body is read, a multipart request is refused unless it is
// signed in as a trust admin or data manager, carries Apollo's CSRF-prevention
// header (apollo-require-preflight or x-apollo-operation-name) and is not
// larger than PUBLIC_DATA_LIMIT by its Content-Length; a file that turns out
// larger is cut off there (the resolver answers 413). Errors have GraphQL's shape.
import type { NextFunction, Request, Response } from "express";
import graphqlUploadExpress from "graphql-upload/graphqlUploadExpress.mjs";
import { roleHas } from "../shared/index.js";
import { bytesOf } from "../config.js";
import { ErrorCode, errorBody } from "../graphql/errors.js";
import { principalOf } from "./rate-limit.js";

/** What a multipart request may carry beside the file: the operation and the map. */
const FIELDS_LIMIT = 100_000;

export function graphqlUpload(limit: string) {
  const maxBytes = bytesOf(limit);
  const upload = graphqlUploadExpress({
    maxFileSize: maxBytes,
    maxFiles: 1,
    maxFieldSize: FIELDS_LIMIT,
  });
  return (request: Request, response: Response, next: NextFunction) => {
    if (!request.is("multipart/form-data")) {
      next();
      return;
    }
    const refuse = (status: number, code: ErrorCode, message: string) => {
      response.status(status).json(errorBody(code, message));
      // The rest of an unread body is discarded.
      if (!request.complete) request.resume();
    };
    const principal = principalOf(response);
    if (!principal)
      return refuse(
        401,
        ErrorCode.UNAUTHENTICATED,
        "Sign in: send an Authorization: Bearer token with a file upload.",
      );
    if (
      principal.kind === "operator" ||
      !roleHas(principal.viewer.role, "recordEvidence") ||
      principal.viewer.academyUrns !== null
    )
      return refuse(
        403,
        ErrorCode.FORBIDDEN,
        "Only a trust admin or data manager sends files (importPublicData).",
      );
    if (!request.headers["apollo-require-preflight"] && !request.headers["x-apollo-operation-name"])
      return refuse(
        400,
        ErrorCode.BAD_REQUEST,
        "A file upload (multipart/form-data) needs the header apollo-require-preflight: true (CSRF prevention).",
      );
    const total = Number(request.headers["content-length"] ?? "0");
    if (total > maxBytes + FIELDS_LIMIT)
      return refuse(
        413,
        ErrorCode.BAD_REQUEST,
        `The upload is larger than the limit of ${limit} (PUBLIC_DATA_LIMIT)`,
      );
    upload(request, response, (error?: unknown) => {
      if (!error) return next();
      const { status, message } = error as { status?: number; message?: string };
      if (typeof status === "number" && status >= 400 && status < 500)
        return refuse(status, ErrorCode.BAD_REQUEST, message ?? "The upload could not be read.");
      next(error);
    });
  };
}
