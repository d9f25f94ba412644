// The inspection band (Concern, Weak, Secure, Strong) of an inspection under a
// cross-walk, with the words that explain it.
import type { Crosswalk, GradeCondition, InspectionBand } from "./crosswalk.js";
import type { InspectionEvidence } from "./inspection-evidence.js";
import { categoryOfConcern, type CategoryOfConcern } from "./category-of-concern.js";
import { FRAMEWORK_SCALE } from "./inspection-evidence.js";
import { gradeName } from "./scales.js";

export interface InspectionBandResult {
  /** Null when the inspection gives no band (no grades, or OE without its overall grade). */
  readonly band: InspectionBand | null;
  readonly category: CategoryOfConcern | null;
  /** "Report card (RC-2025, 20 Jan 2026): leadership and governance Needs attention, ..." */
  readonly summary: string;
  readonly why: string;
}

const FIELD_WORDS: Readonly<Record<string, string>> = {
  overall: "overall effectiveness",
  qualityOfEducation: "quality of education",
  behaviourAndAttitudes: "behaviour and attitudes",
  personalDevelopment: "personal development",
  leadershipAndManagement: "leadership and management",
  earlyYears: "early years",
  sixthForm: "sixth form",
  inclusion: "inclusion",
  curriculumAndTeaching: "curriculum and teaching",
  achievement: "achievement",
  attendanceAndBehaviour: "attendance and behaviour",
  personalDevelopmentAndWellbeing: "personal development and well-being",
  leadershipAndGovernance: "leadership and governance",
};

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** 2026-01-20 as "20 Jan 2026". */
export function formatDate(iso: string): string {
  const [year, month, day] = iso.split("-");
  return `${Number(day)} ${MONTHS[Number(month) - 1] ?? month} ${year}`;
}

function within(
  grade: number,
  bound: { atLeast?: number | undefined; atMost?: number | undefined },
): boolean {
  return (
    (bound.atLeast === undefined || grade >= bound.atLeast) &&
    (bound.atMost === undefined || grade <= bound.atMost)
  );
}

function holds(
  condition: GradeCondition,
  inspection: InspectionEvidence,
  category: CategoryOfConcern | null,
): boolean {
  if ("categoryOfConcern" in condition) return category !== null;
  if ("safeguardingNotMet" in condition) return inspection.safeguardingMet === false;
  if ("grade" in condition) {
    const grade = inspection.grades.get(condition.grade);
    return grade !== undefined && within(grade, condition);
  }
  const grades = [...inspection.grades.values()];
  if ("anyGrade" in condition) return grades.some((grade) => within(grade, condition.anyGrade));
  if ("everyGrade" in condition)
    return grades.length > 0 && grades.every((grade) => within(grade, condition.everyGrade));
  if ("countGrades" in condition)
    return grades.filter((grade) => within(grade, condition.countGrades)).length >= condition.min;
  if ("any" in condition) return condition.any.some((inner) => holds(inner, inspection, category));
  return condition.all.every((inner) => holds(inner, inspection, category));
}

function describeInspection(inspection: InspectionEvidence): string {
  const title = inspection.framework === "RC-2025" ? "Report card" : "Ofsted";
  const when = inspection.date === null ? "date not given" : formatDate(inspection.date);
  const scale = FRAMEWORK_SCALE[inspection.framework];
  const grades = [...inspection.grades].map(
    ([field, grade]) => `${FIELD_WORDS[field] ?? field} ${gradeName(scale, grade)}`,
  );
  if (inspection.safeguardingMet !== null)
    grades.push(`safeguarding ${inspection.safeguardingMet ? "met" : "not met"}`);
  return `${title} (${inspection.framework}${inspection.frameworkInferred ? ", inferred" : ""}, ${when}): ${grades.join(", ") || "no grades"}`;
}

/** The result with its words written only when read (the band itself is the hot path). */
function result(
  band: InspectionBand | null,
  category: CategoryOfConcern | null,
  inspection: InspectionEvidence,
  why: () => string,
): InspectionBandResult {
  let summary: string | null = null;
  let reason: string | null = null;
  return {
    band,
    category,
    get summary() {
      summary ??= describeInspection(inspection);
      return summary;
    },
    get why() {
      reason ??= why();
      return reason;
    },
  };
}

export function inspectionBand(
  inspection: InspectionEvidence,
  crosswalk: Crosswalk,
): InspectionBandResult {
  const rules = crosswalk[inspection.framework];
  const category = categoryOfConcern(inspection);
  const missing = rules.requires.filter((field) => !inspection.grades.has(field));
  if (inspection.grades.size === 0 || missing.length > 0) {
    return result(null, category, inspection, () =>
      missing.length > 0
        ? `no ${missing.map((field) => FIELD_WORDS[field] ?? field).join(", ")} grade`
        : "no grades",
    );
  }
  const rule = rules.rules.find((candidate) => holds(candidate.when, inspection, category));
  const band = rule?.band ?? rules.otherwise.band;
  return result(band, category, inspection, () => {
    let why = rule?.why ?? rules.otherwise.why;
    if (category !== null) why = `${why} (${category})`;
    if (rule === undefined) {
      const scale = FRAMEWORK_SCALE[inspection.framework];
      const noted = [...inspection.grades]
        .filter(([, grade]) => grade >= rules.noteAtLeast)
        .map(([field, grade]) => `${FIELD_WORDS[field] ?? field} ${gradeName(scale, grade)}`);
      if (noted.length > 0) why = `${why}, except ${noted.join(", ")}`;
    }
    return why;
  });
}
