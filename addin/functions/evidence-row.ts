// Turns the ranges a formula passes into the cells the server reads: each
// header (or indicator name) with the value as text. The server maps
// headers to indicators by alias and reads the values; nothing is guessed
// here.
//
// With headers: `values` and `headers` are ranges of the same size (usually
// a row each), paired cell by cell; columns with a blank header are left out
// (and the server's answer leaves out headers naming no indicator, see
// designation-requests.ts).
// Without headers: `values` is a two-column range, indicator then value, one
// pair per row (blank indicators are skipped).
import { badInput, cellErrorText } from "./excel-error.js";
import { splitAddress } from "./number-formats.js";
import type { EvidenceCell } from "./operations.js";

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

function flatten(range: readonly (readonly unknown[])[]): unknown[] {
  return range.flatMap((row) => (Array.isArray(row) ? row : [row]));
}

/** [row, column] of each cell of a range, in the order flatten() gives them. */
function positions(range: readonly (readonly unknown[])[]): [number, number][] {
  return range.flatMap((row, r) =>
    (Array.isArray(row) ? row : [row]).map((_, c): [number, number] => [r, c]),
  );
}

function isRange(value: unknown): value is unknown[][] {
  return Array.isArray(value) && value.every((row) => Array.isArray(row));
}

/** The cells of a row, and whether their indicators came from a header row. */
export function evidenceRow(
  values: unknown,
  headers: unknown,
  /** Whether each cell of `values` is percent-formatted, when read (same shape); null: not known. */
  formats: readonly (readonly boolean[])[] | null = null,
  /** The address of `values` (from @requiresParameterAddresses), to name a cell holding an error. */
  address: string | null = null,
): { evidence: EvidenceCell[]; headed: boolean; errors: ErrorCell[] } {
  const formatOf = formats ? flatten(formats) : null;
  const errors: ErrorCell[] = [];
  const noteError = (indicator: string, value: unknown, row: number, column: number) => {
    const error = cellErrorText(value);
    if (error)
      errors.push({ indicator, error, cell: address ? cellAddress(address, row, column) : null });
  };
  if (!isRange(values)) throw badInput("values: give a range of cells");
  if (headers !== null && headers !== undefined) {
    if (!isRange(headers)) throw badInput("headers: give the header row as a range");
    const names = flatten(headers);
    const cells = flatten(values);
    const at = positions(values);
    if (names.length !== cells.length)
      throw badInput(
        `values has ${cells.length} cells but headers has ${names.length}; give the header row and the academy's row with the same columns`,
      );
    const evidence: EvidenceCell[] = [];
    names.forEach((name, index) => {
      const indicator = cellText(name)?.trim();
      if (!indicator) return;
      const [row, column] = at[index]!;
      noteError(indicator, cells[index], row, column);
      const percent = formatOf?.[index];
      evidence.push(
        typeof percent === "boolean"
          ? { indicator, value: cellText(cells[index]), percentFormatted: percent }
          : { indicator, value: cellText(cells[index]) },
      );
    });
    return { evidence, headed: true, errors };
  }
  if (values.some((row) => row.length !== 2))
    throw badInput(
      "values: without headers, give a two-column range of indicator and value (one pair per row)",
    );
  const evidence = values.flatMap(([name, value], row) => {
    const indicator = cellText(name)?.trim();
    if (!indicator) return [];
    noteError(indicator, value, row, 1);
    const percent = formats?.[row]?.[1];
    return [
      typeof percent === "boolean"
        ? { indicator, value: cellText(value), percentFormatted: percent }
        : { indicator, value: cellText(value) },
    ];
  });
  return { evidence, headed: false, errors };
}
