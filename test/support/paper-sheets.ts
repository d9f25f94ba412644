// Reading a board paper's workbook as a governor sees it: each sheet's rows
// as text, the value beside a label in the title block, and the table under
// a header row as records by column header.
import ExcelJS from "exceljs";

/** The worksheet's rows as cell values, from the first row; each row starts at column A. */
export function rowsOf(sheet: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values: ExcelJS.CellValue[] = [];
    for (let column = 1; column <= sheet.columnCount; column++)
      values.push(row.getCell(column).value);
    rows[number - 1] = values;
  });
  return Array.from(rows, (row) => row ?? []);
}

/** Every text a sheet shows, one line per row, cells joined by " | ". */
export function sheetText(sheet: ExcelJS.Worksheet): string {
  return rowsOf(sheet)
    .map((row) => row.filter((value) => value !== null && value !== undefined).join(" | "))
    .join("\n");
}

/** The value beside a label in column A (the title block, the designation); undefined when absent. */
export function labelled(sheet: ExcelJS.Worksheet, label: string): ExcelJS.CellValue | undefined {
  return rowsOf(sheet).find((row) => row[0] === label)?.[1];
}

/** The rows under the header row that starts with `first`, as records by header, up to a blank row. */
export function tableOf(
  sheet: ExcelJS.Worksheet,
  first: string,
): { header: ExcelJS.Row; records: Record<string, ExcelJS.Cell>[] } {
  let header: ExcelJS.Row | null = null;
  sheet.eachRow((row) => {
    if (!header && row.getCell(1).value === first && row.getCell(2).value !== null) header = row;
  });
  if (!header) throw new Error(`no table headed "${first}" on sheet ${sheet.name}`);
  const head: ExcelJS.Row = header;
  const names: string[] = [];
  head.eachCell((cell, column) => (names[column] = String(cell.value)));
  const records: Record<string, ExcelJS.Cell>[] = [];
  for (let number = head.number + 1; number <= sheet.rowCount; number++) {
    const row = sheet.getRow(number);
    if (row.getCell(1).value === null || row.getCell(1).value === undefined) break;
    const record: Record<string, ExcelJS.Cell> = {};
    names.forEach((name, column) => name && (record[name] = row.getCell(column)));
    records.push(record);
  }
  return { header: head, records };
}

export async function workbookOf(body: ArrayBuffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body);
  return workbook;
}
