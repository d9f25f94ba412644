/// <reference types="office-js" />
// Reads the risk matrix the user points at: the Excel table the selection is
// in, or the selected range (a single selected cell means the block around it).
import { sheetTableOf, type CellValue, type SheetTable } from "./sheet-table.js";

const RANGE_PROPERTIES = "address,values,rowIndex,columnIndex";

async function readBlock(
  context: Excel.RequestContext,
  range: Excel.Range,
  tableName: string | null,
): Promise<SheetTable> {
  range.load(RANGE_PROPERTIES);
  range.worksheet.load("name");
  await context.sync();
  return sheetTableOf(range.values as CellValue[][], {
    sheet: range.worksheet.name,
    address: range.address,
    tableName,
    rowIndex: range.rowIndex,
    columnIndex: range.columnIndex,
  });
}

/** The table the selection is in, else the selected range, else (one cell selected) the block around it. */
export async function readSelectedTable(context: Excel.RequestContext): Promise<SheetTable> {
  const selected = context.workbook.getSelectedRange();
  selected.load("cellCount");
  const tables = selected.getTables(false);
  tables.load("items/name");
  await context.sync();
  const table = tables.items[0];
  if (table) return readTableByName(context, table.name);
  const block = selected.cellCount === 1 ? selected.getSurroundingRegion() : selected;
  return readBlock(context, block, null);
}

/** An Excel table by name, header row included. */
export async function readTableByName(
  context: Excel.RequestContext,
  name: string,
): Promise<SheetTable> {
  return readBlock(context, context.workbook.tables.getItem(name).getRange(), name);
}

/** The workbook's tables, to offer beside "use the selection". */
export async function listTables(context: Excel.RequestContext): Promise<string[]> {
  const tables = context.workbook.tables;
  tables.load("items/name");
  await context.sync();
  return tables.items.map((table) => table.name);
}
