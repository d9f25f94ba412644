// CSV for the flat reads (/data/*.csv), written by csv-stringify (the csv
// family whose csv-parse reads uploads here): RFC 4180 quoting, a header row,
// CRLF line ends. Null is an empty field; numbers are written as JavaScript
// prints them (never rounded, never with thousands separators); booleans as
// true/false. Text a spreadsheet would run as a formula is neutralised as in
// the exports. A UTF-8 byte order mark leads, so Excel opens names such as
// "St Mary's & St John's" in UTF-8.
import { stringify } from "csv-stringify/sync";
import { safeCellText } from "../workbook/safe-cell.js";
import type { FlatTable, FlatValue } from "../services/flat-rows.service.js";

function fieldOf(value: FlatValue): string {
  if (value === null) return "";
  if (typeof value === "string") return safeCellText(value);
  return String(value);
}

/** The table as CSV text. */
export function csvText(table: FlatTable): string {
  const records = table.rows.map((row) =>
    table.columns.map((column) => fieldOf(row[column] ?? null)),
  );
  return stringify(records, {
    bom: true,
    header: true,
    columns: [...table.columns],
    record_delimiter: "windows",
  });
}
