// An academy's evidence: one row of the risk matrix, read cell by cell into
// typed values, with the Ofsted cells put together as one versioned inspection.
import type { Problem } from "../shared/problem.js";
import { badInput } from "./errors.js";
import { CATALOGUE_HEADERS, type HeaderResolution, type HeaderResolver } from "./headers.js";
import type { Indicator } from "./indicators.js";
import {
  readCell,
  type CellReading,
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
): EvidenceParts {
  const row = new RowBuilder();
  for (const entry of entries) {
    const resolved = typeof entry?.indicator === "string" ? headers.resolve(entry.indicator) : null;
    if (resolved?.kind === "ignored") continue;
    const column = String(entry?.indicator ?? "");
    const problem = headerProblem(resolved, column, entry?.indicator);
    if (problem !== null) {
      row.problem(problem);
      continue;
    }
    const indicator = (resolved as { indicator: Indicator }).indicator;
    row.cell(indicator, column, readCell(indicator, entry.value, entry.percentFormatted));
  }
  return row.finish();
}

/** What a row gave: its evidence, and every problem met on the way (null: none). */
export interface EvidenceParts {
  readonly evidence: Evidence;
  readonly problems: readonly ReadProblem[] | null;
}

/**
 * The problem with a header that names no single indicator (null when it
 * names one): an ambiguous header blocks the indicators it could mean, an
 * unknown one every framework.
 */
export function headerProblem(
  resolved: HeaderResolution | null,
  column: string,
  header: unknown,
): ReadProblem | null {
  if (resolved?.kind === "indicator" || resolved?.kind === "ignored") return null;
  if (resolved?.kind === "ambiguous") {
    return {
      // An ambiguous header is asked, never left out (unlike an unknown one,
      // NOT_FOUND, which a workbook may leave out).
      problem: {
        field: "indicator",
        column,
        value: String(header).slice(0, 60),
        accepts: resolved.choices.map((choice) => choice.key).join(", "),
        message: resolved.message,
      },
      indicators: resolved.choices.map((choice) => choice.key),
    };
  }
  return { problem: unknownIndicator(column), indicators: null };
}

/**
 * One row's cells put together as they are read, by readEvidenceParts (cells
 * under their own headers) and by a compiled row reader (row-reader.ts: cells
 * against a header row resolved once): values by indicator, Ofsted grades by
 * field, the same indicator twice only when it agrees, and the inspection
 * checked as a whole at the end.
 */
export class RowBuilder {
  private readonly values = new Map<string, number | string | boolean>();
  private readonly grades = new Map<string, OfstedGradeReading>();
  /** The header each Ofsted indicator was read from, as written, for the inspection's problems. */
  private columns: Map<string, string> | null = null;
  private problems: ReadProblem[] | null = null;

  problem(problem: ReadProblem): void {
    (this.problems ??= []).push(problem);
  }

  /**
   * One cell's reading. `once` says the header row names this indicator in no
   * other column (a compiled row reader knows), so no earlier value need be
   * looked for.
   */
  cell(indicator: Indicator, column: string, reading: CellReading, once = false): void {
    // Only the inspection's problems (ofsted.*) are found after the cells.
    if (indicator.key.startsWith(OFSTED_PREFIX)) {
      this.columns ??= new Map();
      if (!this.columns.has(indicator.key)) this.columns.set(indicator.key, column);
    }
    if (!reading.ok) {
      this.problem({ problem: { ...reading.problem, column }, indicators: [indicator.key] });
      return;
    }
    if (reading.value === null) return;
    const ofstedField = indicator.kind === "ofstedGrade" ? ofstedFieldOf(indicator.key) : null;
    if (once && ofstedField === null) {
      this.values.set(indicator.key, reading.value as number | string | boolean);
      return;
    }
    const earlier =
      ofstedField === null ? this.values.get(indicator.key) : this.grades.get(ofstedField);
    if (earlier !== undefined) {
      if (!sameValue(earlier, reading.value)) {
        this.problem({
          problem: {
            field: "value",
            column,
            indicator: indicator.key,
            message: `${indicator.label} (${indicator.key}) is given twice with different values; accepts one value per indicator`,
          },
          indicators: [indicator.key],
        });
      }
      return;
    }
    if (ofstedField !== null) this.grades.set(ofstedField, reading.value as OfstedGradeReading);
    else this.values.set(indicator.key, reading.value as number | string | boolean);
  }

  finish(): EvidenceParts {
    const { values, grades } = this;
    const inspection = inspectionEvidence({
      framework: (values.get("ofsted.framework") as InspectionFrameworkKey | undefined) ?? null,
      date: (values.get("ofsted.date") as string | undefined) ?? null,
      safeguardingMet: (values.get("ofsted.safeguarding") as boolean | undefined) ?? null,
      grades,
    });
    if (!inspection.ok)
      for (const problem of inspection.problems) {
        const column =
          problem.indicator === undefined ? undefined : this.columns?.get(problem.indicator);
        this.problem({
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
      problems: this.problems,
    };
  }
}
