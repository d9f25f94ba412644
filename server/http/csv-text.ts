// CSV as RFC 4180 writes it, for the flat reads (/data/*.csv): a header row,
// CRLF line ends, a field quoted when it holds a comma, quote or line break,
// quotes doubled. Null is an empty field; numbers are written as JavaScript
// prints them (never rounded, never with thousands separators); booleans as
// true/false. Text a spreadsheet would run as a formula is neutralised as in
// the exports. A UTF-8 byte order mark leads, so Excel opens names such as
// "St Mary's & St John's" in UTF-8.
// (csv-stringify, from the csv family whose csv-parse reads uploads here,
// would replace quoteField; it is not installed.)
import { safeCellText } from "../workbook/safe-cell.js";
import type { FlatTable, FlatValue } from "../services/flat-rows.service.js";

const NEEDS_QUOTES = /[",\r\n]/;

function quoteField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function fieldOf(value: FlatValue): string {
  if (value === null) return "";
  if (typeof value === "string") return quoteField(safeCellText(value));
  return String(value);
}

/** The table as CSV text. */
export function csvText(table: FlatTable): string {
  const lines = [table.columns.map(quoteField).join(",")];
  for (const row of table.rows)
    lines.push(table.columns.map((column) => fieldOf(row[column] ?? null)).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
