// Turns the ranges a formula passes into the row the server reads: each
// cell's header (or indicator name) and its value as Excel holds it (text or
// a number). The server maps headers to indicators by alias and reads the
// values; nothing is guessed here.
//
// With headers: `values` and `headers` are ranges of the same size (usually
// a row each), paired cell by cell; columns with a blank header are left out
// (and the server's answer lists headers naming no indicator, see
// designation-requests.ts).
// Without headers: `values` is a two-column range, indicator then value, one
// pair per row (blank indicators are skipped).
//
// A recalculation calls this once per cell (10,000 times for a sheet of
// 1,000 academies): it walks the ranges once, making no object per cell.
import { badInput, cellErrorText } from "./excel-error.js";
import { splitAddress } from "./number-formats.js";
import type { WireCell } from "./operations.js";

/** A cell of the row holding an Excel error: read as not available, and named by MAT.EXPLAIN. */
export interface ErrorCell {
  readonly indicator: string;
  /** As Excel shows it: "#N/A". */
  readonly error: string;
  /** The cell's address ("'Risk matrix'!F3") when the range's address is known. */
  readonly cell: string | null;
}

function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce(
    (sum, letter) => sum * 26 + letter.charCodeAt(0) - 64,
    0,
  );
}

function columnLetters(column: number): string {
  let letters = "";
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26))
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/** The address of the cell `row` rows and `column` columns into a range ("Sheet1!B3:L3"); null when unreadable. */
export function cellAddress(range: string, row: number, column: number): string | null {
  const [sheet, local] = splitAddress(range);
  const start = /^\$?([A-Za-z]{1,3})\$?(\d+)/.exec(local);
  if (!start) return null;
  const cell = `${columnLetters(columnNumber(start[1]!) + column)}${Number(start[2]) + row}`;
  if (sheet === null) return cell;
  const quoted = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${quoted}!${cell}`;
}

/** A cell as text for the server: blanks and Excel errors are "not available". */
export function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value.trim() === "" ? null : value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : null;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  // An error value (#N/A, #DIV/0!) or a rich value: nothing to read.
  return null;
}

/** A cell as the server reads it: a number stays a number (read as Excel holds it), the rest as cellText. */
export function cellValue(value: unknown): WireCell {
  return typeof value === "number" ? (Number.isFinite(value) ? value : null) : cellText(value);
}

/** An academy's row as the server reads it, cell by cell. */
export interface EvidenceRow {
  /** Each cell's header (or, without headers, its indicator), blanks left out. */
  readonly columns: readonly string[];
  /** Each cell's value, in the order of `columns`. */
  readonly values: readonly WireCell[];
  /** Whether each cell is percent-formatted, when the formats were read (null for a cell not known); null when not read. */
  readonly percent: readonly (boolean | null)[] | null;
  /** True when the columns are a header row's texts. */
  readonly headed: boolean;
  /** Cells holding an Excel error, read as not available. */
  readonly errors: readonly ErrorCell[];
}

function isRange(value: unknown): value is unknown[][] {
  return Array.isArray(value) && value.every((row) => Array.isArray(row));
}

function cellCount(range: readonly (readonly unknown[])[]): number {
  let count = 0;
  for (const row of range) count += row.length;
  return count;
}

/** What evidenceRow collects, cell by cell. */
class RowBuilder {
  readonly columns: string[] = [];
  readonly values: WireCell[] = [];
  readonly percent: (boolean | null)[] | null;
  readonly errors: ErrorCell[] = [];

  constructor(
    private readonly formats: readonly (readonly boolean[])[] | null,
    private readonly address: string | null,
  ) {
    this.percent = formats ? [] : null;
  }

  add(indicator: string, value: unknown, row: number, column: number): void {
    this.columns.push(indicator);
    this.values.push(cellValue(value));
    if (this.percent) {
      const flag = this.formats?.[row]?.[column];
      this.percent.push(typeof flag === "boolean" ? flag : null);
    }
    // Only an object can be an error value: most cells are text or numbers.
    const error = typeof value === "object" && value !== null ? cellErrorText(value) : null;
    if (error)
      this.errors.push({
        indicator,
        error,
        cell: this.address ? cellAddress(this.address, row, column) : null,
      });
  }

  row(headed: boolean): EvidenceRow {
    const { columns, values, percent, errors } = this;
    return { columns, values, percent, headed, errors };
  }
}

/** The cells of a row, and whether their columns came from a header row. */
export function evidenceRow(
  values: unknown,
  headers: unknown,
  /** Whether each cell of `values` is percent-formatted, when read (same shape); null: not known. */
  formats: readonly (readonly boolean[])[] | null = null,
  /** The address of `values` (from @requiresParameterAddresses), to name a cell holding an error. */
  address: string | null = null,
): EvidenceRow {
  if (!isRange(values)) throw badInput("values: give a range of cells");
  const row = new RowBuilder(formats, address);
  if (headers !== null && headers !== undefined) {
    if (!isRange(headers)) throw badInput("headers: give the header row as a range");
    const size = cellCount(values);
    if (cellCount(headers) !== size)
      throw badInput(
        `values has ${size} cells but headers has ${cellCount(headers)}; give the header row and the academy's row with the same columns`,
      );
    // Paired in reading order (row by row), whatever the two ranges' shapes.
    let headerRow = 0;
    let headerColumn = 0;
    for (let r = 0; r < values.length; r++) {
      const cells = values[r]!;
      for (let c = 0; c < cells.length; c++) {
        while (headerColumn >= headers[headerRow]!.length) {
          headerRow += 1;
          headerColumn = 0;
        }
        const indicator = cellText(headers[headerRow]![headerColumn++])?.trim();
        if (indicator) row.add(indicator, cells[c], r, c);
      }
    }
    return row.row(true);
  }
  if (values.some((pair) => pair.length !== 2))
    throw badInput(
      "values: without headers, give a two-column range of indicator and value (one pair per row)",
    );
  for (let r = 0; r < values.length; r++) {
    const indicator = cellText(values[r]![0])?.trim();
    if (indicator) row.add(indicator, values[r]![1], r, 1);
  }
  return row.row(false);
}
