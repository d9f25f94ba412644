// The in-memory workbook behind the mock Office host: sheets of cells with
// formats, Excel tables, charts and the selection. Tests read it back to see
// what the task pane wrote.
import { formatAddress, parseAddress, type Rect } from "./a1.js";

export type Cell = string | number | boolean;

export interface CellFormat {
  fill?: string;
  bold?: boolean;
  italic?: boolean;
  size?: number;
  fontColor?: string;
  numberFormat?: string;
}

export interface ChartRecord {
  type: string;
  source: string;
  seriesBy: string;
  title: string;
  legendPosition: string | null;
  position: [string, string | null] | null;
}

export class MockSheet {
  readonly cells = new Map<string, Cell>();
  readonly formats = new Map<string, CellFormat>();
  readonly charts: ChartRecord[] = [];
  readonly columnWidths = new Map<number, number>();
  frozenRows = 0;
  constructor(public name: string) {}

  get(row: number, col: number): Cell {
    return this.cells.get(`${row},${col}`) ?? "";
  }

  set(row: number, col: number, value: Cell): void {
    if (value === "" || value === null || value === undefined) this.cells.delete(`${row},${col}`);
    else this.cells.set(`${row},${col}`, value);
  }

  format(row: number, col: number): CellFormat {
    const key = `${row},${col}`;
    let format = this.formats.get(key);
    if (!format) {
      format = {};
      this.formats.set(key, format);
    }
    return format;
  }

  /** The smallest rectangle from A1 holding every non-empty cell. */
  used(): Rect {
    let rows = 0;
    let cols = 0;
    for (const key of this.cells.keys()) {
      const [row, col] = key.split(",").map(Number) as [number, number];
      rows = Math.max(rows, row + 1);
      cols = Math.max(cols, col + 1);
    }
    return { row: 0, col: 0, rows: Math.max(rows, 1), cols: Math.max(cols, 1) };
  }

  values(rect: Rect): Cell[][] {
    return Array.from({ length: rect.rows }, (_, r) =>
      Array.from({ length: rect.cols }, (_, c) => this.get(rect.row + r, rect.col + c)),
    );
  }

  /** The block of non-empty cells around a cell, as Excel's current region (Ctrl+Shift+*). */
  region(row: number, col: number): Rect {
    let rect: Rect = { row, col, rows: 1, cols: 1 };
    const filled = (r: number, c: number) => r >= 0 && c >= 0 && this.get(r, c) !== "";
    for (;;) {
      const { row: top, col: left, rows, cols } = rect;
      const bottom = top + rows - 1;
      const right = left + cols - 1;
      const rowHas = (r: number) =>
        Array.from({ length: cols + 2 }, (_, i) => left - 1 + i).some((c) => filled(r, c));
      const colHas = (c: number) =>
        Array.from({ length: rows + 2 }, (_, i) => top - 1 + i).some((r) => filled(r, c));
      if (rowHas(top - 1)) rect = { ...rect, row: top - 1, rows: rows + 1 };
      else if (rowHas(bottom + 1)) rect = { ...rect, rows: rows + 1 };
      else if (colHas(left - 1)) rect = { ...rect, col: left - 1, cols: cols + 1 };
      else if (colHas(right + 1)) rect = { ...rect, cols: cols + 1 };
      else break;
    }
    return rect;
  }
}

export interface MockTableRecord {
  name: string;
  sheet: MockSheet;
  /** Header row included. */
  rect: Rect;
}

export interface SyncRecord {
  readonly writes: number;
  readonly loads: number;
}

export interface WorkbookSeed {
  readonly sheets: readonly {
    name: string;
    rows: Cell[][];
    /** Number formats by row and column, where not General ("0%"). */
    formats?: readonly (readonly (string | null)[])[];
  }[];
  readonly tables?: readonly { name: string; sheet: string; address: string }[];
  readonly selection: { sheet: string; address: string };
}

export class MockWorkbook {
  readonly sheets: MockSheet[] = [];
  readonly tables: MockTableRecord[] = [];
  readonly syncs: SyncRecord[] = [];
  selection: { sheet: MockSheet; rect: Rect };
  active: MockSheet;

  constructor(seed: WorkbookSeed) {
    for (const { name, rows, formats } of seed.sheets) {
      const sheet = new MockSheet(name);
      rows.forEach((row, r) => row.forEach((value, c) => sheet.set(r, c, value)));
      formats?.forEach((row, r) =>
        row.forEach((format, c) => {
          if (format) sheet.format(r, c).numberFormat = format;
        }),
      );
      this.sheets.push(sheet);
    }
    for (const table of seed.tables ?? []) {
      this.tables.push({
        name: table.name,
        sheet: this.sheet(table.sheet),
        rect: parseAddress(table.address),
      });
    }
    const selected = this.sheet(seed.selection.sheet);
    this.selection = { sheet: selected, rect: parseAddress(seed.selection.address) };
    this.active = selected;
  }

  sheet(name: string): MockSheet {
    const found = this.sheets.find((sheet) => sheet.name === name);
    if (!found) throw new Error(`ItemNotFound: no worksheet named ${name}`);
    return found;
  }

  /** What tests read back, as plain data. */
  snapshot(name: string): {
    values: Cell[][];
    charts: ChartRecord[];
    formats: Record<string, CellFormat>;
    frozenRows: number;
  } {
    const sheet = this.sheet(name);
    const formats: Record<string, CellFormat> = {};
    for (const [key, format] of sheet.formats) {
      const [row, col] = key.split(",").map(Number) as [number, number];
      formats[formatAddress(name, { row, col, rows: 1, cols: 1 }).split("!")[1]!] = format;
    }
    return {
      values: sheet.values(sheet.used()),
      charts: sheet.charts,
      formats,
      frozenRows: sheet.frozenRows,
    };
  }
}
