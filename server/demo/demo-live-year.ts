// The demo trust's live year: so that a newcomer opening the demo sees the
// year as a trust lives it, today's academic year gets autumn evidence, the
// Trust Board's October decision, spring evidence suggesting a review for two
// academies, last year's (and the year before's) decisions, one academy long
// in Repair, and the year's targets with the half terms measured so far. Only
// what has happened by `today` is seeded.
import {
  englandTermDates,
  isoDate,
  preset,
  readEvidence,
  type EvidenceEntry,
} from "../domain/index.js";
import { jsonValue, type Db } from "../db/index.js";
import { DEMO_ROWS } from "./demo-risk-matrix.js";
import { DEMO_YEAR, demoEvidence } from "./seed-demo-trust.js";
import { academicYearOf } from "../shared/index.js";
import { seedDemoSupport, type DemoSupportAcademy } from "./demo-support-delivered.js";
import { seedDemoTargets } from "./demo-targets.js";

const BOARD = "Trust Board";
const CLERK = "Demo clerk to the Trust Board";

/** The second Tuesday of October of a year: the demo board's meeting. */
function boardMeeting(startYear: number): string {
  const first = new Date(Date.UTC(startYear, 9, 1));
  const firstTuesday = 1 + ((2 - first.getUTCDay() + 7) % 7);
  return isoDate(new Date(Date.UTC(startYear, 9, firstTuesday + 7)));
}

function previousYear(year: string): string {
  const start = Number(year.slice(0, 4)) - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
}

/** Evidence that has worsened by spring: outcomes well below national. */
function worse(entries: readonly EvidenceEntry[]): EvidenceEntry[] {
  return entries.map((entry) =>
    entry.indicator === "ks4.progress8"
      ? { ...entry, value: "-0.6" }
      : entry.indicator === "ks2.rwmExpected"
        ? { ...entry, value: "40" }
        : entry,
  );
}

export async function seedDemoLiveYear(prisma: Db, trustId: string, today: Date): Promise<void> {
  const year = academicYearOf(today);
  if (year <= DEMO_YEAR) return;
  const day = isoDate(today);
  const start = Number(year.slice(0, 4));
  const framework = preset("phase-model")!;
  const october = boardMeeting(start);
  const spring = englandTermDates(year).find((half) => half.halfTerm === "spring1")!.start;
  const academies = await prisma.academy.findMany({ where: { trustId }, orderBy: { urn: "asc" } });
  const byUrn = new Map(academies.map((academy) => [academy.urn, academy]));
  let worsened = 0;
  let longInRepair = false;
  const supported: DemoSupportAcademy[] = [];
  for (const row of DEMO_ROWS) {
    const academy = byUrn.get(String(row.URN));
    if (!academy) continue;
    // This year's targets, as far as sign-off and the half terms have gone by today.
    await seedDemoTargets(prisma, {
      trustId,
      academyId: academy.id,
      urn: academy.urn,
      phase: String(row.Phase).toLowerCase(),
      row,
      year,
      through: day,
    });
    const entries = demoEvidence(row);
    const autumn = framework.designate(readEvidence(entries), { year });
    const level = autumn.level?.key ?? null;
    if (level)
      supported.push({
        id: academy.id,
        urn: academy.urn,
        name: academy.name,
        support: framework.supportFor(level),
      });
    const at = (iso: string) => new Date(`${iso}T16:00:00Z`);
    const decide = (forYear: string, agreedOn: string, computedId: string | null) =>
      level
        ? prisma.designationDecision.create({
            data: {
              trustId,
              academyId: academy.id,
              frameworkKey: framework.key,
              year: forYear,
              level,
              computedId,
              computedLevel: level,
              decidedBy: CLERK,
              decidedById: "demo-seed",
              body: BOARD,
              agreedOn,
              createdAt: at(agreedOn),
            },
          })
        : null;
    // Last year's October decision (on last year's evidence, already seeded).
    const lastYears = await prisma.designation.findFirst({
      where: { academyId: academy.id, year: DEMO_YEAR },
    });
    if (year === yearAfter(DEMO_YEAR))
      await decide(DEMO_YEAR, boardMeeting(start - 1), lastYears?.id ?? null);
    // One academy has been in Repair since the October before last.
    if (level === "repair" && !longInRepair) {
      longInRepair = true;
      await decide(previousYear(DEMO_YEAR), boardMeeting(start - 2), null);
    }
    // This year's autumn evidence, recorded in September.
    const recorded = `${start}-09-20`;
    if (day < recorded) continue;
    await prisma.evidenceRecord.create({
      data: {
        trustId,
        academyId: academy.id,
        year,
        term: "autumn",
        entries: jsonValue(entries),
        updatedBy: "demo-seed",
      },
    });
    const computed = await prisma.designation.create({
      data: {
        trustId,
        academyId: academy.id,
        frameworkKey: framework.key,
        year,
        term: "autumn",
        computedLevel: level,
        insufficientEvidence: autumn.insufficientEvidence,
        missingSources: [],
        reasons: jsonValue(autumn.reasons),
        createdAt: at(recorded),
      },
    });
    if (day >= october) await decide(year, october, computed.id);
    // Spring evidence for two academies indicates another level: review suggested.
    if (day < spring || worsened >= 2 || level === "stabilise" || level === null) continue;
    const springEntries = worse(entries);
    const later = framework.designate(readEvidence(springEntries), { year });
    if (later.level?.key === level) continue;
    worsened += 1;
    await prisma.evidenceRecord.create({
      data: {
        trustId,
        academyId: academy.id,
        year,
        term: "spring",
        entries: jsonValue(springEntries),
        updatedBy: "demo-seed",
      },
    });
    await prisma.designation.create({
      data: {
        trustId,
        academyId: academy.id,
        frameworkKey: framework.key,
        year,
        term: "spring",
        computedLevel: later.level?.key ?? null,
        insufficientEvidence: later.insufficientEvidence,
        missingSources: [],
        reasons: jsonValue(later.reasons),
        createdAt: at(spring),
      },
    });
  }
  // Support delivered so far this year, against the level decided in October.
  await seedDemoSupport(prisma, trustId, framework.key, year, supported, day);
}

/** The academic year after `year`. */
function yearAfter(year: string): string {
  const start = Number(year.slice(0, 4)) + 1;
  return `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
}
