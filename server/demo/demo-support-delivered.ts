// The demo trust's support delivered this year (issue 15): the visits and
// meetings the review calendar placed before today, mostly delivered, so the
// card and overview show used of allocated with one academy behind and one
// over (an extra bespoke support day).
import { englandTermDates, isCounted, reviewCalendar } from "../domain/index.js";
import { newId, type Db } from "../db/index.js";
import {
  CALENDAR_EVENT_KIND_WORDS,
  type CalendarEventKind,
  type SupportEntitlement,
} from "../shared/index.js";

export interface DemoSupportAcademy {
  readonly id: string;
  readonly urn: string;
  readonly name: string;
  readonly support: readonly SupportEntitlement[];
}

const WHO: Partial<Record<CalendarEventKind, string>> = {
  silVisit: "Priya Nair (SIL)",
  ceoVisit: "Dr Amina Shah (CEO)",
  qaReview: "Trust QA team",
  inspectionReadiness: "Priya Nair (SIL)",
};

/** Weekly briefings are not recorded one by one in the demo: the visits are what a board reads. */
const RECORDED: ReadonlySet<CalendarEventKind> = new Set([
  "silVisit",
  "ceoVisit",
  "qaReview",
  "inspectionReadiness",
]);

export async function seedDemoSupport(
  prisma: Db,
  trustId: string,
  frameworkKey: string,
  year: string,
  academies: readonly DemoSupportAcademy[],
  today: string,
): Promise<void> {
  const termDates = englandTermDates(year);
  const rows = academies.flatMap((academy, index) => {
    const events = reviewCalendar({ year, termDates, academies: [academy], meetings: [] }).filter(
      (event) => event.date < today && RECORDED.has(event.kind) && event.activity !== null,
    );
    // One academy in three is behind: every third visit not yet delivered.
    const delivered = events.filter((_, n) => index % 3 !== 1 || n % 3 !== 2);
    const visits = delivered.map((event) => ({
      activity: event.activity!,
      deliveredOn: event.date,
      quantity: 1,
      deliveredBy: WHO[event.kind] ?? "Trust team",
      summary: `${CALENDAR_EVENT_KIND_WORDS[event.kind]}: ${event.detail}`,
    }));
    const bespoke = academy.support.find(
      (entry) => entry.activity === "Bespoke support" && isCounted(entry),
    );
    const firstDays = termDates[0]!.start <= today ? [termDates[0]!.start] : [];
    const extra = bespoke
      ? firstDays.flatMap((start) =>
          Array.from({ length: index % 3 === 2 ? bespoke.quantity + 1 : 2 }, (_, n) => ({
            activity: bespoke.activity,
            deliveredOn: addWeeks(start, n + 1),
            quantity: 1,
            deliveredBy: "Maths and English lead",
            summary: "Bespoke support: department review and coaching",
          })).filter((day) => day.deliveredOn < today),
        )
      : [];
    return [...visits, ...extra].map((row) => ({
      id: newId(),
      trustId,
      academyId: academy.id,
      year,
      frameworkKey,
      notes: "",
      recordedBy: "Demo leader",
      recordedById: "demo-seed",
      ...row,
    }));
  });
  if (rows.length > 0) await prisma.supportDelivery.createMany({ data: rows });
}

/** A day n weeks after another, moved off a weekend to the Monday. */
function addWeeks(day: string, weeks: number): string {
  const date = new Date(Date.parse(`${day}T00:00:00Z`) + weeks * 7 * 86_400_000);
  const weekday = date.getUTCDay();
  const shift = weekday === 6 ? 2 : weekday === 0 ? 1 : 0;
  return new Date(date.getTime() + shift * 86_400_000).toISOString().slice(0, 10);
}
