// Ranges of the mock Excel API: values, formats and the navigation the task
// pane uses (cells, resizing, the surrounding region, the tables a range is in).
import { formatAddress, type Rect } from "./a1.js";
import type { MockContext } from "./mock-context.js";
import { Loadable, propertyList, sameShape, type Located } from "./mock-loadable.js";
import type { Cell, MockSheet } from "./mock-workbook.js";
import { MockTableCollection } from "./mock-table.js";
import { MockWorksheet } from "./mock-worksheet.js";

class MockRangeFormat {
  readonly font: Record<string, unknown>;
  readonly fill: Record<string, unknown>;
  constructor(
    private readonly context: MockContext,
    private readonly locate: () => Located,
  ) {
    const each = (apply: (sheet: MockSheet, row: number, col: number) => void) =>
      context.write(() => {
        const { sheet, rect } = locate();
        for (let r = 0; r < rect.rows; r++)
          for (let c = 0; c < rect.cols; c++) apply(sheet, rect.row + r, rect.col + c);
      });
    this.font = {
      set bold(value: boolean) {
        each((sheet, row, col) => (sheet.format(row, col).bold = value));
      },
      set italic(value: boolean) {
        each((sheet, row, col) => (sheet.format(row, col).italic = value));
      },
      set size(value: number) {
        each((sheet, row, col) => (sheet.format(row, col).size = value));
      },
      set color(value: string) {
        each((sheet, row, col) => (sheet.format(row, col).fontColor = value));
      },
    };
    this.fill = {
      set color(value: string) {
        each((sheet, row, col) => (sheet.format(row, col).fill = value));
      },
    };
  }

  set columnWidth(width: number) {
    this.context.write(() => {
      const { sheet, rect } = this.locate();
      for (let c = 0; c < rect.cols; c++) sheet.columnWidths.set(rect.col + c, width);
    });
  }

  set wrapText(_value: boolean) {
    this.context.write(() => this.locate());
  }

  autofitColumns(): void {
    this.context.write(() => this.locate());
  }
}

export class MockRange extends Loadable {
  readonly format: MockRangeFormat;
  constructor(
    private readonly context: MockContext,
    readonly locate: () => Located,
  ) {
    super();
    this.format = new MockRangeFormat(context, locate);
  }

  load(properties?: string | string[]): this {
    const names = propertyList(properties);
    this.context.load(() => {
      const { sheet, rect } = this.locate();
      const all: Record<string, unknown> = {
        address: formatAddress(sheet.name, rect),
        values: sheet.values(rect),
        numberFormat: Array.from({ length: rect.rows }, (_, r) =>
          Array.from(
            { length: rect.cols },
            (_, c) =>
              sheet.formats.get(`${rect.row + r},${rect.col + c}`)?.numberFormat ?? "General",
          ),
        ),
        rowIndex: rect.row,
        columnIndex: rect.col,
        rowCount: rect.rows,
        columnCount: rect.cols,
        cellCount: rect.rows * rect.cols,
      };
      for (const name of names.length > 0 ? names : Object.keys(all)) {
        if (!(name in all)) throw new Error(`The mock cannot load Range.${name}`);
        this.remember(name, all[name]);
      }
    });
    return this;
  }

  get address(): string {
    return this.loadedValue("address");
  }
  get values(): Cell[][] {
    return this.loadedValue("values");
  }
  set values(values: Cell[][]) {
    this.context.write(() => {
      const { sheet, rect } = this.locate();
      if (!sameShape(values, rect)) {
        throw new Error(
          `InvalidArgument: ${rect.rows}x${rect.cols} values expected for ${formatAddress(sheet.name, rect)}`,
        );
      }
      values.forEach((row, r) =>
        row.forEach((value, c) => sheet.set(rect.row + r, rect.col + c, value)),
      );
    });
  }
  get numberFormat(): string[][] {
    return this.loadedValue("numberFormat");
  }
  set numberFormat(formats: string[][]) {
    this.context.write(() => {
      const { sheet, rect } = this.locate();
      if (!sameShape(formats, rect))
        throw new Error("InvalidArgument: numberFormat does not match the range");
      formats.forEach((row, r) =>
        row.forEach(
          (format, c) => (sheet.format(rect.row + r, rect.col + c).numberFormat = format),
        ),
      );
    });
  }
  get rowIndex(): number {
    return this.loadedValue("rowIndex");
  }
  get columnIndex(): number {
    return this.loadedValue("columnIndex");
  }
  get rowCount(): number {
    return this.loadedValue("rowCount");
  }
  get columnCount(): number {
    return this.loadedValue("columnCount");
  }
  get cellCount(): number {
    return this.loadedValue("cellCount");
  }

  private sheetProxy: MockWorksheet | null = null;
  /** The same proxy each time, as Office.js caches navigation properties. */
  get worksheet(): MockWorksheet {
    this.sheetProxy ??= new MockWorksheet(this.context, () => this.locate().sheet);
    return this.sheetProxy;
  }

  private derived(change: (located: Located) => Rect): MockRange {
    return new MockRange(this.context, () => {
      const located = this.locate();
      return { sheet: located.sheet, rect: change(located) };
    });
  }

  getCell(row: number, col: number): MockRange {
    return this.derived(({ rect }) => ({
      row: rect.row + row,
      col: rect.col + col,
      rows: 1,
      cols: 1,
    }));
  }

  getResizedRange(deltaRows: number, deltaCols: number): MockRange {
    return this.derived(({ rect }) => ({
      ...rect,
      rows: rect.rows + deltaRows,
      cols: rect.cols + deltaCols,
    }));
  }

  getSurroundingRegion(): MockRange {
    return this.derived(({ sheet, rect }) => sheet.region(rect.row, rect.col));
  }

  getTables(_fullyContained?: boolean): MockTableCollection {
    return new MockTableCollection(this.context, () => {
      const { sheet, rect } = this.locate();
      return this.context.book.tables.filter(
        (table) =>
          table.sheet === sheet &&
          table.rect.row < rect.row + rect.rows &&
          rect.row < table.rect.row + table.rect.rows &&
          table.rect.col < rect.col + rect.cols &&
          rect.col < table.rect.col + table.rect.cols,
      );
    });
  }
}
