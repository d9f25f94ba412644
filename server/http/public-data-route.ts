// POST /public-data?name=<file name>[&year=2023/24][&designationYear=2026/27][&prefer=TRUST|PUBLIC]:
// the file's bytes are the request body (any content type), streamed straight
// into the reader, so a 60 MB GIAS file is never held whole. Bearer token of a
// trust admin or data manager. The answer is the load's report as JSON; with
// `Accept: application/x-ndjson` it is a stream of progress lines
// ({"progress":{"rows","bytes","total"}}) ending in {"report":...} or {"errors":[...]}.
// Files larger than PUBLIC_DATA_LIMIT are refused (413) by Content-Length or while streaming.
// Errors have GraphQL's shape, { errors: [{ message, extensions: { code, problems? } }] }
// (server/http/error-response.ts), as on /export and /graphql.
// Sign-in and the rate limit are identifyAndLimit's (mounted before this router,
// as for /export); the principal it found is read with principalOf.
import express, { type Request, type Response, type Router } from "express";
import { DomainError } from "../domain/index.js";
import type { Services } from "../services/index.js";
import { roleHas } from "../shared/index.js";
import { bytesOf } from "../config.js";
import { FileTooLarge, withinLimit } from "../public-data/byte-limit.js";
import { principalOf } from "./rate-limit.js";
import { errorResponse } from "./error-response.js";
import { preferenceOf } from "../services/public-data.service.js";

function query(request: Request, name: string): string | null {
  const value = request.query[name];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
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
      const { status, body } = errorResponse(error, onError);
      if (response.headersSent) response.end(`${JSON.stringify(body)}\n`);
      else response.status(status).json(body);
      // The rest of an unread body is discarded with the connection.
      if (!request.complete) request.resume();
    };
    try {
      const principal = principalOf(response);
      if (!principal)
        throw new DomainError("UNAUTHENTICATED", "Sign in: send an Authorization: Bearer token.");
      if (principal.kind === "operator")
        throw new DomainError("FORBIDDEN", "The hosting operator reads no trust's data.");
      const viewer = principal.viewer;
      if (!roleHas(viewer.role, "recordEvidence") || viewer.academyUrns !== null)
        throw new DomainError("FORBIDDEN", "Only a trust admin or data manager loads public data.");
      const name = query(request, "name");
      if (!name)
        throw new DomainError(
          "BAD_USER_INPUT",
          "name: give the file's name; accepts any file name, e.g. /public-data?name=edubasealldata20261130.csv",
        );
      const prefer = preferenceOf("prefer", query(request, "prefer"));
      const total = Number(request.headers["content-length"] ?? "0") || null;
      if (total !== null && total > maxBytes) throw new FileTooLarge(name, limit);
      if (streaming) {
        response.status(200).type("application/x-ndjson");
        response.flushHeaders();
      }
      const report = await services.publicData.importFile(
        viewer,
        {
          fileName: name.slice(0, 200),
          content: withinLimit(
            request as AsyncIterable<Buffer>,
            { bytes: maxBytes, text: limit },
            name,
          ),
          year: query(request, "year"),
          onProgress: streaming
            ? ({ rows, bytes }) =>
                response.write(`${JSON.stringify({ progress: { rows, bytes, total } })}\n`)
            : undefined,
        },
        {
          designationYear: query(request, "designationYear"),
          prefer,
        },
      );
      if (streaming) response.end(`${JSON.stringify({ report })}\n`);
      else response.json({ report });
    } catch (error) {
      fail(error);
    }
  });
  return router;
}
