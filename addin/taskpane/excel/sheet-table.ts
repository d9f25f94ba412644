import {
  CATALOGUE_HEADERS,
  isPercentFormat,
  type HeaderResolver,
} from "../../../server/shared/index.js";
// A block of the workbook read as a risk matrix: a header row and one row per
// academy, with where it sits so results can be written beside it. The header
// row is found, not assumed: the row naming the most indicators (ties go to
// the lower row); group headings above it are skipped, never academies.

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
  /** Per row and column: whether the cell is percent-formatted (Excel's numberFormat), when read. */
  readonly percentFormats?: readonly (readonly boolean[])[];
  /** Rows above the header row that were skipped as headings. */
  readonly headingRows?: number;
}

/** How far down a header row is looked for. */
const HEADER_SEARCH_ROWS = 30;

/** The index of the row naming the most indicators (the lower one on a tie), or 0 when none does. */
export function headerRowOf(
  values: readonly (readonly CellValue[])[],
  resolver: HeaderResolver = CATALOGUE_HEADERS,
): number {
  let best = 0;
  let found = 0;
  values.slice(0, HEADER_SEARCH_ROWS).forEach((row, index) => {
    let count = 0;
    for (const cell of row) {
      const text = typeof cell === "string" ? cell.trim() : "";
      if (!text) continue;
      const kind = resolver.resolve(text).kind;
      if (kind === "indicator" || kind === "ambiguous") count += 1;
    }
    if (count > 0 && count >= best) {
      best = count;
      found = index;
    }
  });
  return found;
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

/** Turns a block of values into a SheetTable, its header row found by `resolver`. */
export function sheetTableOf(
  block: readonly (readonly CellValue[])[],
  where: Omit<SheetTable, "headers" | "rows" | "percentFormats" | "headingRows">,
  options: {
    readonly resolver?: HeaderResolver;
    /** Excel's numberFormat for the same block. */
    readonly numberFormats?: readonly (readonly unknown[])[];
  } = {},
): SheetTable {
  const skip = headerRowOf(block, options.resolver);
  const values = block.slice(skip);
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
  const formats = options.numberFormats?.slice(skip + 1, skip + 1 + end);
  return {
    ...where,
    rowIndex: where.rowIndex + skip,
    headers,
    rows: body.slice(0, end),
    ...(formats ? { percentFormats: formats.map((row) => row.map(isPercentFormat)) } : {}),
    headingRows: skip,
  };
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
