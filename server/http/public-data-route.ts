// POST /public-data?name=<file name>[&year=2023/24][&designationYear=2026/27][&prefer=TRUST|PUBLIC]:
// the file's bytes are the request body (any content type), streamed straight
// into the reader, so a 60 MB GIAS file is never held whole. Bearer token of a
// trust admin or data manager. The answer is the load's report as JSON; with
// `Accept: application/x-ndjson` it is a stream of progress lines
// ({"progress":{"rows","bytes","total"}}) ending in {"report":...} or {"error":...}.
// (server/shared/public-load.ts types each line, for this route and the pane.)
// Files larger than PUBLIC_DATA_LIMIT are refused (413) by Content-Length or while streaming.
// Sign-in and the rate limit are identifyAndLimit's (mounted before this router,
// as for /export); the principal it found is read with principalOf.
import express, { type Request, type Response, type Router } from "express";
import { DomainError } from "../domain/index.js";
import type { Services } from "../services/index.js";
import { bytesOf } from "../config.js";
import { problemsOf } from "../graphql/errors.js";
import { principalOf } from "./rate-limit.js";
import { preferenceOf } from "../services/public-data.service.js";
import {
  roleHas,
  ErrorCode,
  type PublicLoadFailure,
  type PublicLoadLine,
} from "../shared/index.js";

/** One line of the answer, as JSON. */
const lineOf = (line: PublicLoadLine): string => JSON.stringify(line);

const STATUS: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
};

/** A body over PUBLIC_DATA_LIMIT (answered 413 with BAD_REQUEST, like main's body limits). */
class PayloadTooLarge extends Error {}

function query(request: Request, name: string): string | null {
  const value = request.query[name];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

async function* limited(
  request: Request,
  limit: number,
  limitText: string,
  label: string,
): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit)
      throw new PayloadTooLarge(
        `${label} is larger than the limit of ${limitText} (PUBLIC_DATA_LIMIT)`,
      );
    yield chunk;
  }
}

export function publicDataRouter(
  services: Services,
  limit: string,
  onError: (error: unknown) => void,
): Router {
  const router = express.Router();
  const maxBytes = bytesOf(limit);
  router.post("/public-data", async (request: Request, response: Response) => {
    const streaming = (request.headers.accept ?? "").includes("application/x-ndjson");
    const fail = (error: unknown) => {
      const known = error instanceof DomainError;
      const tooLarge = error instanceof PayloadTooLarge;
      if (!known && !tooLarge) onError(error);
      const body: PublicLoadFailure = known
        ? { code: error.kind, message: error.message, ...problemsOf(error.problems) }
        : tooLarge
          ? { code: ErrorCode.BAD_REQUEST, message: error.message, ...problemsOf([]) }
          : {
              code: ErrorCode.INTERNAL_SERVER_ERROR,
              message: "Something went wrong on the server; it has been logged.",
            };
      const status = known ? (STATUS[error.kind] ?? 400) : tooLarge ? 413 : 500;
      if (response.headersSent) response.end(`${lineOf({ error: body })}\n`);
      else response.status(status).json({ error: body } satisfies PublicLoadLine);
      // The rest of an unread body is discarded with the connection.
      if (!request.complete) request.resume();
    };
    try {
      const principal = principalOf(response);
      if (!principal)
        throw new DomainError(
          ErrorCode.UNAUTHENTICATED,
          "Sign in: send an Authorization: Bearer token.",
        );
      if (principal.kind === "operator")
        throw new DomainError(ErrorCode.FORBIDDEN, "The hosting operator reads no trust's data.");
      const viewer = principal.viewer;
      if (!roleHas(viewer.role, "recordEvidence") || viewer.academyUrns !== null)
        throw new DomainError(
          ErrorCode.FORBIDDEN,
          "Only a trust admin or data manager loads public data.",
        );
      const name = query(request, "name");
      if (!name)
        throw new DomainError(
          ErrorCode.BAD_USER_INPUT,
          "name: give the file's name, e.g. /public-data?name=edubasealldata20261130.csv",
        );
      const prefer = preferenceOf("prefer", query(request, "prefer"));
      const total = Number(request.headers["content-length"] ?? "0") || null;
      if (total !== null && total > maxBytes)
        throw new PayloadTooLarge(
          `${name} is larger than the limit of ${limit} (PUBLIC_DATA_LIMIT)`,
        );
      if (streaming) {
        response.status(200).type("application/x-ndjson");
        response.flushHeaders();
      }
      const report = await services.publicData.importFile(
        viewer,
        {
          fileName: name.slice(0, 200),
          content: limited(request, maxBytes, limit, name),
          year: query(request, "year"),
          onProgress: streaming
            ? ({ rows, bytes }) =>
                response.write(`${lineOf({ progress: { rows, bytes, total } })}\n`)
            : undefined,
        },
        {
          designationYear: query(request, "designationYear"),
          prefer,
        },
      );
      if (streaming) response.end(`${lineOf({ report })}\n`);
      else response.json({ report } satisfies PublicLoadLine);
    } catch (error) {
      fail(error);
    }
  });
  return router;
}
