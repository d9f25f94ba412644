// Ofsted's monthly management information on state-funded school inspections
// (PUBLIC-DATA.md 1): one row per school holding up to three inspections (the
// report card, the last OEIF graded inspection, the last ungraded one), or the
// latest and previous graded inspections in pre-report-card editions. Each
// inspection is kept as a group of values dated by its start date; grades are
// stored as published (words or 1-4), never converted.
import { indicatorByKey, readCell } from "../domain/index.js";
import { academicYearOfDay, isUrn } from "../shared/index.js";
import { asAtDate, notAvailableReason, readDate } from "./cells.js";
import { cell, type Columns } from "./columns.js";
import { PublicFileError, type PublicValue, type RowReader, type SchoolRow } from "./types.js";

/** Columns whose presence marks a report-card era edition (from 10 Nov 2025). */
export const OFSTED_RC_HEADERS = ["URN", "Inspection start date", "Inclusion", "Achievement"];
/** Columns whose presence marks a pre-report-card edition (e.g. as at 31 Aug 2025). */
export const OFSTED_PRE_RC_HEADERS = [
  "URN",
  "Inspection start date",
  "Overall effectiveness",
  "Quality of education",
];

interface InspectionColumns {
  readonly label: string;
  /** Fixed framework (report cards), or null: OE before 1 Sep 2024, else EIF-2024. */
  readonly framework: "RC-2025" | null;
  readonly number: readonly string[];
  readonly date: readonly string[];
  readonly relates: readonly string[];
  readonly urnAtTime: readonly string[];
  readonly grades: readonly (readonly [indicator: string, headers: readonly string[]])[];
  readonly safeguarding: readonly string[];
  readonly category: readonly string[];
  readonly outcome?: readonly string[];
}

const REPORT_CARD: InspectionColumns = {
  label: "report card",
  framework: "RC-2025",
  number: ["Inspection number of latest full inspection"],
  date: ["Inspection start date"],
  relates: ["Does the latest full inspection relate to the URN of the current school?"],
  urnAtTime: ["URN at time of latest full inspection"],
  grades: [
    ["ofsted.inclusion", ["Inclusion"]],
    ["ofsted.curriculumAndTeaching", ["Curriculum and teaching"]],
    ["ofsted.achievement", ["Achievement"]],
    ["ofsted.attendanceAndBehaviour", ["Attendance and behaviour"]],
    ["ofsted.personalDevelopmentAndWellbeing", ["Personal development and wellbeing"]],
    ["ofsted.earlyYears", ["Early years (where applicable)"]],
    ["ofsted.sixthForm", ["Post-16 provision (where applicable)"]],
    ["ofsted.leadershipAndGovernance", ["Leadership and governance"]],
  ],
  safeguarding: ["Safeguarding standards"],
  category: ["Category of concern"],
};

const LATEST_OEIF: InspectionColumns = {
  label: "OEIF graded inspection",
  framework: null,
  number: ["Inspection number of latest OEIF graded inspection"],
  date: ["Inspection start date of latest OEIF graded inspection"],
  relates: ["Does the latest OEIF graded inspection relate to the URN of the current school?"],
  urnAtTime: ["URN at time of latest OEIF graded inspection"],
  grades: [
    ["ofsted.overall", ["Latest OEIF overall effectiveness"]],
    ["ofsted.qualityOfEducation", ["Latest OEIF quality of education"]],
    ["ofsted.behaviourAndAttitudes", ["Latest OEIF behaviour and attitudes"]],
    ["ofsted.personalDevelopment", ["Latest OEIF personal development"]],
    ["ofsted.leadershipAndManagement", ["Latest OEIF effectiveness of leadership and management"]],
    ["ofsted.earlyYears", ["Latest OEIF early years provision (where applicable)"]],
    ["ofsted.sixthForm", ["Latest OEIF sixth form provision (where applicable)"]],
  ],
  safeguarding: ["Latest OEIF safeguarding is effective?"],
  category: ["Latest OEIF category of concern"],
};

const UNGRADED: InspectionColumns = {
  label: "ungraded inspection",
  framework: null,
  number: [
    "Latest ungraded inspection number",
    "Latest ungraded inspection number since last graded inspection",
  ],
  date: ["Date of latest ungraded inspection"],
  relates: ["Does the ungraded inspection relate to the URN of the current school?"],
  urnAtTime: ["URN at time of the ungraded inspection"],
  grades: [],
  safeguarding: [],
  category: [],
  outcome: ["Ungraded inspection overall outcome"],
};

