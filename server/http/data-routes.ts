// Flat reads for reporting tools, with the same bearer token as the API:
//   GET /data/overview.csv|json?year=      one row per academy
//   GET /data/targets.csv|json?year=       one row per target, with progress
//   GET /data/designations.csv|json?year=  the designation history of the year
// `year` defaults to the current academic year. The rows come from
// FlatRowsService (the services GraphQL reads through), so a viewer sees what
// GraphQL shows them; JSON is { year, columns, rows }. Sign-in and the rate
// limit run before this router (identifyAndLimit); errors have GraphQL's
// shape (server/http/error-response.ts).
import express, { type Request, type Response, type Router } from "express";
import { DomainError, badInput } from "../domain/index.js";
import type { Services } from "../services/index.js";
import type { FlatTable } from "../services/flat-rows.service.js";
import type { Viewer } from "../auth/viewer.js";
import { academicYearOf, roleHas, yearProblem } from "../shared/index.js";
import { errorResponse } from "./error-response.js";
import { principalOf } from "./rate-limit.js";
import { csvText } from "./csv-text.js";

/** The tables served, by the name in the URL. */
const TABLES = {
  overview: (services: Services, viewer: Viewer, year: string) =>
    services.flatRows.overview(viewer, year),
  targets: (services: Services, viewer: Viewer, year: string) =>
    services.flatRows.targets(viewer, year),
  designations: (services: Services, viewer: Viewer, year: string) =>
    services.flatRows.designations(viewer, year),
} as const satisfies Record<
  string,
  (services: Services, viewer: Viewer, year: string) => Promise<FlatTable>
>;

/** The URL of each flat read, for the docs and tests: /data/<name>.<csv|json>. */
export const DATA_TABLES = Object.keys(TABLES) as (keyof typeof TABLES)[];

function viewerOf(response: Response): Viewer {
  const principal = principalOf(response);
  if (!principal)
    throw new DomainError("UNAUTHENTICATED", "Sign in: send an Authorization: Bearer token.");
  if (principal.kind !== "user" || !roleHas(principal.viewer.role, "read"))
    throw new DomainError("FORBIDDEN", "Your role may not read this.");
  return principal.viewer;
}

function yearOf(request: Request): string {
  const asked = request.query.year;
  if (asked === undefined) return academicYearOf(new Date());
  const year = typeof asked === "string" ? asked : "";
  const problem = yearProblem("year", year);
  if (problem) throw badInput([problem]);
  return year;
}

export function dataRouter(services: Services, onError: (error: unknown) => void): Router {
  const router = express.Router();
  router.get(
    "/data/:table.:format",
    async (request: Request<{ table: string; format: string }>, response: Response) => {
      try {
        const { table, format } = request.params;
        const read = Object.hasOwn(TABLES, table) ? TABLES[table as keyof typeof TABLES] : null;
        if (!read || (format !== "csv" && format !== "json"))
          throw new DomainError(
            "NOT_FOUND",
            `No flat read at ${request.path.slice(0, 60)}: ask for ${DATA_TABLES.map((name) => `/data/${name}.csv or .json`).join(", ")}`,
          );
        const viewer = viewerOf(response);
        const year = yearOf(request);
        const rows = await read(services, viewer, year);
        response.setHeader("Cache-Control", "private, no-store");
        if (format === "json") {
          response.json({ year, columns: rows.columns, rows: rows.rows });
          return;
        }
        response.setHeader(
          "Content-Disposition",
          `attachment; filename="${table}-${year.replace("/", "-")}.csv"`,
        );
        response.type("text/csv; charset=utf-8").send(csvText(rows));
      } catch (error) {
        const { status, body } = errorResponse(error, onError);
        response.status(status).json(body);
      }
    },
  );
  return router;
}
