// Reads a risk-matrix worksheet: a header row naming indicators (by key or
// workbook alias) and one academy per row. Columns that name no indicator
// (URN, academy name, notes) are reported, never guessed at.
import ExcelJS from "exceljs";
import { indicatorForHeader, type EvidenceEntry } from "../domain/index.js";

export interface RiskMatrixRow {
  /** 1-based row number in the sheet, for error reports. */
  readonly row: number;
  readonly urn: string | null;
  readonly name: string | null;
  readonly entries: readonly EvidenceEntry[];
}

export interface RiskMatrixSheet {
  readonly sheetName: string;
  readonly mapped: readonly { readonly header: string; readonly indicator: string }[];
  readonly unmapped: readonly string[];
  readonly rows: readonly RiskMatrixRow[];
}

const URN_HEADERS = new Set(["urn", "academyurn", "schoolurn"]);
const NAME_HEADERS = new Set(["academy", "academyname", "school", "schoolname", "name"]);

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

export async function readRiskMatrix(
  file: string | Buffer,
  sheet?: string,
): Promise<RiskMatrixSheet> {
  const workbook = new ExcelJS.Workbook();
  if (typeof file === "string") await workbook.xlsx.readFile(file);
  else await workbook.xlsx.load(file as unknown as ArrayBuffer);
  const worksheet = sheet ? workbook.getWorksheet(sheet) : workbook.worksheets[0];
  if (!worksheet)
    throw new Error(
      sheet ? `No sheet called "${sheet}" in the workbook` : "The workbook has no sheets",
    );
  const headers: (string | null)[] = [];
  worksheet.getRow(1).eachCell({ includeEmpty: true }, (cell, column) => {
    const text = cellValue(cell.value);
    headers[column] = text === null ? null : String(text).trim();
  });
  const mapped: { header: string; indicator: string; column: number }[] = [];
  const unmapped: string[] = [];
  let urnColumn: number | null = null;
  let nameColumn: number | null = null;
  headers.forEach((header, column) => {
    if (!header) return;
    if (URN_HEADERS.has(fold(header))) urnColumn = column;
    else if (NAME_HEADERS.has(fold(header))) nameColumn = column;
    else {
      const indicator = indicatorForHeader(header);
      if (indicator) mapped.push({ header, indicator: indicator.key, column });
      else unmapped.push(header);
    }
  });
  const rows: RiskMatrixRow[] = [];
  worksheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const read = (column: number | null) =>
      column === null ? null : cellValue(row.getCell(column).value);
    const urn = read(urnColumn);
    const name = read(nameColumn);
    rows.push({
      row: rowNumber,
      urn: urn === null ? null : String(urn),
      name: name === null ? null : String(name),
      entries: mapped.map(({ indicator, column }) => ({ indicator, value: read(column) })),
    });
  });
  return {
    sheetName: worksheet.name,
    mapped: mapped.map(({ header, indicator }) => ({ header, indicator })),
    unmapped,
    rows,
  };
}
