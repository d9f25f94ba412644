// A block of the workbook read as a risk matrix: a header row and one row per
// academy, with where it sits so results can be written beside it.

export type CellValue = string | number | boolean;

export interface SheetTable {
  /** Worksheet name. */
  readonly sheet: string;
  /** Address as Excel gives it, e.g. 'Risk matrix'!A1:AE15. */
  readonly address: string;
  /** The Excel table the block is, or null for a plain range. */
  readonly tableName: string | null;
  /** Zero-based row of the header row on the sheet. */
  readonly rowIndex: number;
  /** Zero-based first column on the sheet. */
  readonly columnIndex: number;
  readonly headers: readonly string[];
  /** One row per academy, under the headers; blank rows at the end are dropped. */
  readonly rows: readonly (readonly CellValue[])[];
}

/** Something about the workbook that stops an action, in words for the user. */
export class WorkbookProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkbookProblem";
  }
}

function isBlank(value: CellValue | null | undefined): boolean {
  return (
    value === null || value === undefined || (typeof value === "string" && value.trim() === "")
  );
}

/** Turns a block of values (header row first) into a SheetTable. */
export function sheetTableOf(
  values: readonly (readonly CellValue[])[],
  where: Omit<SheetTable, "headers" | "rows">,
): SheetTable {
  const [headerRow, ...body] = values;
  if (!headerRow || body.length === 0) {
    throw new WorkbookProblem(
      `${where.address} has no rows under its header row: select the risk matrix with its headers and at least one academy.`,
    );
  }
  const headers = headerRow.map((cell) => String(cell ?? "").trim());
  if (headers.every((header) => header === "")) {
    throw new WorkbookProblem(
      `The first row of ${where.address} is blank: it must hold the column headers.`,
    );
  }
  let end = body.length;
  while (end > 0 && body[end - 1]!.every(isBlank)) end -= 1;
  return { ...where, headers, rows: body.slice(0, end) };
}

/** Column letters for a zero-based column index: 0 is A, 30 is AE. */
export function columnLetters(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** The sheet row number (1-based, as Excel shows it) of academy row `index` of a table. */
export function sheetRowNumber(table: Pick<SheetTable, "rowIndex">, index: number): number {
  return table.rowIndex + 2 + index;
}
