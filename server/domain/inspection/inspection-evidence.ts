// Versioned inspection evidence: the raw grades exactly as the report gave
// them, with the framework (OE, EIF-2024, RC-2025) they belong to. Grades are
// never converted between scales in storage; the band is derived on reading.
import type { Problem } from "../../shared/problem.js";
import type { InspectionFrameworkKey, OfstedGradeReading } from "../cell-value.js";
import { maxGrade, scaleWords, type OfstedScale } from "./scales.js";

/** The graded fields of each inspection framework (DOMAIN.md), without the "ofsted." prefix. */
export const GRADED_FIELDS: Readonly<Record<InspectionFrameworkKey, readonly string[]>> = {
  OE: [
    "overall",
    "qualityOfEducation",
    "behaviourAndAttitudes",
    "personalDevelopment",
    "leadershipAndManagement",
    "earlyYears",
    "sixthForm",
  ],
  "EIF-2024": [
    "qualityOfEducation",
    "behaviourAndAttitudes",
    "personalDevelopment",
    "leadershipAndManagement",
    "earlyYears",
    "sixthForm",
  ],
  "RC-2025": [
    "inclusion",
    "curriculumAndTeaching",
    "achievement",
    "attendanceAndBehaviour",
    "personalDevelopmentAndWellbeing",
    "leadershipAndGovernance",
    "earlyYears",
    "sixthForm",
  ],
};

export const FRAMEWORK_SCALE: Readonly<Record<InspectionFrameworkKey, OfstedScale>> = {
  OE: "OE",
  "EIF-2024": "OE",
  "RC-2025": "RC",
};

/** Dates the frameworks took effect (DOMAIN.md). */
const EIF_2024_FROM = "2024-09-01";
const RC_2025_FROM = "2025-11-10";

const RC_ONLY = new Set(
  GRADED_FIELDS["RC-2025"].filter((field) => !GRADED_FIELDS["EIF-2024"].includes(field)),
);
const OE_EIF_ONLY = new Set(
  GRADED_FIELDS.OE.filter((field) => !GRADED_FIELDS["RC-2025"].includes(field)),
);

export interface InspectionEvidence {
  readonly framework: InspectionFrameworkKey;
  /** True when the framework was not given but worked out from words, fields or date. */
  readonly frameworkInferred: boolean;
  /** ISO date of the inspection, when known. */
  readonly date: string | null;
  /** Raw grades by field ("overall", "inclusion", ...), on the framework's own scale. */
  readonly grades: ReadonlyMap<string, number>;
  /** The word a grade was given as, when one was ("special measures"). */
  readonly words: ReadonlyMap<string, string>;
  /** Ofsted safeguarding: true met/effective, false not met, null not reported. */
  readonly safeguardingMet: boolean | null;
}

export interface InspectionInput {
  readonly framework: InspectionFrameworkKey | null;
  readonly date: string | null;
  readonly safeguardingMet: boolean | null;
  /** Readings by field name without the "ofsted." prefix. */
  readonly grades: ReadonlyMap<string, OfstedGradeReading>;
}

export type InspectionResult =
  | { readonly ok: true; readonly evidence: InspectionEvidence | null }
  | { readonly ok: false; readonly problems: readonly Problem[] };

function inferFramework(input: InspectionInput): InspectionFrameworkKey | null {
  let rcWord = false;
  let oeWord = false;
  let rcField = false;
  let oeField = false;
  for (const [field, reading] of input.grades) {
    if (reading.scale === "RC") rcWord = true;
    else if (reading.scale === "OE") oeWord = true;
    if (RC_ONLY.has(field)) rcField = true;
    if (OE_EIF_ONLY.has(field)) oeField = true;
  }
  if (rcWord || rcField) return "RC-2025";
  const byDate =
    input.date === null
      ? null
      : input.date >= RC_2025_FROM
        ? "RC-2025"
        : input.date >= EIF_2024_FROM
          ? "EIF-2024"
          : "OE";
  if (oeWord || oeField) {
    if (input.grades.has("overall")) return "OE";
    return byDate === "OE" ? "OE" : "EIF-2024";
  }
  return byDate;
}

/** The grades a field may hold, on the scale of each inspection framework that grades it. */
function acceptedFor(field: string): string {
  const frameworks = (Object.keys(GRADED_FIELDS) as InspectionFrameworkKey[]).filter((key) =>
    GRADED_FIELDS[key].includes(field),
  );
  const scales = [...new Set(frameworks.map((key) => FRAMEWORK_SCALE[key]))];
  return `${frameworks.join(" or ")} grades ${scales.map(scaleWords).join(" or ")}`;
}

const problem = (field: string, message: string, value?: string): Problem => ({
  field: "value",
  indicator: `ofsted.${field}`,
  message,
  ...(value === undefined ? {} : { value }),
});

/**
 * Puts the Ofsted cells of a row together as one inspection, inferring the
 * framework when it is not given. Returns null evidence when nothing about an
 * inspection was given at all.
 */
export function inspectionEvidence(input: InspectionInput): InspectionResult {
  if (
    input.grades.size === 0 &&
    input.framework === null &&
    input.date === null &&
    input.safeguardingMet === null
  ) {
    return { ok: true, evidence: null };
  }
  const framework = input.framework ?? inferFramework(input);
  if (framework === null) {
    if (input.grades.size === 0) {
      return { ok: true, evidence: null };
    }
    return {
      ok: false,
      problems: [
        problem(
          "framework",
          "Ofsted grades given as numbers need the inspection framework (ofsted.framework: OE, EIF-2024 or RC-2025) or the inspection date (ofsted.date)",
        ),
      ],
    };
  }
  const scale = FRAMEWORK_SCALE[framework];
  const allowed = GRADED_FIELDS[framework];
  const problems: Problem[] = [];
  const grades = new Map<string, number>();
  const words = new Map<string, string>();
  for (const [field, reading] of input.grades) {
    const shown = reading.word ?? String(reading.grade);
    if (!allowed.includes(field)) {
      problems.push(
        problem(
          field,
          `ofsted.${field}: ${framework} inspections have no such grade; its graded fields are ${allowed.join(", ")}; ofsted.${field} accepts ${acceptedFor(field)}`,
          shown,
        ),
      );
    } else if (reading.scale !== null && reading.scale !== scale) {
      problems.push(
        problem(
          field,
          `ofsted.${field}: "${shown}" is a ${reading.scale === "RC" ? "report-card" : "pre-report-card"} grade but the inspection is ${framework}; accepts ${scaleWords(scale)}`,
          shown,
        ),
      );
    } else if (reading.grade > maxGrade(scale)) {
      problems.push(
        problem(
          field,
          `ofsted.${field}: ${framework} grades run from 1 to ${maxGrade(scale)}, not ${reading.grade}; accepts ${scaleWords(scale)}`,
          shown,
        ),
      );
    } else {
      grades.set(field, reading.grade);
      if (reading.word !== null) words.set(field, reading.word);
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  // Keep grades in the report's own order, whatever order the cells came in.
  const ordered = new Map<string, number>();
  for (const field of allowed) {
    const grade = grades.get(field);
    if (grade !== undefined) ordered.set(field, grade);
  }
  return {
    ok: true,
    evidence: {
      framework,
      frameworkInferred: input.framework === null,
      date: input.date,
      grades: ordered,
      words,
      safeguardingMet: input.safeguardingMet,
    },
  };
}
