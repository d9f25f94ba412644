// Downloads for a governors' meeting: GET /export/academy-card.xlsx?urn=&year=
// and GET /export/overview.xlsx?year=, with the same bearer token as the API.
// Errors have GraphQL's shape (server/http/error-response.ts).
import express, { type Request, type Response, type Router } from "express";
import { DomainError, badInput } from "../domain/index.js";
import type { Services } from "../services/index.js";
import { authenticate } from "../auth/authenticate.js";
import type { OidcVerifier } from "../auth/oidc.js";
import { roleHas, yearProblem } from "../shared/index.js";
import { academyCardWorkbook, overviewWorkbook } from "../workbook/export-workbooks.js";
import { designationLine } from "../services/designation-line.js";
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
  const yearOf = (request: Request) => {
    const year = query(request, "year");
    const problem = yearProblem("year", year);
    if (problem) throw badInput([problem]);
    return year;
  };
  router.get(
    "/export/academy-card.xlsx",
    handle(async (request) => {
      const viewer = await signedIn(request);
      const card = await services.cards.card(viewer, query(request, "urn"), yearOf(request));
      const designations = await services.designations.yearDesignations(
        viewer,
        [card.academy.id],
        card.year,
      );
      return {
        file: `academy-card-${card.academy.urn}-${card.year.replace("/", "-")}.xlsx`,
        body: await academyCardWorkbook(
          card,
          designationLine(designations.get(card.academy.id) ?? null),
        ),
      };
    }),
  );
  router.get(
    "/export/overview.xlsx",
    handle(async (request) => {
      const viewer = await signedIn(request);
      const year = yearOf(request);
      const trust = await services.prisma.trust.findUniqueOrThrow({
        where: { id: viewer.trustId },
      });
      const rows = await services.overview.overview(viewer, year, null);
      return {
        file: `trust-overview-${year.replace("/", "-")}.xlsx`,
        body: await overviewWorkbook(trust.name, year, rows),
      };
    }),
  );
  return router;
}
