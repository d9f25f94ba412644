// The indicator catalogue: every evidence key in DOMAIN.md, with what a cell
// for it may hold and the workbook headers that mean it. Rules are data
// (STYLE.md 3): a header alias or a label changes here, nowhere else.

/** How a cell for an indicator is read. */
export type IndicatorKind =
  | "number" // a score such as Progress 8
  | "percent" // 0-100; "62%" or 0.62 (Excel's percent format) read as 62
  | "points" // percentage points, may be negative; never scaled
  | "rate" // a non-negative number such as suspensions per 100 pupils
  | "count" // a non-negative whole number
  | "grade" // the trust's own 1-4 judgements (1 best)
  | "ofstedGrade" // a raw Ofsted grade, read on the scale of its inspection framework
  | "ofstedFramework"
  | "date"
  | "safeguarding"
  | "phase"
  | "trajectory"
  | "yesNo";

export type Direction = "higher" | "lower" | "none";

export interface Indicator {
  readonly key: string;
  readonly label: string;
  readonly kind: IndicatorKind;
  readonly unit: string;
  /** Which way is better; "none" for descriptive indicators. */
  readonly direction: Direction;
  /** What a cell may hold, in words, for error messages. */
  readonly accepts: string;
  /** Workbook column headers that mean this indicator (matched ignoring case, spaces and punctuation). */
  readonly aliases: readonly string[];
}

const GRADE_1_4 = "a judgement 1-4 (1 Outstanding, 2 Good, 3 Requires improvement, 4 Inadequate)";
const OFSTED_GRADE =
  "an Ofsted grade: 1-4 or Outstanding, Good, Requires improvement (RI), Inadequate, Serious weaknesses, Special measures; or for report cards 1-5 or Exceptional, Strong standard, Expected standard, Needs attention, Urgent improvement";

function grade(key: string, label: string, aliases: string[]): Indicator {
  return {
    key,
    label,
    kind: "grade",
    unit: "grade",
    direction: "lower",
    accepts: GRADE_1_4,
    aliases,
  };
}

function ofsted(key: string, label: string, aliases: string[]): Indicator {
  return {
    key,
    label,
    kind: "ofstedGrade",
    unit: "grade",
    direction: "lower",
    accepts: OFSTED_GRADE,
    aliases,
  };
}

function percent(key: string, label: string, direction: Direction, aliases: string[]): Indicator {
  return {
    key,
    label,
    kind: "percent",
    unit: "%",
    direction,
    accepts: "a percentage such as 62, 62% or 0.62",
    aliases,
  };
}

