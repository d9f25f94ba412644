// Reads a trust's risk-matrix worksheet as the trust laid it out (DOMAIN.md
// "Reading a trust's own workbook"): the header row is found, not assumed (the
// row naming the most indicators; ties go to the lower row; group headings
// above it are skipped, never academies), blank rows are skipped, and each
// cell keeps its number format so a percent-formatted cell is read as Excel
// shows it. Which indicator a header means depends on the framework and the
// trust's column map, so headers are resolved per framework by `entriesFor`.
import type ExcelJS from "exceljs";
import { loadExcelJS } from "./exceljs.js";
import {
  CATALOGUE_HEADERS,
  isPercentFormat,
  type EvidenceEntry,
  type HeaderResolution,
  type HeaderResolver,
} from "../domain/index.js";

export interface MatrixCell {
  /** 1-based column number and its letter ("F"). */
  readonly column: number;
  readonly letter: string;
  readonly header: string;
  readonly value: unknown;
  /** True when the cell is percent-formatted, false for any other format. */
  readonly percentFormatted: boolean;
}

export interface RiskMatrixRow {
  /** 1-based row number in the sheet, for error reports. */
  readonly row: number;
  readonly urn: string | null;
  readonly name: string | null;
  /** The row's cells under evidence headers (URN and name columns excluded). */
  readonly cells: readonly MatrixCell[];
}

export interface RiskMatrixSheet {
  readonly sheetName: string;
  /** Every sheet in the workbook, in order (the user picks one with `sheet`). */
  readonly sheetNames: readonly string[];
  /** The row found to hold the headers; rows above it are headings. */
  readonly headerRow: number;
  /** Evidence columns (URN and name columns excluded). */
  readonly columns: readonly {
    readonly column: number;
    readonly letter: string;
    readonly header: string;
  }[];
  readonly rows: readonly RiskMatrixRow[];
}

const URN_HEADERS = new Set(["urn", "academyurn", "schoolurn"]);
const NAME_HEADERS = new Set(["academy", "academyname", "school", "schoolname", "name"]);
/** How far down a header row is looked for. */
const HEADER_SEARCH_ROWS = 30;

const fold = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");

/** A cell's value as Excel would hand it to a custom function. */
function cellValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value === "object") {
    if ("result" in value) return value.result ?? null;
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("text" in value) return value.text;
    return null;
  }
  return value;
}

/** True when an Excel number format shows the number as a percentage ("0%", "0.0%"). */
export { isPercentFormat };

export function columnLetter(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** True when a header names an indicator (or could name several) under any of the resolvers. */
function namesIndicator(header: string, resolvers: readonly HeaderResolver[]): boolean {
  return resolvers.some((resolver) => {
    const kind = resolver.resolve(header).kind;
    return kind === "indicator" || kind === "ambiguous";
  });
}

/** The text of each non-empty cell of a row, by column. */
function rowTexts(row: ExcelJS.Row): Map<number, string> {
  const texts = new Map<number, string>();
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    const value = cellValue(cell.value);
    if (value === null) return;
    const text = String(value).trim();
    if (text !== "") texts.set(column, text);
  });
  return texts;
}

export interface ReadRiskMatrixOptions {
  /** The sheet to read; the first one when not given. */
  readonly sheet?: string | null;
  /** Header resolvers (one per framework in use): the header row is the one naming the most indicators under any of them. */
  readonly headers?: readonly HeaderResolver[];
}

export async function readRiskMatrix(
  file: string | Buffer,
  options: ReadRiskMatrixOptions = {},
): Promise<RiskMatrixSheet> {
  const workbook = new (await loadExcelJS()).Workbook();
  if (typeof file === "string") await workbook.xlsx.readFile(file);
  else await workbook.xlsx.load(file as unknown as ArrayBuffer);
  const sheetNames = workbook.worksheets.map((worksheet) => worksheet.name);
  const worksheet = options.sheet ? workbook.getWorksheet(options.sheet) : workbook.worksheets[0];
  if (!worksheet)
    throw new Error(
      options.sheet
        ? `No sheet called "${options.sheet}" in the workbook; its sheets are ${sheetNames.map((name) => `"${name}"`).join(", ")}`
        : "The workbook has no sheets",
    );
  const resolvers = options.headers?.length ? options.headers : [CATALOGUE_HEADERS];

  // The header row: the one naming the most indicators; on a tie, the lower one.
  let headerRow = 0;
  let best = 0;
  const last = Math.min(worksheet.rowCount, HEADER_SEARCH_ROWS);
  for (let number = 1; number <= last; number++) {
    let count = 0;
    for (const text of rowTexts(worksheet.getRow(number)).values())
      if (namesIndicator(text, resolvers)) count++;
    if (count > 0 && count >= best) {
      best = count;
      headerRow = number;
    }
  }
  if (headerRow === 0)
    throw new Error(
      `No header row naming an indicator in the first ${HEADER_SEARCH_ROWS} rows of sheet "${worksheet.name}"`,
    );

  const columns: { column: number; letter: string; header: string }[] = [];
  let urnColumn: number | null = null;
  let nameColumn: number | null = null;
  for (const [column, header] of rowTexts(worksheet.getRow(headerRow))) {
    if (urnColumn === null && URN_HEADERS.has(fold(header))) urnColumn = column;
    else if (nameColumn === null && NAME_HEADERS.has(fold(header))) nameColumn = column;
    else columns.push({ column, letter: columnLetter(column), header });
  }

  const rows: RiskMatrixRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber <= headerRow) return;
    const read = (column: number | null) =>
      column === null ? null : cellValue(row.getCell(column).value);
    const urn = read(urnColumn);
    const name = read(nameColumn);
    const cells = columns.map(({ column, letter, header }) => {
      const cell = row.getCell(column);
      return {
        column,
        letter,
        header,
        value: cellValue(cell.value),
        percentFormatted: isPercentFormat(cell.numFmt),
      };
    });
    const blank = (value: unknown) => value === null || String(value).trim() === "";
    if (blank(urn) && blank(name) && cells.every((cell) => blank(cell.value))) return;
    rows.push({
      row: rowNumber,
      urn: urn === null ? null : String(urn),
      name: name === null ? null : String(name),
      cells,
    });
  });
  return { sheetName: worksheet.name, sheetNames, headerRow, columns, rows };
}

/** How one framework (with the trust's column map) reads the sheet's headers. */
export interface ColumnReading {
  readonly column: number;
  readonly letter: string;
  readonly header: string;
  readonly resolution: HeaderResolution;
}

export function columnsFor(
  sheet: RiskMatrixSheet,
  headers: HeaderResolver,
): readonly ColumnReading[] {
  return sheet.columns.map((column) => ({ ...column, resolution: headers.resolve(column.header) }));
}

/**
 * A row's evidence entries for a framework: cells under headers it reads as
 * indicators (by key) or as ambiguous (by header, so the problem is reported
 * with its choices); unknown and ignored columns are left out.
 */
export function entriesFor(row: RiskMatrixRow, columns: readonly ColumnReading[]): EvidenceEntry[] {
  const entries: EvidenceEntry[] = [];
  columns.forEach((column, index) => {
    const cell = row.cells[index] as MatrixCell;
    const resolution = column.resolution;
    if (resolution.kind === "indicator")
      entries.push({
        indicator: resolution.indicator.key,
        value: cell.value,
        percentFormatted: cell.percentFormatted,
      });
    else if (resolution.kind === "ambiguous" && cell.value !== null)
      entries.push({ indicator: column.header, value: cell.value });
  });
  return entries;
}
