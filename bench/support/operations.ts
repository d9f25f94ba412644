// The GraphQL operations the benchmarks send, as the README and the add-in
// write them, so every benchmark asks for what a real client asks for.

/** A risk matrix designated in one request: level, reasons and support per row. */
export const DESIGNATE_BATCH = `query DesignateBatch($framework: String!, $rows: [[EvidenceInput!]!]!, $year: AcademicYear) {
  designateBatch(framework: $framework, rows: $rows, year: $year) {
    level { key label rank risk }
    insufficientEvidence
    reasons { source indicated message }
    support { activity quantity unit per }
  }
}`;

/** The same, asking only what MAT.DESIGNATION shows: the level, its status, insufficient evidence. */
export const DESIGNATE_BATCH_LEVELS = `query DesignateBatchLevels($framework: String!, $rows: [[EvidenceInput!]!]!, $year: AcademicYear) {
  designateBatch(framework: $framework, rows: $rows, year: $year) {
    level { key label rank risk }
    insufficientEvidence
    status
  }
}`;

/** What designateRows answers for each row: its level, status and problems. */
const ROW_FIELDS = `levels { key label rank risk }
    levelKeys
    provisional
    insufficientEvidence
    problems { code row column indicator field message accepts value }
    unknownHeaders { column }`;

/** A risk matrix in designateRows' compact form: one header row, a level key per row (what the add-in asks for MAT.DESIGNATION). */
export const DESIGNATE_ROWS = `query DesignateRows($framework: String!, $headers: [String!]!, $rows: CellMatrix!, $year: AcademicYear) {
  designateRows(framework: $framework, headers: $headers, rows: $rows, year: $year) {
    ${ROW_FIELDS}
  }
}`;

/** The same with each row's reasons and coverage (what MAT.EXPLAIN asks for). */
export const DESIGNATE_ROWS_EXPLAINED = `query DesignateRowsExplained($framework: String!, $headers: [String!]!, $rows: CellMatrix!, $year: AcademicYear) {
  designateRows(framework: $framework, headers: $headers, rows: $rows, year: $year, explain: true) {
    ${ROW_FIELDS}
    explanations {
      reasons { source indicated message }
      coverage { missing { label } unreadable { message } provisional }
    }
  }
}`;

/** One academy designated (what a naive custom function would send per cell). */
export const DESIGNATE = `query Designate($framework: String!, $evidence: [EvidenceInput!]!) {
  designate(framework: $framework, evidence: $evidence) {
    level { key label rank risk }
    insufficientEvidence
    reasons { source indicated message }
  }
}`;

/** A leader's dashboard: the README's trustOverview. */
export const TRUST_OVERVIEW = `query TrustOverview($year: AcademicYear!, $changedSince: DateTimeISO) {
  trustOverview(year: $year, changedSince: $changedSince) {
    trustName
    totals { green amber red none }
    academies {
      academy { urn name phase }
      designation { level { label } confirmed { label } agreedOn }
      rag { green amber red none }
      changes { at kind summary }
    }
  }
}`;

/** Many academies' cards at once, as the add-in's MAT.CARD cells ask for them. */
export { ACADEMY_CARDS } from "../../addin/functions/operations.js";

/** Live progress, as a leader's open academy card subscribes to it. */
export const PROGRESS_CHANGED = `subscription ProgressChanged($urn: URN) {
  progressChanged(urn: $urn) {
    urn metric at
    measurement { period value provisional }
    target { target baseline progress { latest rag gapClosed } }
  }
}`;

export const RECORD_MEASUREMENT = `mutation RecordMeasurement($input: MeasurementInput!) {
  recordMeasurement(input: $input) { id createdAt }
}`;
