// Downloads for a board: GET /export/academy-card.xlsx?urn=&year= and
// GET /export/overview.xlsx?year=&since=, the board papers (server/papers/)
// as workbooks, with the same bearer token as the API. Errors have GraphQL's
// shape (server/http/error-response.ts).
import express, { type Request, type Response, type Router } from "express";
import { DomainError } from "../domain/index.js";
import type { Services } from "../services/index.js";
import { authenticate } from "../auth/authenticate.js";
import type { OidcVerifier } from "../auth/oidc.js";
import { roleHas } from "../shared/index.js";
import { loadAcademyCardPaper, loadOverviewPaper, sinceDay } from "../papers/index.js";
import { academyCardWorkbook } from "../workbook/academy-card-workbook.js";
import { overviewWorkbook } from "../workbook/overview-workbook.js";
import { errorResponse } from "./error-response.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
function query(request: Request, name: string): string {
  const value = request.query[name];
  return typeof value === "string" ? value : "";
}

export function exportRouter(
  services: Services,
  oidc: OidcVerifier | null,
  onError: (error: unknown) => void,
): Router {
  const router = express.Router();
  const handle =
    (work: (request: Request) => Promise<{ file: string; body: Buffer }>) =>
    async (request: Request, response: Response) => {
      try {
        const { file, body } = await work(request);
        response.setHeader("Content-Disposition", `attachment; filename="${file}"`);
        response.setHeader("Cache-Control", "no-store");
        response.type(XLSX).send(body);
      } catch (error) {
        const { status, body } = errorResponse(error, onError);
        response.status(status).json(body);
      }
    };
  const signedIn = async (request: Request) => {
    const viewer = await authenticate(services.prisma, request.headers.authorization, oidc);
    if (!viewer)
      throw new DomainError("UNAUTHENTICATED", "Sign in: send an Authorization: Bearer token.");
    if (!roleHas(viewer.role, "read"))
      throw new DomainError("FORBIDDEN", "Your role may not read this.");
    return viewer;
  };
  router.get(
    "/export/academy-card.xlsx",
    handle(async (request) => {
      const viewer = await signedIn(request);
      const paper = await loadAcademyCardPaper(
        services,
        viewer,
        query(request, "urn"),
        query(request, "year"),
      );
      return {
        file: `academy-card-${paper.urn}-${paper.heading.year.replace("/", "-")}.xlsx`,
        body: await academyCardWorkbook(paper),
      };
    }),
  );
  router.get(
    "/export/overview.xlsx",
    handle(async (request) => {
      const viewer = await signedIn(request);
      const since = query(request, "since");
      const paper = await loadOverviewPaper(
        services,
        viewer,
        query(request, "year"),
        since ? sinceDay(since) : null,
      );
      return {
        file: `trust-overview-${paper.heading.year.replace("/", "-")}.xlsx`,
        body: await overviewWorkbook(paper),
      };
    }),
  );
  return router;
}
