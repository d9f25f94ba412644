// Designates many rows under one framework, each row on its own: a row that
// cannot be read answers with its problems (each placed at its row) and does
// not stop its neighbours. Two shapes of input: rows of evidence entries
// (designateBatch), and a matrix of cells under one header row
// (designateRows, as a workbook holds them and as the add-in sends a
// recalculation's cells).
//
// Under a header row, each header is resolved once (the trust's column map,
// then the framework's aliases, then the catalogue). A column whose header
// names no indicator (URN, Academy, Notes) is left out of every row and
// reported once, as the workbook reader leaves it out (DOMAIN.md "Reading a
// trust's own workbook"); a column with a blank header, or one the trust or
// the framework says is not evidence, is left out silently. Every other cell
// is read as designateEntries reads a row.
import { designateParts } from "./designate-entries.js";
import { badInput, DomainError, inRow, type Problem } from "./errors.js";
import {
  readEvidenceParts,
  unknownIndicator,
  type EvidenceEntry,
  type EvidenceParts,
} from "./evidence.js";
import { compileRowReader } from "./row-reader.js";
import type { PercentFormatted } from "./cell-value.js";
import type { ColumnChoice } from "./headers.js";
import type { CompiledFramework, Designation } from "./frameworks/compile-framework.js";

/** One row's outcome: its designation, or the problems that stopped it (each with its row). */
export type RowOutcome =
  | { readonly designation: Designation; readonly problems: null }
  | { readonly designation: null; readonly problems: readonly Problem[] };

export interface DesignateRowsOptions {
  readonly year?: string | null;
  /** The trust's saved column map, resolved before the framework's aliases. */
  readonly columnMap?: readonly ColumnChoice[] | null;
}

/** The framework with the trust's column map in front of its aliases: one resolver for a whole batch. */
function withColumnMap(
  framework: CompiledFramework,
  columnMap: readonly ColumnChoice[] | null | undefined,
): CompiledFramework {
  return columnMap && columnMap.length > 0
    ? { ...framework, headers: framework.headers.withColumnMap(columnMap) }
    : framework;
}

/** Designates `count` rows, each row read (entries or cells) when its turn comes. */
function designateEach(
  framework: CompiledFramework,
  count: number,
  partsOf: (row: number) => EvidenceParts,
  year: string | null,
): RowOutcome[] {
  const outcomes: RowOutcome[] = new Array(count);
  for (let index = 0; index < count; index++) outcomes[index] = designateOne(index);
  return outcomes;

  function designateOne(index: number): RowOutcome {
    try {
      return { designation: designateParts(framework, partsOf(index), year), problems: null };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return {
        designation: null,
        problems: error.problems.map((problem) => inRow(problem, index)),
      };
    }
  }
}

/** Rows of evidence entries (designateBatch), each designated on its own. */
export function designateRowsOfEntries(
  framework: CompiledFramework,
  rows: readonly (readonly EvidenceEntry[])[],
  options: DesignateRowsOptions = {},
): RowOutcome[] {
  const headed = withColumnMap(framework, options.columnMap);
  return designateEach(
    headed,
    rows.length,
    (row) => readEvidenceParts(rows[row]!, headed.headers),
    options.year ?? null,
  );
}

/** A cell of a matrix as Excel hands it over: text, a number, a flag, or blank. */
export type MatrixCell = string | number | boolean | null;

export interface MatrixOptions extends DesignateRowsOptions {
  /**
   * Each cell's number format where known, in the shape of the rows: true
   * percent-formatted, false another format, null not known (anything else
   * is refused).
   */
  readonly percentFormatted?: readonly (readonly MatrixCell[])[] | null;
}

export interface MatrixDesignations {
  /** One outcome per row, in order. */
  readonly rows: readonly RowOutcome[];
  /** Each header that names no indicator, once (NOT_FOUND, no row): its column was left out. */
  readonly unknownHeaders: readonly Problem[];
}

/** Every row has a cell per header, and the formats (when given) a flag per cell. */
function shapeProblems(
  headers: readonly string[],
  rows: readonly (readonly MatrixCell[])[],
  formats: readonly (readonly MatrixCell[])[] | null,
): Problem[] {
  const problems: Problem[] = [];
  const width = headers.length;
  rows.forEach((cells, row) => {
    if (cells.length !== width)
      problems.push({
        field: "rows",
        row,
        value: String(cells.length),
        accepts: `${width} cells, one per header`,
        message: `rows: has ${cells.length} cells but headers has ${width}; give a cell per header (null for a blank)`,
      });
  });
  if (formats === null) return problems;
  if (formats.length !== rows.length)
    problems.push({
      field: "percentFormatted",
      value: String(formats.length),
      accepts: `${rows.length} rows, one per row of rows`,
      message: `percentFormatted: has ${formats.length} rows but rows has ${rows.length}; give one per row`,
    });
  formats.forEach((flags, row) => {
    const bad =
      flags.length !== width || flags.some((flag) => flag !== null && typeof flag !== "boolean");
    if (bad)
      problems.push({
        field: "percentFormatted",
        row,
        accepts: `${width} cells, each true, false or null`,
        message: `percentFormatted: give ${width} cells, one per header, each true (percent-formatted), false (another format) or null (not known)`,
      });
  });
  return problems;
}

/**
 * Designates each row of a matrix under its header row. A matrix of the
 * wrong shape is a BAD_USER_INPUT error listing each row at fault.
 */
export function designateMatrix(
  framework: CompiledFramework,
  headers: readonly string[],
  rows: readonly (readonly MatrixCell[])[],
  options: MatrixOptions = {},
): MatrixDesignations {
  const formats = options.percentFormatted ?? null;
  const shape = shapeProblems(headers, rows, formats);
  if (shape.length > 0) throw badInput(shape);
  const headed = withColumnMap(framework, options.columnMap);
  const kept: number[] = [];
  const unknownHeaders: Problem[] = [];
  const listed = new Set<string>();
  headers.forEach((header, column) => {
    if (header.trim() === "") return;
    const resolution = headed.headers.resolve(header);
    if (resolution.kind === "ignored") return;
    if (resolution.kind === "unknown") {
      if (!listed.has(header)) unknownHeaders.push(unknownIndicator(header));
      listed.add(header);
      return;
    }
    kept.push(column);
  });
  // The kept columns' headers resolved once for every row; a column's words read once.
  const reader = compileRowReader(
    kept.map((column) => headers[column]!),
    headed.headers,
  );
  const cells: unknown[] = new Array(kept.length);
  const flags: PercentFormatted[] = new Array(kept.length);
  const partsOf = (row: number): EvidenceParts => {
    const rowCells = rows[row]!;
    const rowFlags = formats?.[row];
    for (let at = 0; at < kept.length; at++) {
      cells[at] = rowCells[kept[at]!];
      // Checked above: true, false or null.
      if (rowFlags) flags[at] = rowFlags[kept[at]!] as PercentFormatted;
    }
    return reader.read(cells, rowFlags ? flags : null);
  };
  return {
    rows: designateEach(headed, rows.length, partsOf, options.year ?? null),
    unknownHeaders,
  };
}
