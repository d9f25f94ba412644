// The review calendar for the viewer's academies (issue 15): the designation
// that counts in the year gives each academy its support; the trust's
// framework places the meetings and visits on the year's term dates
// (server/domain/calendar). Scoped like every read: a governor or academy user
// sees only their academies, and trust-wide meetings follow only those.
import {
  badInput,
  notFound,
  englandTermDates,
  eventsBetween,
  reviewCalendar,
  type CalendarEvent,
} from "../domain/index.js";
import type { Db } from "../db/index.js";
import type { Viewer } from "../auth/viewer.js";
import { yearProblem, type Problem } from "../shared/index.js";
import { academyScope, type AcademyService } from "./academy.service.js";
import type { DesignationService } from "./designation.service.js";
import type { AuditService } from "./audit.service.js";
import { issueCalendarToken } from "../auth/calendar-tokens.js";

export interface CalendarTokenRow {
  readonly id: string;
  readonly label: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

const TOKEN_FIELDS = {
  id: true,
  label: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

export interface CalendarWindow {
  /** One academy's calendar (its own events only); null for all the viewer's academies. */
  readonly urn: string | null;
  /** First and last day wanted (both included); null for the whole year. */
  readonly from: string | null;
  readonly to: string | null;
}

export class ReviewCalendarService {
  constructor(
    private readonly prisma: Db,
    private readonly academies: AcademyService,
    private readonly designations: DesignationService,
    private readonly audit: AuditService,
  ) {}

  /** The year's events in date order, within the window. */
  async calendar(viewer: Viewer, year: string, window: CalendarWindow): Promise<CalendarEvent[]> {
    const problems: Problem[] = [];
    const yearIssue = yearProblem("year", year);
    if (yearIssue) problems.push(yearIssue);
    if (window.from !== null && window.to !== null && window.from > window.to)
      problems.push({
        field: "to",
        value: window.to,
        accepts: `a day on or after from (${window.from})`,
        message: `to: ${window.to} is before from (${window.from})`,
      });
    if (problems.length > 0) throw badInput(problems);
    const rows =
      window.urn === null
        ? await this.prisma.academy.findMany({
            where: academyScope(viewer),
            select: { id: true, urn: true, name: true },
            orderBy: { urn: "asc" },
          })
        : [await this.academies.get(viewer, window.urn)];
    const designations = await this.designations.yearDesignations(
      viewer,
      rows.map((row) => row.id),
      year,
    );
    const framework = await this.designations.trustFramework(viewer);
    const events = reviewCalendar({
      year,
      termDates: englandTermDates(year),
      academies: rows.map((row) => ({
        urn: row.urn,
        name: row.name,
        support: designations.get(row.id)?.support ?? [],
      })),
      meetings: window.urn === null ? framework.definition.meetings : [],
    });
    return eventsBetween(events, window.from, window.to);
  }

  /** A new read-only calendar feed token for the viewer, shown once, with the trust feed's path. */
  async issueToken(
    viewer: Viewer,
    label: string,
  ): Promise<{ row: CalendarTokenRow; token: string; trustFeedPath: string }> {
    if (label.length > 100)
      throw badInput([{ field: "label", message: "label: at most 100 characters" }]);
    const trust = await this.prisma.trust.findUniqueOrThrow({ where: { id: viewer.trustId } });
    const issued = await issueCalendarToken(this.prisma, viewer.userId, label);
    const row = await this.prisma.calendarToken.findUniqueOrThrow({
      where: { id: issued.tokenId },
      select: TOKEN_FIELDS,
    });
    await this.audit.record(
      this.prisma,
      viewer,
      "calendarToken.issue",
      "CalendarToken",
      row.id,
      null,
      {
        label,
        userId: viewer.userId,
      },
    );
    return {
      row,
      token: issued.token,
      trustFeedPath: `/calendar/${encodeURIComponent(trust.uid)}.ics?token=${issued.token}`,
    };
  }

  /** The viewer's own calendar tokens, newest first (never the secrets). */
  async tokens(viewer: Viewer): Promise<CalendarTokenRow[]> {
    return this.prisma.calendarToken.findMany({
      where: { userId: viewer.userId },
      select: TOKEN_FIELDS,
      orderBy: { createdAt: "desc" },
    });
  }

  /** Revokes one of the viewer's calendar tokens (a trust admin: any of the trust's); feeds using it stop at once. */
  async revokeToken(viewer: Viewer, id: string): Promise<CalendarTokenRow> {
    const found = await this.prisma.calendarToken.findFirst({
      where:
        viewer.role === "trust-admin"
          ? { id, user: { trustId: viewer.trustId } }
          : { id, userId: viewer.userId },
      select: TOKEN_FIELDS,
    });
    if (!found) throw notFound(`No calendar token ${id.slice(0, 40)} of yours`);
    if (found.revokedAt !== null) return found;
    const row = await this.prisma.calendarToken.update({
      where: { id },
      data: { revokedAt: new Date() },
      select: TOKEN_FIELDS,
    });
    await this.audit.record(
      this.prisma,
      viewer,
      "calendarToken.revoke",
      "CalendarToken",
      id,
      found,
      row,
    );
    return row;
  }
}
