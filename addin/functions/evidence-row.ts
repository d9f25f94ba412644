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
import { badInput } from "./excel-error.js";
import type { EvidenceCell } from "./operations.js";

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

function isRange(value: unknown): value is unknown[][] {
  return Array.isArray(value) && value.every((row) => Array.isArray(row));
}

/** The cells of a row, and whether their indicators came from a header row. */
export function evidenceRow(
  values: unknown,
  headers: unknown,
  /** Whether each cell of `values` is percent-formatted, when read (same shape); null: not known. */
  formats: readonly (readonly boolean[])[] | null = null,
): { evidence: EvidenceCell[]; headed: boolean } {
  const formatOf = formats ? flatten(formats) : null;
  if (!isRange(values)) throw badInput("values: give a range of cells");
  if (headers !== null && headers !== undefined) {
    if (!isRange(headers)) throw badInput("headers: give the header row as a range");
    const names = flatten(headers);
    const cells = flatten(values);
    if (names.length !== cells.length)
      throw badInput(
        `values has ${cells.length} cells but headers has ${names.length}; give the header row and the academy's row with the same columns`,
      );
    const evidence: EvidenceCell[] = [];
    names.forEach((name, index) => {
      const indicator = cellText(name)?.trim();
      if (!indicator) return;
      const percent = formatOf?.[index];
      evidence.push(
        typeof percent === "boolean"
          ? { indicator, value: cellText(cells[index]), percentFormatted: percent }
          : { indicator, value: cellText(cells[index]) },
      );
    });
    return { evidence, headed: true };
  }
  if (values.some((row) => row.length !== 2))
    throw badInput(
      "values: without headers, give a two-column range of indicator and value (one pair per row)",
    );
  const evidence = values.flatMap(([name, value], row) => {
    const indicator = cellText(name)?.trim();
    if (!indicator) return [];
    const percent = formats?.[row]?.[1];
    return [
      typeof percent === "boolean"
        ? { indicator, value: cellText(value), percentFormatted: percent }
        : { indicator, value: cellText(value) },
    ];
  });
  return { evidence, headed: false };
}
