// Board papers as printable pages: GET /papers/academy-card?urn=&year= and
// GET /papers/overview?year=&since=, server-rendered HTML with print CSS,
// with the bearer token (as /export) or a five-minute signed link the task
// pane asks for with its token (POST /papers/link { paper }) and opens in a
// browser window. Scoped like the API: another trust's academy, or one
// outside a governor's board, is NOT_FOUND. Errors have GraphQL's shape.
import express, { type Request, type Response, type Router } from "express";
import { DomainError, badInput } from "../domain/index.js";
import type { Services } from "../services/index.js";
import type { Viewer } from "../auth/viewer.js";
import { ErrorCode, roleHas } from "../shared/index.js";
import {
  academyCardPage,
  loadAcademyCardPaper,
  loadOverviewPaper,
  overviewPage,
  sinceDay,
} from "../papers/index.js";
import { errorResponse } from "./error-response.js";
import { principalOf } from "./rate-limit.js";
import { PAPER_LINK_SECONDS, canonicalPaper, type PaperLinks } from "./paper-links.js";

export const PAPER_PATHS = ["/papers/academy-card", "/papers/overview"] as const;

/** Only styles in the page and the charts' own SVG: no script, no outside request. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function query(request: Request, name: string): string {
  const value = request.query[name];
  return typeof value === "string" ? value : "";
}

/** The signed-in viewer (bearer token), refusing the operator and roles that may not read. */
function bearerViewer(response: Response): Viewer | null {
  const principal = principalOf(response);
  if (!principal) return null;
  if (principal.kind === "operator")
    throw new DomainError(ErrorCode.FORBIDDEN, "The hosting operator reads no trust's data.");
  return principal.viewer;
}

function mayRead(viewer: Viewer): Viewer {
  if (!roleHas(viewer.role, "read"))
    throw new DomainError(ErrorCode.FORBIDDEN, "Your role may not read this.");
  return viewer;
}

export function paperRouter(
  services: Services,
  links: PaperLinks,
  onError: (error: unknown) => void,
): Router {
  const router = express.Router();
  const fail = (response: Response, error: unknown) => {
    const { status, body } = errorResponse(error, onError);
    response.status(status).json(body);
  };
  /** Who reads: the bearer token, else a signed link for exactly this paper. */
  const reader = async (request: Request, response: Response): Promise<Viewer> => {
    const viewer = bearerViewer(response);
    if (viewer) return mayRead(viewer);
    const link = query(request, "link");
    if (!link)
      throw new DomainError(
        ErrorCode.UNAUTHENTICATED,
        "Sign in: send an Authorization: Bearer token, or open the paper from the task pane.",
      );
    return mayRead(
      await links.open(services.prisma, link, canonicalPaper(request.path, request.query)),
    );
  };
  const page =
    (render: (viewer: Viewer, request: Request) => Promise<string>) =>
    async (request: Request, response: Response) => {
      try {
        const body = await render(await reader(request, response), request);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.type("html").send(body);
      } catch (error) {
        fail(response, error);
      }
    };
  router.get(
    "/papers/academy-card",
    page(async (viewer, request) =>
      academyCardPage(
        await loadAcademyCardPaper(services, viewer, query(request, "urn"), query(request, "year")),
      ),
    ),
  );
  router.get(
    "/papers/overview",
    page(async (viewer, request) => {
      const since = query(request, "since");
      return overviewPage(
        await loadOverviewPaper(
          services,
          viewer,
          query(request, "year"),
          since ? sinceDay(since) : null,
        ),
      );
    }),
  );
  router.post(
    "/papers/link",
    express.json({ limit: "4kb" }),
    async (request: Request, response: Response) => {
      try {
        const viewer = bearerViewer(response);
        if (!viewer)
          throw new DomainError(
            ErrorCode.UNAUTHENTICATED,
            "Sign in: send an Authorization: Bearer token.",
          );
        mayRead(viewer);
        const asked = (request.body as { paper?: unknown } | undefined)?.paper;
        const url = typeof asked === "string" ? new URL(asked, "http://paper.invalid") : null;
        if (
          !url ||
          url.origin !== "http://paper.invalid" ||
          !(PAPER_PATHS as readonly string[]).includes(url.pathname)
        )
          throw badInput([
            {
              field: "paper",
              value: typeof asked === "string" ? asked.slice(0, 80) : String(asked),
              message: `paper: give the paper's path and query, e.g. /papers/academy-card?urn=140001&year=2025/26; one of ${PAPER_PATHS.join(", ")}`,
            },
          ]);
        const paper = canonicalPaper(url.pathname, Object.fromEntries(url.searchParams));
        const link = links.sign(viewer, paper);
        const separator = paper.includes("?") ? "&" : "?";
        response.setHeader("Cache-Control", "no-store");
        response.json({
          url: `${paper}${separator}link=${encodeURIComponent(link)}`,
          expiresInSeconds: PAPER_LINK_SECONDS,
        });
      } catch (error) {
        fail(response, error);
      }
    },
  );
  return router;
}
