// Excel tables in the mock Excel API: their range, and columns added at the
// end (as Designate adds its two columns to a table).
import type { Rect } from "./a1.js";
import type { MockContext } from "./mock-context.js";
import { Loadable } from "./mock-loadable.js";
import { MockRange } from "./mock-range.js";
import type { Cell, MockTableRecord } from "./mock-workbook.js";

class MockTableColumn {
  constructor(
    private readonly context: MockContext,
    private readonly table: () => MockTableRecord,
    private readonly offset: () => number,
  ) {}
  private part(rows: (rect: Rect) => { row: number; rows: number }): MockRange {
    return new MockRange(this.context, () => {
      const { sheet, rect } = this.table();
      return { sheet, rect: { ...rows(rect), col: rect.col + this.offset(), cols: 1 } };
    });
  }
  getRange(): MockRange {
    return this.part((rect) => ({ row: rect.row, rows: rect.rows }));
  }
  getHeaderRowRange(): MockRange {
    return this.part((rect) => ({ row: rect.row, rows: 1 }));
  }
  getDataBodyRange(): MockRange {
    return this.part((rect) => ({ row: rect.row + 1, rows: rect.rows - 1 }));
  }
}

export class MockTable extends Loadable {
  readonly columns: { add(index?: number, values?: Cell[][], name?: string): MockTableColumn };
  constructor(
    private readonly context: MockContext,
    readonly tableName: string,
  ) {
    super();
    this.remember("name", tableName);
    this.columns = {
      add: (index, values, name) => {
        if (index !== undefined && index !== null)
          throw new Error("The mock adds table columns at the end only");
        let offset = -1;
        context.write(() => {
          const table = this.record();
          const col = table.rect.col + table.rect.cols;
          const rows = values ?? [[name ?? `Column${table.rect.cols + 1}`]];
          if (rows.length !== table.rect.rows)
            throw new Error(
              `InvalidArgument: ${table.rect.rows} values expected for the new column`,
            );
          rows.forEach((row, r) => table.sheet.set(table.rect.row + r, col, row[0] ?? ""));
          if (name) table.sheet.set(table.rect.row, col, name);
          offset = table.rect.cols;
          table.rect = { ...table.rect, cols: table.rect.cols + 1 };
        });
        return new MockTableColumn(
          context,
          () => this.record(),
          () => offset,
        );
      },
    };
  }

  private record(): MockTableRecord {
    const table = this.context.book.tables.find((candidate) => candidate.name === this.tableName);
    if (!table) throw new Error(`ItemNotFound: no table named ${this.tableName}`);
    return table;
  }

  get name(): string {
    return this.loadedValue("name");
  }

  load(): this {
    return this;
  }

  getRange(): MockRange {
    return new MockRange(this.context, () => ({
      sheet: this.record().sheet,
      rect: this.record().rect,
    }));
  }
}

export class MockTableCollection extends Loadable {
  constructor(
    private readonly context: MockContext,
    private readonly resolve: () => MockTableRecord[],
  ) {
    super();
  }

  load(_properties?: string | string[]): this {
    this.context.load(() =>
      this.remember(
        "items",
        this.resolve().map((table) => new MockTable(this.context, table.name)),
      ),
    );
    return this;
  }

  get items(): MockTable[] {
    return this.loadedValue("items");
  }

  getItem(name: string): MockTable {
    return new MockTable(this.context, name);
  }
}
