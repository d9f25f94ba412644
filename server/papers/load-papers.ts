// Reads what a paper shows through the same services the API and the exports
// use (scoped to the viewer's trust and academies), and builds the paper.
import { badInput } from "../domain/index.js";
import type { Viewer } from "../auth/viewer.js";
import type { Services } from "../services/index.js";
import { startYearOf, yearProblem } from "../shared/index.js";
import { academyCardPaper, type PaperContext } from "./academy-card-paper.js";
import { NOTHING_DELIVERED, type DeliveredOf } from "./designation-paper.js";
import { lastBoard, overviewPaper } from "./overview-paper.js";
import type { AcademyCardPaper, OverviewPaper } from "./paper.types.js";
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
  deliveredOf: DeliveredOf = NOTHING_DELIVERED,
): Promise<AcademyCardPaper> {
  const card = await services.cards.card(viewer, urn, checkedYear(year));
  const [designations, context] = await Promise.all([
    services.designations.yearDesignations(viewer, [card.academy.id], card.year),
    contextFor(services, viewer, now, deliveredOf),
  ]);
  return academyCardPaper(card, designations.get(card.academy.id) ?? null, context);
}

/** The overview paper; `since` null: from the last board (lastBoard). */
export async function loadOverviewPaper(
  services: Services,
  viewer: Viewer,
  year: string,
  since: string | null,
  now: Date = new Date(),
  deliveredOf: DeliveredOf = NOTHING_DELIVERED,
): Promise<OverviewPaper> {
  checkedYear(year);
  const yearStart = `${startYearOf(year)}-09-01`;
  const earliest = since !== null && since < yearStart ? since : yearStart;
  const [rows, context] = await Promise.all([
    services.overview.overview(viewer, year, new Date(`${earliest}T00:00:00Z`)),
    contextFor(services, viewer, now, deliveredOf),
  ]);
  const from =
    since === null
      ? lastBoard(rows, year, now)
      : { day: since, reason: `the date chosen, ${dateWords(since)}` };
  return overviewPaper(rows, year, from, context);
}
