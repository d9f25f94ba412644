// Support delivered (issue 15): a visit or amount of support recorded against
// one of an academy's entitlements (who delivered it, when, what, notes), and
// delivered-of-allocated for the card and the overview (the rule itself is
// server/domain/calendar/support-delivered.ts).
import {
  badInput,
  deliveredOfAllocated,
  englandTermDates,
  forbidden,
  isCounted,
  type SupportUse,
} from "../domain/index.js";
import { newId, type Db } from "../db/index.js";
import type { Viewer } from "../auth/viewer.js";
import {
  academicYearOfDay,
  endOfAcademicYear,
  roleHas,
  startYearOf,
  yearProblem,
  type Problem,
} from "../shared/index.js";
import type { AuditService } from "./audit.service.js";
import { ownAcademyRows, type AcademyService } from "./academy.service.js";
import type { DesignationService } from "./designation.service.js";
import { groupBy } from "./group-by.js";
import { londonToday } from "./london-today.js";

export interface SupportDeliveryInput {
  readonly urn: string;
  /** The entitlement's activity, as the framework words it. */
  readonly activity: string;
  readonly deliveredOn: string;
  /** In the entitlement's unit (default 1): 1 visit, 0.5 of a day. */
  readonly quantity?: number | null | undefined;
  readonly deliveredBy: string;
  readonly summary: string;
  readonly notes?: string | null | undefined;
}

export interface SupportDeliveryRow {
  readonly id: string;
  readonly academyId: string;
  readonly year: string;
  readonly frameworkKey: string;
  readonly activity: string;
  readonly deliveredOn: string;
  readonly quantity: number;
  readonly deliveredBy: string;
  readonly summary: string;
  readonly notes: string;
  readonly recordedBy: string;
  readonly createdAt: Date;
}

const LIMITS = { deliveredBy: 120, summary: 500, notes: 2000 } as const;

function textProblems(input: SupportDeliveryInput): Problem[] {
  const problems: Problem[] = [];
  for (const field of ["deliveredBy", "summary"] as const)
    if (input[field].trim() === "")
      problems.push({ field, message: `${field}: say who delivered it and what was done` });
  for (const field of ["deliveredBy", "summary", "notes"] as const)
    if ((input[field] ?? "").length > LIMITS[field])
      problems.push({ field, message: `${field}: at most ${LIMITS[field]} characters` });
  const quantity = input.quantity ?? 1;
  if (!(quantity > 0 && quantity <= 100 && Number.isInteger(quantity * 2)))
    problems.push({
      field: "quantity",
      value: String(quantity),
      accepts: "a number of the entitlement's unit from 0.5 to 100, in halves",
      message: `quantity: ${quantity} is not a number of days or visits from 0.5 to 100 in halves`,
    });
  return problems;
}

/** The day to count delivered support at in a year: today, held within the year. */
export function asAtInYear(year: string, today: string = londonToday()): string {
  const first = `${startYearOf(year)}-09-01`;
  const last = endOfAcademicYear(year);
  return today < first ? first : today > last ? last : today;
}

export class SupportDeliveredService {
  constructor(
    private readonly prisma: Db,
    private readonly academies: AcademyService,
    private readonly designations: DesignationService,
    private readonly audit: AuditService,
  ) {}

  /** Records support delivered against one of the academy's entitlements in the day's year. */
  async record(
    viewer: Viewer,
    input: SupportDeliveryInput,
    today: string = londonToday(),
  ): Promise<SupportDeliveryRow> {
    if (!roleHas(viewer.role, "recordSupport"))
      throw forbidden("Your role may not record support delivered.");
    const problems = textProblems(input);
    if (input.deliveredOn > today)
      problems.push({
        field: "deliveredOn",
        value: input.deliveredOn,
        accepts: `a day up to today (${today})`,
        message: `deliveredOn: ${input.deliveredOn} is in the future; record support once it is delivered`,
      });
    if (problems.length > 0) throw badInput(problems);
    const academy = await this.academies.get(viewer, input.urn);
    const year = academicYearOfDay(input.deliveredOn);
    const view = (await this.designations.yearDesignations(viewer, [academy.id], year)).get(
      academy.id,
    );
    const activities = [
      ...new Set((view?.support ?? []).filter(isCounted).map((entry) => entry.activity)),
    ];
    if (!activities.includes(input.activity))
      throw badInput([
        {
          field: "activity",
          value: input.activity.slice(0, 120),
          accepts: activities.join("; ") || "none: the academy has no designation for the year",
          message:
            activities.length > 0
              ? `activity: "${input.activity.slice(0, 120)}" is not one of ${academy.name}'s entitlements in ${year}; use one of: ${activities.join("; ")}`
              : `activity: ${academy.name} has no designation in ${year}, so no entitlement to record support against`,
        },
      ]);
    const row = {
      id: newId(),
      trustId: viewer.trustId,
      academyId: academy.id,
      year,
      frameworkKey: view!.framework.key,
      activity: input.activity,
      deliveredOn: input.deliveredOn,
      quantity: input.quantity ?? 1,
      deliveredBy: input.deliveredBy.trim(),
      summary: input.summary.trim(),
      notes: (input.notes ?? "").trim(),
      recordedBy: viewer.name,
      recordedById: viewer.userId,
      createdAt: new Date(),
    };
    await this.prisma.$transaction(async (tx) => {
      await tx.supportDelivery.create({ data: row });
      await this.audit.record(
        tx,
        viewer,
        "supportDelivery.create",
        "SupportDelivery",
        row.id,
        null,
        row,
      );
    });
    return row;
  }

  /** An academy's support delivered in a year, newest first. */
  async list(viewer: Viewer, urn: string, year: string): Promise<SupportDeliveryRow[]> {
    const problem = yearProblem("year", year);
    if (problem) throw badInput([problem]);
    const academy = await this.academies.get(viewer, urn);
    return this.prisma.supportDelivery.findMany({
      where: { trustId: viewer.trustId, academyId: academy.id, year },
      orderBy: [{ deliveredOn: "desc" }, { createdAt: "desc" }],
    });
  }

  /**
   * Delivered of allocated for each academy's counted entitlements in a year,
   * as at today (held within the year), in a fixed number of queries.
   */
  async usage(
    viewer: Viewer,
    academyIds: readonly string[],
    year: string,
    today: string = londonToday(),
  ): Promise<Map<string, SupportUse[]>> {
    const [designations, rows] = await Promise.all([
      this.designations.yearDesignations(viewer, academyIds, year),
      this.prisma.supportDelivery.findMany({
        where: { ...ownAcademyRows(viewer), academyId: { in: [...academyIds] }, year },
        select: { academyId: true, activity: true, deliveredOn: true, quantity: true },
      }),
    ]);
    const delivered = groupBy(rows, (row) => row.academyId);
    const termDates = englandTermDates(year);
    const asAt = asAtInYear(year, today);
    return new Map(
      academyIds.map((id) => [
        id,
        deliveredOfAllocated(
          designations.get(id)?.support ?? [],
          delivered.get(id) ?? [],
          termDates,
          asAt,
        ),
      ]),
    );
  }
}