const PRE_RC_LATEST: InspectionColumns = {
  label: "graded inspection",
  framework: null,
  number: [
    "Inspection number of latest graded inspection",
    "Inspection number of latest full inspection",
  ],
  date: ["Inspection start date"],
  relates: [
    "Does the latest graded inspection relate to the URN of the current school?",
    "Does the latest full inspection relate to the URN of the current school?",
  ],
  urnAtTime: ["URN at time of latest graded inspection", "URN at time of latest full inspection"],
  grades: [
    ["ofsted.overall", ["Overall effectiveness"]],
    ["ofsted.qualityOfEducation", ["Quality of education"]],
    ["ofsted.behaviourAndAttitudes", ["Behaviour and attitudes"]],
    ["ofsted.personalDevelopment", ["Personal development"]],
    ["ofsted.leadershipAndManagement", ["Effectiveness of leadership and management"]],
    ["ofsted.earlyYears", ["Early years provision (where applicable)"]],
    ["ofsted.sixthForm", ["Sixth form provision (where applicable)"]],
  ],
  safeguarding: ["Safeguarding is effective?"],
  category: ["Category of concern"],
};

const PRE_RC_PREVIOUS: InspectionColumns = {
  label: "previous graded inspection",
  framework: null,
  number: ["Previous graded inspection number", "Previous inspection number"],
  date: ["Previous inspection start date", "Previous graded inspection start date"],
  relates: [
    "Does the previous graded inspection relate to the URN of the current school?",
    "Does the previous inspection relate to the URN of the current school?",
  ],
  urnAtTime: ["URN at time of previous graded inspection", "URN at time of previous inspection"],
  grades: [
    [
      "ofsted.overall",
      ["Previous overall effectiveness", "Previous graded inspection overall effectiveness"],
    ],
    ["ofsted.qualityOfEducation", ["Previous quality of education"]],
    ["ofsted.behaviourAndAttitudes", ["Previous behaviour and attitudes"]],
    ["ofsted.personalDevelopment", ["Previous personal development"]],
    ["ofsted.leadershipAndManagement", ["Previous effectiveness of leadership and management"]],
    ["ofsted.earlyYears", ["Previous early years provision (where applicable)"]],
    ["ofsted.sixthForm", ["Previous sixth form provision (where applicable)"]],
  ],
  safeguarding: ["Previous safeguarding is effective?"],
  category: ["Previous category of concern"],
};

interface Positions {
  readonly spec: InspectionColumns;
  readonly number: number;
  readonly date: number;
  readonly relates: number;
  readonly urnAtTime: number;
  readonly grades: readonly (readonly [string, number])[];
  readonly safeguarding: number;
  readonly category: number;
  readonly outcome: number;
}

function first(columns: Columns, names: readonly string[] | undefined): number {
  for (const name of names ?? []) {
    const at = columns.at(name);
    if (at >= 0) return at;
  }
  return -1;
}

function positions(columns: Columns, spec: InspectionColumns): Positions | null {
  const date = first(columns, spec.date);
  if (date < 0) return null;
  return {
    spec,
    number: first(columns, spec.number),
    date,
    relates: first(columns, spec.relates),
    urnAtTime: first(columns, spec.urnAtTime),
    grades: spec.grades
      .map(([indicator, names]) => [indicator, first(columns, names)] as const)
      .filter(([, at]) => at >= 0),
    safeguarding: first(columns, spec.safeguarding),
    category: first(columns, spec.category),
    outcome: first(columns, spec.outcome),
  };
}

/** A grade cell read by the catalogue's own rule for its indicator (an unreadable one is an error). */
function gradeValue(
  indicator: string,
  raw: string | undefined,
  line: number,
  header: string,
): { value: string | null; unavailable: string | null } {
  const reason = notAvailableReason(raw);
  // Ofsted writes 9 for "not applicable" in the older judgement columns.
  if (reason !== null || raw === "9")
    return { value: null, unavailable: reason ?? "not applicable (9)" };
  const known = indicatorByKey(indicator);
  if (known) {
    const reading = readCell(known, raw);
    if (!reading.ok) {
      throw new PublicFileError(`Line ${line}, column "${header}": ${reading.problem.message}`);
    }
  }
  return { value: raw!, unavailable: null };
}

