// What every board-paper worksheet shares: A4 print setup (fit to width,
// header row repeated, a footer with the trust, the date produced and page
// numbers), the title block, a header row, aligned cells (text left, numbers
// right, units in their own column) and the RAG legend. Every text cell goes
// through safeCellText: a spreadsheet never runs an academy's name.
import type ExcelJS from "exceljs";
import type { Rag } from "../domain/index.js";
import { RAG_LEGEND, RAG_WORDS, momentWords, type PaperHeading } from "../papers/index.js";
import { safeCellText } from "./safe-cell.js";

export const RAG_FILL: Readonly<Record<Rag | "none", string>> = {
  green: "FFC6EFCE",
  amber: "FFFFEB9C",
  red: "FFFFC7CE",
  none: "FFEEEEEE",
};
const HEADER_FILL = "FF1F4E79";
const A4 = 9;
/** Arial 10 (Liberation Sans where LibreOffice prints): its line is 12.75 pt. */
/** Thin grey lines round each table cell: a printed table has no gridlines otherwise. */
const LINE_STYLE = { style: "thin", color: { argb: "FFBFBFBF" } } as const;
const GRID = { top: LINE_STYLE, left: LINE_STYLE, bottom: LINE_STYLE, right: LINE_STYLE };
export const BODY_FONT = { name: "Arial", size: 10 } as const;
const LINE = 12.75;

export function text(value: string | null | undefined): string {
  return safeCellText(value ?? "");
}

/** A footer's text: "&" starts a code in Excel's header/footer language. */
function footerText(value: string): string {
  return value.replace(/&/g, "&&");
}

/**
 * A worksheet with the paper's title block; `columns` are the widths of the
 * table below it, over which a long value in the title block wraps.
 */
export function paperSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  heading: PaperHeading,
  orientation: "portrait" | "landscape",
  columns: readonly Column[],
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, {
    pageSetup: {
      paperSize: A4,
      orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
  });
  sheet.headerFooter.oddFooter = `&L&8${footerText(`${heading.trustName}: ${heading.title.toLowerCase()} ${heading.year}, produced ${momentWords(heading.producedAt)}`)}&R&8Page &P of &N`;
  sheet.addRow([text(heading.trustName)]).font = {
    name: BODY_FONT.name,
    bold: true,
    size: 12,
    color: { argb: HEADER_FILL },
  };
  sheet.addRow([
    text(heading.academy ? `${heading.title}: ${heading.academy}` : heading.title),
  ]).font = {
    name: BODY_FONT.name,
    bold: true,
    size: 16,
  };
  const facts: [string, string][] = [
    ["Year", heading.year],
    ["Framework", heading.framework],
    ["Produced", momentWords(heading.producedAt)],
    ["Data as at", heading.dataAsAt ? momentWords(heading.dataAsAt) : "no figures recorded yet"],
  ];
  columns.forEach((column, index) => (sheet.getColumn(index + 1).width = column.width));
  for (const [label, value] of facts) labelled(sheet, label, value);
  return sheet;
}

/**
 * A "Label: value" row, the value wrapped over the table's other columns.
 * Neither Excel nor LibreOffice sizes a merged cell's row to its text, so the
 * row is given the height of the lines the value needs.
 */
export function labelled(sheet: ExcelJS.Worksheet, label: string, value: string): ExcelJS.Row {
  const row = sheet.addRow([label, text(value)]);
  row.getCell(1).font = { ...BODY_FONT, bold: true };
  row.getCell(1).alignment = { horizontal: "left", vertical: "top" };
  row.getCell(2).alignment = { horizontal: "left", vertical: "top", wrapText: true };
  const last = Math.max(2, (sheet.columns as ExcelJS.Column[] | undefined)?.length ?? 2);
  let width = 0;
  for (let column = 2; column <= last; column++) width += sheet.getColumn(column).width ?? 10;
  if (last > 2) sheet.mergeCells(row.number, 2, row.number, last);
  const lines = linesOf(value, width);
  row.getCell(2).font = BODY_FONT;
  if (lines > 1) row.height = LINE * lines + 3;
  return row;
}

export interface Column {
  readonly header: string;
  readonly width: number;
  /** Numbers (and counts) right-aligned, headed right; text left and wrapped. */
  readonly kind: "text" | "number";
}

/** The table's header row: its number is what repeats on every printed page. */
export function headerRow(sheet: ExcelJS.Worksheet, columns: readonly Column[]): ExcelJS.Row {
  const row = sheet.addRow(columns.map((column) => column.header));
  row.font = { ...BODY_FONT, bold: true, color: { argb: "FFFFFFFF" } };
  columns.forEach((column, index) => {
    const cell = row.getCell(index + 1);
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } };
    cell.alignment = {
      vertical: "middle",
      wrapText: true,
      horizontal: column.kind === "number" ? "right" : "left",
    };
  });
  // Bold headers are wider than body text: counted as narrower columns.
  row.height =
    LINE * Math.max(...columns.map((column) => linesOf(column.header, column.width * 0.75))) + 4;
  sheet.pageSetup.printTitlesRow = `${row.number}:${row.number}`;
  return row;
}

/** Lines a text needs in a column `width` characters wide (a little slack for proportional fonts). */
function linesOf(value: string, width: number): number {
  return value
    .split("\n")
    .reduce(
      (lines, part) => lines + Math.max(1, Math.ceil(part.length / Math.max(4, width * 1.3))),
      0,
    );
}

/**
 * Aligns a data row by its columns' kinds (text left and wrapped, never cut;
 * numbers right) and gives it the height its longest text needs: LibreOffice
 * keeps the default height of a row written without one, cutting wrapped text.
 */
export function alignRow(row: ExcelJS.Row, columns: readonly Column[]): void {
  let lines = 1;
  columns.forEach((column, index) => {
    const cell = row.getCell(index + 1);
    cell.alignment =
      column.kind === "number"
        ? { horizontal: "right", vertical: "top", indent: 1 }
        : { horizontal: "left", vertical: "top", wrapText: true, indent: 0 };
    cell.border = GRID;
    if (column.kind === "text" && typeof cell.value === "string")
      lines = Math.max(lines, linesOf(cell.value, column.width));
  });
  row.font = BODY_FONT;
  if (lines > 1) row.height = LINE * lines + 3;
}

export function ragFill(cell: ExcelJS.Cell, rag: Rag | null): void {
  cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: RAG_FILL[rag ?? "none"] } };
}

/** The legend under a table: each RAG with what it means. */
export function ragLegendRows(sheet: ExcelJS.Worksheet): void {
  sheet.addRow([]);
  sheet.addRow(["RAG legend"]).font = { ...BODY_FONT, bold: true };
  for (const entry of RAG_LEGEND) {
    const row = labelled(sheet, RAG_WORDS[entry.rag], entry.meaning);
    row.getCell(1).font = BODY_FONT;
    ragFill(row.getCell(1), entry.rag === "none" ? null : entry.rag);
  }
}

/** A heading row between the blocks of a paper. */
export function sectionRow(sheet: ExcelJS.Worksheet, title: string): void {
  sheet.addRow([]);
  sheet.addRow([text(title)]).font = {
    name: BODY_FONT.name,
    bold: true,
    size: 12,
    color: { argb: HEADER_FILL },
  };
}

/** A cell number format showing `places` decimals. */
export function decimals(places: number): string {
  return places === 0 ? "0" : `0.${"0".repeat(places)}`;
}
