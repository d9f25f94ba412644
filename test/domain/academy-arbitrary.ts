// fast-check arbitraries for the property tests: academies whose evidence
// readEvidence accepts, and the ways one indicator can improve.
import fc from "fast-check";
import type { EvidenceEntry, Phase } from "../../server/domain/index.js";

type InspectionFramework = "OE" | "EIF-2024" | "RC-2025";
type Trajectory = "improving" | "static" | "declining";

export interface Inspection {
  readonly framework: InspectionFramework;
  /** Raw grades by field without the "ofsted." prefix, on the framework's scale. */
  readonly grades: Readonly<Record<string, number>>;
  readonly safeguardingMet?: boolean;
}

/**
 * One academy's evidence. Measures are whole numbers in small units so that
 * an improvement is exact: Progress 8 and suspensions in hundredths, basics5,
 * absence and persistent absence in tenths of a percent, KS2 RWM in percent.
 * Percentages stay at 1% or more: a number between 0 and 1 in a percent
 * column is Excel's percent format (0.4 is 40%), so it is never generated.
 */
export interface Academy {
  readonly phase?: Phase;
  readonly inspection?: Inspection;
  readonly progress8?: number;
  readonly basics5?: number;
  readonly rwm?: number;
  readonly absence?: number;
  readonly persistentAbsence?: number;
  readonly suspensionRate?: number;
  readonly trajectory?: Trajectory;
  readonly qaSafeguardingEffective?: boolean;
  readonly dueWithinYear?: boolean;
  /** sef.*, qa.* and qi.* judgements 1-4. */
  readonly judgements: Readonly<Record<string, number>>;
}

const oeGrade = fc.integer({ min: 1, max: 4 });
const rcGrade = fc.integer({ min: 1, max: 5 });
const KEY_JUDGEMENTS = [
  "qualityOfEducation",
  "behaviourAndAttitudes",
  "personalDevelopment",
  "leadershipAndManagement",
  "earlyYears",
  "sixthForm",
];
const REPORT_CARD_AREAS = [
  "inclusion",
  "curriculumAndTeaching",
  "achievement",
  "attendanceAndBehaviour",
  "personalDevelopmentAndWellbeing",
  "leadershipAndGovernance",
  "earlyYears",
  "sixthForm",
];
const JUDGEMENTS = [
  "sef.overall",
  "qa.qualityOfEducation",
  "qa.behaviourAndAttitudes",
  "qa.personalDevelopment",
  "qa.leadershipAndManagement",
  "qa.earlyYearsPost16",
  "qa.statutoryData",
  "qi.outcomes",
  "qi.leadership",
  "qi.curriculumAndStaffing",
  "qi.teaching",
  "qi.climateForLearning",
  "qi.governance",
];

function gradesOf(fields: readonly string[], grade: fc.Arbitrary<number>, required: string[] = []) {
  const record = fc.record(Object.fromEntries(fields.map((field) => [field, grade])), {
    requiredKeys: required,
  });
  return record as fc.Arbitrary<Record<string, number>>;
}

const inspectionArbitrary: fc.Arbitrary<Inspection> = fc.oneof(
  fc.record(
    {
      framework: fc.constant("OE" as const),
      grades: gradesOf(["overall", ...KEY_JUDGEMENTS], oeGrade, ["overall"]),
      safeguardingMet: fc.boolean(),
    },
    { requiredKeys: ["framework", "grades"] },
  ),
  fc.record(
    {
      framework: fc.constant("EIF-2024" as const),
      grades: gradesOf(KEY_JUDGEMENTS, oeGrade),
      safeguardingMet: fc.boolean(),
    },
    { requiredKeys: ["framework", "grades"] },
  ),
  fc.record(
    {
      framework: fc.constant("RC-2025" as const),
      grades: gradesOf(REPORT_CARD_AREAS, rcGrade),
      safeguardingMet: fc.boolean(),
    },
    { requiredKeys: ["framework", "grades"] },
  ),
);

export const academyArbitrary: fc.Arbitrary<Academy> = fc.record(
  {
    phase: fc.constantFrom<Phase>(
      "primary",
      "secondary",
      "all-through",
      "special",
      "alternative provision",
    ),
    inspection: inspectionArbitrary,
    progress8: fc.integer({ min: -200, max: 200 }),
    basics5: fc.integer({ min: 10, max: 1000 }),
    rwm: fc.integer({ min: 0, max: 100 }),
    absence: fc.integer({ min: 10, max: 400 }),
    persistentAbsence: fc.integer({ min: 10, max: 800 }),
    suspensionRate: fc.integer({ min: 0, max: 6000 }),
    trajectory: fc.constantFrom<Trajectory>("improving", "static", "declining"),
    qaSafeguardingEffective: fc.boolean(),
    dueWithinYear: fc.boolean(),
    judgements: gradesOf(JUDGEMENTS, oeGrade),
  },
  { requiredKeys: ["judgements"] },
);

