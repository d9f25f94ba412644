// An academy's evidence: one row of the risk matrix, read cell by cell into
// typed values, with the Ofsted cells put together as one versioned inspection.
import type { Problem } from "../shared/problem.js";
import { badInput } from "./errors.js";
import { CATALOGUE_HEADERS, type HeaderResolver } from "./headers.js";
import {
  readCell,
  type PercentFormatted,
  type CellValue,
  type InspectionFrameworkKey,
  type OfstedGradeReading,
  type Phase,
} from "./cell-value.js";
import { inspectionEvidence, type InspectionEvidence } from "./inspection/inspection-evidence.js";

/** One cell: an indicator key (or a workbook header naming one) and the value as Excel gives it. */
export interface EvidenceEntry {
  readonly indicator: string;
  readonly value?: unknown;
  /** The cell's number format, when known: true percent-formatted, false another format. */
  readonly percentFormatted?: PercentFormatted;
}

/** Problems with inspection evidence as a whole (inconsistent grades) belong to this key. */
export const INSPECTION_PROBLEM = "inspection";

/** A problem met while reading a row, with the indicators it concerns (null: every framework). */
export interface ReadProblem {
  readonly problem: Problem;
  readonly indicators: readonly string[] | null;
}

/** Read evidence: numbers, words and flags by indicator key, and the inspection. */
export interface Evidence {
  readonly values: ReadonlyMap<string, number | string | boolean>;
  readonly inspection: InspectionEvidence | null;
  readonly phase: Phase | null;
}

export const EMPTY_EVIDENCE: Evidence = { values: new Map(), inspection: null, phase: null };

const OFSTED_PREFIX = "ofsted.";
const OFSTED_FIELDS = new Map<string, string>();

/** "ofsted.inclusion" -> "inclusion", remembered (a row has several). */
function ofstedFieldOf(key: string): string {
  let field = OFSTED_FIELDS.get(key);
  if (field === undefined) OFSTED_FIELDS.set(key, (field = key.slice(OFSTED_PREFIX.length)));
  return field;
}

/** Two readings of the same indicator agree (an Ofsted grade by its grade and scale). */
function sameValue(a: CellValue, b: CellValue): boolean {
  if (typeof a !== "object" || typeof b !== "object") return a === b;
  return a.grade === b.grade && a.scale === b.scale;
}

/** A header (or indicator) that names no indicator: NOT_FOUND, with what is accepted. */
export function unknownIndicator(column: string): Problem {
  const name = column.slice(0, 60);
  return {
    field: "indicator",
    code: "NOT_FOUND",
    column,
    value: name,
    accepts: "an indicator key such as ks4.progress8 or a known workbook header",
    message: `Unknown indicator "${name}"; use an indicator key such as ks4.progress8 or a known workbook header`,
  };
}

/**
 * Reads a row of evidence. Every problem (unknown indicator, unreadable value,
 * the same indicator twice with different values, inconsistent Ofsted grades)
 * is collected and thrown together as one BAD_USER_INPUT error; nothing is guessed.
 * Headers are resolved by `headers` (a framework's aliases and the trust's
 * column map), the catalogue alone when not given.
 */
export function readEvidence(
  entries: Iterable<EvidenceEntry>,
  headers: HeaderResolver = CATALOGUE_HEADERS,
): Evidence {
  const read = readEvidenceParts(entries, headers);
  if (read.problems !== null) throw badInput(read.problems.map((each) => each.problem));
  return read.evidence;
}

/**
 * Reads a row of evidence and returns the problems beside what could be read,
 * each with the indicators it concerns, so that a bad cell blocks only the
 * frameworks that use its indicator (DOMAIN.md).
 */
export function readEvidenceParts(
  entries: Iterable<EvidenceEntry>,
  headers: HeaderResolver = CATALOGUE_HEADERS,
): { readonly evidence: Evidence; readonly problems: readonly ReadProblem[] | null } {
  let problems: ReadProblem[] | null = null;
  const values = new Map<string, number | string | boolean>();
  const grades = new Map<string, OfstedGradeReading>();
  /** The header each indicator was read from, as written, for problems found after the cells. */
  const columns = new Map<string, string>();
  for (const entry of entries) {
    const resolved = typeof entry?.indicator === "string" ? headers.resolve(entry.indicator) : null;
    if (resolved?.kind === "ignored") continue;
    const column = String(entry?.indicator ?? "");
    if (resolved?.kind === "ambiguous") {
      (problems ??= []).push({
        // An ambiguous header is asked, never left out (unlike an unknown one,
        // NOT_FOUND, which a workbook may leave out).
        problem: {
          field: "indicator",
          column,
          value: entry.indicator.slice(0, 60),
          accepts: resolved.choices.map((choice) => choice.key).join(", "),
          message: resolved.message,
        },
        indicators: resolved.choices.map((choice) => choice.key),
      });
      continue;
    }
    if (resolved?.kind !== "indicator") {
      (problems ??= []).push({ problem: unknownIndicator(column), indicators: null });
      continue;
    }
    const indicator = resolved.indicator;
    if (!columns.has(indicator.key)) columns.set(indicator.key, column);
    const reading = readCell(indicator, entry.value, entry.percentFormatted);
    if (!reading.ok) {
      (problems ??= []).push({
        problem: { ...reading.problem, column },
        indicators: [indicator.key],
      });
      continue;
    }
    if (reading.value === null) continue;
    const ofstedField = indicator.kind === "ofstedGrade" ? ofstedFieldOf(indicator.key) : null;
    const earlier = ofstedField === null ? values.get(indicator.key) : grades.get(ofstedField);
    if (earlier !== undefined) {
      if (!sameValue(earlier, reading.value)) {
        (problems ??= []).push({
          problem: {
            field: "value",
            column,
            indicator: indicator.key,
            message: `${indicator.label} (${indicator.key}) is given twice with different values; accepts one value per indicator`,
          },
          indicators: [indicator.key],
        });
      }
      continue;
    }
    if (ofstedField !== null) {
      grades.set(ofstedField, reading.value as OfstedGradeReading);
    } else {
      values.set(indicator.key, reading.value as number | string | boolean);
    }
  }
  const inspection = inspectionEvidence({
    framework: (values.get("ofsted.framework") as InspectionFrameworkKey | undefined) ?? null,
    date: (values.get("ofsted.date") as string | undefined) ?? null,
    safeguardingMet: (values.get("ofsted.safeguarding") as boolean | undefined) ?? null,
    grades,
  });
  if (!inspection.ok)
    for (const problem of inspection.problems) {
      const column = problem.indicator === undefined ? undefined : columns.get(problem.indicator);
      (problems ??= []).push({
        problem: column === undefined ? problem : { ...problem, column },
        indicators: [INSPECTION_PROBLEM],
      });
    }
  return {
    evidence: {
      values,
      inspection: inspection.ok ? inspection.evidence : null,
      phase: (values.get("phase") as Phase | undefined) ?? null,
    },
    problems,
  };
}
