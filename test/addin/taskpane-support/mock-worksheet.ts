// Worksheets of the mock Excel API (ranges by address or index, charts,
// tables, freezing, activating), the worksheet collection and the workbook.
import { formatAddress, parseAddress } from "./a1.js";
import type { MockContext } from "./mock-context.js";
import { Loadable, propertyList } from "./mock-loadable.js";
import { MockRange } from "./mock-range.js";
import { MockTable, MockTableCollection } from "./mock-table.js";
import { MockSheet, type ChartRecord } from "./mock-workbook.js";

export class MockChart {
  readonly title: { text: string };
  readonly legend: { position: string; visible: boolean };
  constructor(context: MockContext, record: () => ChartRecord) {
    this.title = {
      set text(value: string) {
        context.write(() => (record().title = value));
      },
    } as { text: string };
    this.legend = {
      set position(value: string) {
        context.write(() => (record().legendPosition = value));
      },
      set visible(_value: boolean) {
        context.write(() => record());
      },
    } as { position: string; visible: boolean };
    this.setPosition = (start: string, end?: string) =>
      context.write(() => (record().position = [start, end ?? null]));
  }
  readonly setPosition: (start: string, end?: string) => void;
}

export class MockWorksheet extends Loadable {
  readonly charts: { add(type: string, source: MockRange, seriesBy?: string): MockChart };
  readonly freezePanes: { freezeRows(count: number): void };
  readonly tables: { add(address: string, hasHeaders: boolean): MockTable };
  constructor(
    private readonly context: MockContext,
    private readonly resolve: () => MockSheet | null,
  ) {
    super();
    this.charts = {
      add: (type, source, seriesBy = "Auto") => {
        let record: ChartRecord | null = null;
        context.write(() => {
          const { sheet, rect } = source.locate();
          record = {
            type,
            source: formatAddress(sheet.name, rect),
            seriesBy,
            title: "",
            legendPosition: null,
            position: null,
          };
          this.sheet().charts.push(record);
        });
        return new MockChart(context, () => record!);
      },
    };
    this.freezePanes = {
      freezeRows: (count) => context.write(() => (this.sheet().frozenRows = count)),
    };
    this.tables = {
      add: (address, _hasHeaders) => {
        const name = `Table${context.book.tables.length + 1}`;
        context.write(() => {
          context.book.tables.push({ name, sheet: this.sheet(), rect: parseAddress(address) });
        });
        return new MockTable(context, name);
      },
    };
  }

  private sheet(): MockSheet {
    const sheet = this.resolve();
    if (!sheet) throw new Error("ItemNotFound: the worksheet does not exist");
    return sheet;
  }

  load(properties?: string | string[]): this {
    const names = propertyList(properties);
    this.context.load(() => {
      const sheet = this.resolve();
      if (names.includes("isNullObject")) this.remember("isNullObject", sheet === null);
      if (names.includes("name") || names.length === 0) this.remember("name", this.sheet().name);
    });
    return this;
  }

  get name(): string {
    return this.loadedValue("name");
  }
  get isNullObject(): boolean {
    return this.loadedValue("isNullObject");
  }

  getRange(address: string): MockRange {
    return new MockRange(this.context, () => ({
      sheet: this.sheet(),
      rect: parseAddress(address),
    }));
  }

  /** A worksheet proxy with its name loaded (as `worksheets.load("items/name")` gives). */
  static named(context: MockContext, sheet: MockSheet): MockWorksheet {
    const item = new MockWorksheet(context, () => sheet);
    item.remember("name", sheet.name);
    return item;
  }

  getUsedRange(): MockRange {
    return new MockRange(this.context, () => {
      const sheet = this.sheet();
      return { sheet, rect: sheet.used() };
    });
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): MockRange {
    return new MockRange(this.context, () => ({
      sheet: this.sheet(),
      rect: { row, col, rows, cols },
    }));
  }

  activate(): void {
    this.context.write(() => (this.context.book.active = this.sheet()));
  }
}

class MockWorksheetCollection extends Loadable {
  constructor(private readonly context: MockContext) {
    super();
  }
  load(_properties?: string | string[]): this {
    this.context.load(() =>
      this.remember(
        "items",
        this.context.book.sheets.map((sheet) => MockWorksheet.named(this.context, sheet)),
      ),
    );
    return this;
  }
  get items(): MockWorksheet[] {
    return this.loadedValue("items");
  }
  getItem(name: string): MockWorksheet {
    const book = this.context.book;
    return new MockWorksheet(this.context, () => book.sheet(name));
  }
  getItemOrNullObject(name: string): MockWorksheet {
    const book = this.context.book;
    return new MockWorksheet(
      this.context,
      () => book.sheets.find((sheet) => sheet.name === name) ?? null,
    );
  }
  getActiveWorksheet(): MockWorksheet {
    return new MockWorksheet(this.context, () => this.context.book.active);
  }
  add(name: string): MockWorksheet {
    const book = this.context.book;
    this.context.write(() => {
      if (book.sheets.some((sheet) => sheet.name.toLowerCase() === name.toLowerCase())) {
        throw new Error(`ItemAlreadyExists: a worksheet named ${name} exists`);
      }
      book.sheets.push(new MockSheet(name));
    });
    return new MockWorksheet(this.context, () => book.sheet(name));
  }
}

export class MockWorkbookApi {
  readonly worksheets: MockWorksheetCollection;
  readonly tables: MockTableCollection;
  constructor(private readonly context: MockContext) {
    this.worksheets = new MockWorksheetCollection(context);
    this.tables = new MockTableCollection(context, () => context.book.tables);
  }
  getSelectedRange(): MockRange {
    const { sheet, rect } = this.context.book.selection;
    return new MockRange(this.context, () => ({ sheet, rect }));
  }
}
