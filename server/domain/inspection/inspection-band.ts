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

type GradeTest = (inspection: InspectionEvidence, category: CategoryOfConcern | null) => boolean;

/** A cross-walk condition compiled once into a test (no `in` checks per academy). */
function compileGradeCondition(condition: GradeCondition): GradeTest {
  if ("categoryOfConcern" in condition) return (_inspection, category) => category !== null;
  if ("safeguardingNotMet" in condition)
    return (inspection) => inspection.safeguardingMet === false;
  if ("grade" in condition) {
    const { grade: field } = condition;
    return (inspection) => {
      const grade = inspection.grades.get(field);
      return grade !== undefined && within(grade, condition);
    };
  }
  if ("anyGrade" in condition) {
    const bound = condition.anyGrade;
    return (inspection) => {
      for (const grade of inspection.grades.values()) if (within(grade, bound)) return true;
      return false;
    };
  }
  if ("everyGrade" in condition) {
    const bound = condition.everyGrade;
    return (inspection) => {
      if (inspection.grades.size === 0) return false;
      for (const grade of inspection.grades.values()) if (!within(grade, bound)) return false;
      return true;
    };
  }
  if ("countGrades" in condition) {
    const { countGrades: bound, min } = condition;
    return (inspection) => {
      let count = 0;
      for (const grade of inspection.grades.values()) if (within(grade, bound)) count++;
      return count >= min;
    };
  }
  if ("any" in condition) {
    const inner = condition.any.map(compileGradeCondition);
    return (inspection, category) => {
      for (const test of inner) if (test(inspection, category)) return true;
      return false;
    };
  }
  const inner = condition.all.map(compileGradeCondition);
  return (inspection, category) => {
    for (const test of inner) if (!test(inspection, category)) return false;
    return true;
  };
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

/**
 * A band with its words written only when read: the band is the hot path (a
 * whole risk matrix at once), the explanation is not. A class, so that no
 * closures are made per designation.
 */
class BandResult implements InspectionBandResult {
  private summaryText: string | null = null;
  private whyText: string | null = null;

  constructor(
    readonly band: InspectionBand | null,
    readonly category: CategoryOfConcern | null,
    private readonly inspection: InspectionEvidence,
    private readonly rules: Crosswalk[keyof Crosswalk],
    private readonly rule: Crosswalk[keyof Crosswalk]["rules"][number] | undefined,
    private readonly missing: readonly string[],
  ) {}

  get summary(): string {
    this.summaryText ??= describeInspection(this.inspection);
    return this.summaryText;
  }

  get why(): string {
    this.whyText ??= this.explain();
    return this.whyText;
  }

  private explain(): string {
    const { inspection, rules, rule, category } = this;
    if (this.band === null) {
      return this.missing.length > 0
        ? `no ${this.missing.map((field) => FIELD_WORDS[field] ?? field).join(", ")} grade`
        : "no grades";
    }
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
  }
}

const NONE: readonly string[] = [];

/** The band of an inspection under a cross-walk, its rules compiled once. */
export type InspectionBander = (inspection: InspectionEvidence) => InspectionBandResult;

/**
 * Compiles a cross-walk once (a framework does so when it is compiled): each
 * framework of inspection gets its rules as tests, so banding an academy is
 * a few map reads and comparisons.
 */
export function compileCrosswalk(crosswalk: Crosswalk): InspectionBander {
  const compiled = new Map(
    (Object.keys(crosswalk) as (keyof Crosswalk)[]).map((framework) => {
      const rules = crosswalk[framework];
      return [
        framework,
        {
          rules,
          tests: rules.rules.map((rule) => ({ rule, test: compileGradeCondition(rule.when) })),
        },
      ] as const;
    }),
  );
  return (inspection) => {
    const { rules, tests } = compiled.get(inspection.framework)!;
    const category = categoryOfConcern(inspection);
    let missing = NONE;
    for (const field of rules.requires)
      if (!inspection.grades.has(field)) missing = [...missing, field];
    if (inspection.grades.size === 0 || missing.length > 0)
      return new BandResult(null, category, inspection, rules, undefined, missing);
    for (const { rule, test } of tests) {
      if (test(inspection, category))
        return new BandResult(rule.band, category, inspection, rules, rule, NONE);
    }
    return new BandResult(rules.otherwise.band, category, inspection, rules, undefined, NONE);
  };
}

const compiledCrosswalks = new WeakMap<Crosswalk, InspectionBander>();

/** The band of one inspection (the cross-walk compiled on first use and kept). */
export function inspectionBand(
  inspection: InspectionEvidence,
  crosswalk: Crosswalk,
): InspectionBandResult {
  let bander = compiledCrosswalks.get(crosswalk);
  if (!bander) compiledCrosswalks.set(crosswalk, (bander = compileCrosswalk(crosswalk)));
  return bander(inspection);
}
