/// <reference types="office-js" />
// Writes each academy's designation and its reasons into two columns beside
// the risk matrix. Where to write is decided first (a read); the writes
// themselves all go to Excel in one batch, one context.sync.
import { columnLetters, WorkbookProblem, type SheetTable } from "./sheet-table.js";

/** How a designation cell is coloured: by the level's risk, or as a row that could not be designated. */
export type DesignationTone = "high" | "some" | "low" | "none" | "problem";

export interface DesignationCell {
  /** The level label, "Insufficient evidence", or what stopped the row. */
  readonly label: string;
  /** One line per source. */
  readonly reasons: string;
  readonly tone: DesignationTone;
}

export type DesignationPlacement =
  /** Cells at fixed sheet positions: beside a range, or over columns written before. */
  | {
      readonly kind: "cells";
      readonly sheet: string;
      readonly headerRowIndex: number;
      readonly columnIndex: number;
    }
  /** Two new columns at the end of an Excel table. */
  | { readonly kind: "table-columns"; readonly table: string };

const FILL: Readonly<Record<DesignationTone, string>> = {
  high: "#FDE7E9",
  some: "#FFF4CE",
  low: "#DFF6DD",
  none: "#F3F2F1",
  problem: "#FDE7E9",
};

/** The two headers written for a framework, so designating again finds and replaces them. */
export function designationHeaders(framework: string): [string, string] {
  return [`Designation (${framework})`, `Reasons (${framework})`];
}

/** Where the columns went, in words: an address such as 'Risk matrix'!AF1:AG15, or the table. */
export function describePlacement(placement: DesignationPlacement, rowCount: number): string {
  if (placement.kind === "table-columns") return `two new columns of table ${placement.table}`;
  const sheet = /^[A-Za-z0-9_]+$/.test(placement.sheet)
    ? placement.sheet
    : `'${placement.sheet.replace(/'/g, "''")}'`;
  const first = columnLetters(placement.columnIndex);
  const second = columnLetters(placement.columnIndex + 1);
  const top = placement.headerRowIndex + 1;
  return `${sheet}!${first}${top}:${second}${top + rowCount}`;
}

/** Whether a header is one Designate writes, under any framework. */
export function isDesignationHeader(header: string): boolean {
  return /^(Designation|Reasons) \([a-z0-9-]+\)$/i.test(header);
}

/** Text Excel keeps as text: a leading =, +, - or @ would otherwise start a formula. */
function asText(text: string): string {
  return /^[=+\-@]/.test(text) ? `'${text}` : text;
}

/**
 * Where the two columns go: over the columns written for this framework
 * before; at the end of the table; or in the two columns right of a range,
 * which must be empty (or hold an earlier result) so nothing is overwritten.
 */
export async function placeDesignations(
  context: Excel.RequestContext,
  source: SheetTable,
  framework: string,
): Promise<DesignationPlacement> {
  const [designation, reasons] = designationHeaders(framework);
  const at = source.headers.indexOf(designation);
  if (at >= 0 && source.headers[at + 1] === reasons) {
    return {
      kind: "cells",
      sheet: source.sheet,
      headerRowIndex: source.rowIndex,
      columnIndex: source.columnIndex + at,
    };
  }
  if (source.tableName) return { kind: "table-columns", table: source.tableName };
  const columnIndex = source.columnIndex + source.headers.length;
  const beside = context.workbook.worksheets
    .getItem(source.sheet)
    .getRangeByIndexes(source.rowIndex, columnIndex, source.rows.length + 1, 2);
  beside.load("values,address");
  await context.sync();
  const values = beside.values as unknown[][];
  const earlier = values[0]?.[0] === designation && values[0]?.[1] === reasons;
  const empty = values.every((row) => row.every((cell) => cell === "" || cell === null));
  if (!earlier && !empty) {
    throw new WorkbookProblem(
      `${beside.address} is not empty. Designate writes two columns to the right of the risk matrix: insert two empty columns there, or make the matrix an Excel table.`,
    );
  }
  return { kind: "cells", sheet: source.sheet, headerRowIndex: source.rowIndex, columnIndex };
}

/** Writes the headers, labels, reasons and fills in one batch: a single context.sync. */
export async function writeDesignations(
  context: Excel.RequestContext,
  placement: DesignationPlacement,
  framework: string,
  cells: readonly DesignationCell[],
): Promise<void> {
  const headers = designationHeaders(framework);
  let designationBody: Excel.Range;
  let headerRow: Excel.Range;
  let reasonsColumn: Excel.Range;
  if (placement.kind === "table-columns") {
    const columns = context.workbook.tables.getItem(placement.table).columns;
    const designation = columns.add(
      undefined,
      [[headers[0]], ...cells.map((cell) => [asText(cell.label)])],
      headers[0],
    );
    const reasons = columns.add(
      undefined,
      [[headers[1]], ...cells.map((cell) => [asText(cell.reasons)])],
      headers[1],
    );
    designationBody = designation.getDataBodyRange();
    headerRow = designation.getHeaderRowRange().getResizedRange(0, 1);
    reasonsColumn = reasons.getRange();
  } else {
    const sheet = context.workbook.worksheets.getItem(placement.sheet);
    const { headerRowIndex: row, columnIndex: column } = placement;
    sheet.getRangeByIndexes(row, column, cells.length + 1, 2).values = [
      headers,
      ...cells.map((cell) => [asText(cell.label), asText(cell.reasons)]),
    ];
    designationBody = sheet.getRangeByIndexes(row + 1, column, cells.length, 1);
    headerRow = sheet.getRangeByIndexes(row, column, 1, 2);
    reasonsColumn = sheet.getRangeByIndexes(row, column + 1, cells.length + 1, 1);
  }
  headerRow.format.font.bold = true;
  designationBody.format.columnWidth = 170;
  reasonsColumn.format.columnWidth = 320;
  cells.forEach((cell, index) => {
    designationBody.getCell(index, 0).format.fill.color = FILL[cell.tone];
  });
  await context.sync();
}