export const INDICATORS: readonly Indicator[] = [
  {
    key: "phase",
    label: "Phase",
    kind: "phase",
    unit: "",
    direction: "none",
    accepts: "primary, secondary, all-through, special or alternative provision",
    aliases: ["Phase", "School phase", "Phase of education"],
  },
  ofsted("ofsted.overall", "Ofsted overall effectiveness", [
    "Latest Ofsted judgement",
    "Ofsted",
    "Ofsted grade",
    "Ofsted judgement",
    "Ofsted overall",
    "Overall effectiveness",
    "Current Ofsted",
    "Latest Ofsted",
  ]),
  ofsted("ofsted.qualityOfEducation", "Ofsted quality of education", [
    "Ofsted QoE",
    "Ofsted quality of education",
  ]),
  ofsted("ofsted.behaviourAndAttitudes", "Ofsted behaviour and attitudes", [
    "Ofsted B&A",
    "Ofsted behaviour and attitudes",
  ]),
  ofsted("ofsted.personalDevelopment", "Ofsted personal development", [
    "Ofsted PD",
    "Ofsted personal development",
  ]),
  ofsted("ofsted.leadershipAndManagement", "Ofsted leadership and management", [
    "Ofsted L&M",
    "Ofsted leadership and management",
  ]),
  ofsted("ofsted.earlyYears", "Ofsted early years", [
    "Ofsted EY",
    "Ofsted early years",
    "Ofsted early years provision",
  ]),
  ofsted("ofsted.sixthForm", "Ofsted sixth form", [
    "Ofsted sixth form",
    "Ofsted 6th form",
    "Ofsted post-16",
  ]),
  ofsted("ofsted.inclusion", "Report card: inclusion", [
    "Inclusion",
    "RC inclusion",
    "Report card inclusion",
  ]),
  ofsted("ofsted.curriculumAndTeaching", "Report card: curriculum and teaching", [
    "Curriculum and teaching",
    "RC curriculum and teaching",
  ]),
  ofsted("ofsted.achievement", "Report card: achievement", ["Achievement", "RC achievement"]),
  ofsted("ofsted.attendanceAndBehaviour", "Report card: attendance and behaviour", [
    "Attendance and behaviour",
    "RC attendance and behaviour",
  ]),
  ofsted(
    "ofsted.personalDevelopmentAndWellbeing",
    "Report card: personal development and well-being",
    [
      "Personal development and wellbeing",
      "Personal development and well-being",
      "RC personal development",
    ],
  ),
  ofsted("ofsted.leadershipAndGovernance", "Report card: leadership and governance", [
    "Leadership and governance",
    "RC leadership and governance",
  ]),
  {
    key: "ofsted.framework",
    label: "Ofsted inspection framework",
    kind: "ofstedFramework",
    unit: "",
    direction: "none",
    accepts: "OE (before Sep 2024), EIF-2024 (Sep 2024 to Nov 2025) or RC-2025 (report cards)",
    aliases: ["Ofsted framework", "Inspection framework", "Framework"],
  },
  {
    key: "ofsted.date",
    label: "Ofsted inspection date",
    kind: "date",
    unit: "date",
    direction: "none",
    accepts: "a date: an Excel date, 2024-03-12 or 12/03/2024",
    aliases: [
      "Inspection date",
      "Ofsted date",
      "Date of last inspection",
      "Last inspected",
      "Date of inspection",
    ],
  },
  {
    key: "ofsted.safeguarding",
    label: "Ofsted safeguarding",
    kind: "safeguarding",
    unit: "",
    direction: "none",
    accepts: "met or not met (older reports: effective or not effective)",
    aliases: ["Ofsted safeguarding", "Safeguarding effective"],
  },
  percent("ks2.rwmExpected", "KS2 reading, writing and maths at the expected standard", "higher", [
    "KS2 RWM %",
    "KS2 RWM",
    "RWM",
    "RWM expected",
    "KS2 combined",
    "KS2 RWM expected standard",
    "KS2 expected standard",
  ]),
  {
    key: "ks4.progress8",
    label: "Progress 8",
    kind: "number",
    unit: "score",
    direction: "higher",
    accepts: "a Progress 8 score such as -0.45 or 0.2",
    aliases: ["P8", "Progress 8", "Progress8", "KS4 P8", "P8 score"],
  },
  {
    key: "ks4.attainment8",
    label: "Attainment 8",
    kind: "number",
    unit: "score",
    direction: "higher",
    accepts: "an Attainment 8 score such as 46.1",
    aliases: ["A8", "Attainment 8", "Attainment8", "KS4 A8"],
  },
  percent("ks4.basics5", "Grade 5 or above in English and maths", "higher", [
    "Basics 5+",
    "Basics",
    "EM 5+",
    "English and maths 5+",
    "% 5+ English and maths",
    "Grade 5+ E&M",
    "Strong pass E&M",
  ]),
  percent("attendance.absence", "Overall absence", "lower", [
    "Absence",
    "Overall absence",
    "Absence %",
    "Abs %",
  ]),
  percent("attendance.persistentAbsence", "Persistent absence", "lower", [
    "PA %",
    "PA",
    "Persistent absence",
    "Persistent absence %",
    "Persistent absentees",
  ]),
  {
    key: "behaviour.suspensionRate",
    label: "Suspensions per 100 pupils",
    kind: "rate",
    unit: "per 100 pupils",
    direction: "lower",
    accepts: "a rate per 100 pupils, 0 or more, such as 11.3",
    aliases: [
      "Suspension rate",
      "Suspensions",
      "FTE rate",
      "Fixed term exclusions",
      "Suspensions per 100",
    ],
  },
  {
    key: "behaviour.permanentExclusions",
    label: "Permanent exclusions",
    kind: "count",
    unit: "pupils",
    direction: "lower",
    accepts: "a whole number, 0 or more",
    aliases: ["Permanent exclusions", "PEx", "Perm exclusions", "PX", "Permanent exclusion"],
  },
  {
    key: "behaviour.permanentExclusionRate",
    label: "Permanent exclusions per 100 pupils",
    kind: "rate",
    unit: "per 100 pupils",
    direction: "lower",
    accepts: "a rate per 100 pupils, 0 or more, such as 0.13",
    aliases: ["Permanent exclusion rate", "PEx rate", "Permanent exclusions per 100"],
  },
  {
    key: "disadvantaged.gap",
    label: "Disadvantaged attainment gap",
    kind: "points",
    unit: "percentage points",
    direction: "lower",
    accepts: "percentage points such as 12 or -3",
    aliases: ["Disadvantaged gap", "PP gap", "Dis gap", "Disadvantaged attainment gap"],
  },
  grade("sef.overall", "SEF overall judgement", [
    "SEF",
    "SEF judgement",
    "SEF overall",
    "Self-evaluation",
  ]),
  grade("qa.qualityOfEducation", "Trust QA: quality of education", [
    "QA QoE",
    "QA quality of education",
  ]),
  grade("qa.behaviourAndAttitudes", "Trust QA: behaviour and attitudes", [
    "QA B&A",
    "QA behaviour and attitudes",
  ]),
  grade("qa.personalDevelopment", "Trust QA: personal development", [
    "QA PD",
    "QA personal development",
  ]),
  grade("qa.leadershipAndManagement", "Trust QA: leadership and management", [
    "QA L&M",
    "QA leadership and management",
  ]),
  grade("qa.earlyYearsPost16", "Trust QA: early years / post-16", [
    "QA EY/Post 16",
    "Early years / post 16",
    "EYFS/Post 16",
  ]),
  grade("qa.statutoryData", "Trust QA: statutory data", ["QA statutory data", "Statutory data"]),
  {
    key: "qa.safeguarding",
    label: "Trust safeguarding audit",
    kind: "safeguarding",
    unit: "",
    direction: "none",
    accepts: "effective or not effective (or met / not met)",
    aliases: ["QA safeguarding", "Safeguarding audit", "Trust safeguarding"],
  },
  grade("qi.outcomes", "Quality indicator: outcomes", ["QI outcomes"]),
  grade("qi.leadership", "Quality indicator: leadership", ["QI leadership"]),
  grade("qi.curriculumAndStaffing", "Quality indicator: curriculum and staffing", [
    "QI curriculum and staffing",
    "Curriculum and staffing",
  ]),
  grade("qi.teaching", "Quality indicator: teaching", ["QI teaching"]),
  grade("qi.climateForLearning", "Quality indicator: climate for learning", [
    "QI climate for learning",
    "Climate for learning",
  ]),
  grade("qi.governance", "Quality indicator: governance", ["QI governance"]),
  {
    key: "trajectory",
    label: "Trajectory",
    kind: "trajectory",
    unit: "",
    direction: "none",
    accepts: "improving, static or declining",
    aliases: ["Trajectory", "Direction of travel", "Trend"],
  },
  {
    key: "inspection.dueWithinYear",
    label: "Inspection due within a year",
    kind: "yesNo",
    unit: "",
    direction: "none",
    accepts: "yes or no (TRUE / FALSE)",
    aliases: [
      "Inspection due",
      "Inspection due within year",
      "Due inspection",
      "Inspection window",
    ],
  },
];