export const yearArbitrary = fc.constantFrom(null, "2022/23", "2023/24", "2024/25", "2025/26");

/** The academy as workbook cells, one entry per column given. */
export function entriesOfAcademy(academy: Academy): EvidenceEntry[] {
  const entries: EvidenceEntry[] = [];
  const add = (indicator: string, value: unknown) => entries.push({ indicator, value });
  if (academy.phase !== undefined) add("phase", academy.phase);
  if (academy.inspection !== undefined) {
    add("ofsted.framework", academy.inspection.framework);
    for (const [field, grade] of Object.entries(academy.inspection.grades))
      add(`ofsted.${field}`, grade);
    if (academy.inspection.safeguardingMet !== undefined) {
      add("ofsted.safeguarding", academy.inspection.safeguardingMet ? "met" : "not met");
    }
  }
  if (academy.progress8 !== undefined) add("ks4.progress8", academy.progress8 / 100);
  if (academy.basics5 !== undefined) add("ks4.basics5", academy.basics5 / 10);
  if (academy.rwm !== undefined) add("ks2.rwmExpected", academy.rwm);
  if (academy.absence !== undefined) add("attendance.absence", academy.absence / 10);
  if (academy.persistentAbsence !== undefined) {
    add("attendance.persistentAbsence", academy.persistentAbsence / 10);
  }
  if (academy.suspensionRate !== undefined)
    add("behaviour.suspensionRate", academy.suspensionRate / 100);
  if (academy.trajectory !== undefined) add("trajectory", academy.trajectory);
  if (academy.qaSafeguardingEffective !== undefined) {
    add("qa.safeguarding", academy.qaSafeguardingEffective ? "effective" : "not effective");
  }
  if (academy.dueWithinYear !== undefined) add("inspection.dueWithinYear", academy.dueWithinYear);
  for (const [key, grade] of Object.entries(academy.judgements)) add(key, grade);
  return entries;
}

/** One way an academy's evidence gets better, by `step` (a positive whole number of units). */
export interface Improvement {
  readonly name: string;
  /** The better academy, or null when this indicator is absent or already at its best. */
  readonly apply: (academy: Academy, step: number) => Academy | null;
}

function betterInspection(inspection: Inspection, step: number): Inspection | null {
  const improvable = Object.entries(inspection.grades).filter(([, grade]) => grade > 1);
  const chosen = improvable[step % Math.max(improvable.length, 1)];
  if (!chosen) return null;
  const [field, grade] = chosen;
  return { ...inspection, grades: { ...inspection.grades, [field]: grade - 1 } };
}

export const IMPROVEMENTS: readonly Improvement[] = [
  {
    name: "a higher Progress 8",
    apply: (a, step) =>
      a.progress8 === undefined ? null : { ...a, progress8: a.progress8 + step },
  },
  {
    name: "a higher basics5",
    apply: (a, step) =>
      a.basics5 === undefined || a.basics5 >= 1000
        ? null
        : { ...a, basics5: Math.min(1000, a.basics5 + step) },
  },
  {
    name: "a higher KS2 RWM",
    apply: (a, step) =>
      a.rwm === undefined || a.rwm >= 100 ? null : { ...a, rwm: Math.min(100, a.rwm + step) },
  },
  {
    name: "a lower absence",
    apply: (a, step) =>
      a.absence === undefined || a.absence <= 10
        ? null
        : { ...a, absence: Math.max(10, a.absence - step) },
  },
  {
    name: "a lower persistent absence",
    apply: (a, step) =>
      a.persistentAbsence === undefined || a.persistentAbsence <= 10
        ? null
        : { ...a, persistentAbsence: Math.max(10, a.persistentAbsence - step) },
  },
  {
    name: "a lower suspension rate",
    apply: (a, step) =>
      a.suspensionRate === undefined || a.suspensionRate === 0
        ? null
        : { ...a, suspensionRate: Math.max(0, a.suspensionRate - step) },
  },
  {
    name: "a better Ofsted grade",
    apply: (a, step) => {
      const inspection = a.inspection && betterInspection(a.inspection, step);
      return inspection ? { ...a, inspection } : null;
    },
  },
  {
    name: "Ofsted safeguarding not met -> met",
    apply: (a) =>
      a.inspection?.safeguardingMet === false
        ? { ...a, inspection: { ...a.inspection, safeguardingMet: true } }
        : null,
  },
  {
    name: "the trust safeguarding audit not effective -> effective",
    apply: (a) =>
      a.qaSafeguardingEffective === false ? { ...a, qaSafeguardingEffective: true } : null,
  },
  {
    name: "a trajectory no longer declining",
    apply: (a) => (a.trajectory === "declining" ? { ...a, trajectory: "static" } : null),
  },
];
