/// <reference types="office-js" />
// Reads the risk matrix the user points at: the Excel table the selection is
// in, or the selected range (a single selected cell means the block around it).
// Each cell's number format is read with its value (one sync), so a
// percent-formatted cell is read as Excel shows it (1 is 100%).
import { sheetTableOf, type CellValue, type SheetTable } from "./sheet-table.js";
import { type HeaderResolver } from "../../../server/shared/index.js";

const RANGE_PROPERTIES = "address,values,numberFormat,rowIndex,columnIndex";

async function readBlock(
  context: Excel.RequestContext,
  range: Excel.Range,
  tableName: string | null,
  resolver?: HeaderResolver,
): Promise<SheetTable> {
  range.load(RANGE_PROPERTIES);
  range.worksheet.load("name");
  await context.sync();
  const numberFormats = range.numberFormat as unknown[][] | undefined;
  return sheetTableOf(
    range.values as CellValue[][],
    {
      sheet: range.worksheet.name,
      address: range.address,
      tableName,
      rowIndex: range.rowIndex,
      columnIndex: range.columnIndex,
    },
    { ...(resolver ? { resolver } : {}), ...(numberFormats ? { numberFormats } : {}) },
  );
}

/** The table the selection is in, else the selected range, else (one cell selected) the block around it. */
export async function readSelectedTable(
  context: Excel.RequestContext,
  resolver?: HeaderResolver,
): Promise<SheetTable> {
  const selected = context.workbook.getSelectedRange();
  selected.load("cellCount");
  const tables = selected.getTables(false);
  tables.load("items/name");
  await context.sync();
  const table = tables.items[0];
  if (table) return readTableByName(context, table.name, resolver);
  const block = selected.cellCount === 1 ? selected.getSurroundingRegion() : selected;
  return readBlock(context, block, null, resolver);
}

/** A worksheet's used range (group headings above the header row are skipped). */
export async function readSheetByName(
  context: Excel.RequestContext,
  name: string,
  resolver?: HeaderResolver,
): Promise<SheetTable> {
  return readBlock(
    context,
    context.workbook.worksheets.getItem(name).getUsedRange(),
    null,
    resolver,
  );
}

/** The workbook's worksheets, for the sheet picker. */
export async function listSheets(context: Excel.RequestContext): Promise<string[]> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  return sheets.items.map((sheet) => sheet.name);
}

/** An Excel table by name, header row included. */
export async function readTableByName(
  context: Excel.RequestContext,
  name: string,
  resolver?: HeaderResolver,
): Promise<SheetTable> {
  return readBlock(context, context.workbook.tables.getItem(name).getRange(), name, resolver);
}

/** The workbook's tables, to offer beside "use the selection". */
export async function listTables(context: Excel.RequestContext): Promise<string[]> {
  const tables = context.workbook.tables;
  tables.load("items/name");
  await context.sync();
  return tables.items.map((table) => table.name);
}