const BY_KEY = new Map(INDICATORS.map((indicator) => [indicator.key, indicator]));

/** Folds a header to letters and digits so "KS2 RWM %" and "ks2-rwm" compare alike. */
export function foldHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/%/g, "pc")
    .replace(/[^a-z0-9+]/g, "");
}

const BY_ALIAS = new Map<string, Indicator>();
for (const indicator of INDICATORS) {
  for (const name of [indicator.key, indicator.label, ...indicator.aliases]) {
    const folded = foldHeader(name);
    if (!BY_ALIAS.has(folded)) BY_ALIAS.set(folded, indicator);
  }
}

/** The indicator with this exact key, if any. */
export function indicatorByKey(key: string): Indicator | undefined {
  return BY_KEY.get(key);
}

/**
 * Generic headers that could name more than one indicator: never guessed. A
 * framework's own aliases or the trust's saved column map say which one the
 * trust means; otherwise the header is reported with these choices.
 */
export const AMBIGUOUS_HEADERS: ReadonlyMap<string, readonly string[]> = new Map(
  (
    [
      ["Safeguarding", ["ofsted.safeguarding", "qa.safeguarding"]],
      [
        "Leadership and management",
        ["ofsted.leadershipAndManagement", "qa.leadershipAndManagement"],
      ],
      [
        "Leadership",
        ["ofsted.leadershipAndManagement", "qa.leadershipAndManagement", "qi.leadership"],
      ],
      ["Quality of education", ["ofsted.qualityOfEducation", "qa.qualityOfEducation"]],
      ["Behaviour and attitudes", ["ofsted.behaviourAndAttitudes", "qa.behaviourAndAttitudes"]],
      ["Personal development", ["ofsted.personalDevelopment", "qa.personalDevelopment"]],
      ["Early years", ["ofsted.earlyYears", "qa.earlyYearsPost16"]],
      ["Teaching", ["qi.teaching", "ofsted.curriculumAndTeaching"]],
      ["Outcomes", ["qi.outcomes", "ofsted.achievement"]],
      ["Governance", ["qi.governance", "ofsted.leadershipAndGovernance"]],
    ] as const
  ).map(([header, keys]) => [foldHeader(header), keys]),
);

/**
 * The indicator a workbook header (or a key) names in the catalogue, if any:
 * "P8", "Progress 8" and "ks4.progress8" all give Progress 8. Unknown and
 * ambiguous headers give undefined (see `AMBIGUOUS_HEADERS` and headers.ts).
 */
const HEADER_ANSWERS = new Map<string, Indicator | undefined>();

export function indicatorForHeader(header: string): Indicator | undefined {
  if (typeof header !== "string") return undefined;
  const byKey = BY_KEY.get(header);
  if (byKey) return byKey;
  // A workbook repeats the same few headers on every row: remember each answer (bounded).
  if (HEADER_ANSWERS.has(header)) return HEADER_ANSWERS.get(header);
  const found = BY_ALIAS.get(foldHeader(header));
  if (HEADER_ANSWERS.size >= 5_000) HEADER_ANSWERS.clear();
  HEADER_ANSWERS.set(header, found);
  return found;
}

/** The choices an ambiguous catalogue header could mean (indicator keys), or null. */
export function ambiguousHeader(header: string): readonly string[] | null {
  return AMBIGUOUS_HEADERS.get(foldHeader(header)) ?? null;
}

export const INDICATOR_KEYS: readonly string[] = INDICATORS.map((indicator) => indicator.key);