function inspection(
  cells: readonly string[],
  at: Positions,
  urn: string,
  line: number,
  headers: readonly string[],
): PublicValue[] {
  const date = readDate(cell(cells, at.date));
  const rawDate = cell(cells, at.date);
  if (date === null) {
    if (notAvailableReason(rawDate) !== null) return [];
    throw new PublicFileError(
      `Line ${line}, column "${headers[at.date]}": "${rawDate}" is not a date; expected dd/mm/yyyy such as 20/01/2026`,
    );
  }
  const number = cell(cells, at.number);
  const group = `inspection ${notAvailableReason(number) === null ? number : date}`;
  const relates = cell(cells, at.relates)?.toLowerCase();
  const urnAtTime = cell(cells, at.urnAtTime);
  const predecessorUrn =
    relates === "no" && urnAtTime && isUrn(urnAtTime) && urnAtTime !== urn ? urnAtTime : null;
  const framework = at.spec.framework ?? (date >= "2024-09-01" ? "EIF-2024" : "OE");
  const describes = academicYearOfDay(date);
  const values: PublicValue[] = [];
  const push = (indicator: string, value: string | null, unavailable: string | null) =>
    values.push({
      indicator,
      value,
      unavailable,
      describes,
      date,
      group,
      groupLabel: at.spec.label,
      predecessorUrn,
    });
  let graded = 0;
  for (const [indicator, position] of at.grades) {
    const read = gradeValue(indicator, cell(cells, position), line, headers[position]!);
    if (read.value !== null) graded++;
    push(indicator, read.value, read.unavailable);
  }
  if (at.safeguarding >= 0) {
    const read = gradeValue(
      "ofsted.safeguarding",
      cell(cells, at.safeguarding),
      line,
      headers[at.safeguarding]!,
    );
    if (read.value !== null) graded++;
    push("ofsted.safeguarding", read.value, read.unavailable);
  }
  if (at.outcome >= 0) {
    const outcome = cell(cells, at.outcome);
    if (notAvailableReason(outcome) !== null) return [];
    push("ofsted.ungradedOutcome", outcome!, null);
    push("ofsted.date", date, null);
    return values;
  }
  if (graded === 0) return [];
  const category = cell(cells, at.category);
  if (category !== undefined && notAvailableReason(category) === null)
    push("ofsted.categoryOfConcern", category, null);
  push("ofsted.framework", framework, null);
  push("ofsted.date", date, null);
  return values;
}

export function ofstedReader(
  columns: Columns,
  context: { readonly fileName: string; readonly titleLines: readonly string[] },
): RowReader {
  const urnAt = columns.at("URN");
  const publication = columns.at("Publication date");
  const trustAt = columns.at("Multi-academy trust UID");
  const reportCardEra = columns.has("Inclusion");
  const specs = reportCardEra
    ? [REPORT_CARD, LATEST_OEIF, UNGRADED]
    : [PRE_RC_LATEST, PRE_RC_PREVIOUS, UNGRADED];
  const groups = specs.map((spec) => positions(columns, spec)).filter((at) => at !== null);
  const stated =
    context.titleLines.map(asAtDate).find((date) => date !== null) ?? asAtDate(context.fileName);
  let newestPublication: string | null = null;
  return {
    kind: "ofsted-mi",
    urnOf: (cells) => cell(cells, urnAt) || null,
    trustOf: (cells) => {
      const uid = cell(cells, trustAt);
      return uid === undefined || notAvailableReason(uid) !== null ? null : uid;
    },
    observe(cells) {
      const published = readDate(cell(cells, publication));
      if (published && (newestPublication === null || published > newestPublication))
        newestPublication = published;
    },
    read(cells, line): SchoolRow | null {
      const urn = cell(cells, urnAt);
      if (!urn) return null;
      const values = groups.flatMap((at) => inspection(cells, at, urn, line, columns.headers));
      return { type: "school", urn, values };
    },
    edition: () => stated ?? newestPublication,
  };
}

/** True when the header is an Ofsted MI edition's (report-card era or earlier). */
export function isOfstedHeader(columns: Columns): boolean {
  return (
    columns.missing(OFSTED_RC_HEADERS).length === 0 ||
    columns.missing(OFSTED_PRE_RC_HEADERS).length === 0
  );
}
