// The review calendar as iCalendar feeds a calendar app subscribes to
// (docs/calendar.md): GET /calendar/<trust uid>.ics (the viewer's academies
// and the trust-wide meetings) and GET /calendar/<trust uid>/<urn>.ics (one
// academy). Credentials: the bearer header like every route, or a calendar
// token (matcal_..., read-only, revocable) as ?token=, since calendar apps
// cannot send headers; an API token in the address is refused, so it never
// lands in a calendar's settings or a proxy's log. Rate limited like /export
// (one budget per user, failed sign-ins per address). Scope is GraphQL's: a
// trust's feed is only its own users' (another trust's uid is NOT_FOUND, as
// an unknown one), and a governor's or academy user's feed has only their
// academies.
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import { DomainError } from "../domain/index.js";
import type { Services } from "../services/index.js";
import { CALENDAR_PREFIX, viewerForCalendarToken } from "../auth/calendar-tokens.js";
import type { Principal } from "../auth/viewer.js";
import { ErrorCode } from "../graphql/errors.js";
import { academicYearOfDay, roleHas, yearProblem } from "../shared/index.js";
import { badInput } from "../domain/index.js";
import { londonToday } from "../services/london-today.js";
import { calendarFeed } from "./calendar-feed.js";
import { errorResponse } from "./error-response.js";
import { admitted, principalOf, refuse, signInRefused, type RateLimiter } from "./rate-limit.js";

type Middleware = (request: Request, response: Response, next: NextFunction) => Promise<void>;

/**
 * Signs a feed request in: a ?token= calendar token here, anything else
 * through `identify` (the bearer header, as /export), then counts it.
 */
export function identifyCalendarReader(
  services: Services,
  rateLimiter: RateLimiter,
  identify: Middleware,
): Middleware {
  return async (request, response, next) => {
    try {
      const token = request.query.token;
      if (token === undefined) return identify(request, response, next);
      const address = request.ip ?? request.socket.remoteAddress ?? "unknown";
      if (await signInRefused(rateLimiter, address, response)) return;
      if (request.headers.authorization)
        return refuse(
          response,
          400,
          ErrorCode.BAD_USER_INPUT,
          "Send either an Authorization header or ?token=, not both.",
        );
      const viewer =
        typeof token === "string" && token.startsWith(CALENDAR_PREFIX)
          ? await viewerForCalendarToken(services.prisma, token)
          : null;
      if (!viewer) {
        await rateLimiter.signInFailed(address);
        return refuse(
          response,
          401,
          ErrorCode.UNAUTHENTICATED,
          typeof token === "string" && token.startsWith(CALENDAR_PREFIX)
            ? "This calendar token is unknown or revoked; create a new one (createCalendarToken)."
            : "?token= takes a calendar token (matcal_...), never an API token: create one with createCalendarToken, or send Authorization: Bearer.",
        );
      }
      const principal: Principal = { kind: "user", viewer };
      if (await admitted(rateLimiter, principal, address, response)) next();
    } catch (error) {
      next(error);
    }
  };
}

const ICS = /^(.+)\.ics$/;

export function calendarRouter(services: Services, onError: (error: unknown) => void): Router {
  const router = express.Router();
  const feed = async (request: Request, response: Response, urn: string | null, uid: string) => {
    try {
      const principal = principalOf(response);
      if (!principal)
        throw new DomainError(
          ErrorCode.UNAUTHENTICATED,
          "Sign in: send Authorization: Bearer, or a calendar token as ?token=.",
        );
      if (principal.kind === "operator")
        throw new DomainError(ErrorCode.FORBIDDEN, "The hosting operator reads no trust's data.");
      const viewer = principal.viewer;
      if (!roleHas(viewer.role, "read"))
        throw new DomainError(ErrorCode.FORBIDDEN, "Your role may not read this.");
      const trust = await services.prisma.trust.findUniqueOrThrow({
        where: { id: viewer.trustId },
      });
      if (trust.uid !== uid)
        throw new DomainError(ErrorCode.NOT_FOUND, "No such calendar for you.");
      const asked = request.query.year;
      const year =
        typeof asked === "string" && asked !== "" ? asked : academicYearOfDay(londonToday());
      const problem = yearProblem("year", year);
      if (problem) throw badInput([problem]);
      const events = await services.calendar.calendar(viewer, year, { urn, from: null, to: null });
      const academy = urn ? await services.academies.get(viewer, urn) : null;
      const name = `${academy ? academy.name : trust.name}: review calendar ${year}`;
      const body = calendarFeed(events, { name, trustUid: trust.uid, stamp: new Date() });
      response.setHeader("Cache-Control", "private, max-age=300");
      // The address may hold a token: never send it on as a Referer.
      response.setHeader("Referrer-Policy", "no-referrer");
      response.setHeader(
        "Content-Disposition",
        `inline; filename="${urn ? `${uid}-${urn}` : uid}.ics"`.replace(/[^\x20-\x7e]/g, ""),
      );
      response.type("text/calendar; charset=utf-8").send(body);
    } catch (error) {
      const { status, body } = errorResponse(error, onError);
      response.status(status).json(body);
    }
  };
  router.get("/calendar/:file", (request, response) => {
    const match = ICS.exec(String(request.params.file));
    if (!match) return refuse(response, 404, ErrorCode.NOT_FOUND, "No such calendar.");
    return feed(request, response, null, match[1]!);
  });
  router.get("/calendar/:uid/:file", (request, response) => {
    const match = ICS.exec(String(request.params.file));
    if (!match) return refuse(response, 404, ErrorCode.NOT_FOUND, "No such calendar.");
    return feed(request, response, match[1]!, String(request.params.uid));
  });
  return router;
}
