/// <reference types="office-js" />
// An Excel.RequestContext made with office-addin-mock, counting its syncs,
// for unit tests of the task pane's Excel-side modules.
import { OfficeMockObject } from "office-addin-mock";

export type ObjectData = ConstructorParameters<typeof OfficeMockObject>[0];

export interface CountedContext {
  readonly context: Excel.RequestContext;
  /** The mock itself, to read back what was written. */
  readonly mock: OfficeMockObject;
  syncs(): number;
}

export function mockExcelContext(data: ObjectData): CountedContext {
  const mock = new OfficeMockObject(data);
  let syncs = 0;
  const sync = mock.sync.bind(mock);
  mock.sync = async () => {
    syncs += 1;
    await sync();
  };
  return { context: mock as unknown as Excel.RequestContext, mock, syncs: () => syncs };
}

export interface WrittenCell {
  readonly row: number;
  readonly column: number;
  readonly cell: OfficeMockObject;
}

/** A range mock that records what is written to it (values, formats, the cells asked for). */
export function writableRange(label: string): OfficeMockObject & { cells: WrittenCell[] } {
  const cells: WrittenCell[] = [];
  const range = new OfficeMockObject({
    label,
    format: {
      font: {},
      fill: {},
      autofitColumns() {
        this.autofitted = true;
      },
    },
    getCell(row: number, column: number) {
      const cell = new OfficeMockObject({ format: { font: {}, fill: {} } });
      cells.push({ row, column, cell });
      return cell;
    },
    getResizedRange(rows: number, columns: number) {
      return writableRange(`${label} resized by ${rows},${columns}`);
    },
  }) as OfficeMockObject & { cells: WrittenCell[] };
  range.cells = cells;
  return range;
}
