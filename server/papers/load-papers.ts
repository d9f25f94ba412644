// Reads what a paper shows through the same services the API and the exports
// use (scoped to the viewer's trust and academies), and builds the paper.
import { badInput, PERIOD_WORDS, unitFor, type SupportUse } from "../domain/index.js";
import type { Viewer } from "../auth/viewer.js";
import type { Services } from "../services/index.js";
import { DELIVERY_STATUS_WORDS, startYearOf, yearProblem } from "../shared/index.js";
import { academyCardPaper, type PaperContext } from "./academy-card-paper.js";
import type { DeliveredOf } from "./designation-paper.js";
import { lastBoard, overviewPaper } from "./overview-paper.js";
import type { AcademyCardPaper, OverviewPaper, SupportDelivered } from "./paper.types.js";
import { dateWords } from "./paper-words.js";

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function checkedYear(year: string): string {
  const problem = yearProblem("year", year);
  if (problem) throw badInput([problem]);
  return year;
}

/** A `since` date as given (yyyy-mm-dd, a real day), or a BAD_USER_INPUT naming it. */
export function sinceDay(value: string): string {
  const day = new Date(`${value}T00:00:00Z`);
  if (
    !ISO_DAY.test(value) ||
    Number.isNaN(day.getTime()) ||
    day.toISOString().slice(0, 10) !== value
  )
    throw badInput([
      {
        field: "since",
        value: value.slice(0, 20),
        message: `since: "${value.slice(0, 20)}" is not a date; use yyyy-mm-dd, e.g. 2025-10-14 (the last board)`,
      },
    ]);
  return value;
}

/** Delivered of allocated as a paper states it: under- and over-delivery flagged in words. */
export function supportDeliveredOf(use: SupportUse): SupportDelivered {
  return {
    used: use.delivered,
    allocated: use.allocated,
    unit: unitFor(use.unit, use.allocated),
    period: PERIOD_WORDS[use.period],
    flag:
      use.status === "under" || use.status === "over" ? DELIVERY_STATUS_WORDS[use.status] : null,
  };
}

/**
 * Support delivered for these academies, as the card and the overview count
 * it (the support service, as at today within the year), looked up by URN
 * and entitlement.
 */
async function deliveredFor(
  services: Services,
  viewer: Viewer,
  academies: readonly { id: string; urn: string }[],
  year: string,
): Promise<DeliveredOf> {
  const usage = await services.support.usage(
    viewer,
    academies.map((academy) => academy.id),
    year,
  );
  const byUrn = new Map(academies.map((academy) => [academy.urn, usage.get(academy.id) ?? []]));
  return (urn, entitlement) => {
    const use = byUrn.get(urn)?.find((entry) => entry.activity === entitlement.activity);
    return use ? supportDeliveredOf(use) : null;
  };
}

async function contextFor(
  services: Services,
  viewer: Viewer,
  now: Date,
  deliveredOf: DeliveredOf,
): Promise<PaperContext> {
  const [trust, framework] = await Promise.all([
    services.prisma.trust.findUniqueOrThrow({ where: { id: viewer.trustId } }),
    services.designations.trustFramework(viewer),
  ]);
  return { trustName: trust.name, frameworkName: framework.name, now, deliveredOf };
}

export async function loadAcademyCardPaper(
  services: Services,
  viewer: Viewer,
  urn: string,
  year: string,
  now: Date = new Date(),
): Promise<AcademyCardPaper> {
  const card = await services.cards.card(viewer, urn, checkedYear(year));
  const [designations, deliveredOf] = await Promise.all([
    services.designations.yearDesignations(viewer, [card.academy.id], card.year),
    deliveredFor(services, viewer, [card.academy], card.year),
  ]);
  const context = await contextFor(services, viewer, now, deliveredOf);
  return academyCardPaper(card, designations.get(card.academy.id) ?? null, context);
}

/** The overview paper; `since` null: from the last board (lastBoard). */
export async function loadOverviewPaper(
  services: Services,
  viewer: Viewer,
  year: string,
  since: string | null,
  now: Date = new Date(),
): Promise<OverviewPaper> {
  checkedYear(year);
  const yearStart = `${startYearOf(year)}-09-01`;
  const earliest = since !== null && since < yearStart ? since : yearStart;
  const rows = await services.overview.overview(viewer, year, new Date(`${earliest}T00:00:00Z`));
  const deliveredOf = await deliveredFor(
    services,
    viewer,
    rows.map((row) => row.academy),
    year,
  );
  const context = await contextFor(services, viewer, now, deliveredOf);
  const from =
    since === null
      ? lastBoard(rows, year, now)
      : { day: since, reason: `the date chosen, ${dateWords(since)}` };
  return overviewPaper(rows, year, from, context);
}
