// A1 addresses for the mock workbook: parsing "B3:AE15" into zero-based
// positions and writing them back as Excel does ('Risk matrix'!A1:AE15).

export interface Rect {
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

export function columnIndex(letters: string): number {
  let index = 0;
  for (const letter of letters.toUpperCase()) index = index * 26 + (letter.charCodeAt(0) - 64);
  return index - 1;
}

export function columnName(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

function cellOf(reference: string): { row: number; col: number } {
  const match = /^\$?([A-Za-z]+)\$?(\d+)$/.exec(reference.trim());
  if (!match) throw new Error(`InvalidArgument: not an A1 reference: ${reference}`);
  return { row: Number(match[2]) - 1, col: columnIndex(match[1]!) };
}

/** "B3" or "B3:D9" (a sheet prefix is ignored) as a rectangle. */
export function parseAddress(address: string): Rect {
  const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const [first, last = first] = local.split(":");
  const a = cellOf(first!);
  const b = cellOf(last!);
  const row = Math.min(a.row, b.row);
  const col = Math.min(a.col, b.col);
  return { row, col, rows: Math.abs(a.row - b.row) + 1, cols: Math.abs(a.col - b.col) + 1 };
}

export function sheetPrefix(sheet: string): string {
  return /^[A-Za-z0-9_]+$/.test(sheet) ? `${sheet}!` : `'${sheet.replace(/'/g, "''")}'!`;
}

export function formatAddress(sheet: string, rect: Rect): string {
  const start = `${columnName(rect.col)}${rect.row + 1}`;
  const end = `${columnName(rect.col + rect.cols - 1)}${rect.row + rect.rows}`;
  return sheetPrefix(sheet) + (rect.rows === 1 && rect.cols === 1 ? start : `${start}:${end}`);
}
