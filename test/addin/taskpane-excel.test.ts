// The task pane's Excel-side modules against office-addin-mock: reading the
// matrix, placing and writing the designation columns (one sync for the
// writes), and inserting a card sheet with a native chart.
import { describe, expect, it } from "vitest";
import { OfficeMockObject } from "office-addin-mock";
import { readSelectedTable, readTableByName } from "../../addin/taskpane/excel/read-range.js";
import {
  sheetTableOf,
  WorkbookProblem,
  type SheetTable,
} from "../../addin/taskpane/excel/sheet-table.js";
import {
  designationHeaders,
  placeDesignations,
  writeDesignations,
  type DesignationCell,
} from "../../addin/taskpane/excel/write-designations.js";
import {
  cardSheetName,
  insertCardSheet,
  type CardSheet,
} from "../../addin/taskpane/excel/insert-card-sheet.js";
import { mockExcelContext, writableRange } from "./taskpane-support/office-mock-context.js";
import { headerResolver } from "../../server/shared/index.js";

const MATRIX = [
  ["URN", "Phase", "P8"],
  [140002, "Secondary", 0.1],
  [140010, "Secondary", -0.2],
  ["", "", ""],
];

const GENERAL = (rows: readonly (readonly unknown[])[]) =>
  rows.map((row) => row.map(() => "General"));

const CELLS: DesignationCell[] = [
  { label: "B: Self-Improving (Improve)", reasons: "Progress 8 0.1 ...", tone: "some" },
  { label: "Cannot read this row", reasons: '=P8: cannot read "Goodish"', tone: "problem" },
];

function source(overrides: Partial<SheetTable> = {}): SheetTable {
  return {
    sheet: "Risk matrix",
    address: "'Risk matrix'!A1:C3",
    tableName: null,
    rowIndex: 0,
    columnIndex: 0,
    headers: ["URN", "Phase", "P8"],
    rows: [
      [140002, "Secondary", 0.1],
      [140010, "Secondary", -0.2],
    ],
    ...overrides,
  };
}

describe("read-range", () => {
  it("finds the header row under group headings and reads percent formats as Excel shows them", () => {
    const table = sheetTableOf(
      [
        ["", "Historic information", "", "Peer reviews, external audits, annual data"],
        ["Academy", "Latest Ofsted judgement", "KS2 RWM %", "Latest SEF judgement"],
        ["Little Oak Primary", "Outstanding", 1, 1],
      ],
      { sheet: "Matrix", address: "Matrix!A1:D3", tableName: null, rowIndex: 0, columnIndex: 0 },
      {
        resolver: headerResolver({ "Latest SEF judgement": "sef.overall" }),
        numberFormats: [
          ["General", "General", "General", "General"],
          ["General", "General", "General", "General"],
          ["General", "General", "0%", "General"],
        ],
      },
    );
    expect(table).toMatchObject({
      rowIndex: 1,
      headingRows: 1,
      headers: ["Academy", "Latest Ofsted judgement", "KS2 RWM %", "Latest SEF judgement"],
      rows: [["Little Oak Primary", "Outstanding", 1, 1]],
      percentFormats: [[false, false, true, false]],
    });
  });

  it("reads the block around a single selected cell, header row first, blank rows at the end dropped", async () => {
    const { context, syncs } = mockExcelContext({
      workbook: {
        selected: {
          cellCount: 1,
          region: {
            address: "'Risk matrix'!A1:C4",
            values: MATRIX,
            numberFormat: GENERAL(MATRIX),
            rowIndex: 0,
            columnIndex: 0,
            worksheet: { name: "Risk matrix" },
          },
          getTables: () => ({ items: [], load() {} }),
          getSurroundingRegion() {
            return this.region;
          },
        },
        getSelectedRange() {
          return this.selected;
        },
      },
    });
    const table = await readSelectedTable(context);
    expect(table).toEqual({
      sheet: "Risk matrix",
      address: "'Risk matrix'!A1:C4",
      tableName: null,
      rowIndex: 0,
      columnIndex: 0,
      headers: ["URN", "Phase", "P8"],
      rows: MATRIX.slice(1, 3),
      percentFormats: [
        [false, false, false],
        [false, false, false],
      ],
      headingRows: 0,
    });
    expect(syncs()).toBe(2);
  });

  it("reads the Excel table the selection is in, by name", async () => {
    const { context } = mockExcelContext({
      workbook: {
        selected: {
          cellCount: 6,
          getTables: () => ({ items: [{ name: "RiskMatrix" }], load() {} }),
        },
        getSelectedRange() {
          return this.selected;
        },
        tables: {
          riskMatrix: {
            range: {
              address: "Sheet1!B2:D4",
              values: MATRIX.slice(0, 3),
              numberFormat: GENERAL(MATRIX.slice(0, 3)),
              rowIndex: 1,
              columnIndex: 1,
              worksheet: { name: "Sheet1" },
            },
            getRange() {
              return this.range;
            },
          },
          getItem(name: string) {
            if (name !== "RiskMatrix") throw new Error(`no table ${name}`);
            return this.riskMatrix;
          },
        },
      },
    });
    const table = await readSelectedTable(context);
    expect(table.tableName).toBe("RiskMatrix");
    expect(table.rowIndex).toBe(1);
    expect(table.rows).toHaveLength(2);
  });

  it("refuses a block with no rows under the headers", async () => {
    const { context } = mockExcelContext({
      workbook: {
        tables: {
          empty: {
            range: {
              address: "Sheet1!A1:C1",
              values: [MATRIX[0]],
              numberFormat: GENERAL([MATRIX[0]!]),
              rowIndex: 0,
              columnIndex: 0,
              worksheet: { name: "Sheet1" },
            },
            getRange() {
              return this.range;
            },
          },
          getItem() {
            return this.empty;
          },
        },
      },
    });
    await expect(readTableByName(context, "Empty")).rejects.toThrow(WorkbookProblem);
  });
});

describe("write-designations", () => {
  it("writes headers, labels, reasons and fills beside a range with one context.sync", async () => {
    const ranges: { at: number[]; range: ReturnType<typeof writableRange> }[] = [];
    const { context, syncs } = mockExcelContext({
      workbook: {
        worksheets: {
          getItem(name: string) {
            expect(name).toBe("Risk matrix");
            return {
              getRangeByIndexes(row: number, column: number, rows: number, columns: number) {
                const range = writableRange(`${row},${column},${rows},${columns}`);
                ranges.push({ at: [row, column, rows, columns], range });
                return range;
              },
            };
          },
        },
      },
    });
    await writeDesignations(
      context,
      { kind: "cells", sheet: "Risk matrix", headerRowIndex: 0, columnIndex: 3 },
      "phase-model",
      CELLS,
    );
    expect(syncs()).toBe(1);
    const block = ranges.find((entry) => entry.at.join() === "0,3,3,2")!;
    expect(block.range.values).toEqual([
      designationHeaders("phase-model"),
      ["B: Self-Improving (Improve)", "Progress 8 0.1 ..."],
      // A leading = would make Excel read the text as a formula.
      ["Cannot read this row", `'=P8: cannot read "Goodish"`],
    ]);
    const header = ranges.find((entry) => entry.at.join() === "0,3,1,2")!;
    expect(header.range.format.font.bold).toBe(true);
    const body = ranges.find((entry) => entry.at.join() === "1,3,2,1")!;
    expect(body.range.cells.map(({ row, cell }) => [row, cell.format.fill.color])).toEqual([
      [0, "#FFF4CE"],
      [1, "#FDE7E9"],
    ]);
  });

  it("adds two named columns to an Excel table with one context.sync", async () => {
    const added: { values: unknown; name: string }[] = [];
    const { context, syncs } = mockExcelContext({
      workbook: {
        tables: {
          getItem(name: string) {
            expect(name).toBe("RiskMatrix");
            return {
              columns: {
                add(index: number | undefined, values: unknown, name: string) {
                  expect(index).toBeUndefined();
                  added.push({ values, name });
                  return {
                    getDataBodyRange: () => writableRange(`${name} body`),
                    getHeaderRowRange: () => writableRange(`${name} header`),
                    getRange: () => writableRange(`${name} column`),
                  };
                },
              },
            };
          },
        },
      },
    });
    await writeDesignations(
      context,
      { kind: "table-columns", table: "RiskMatrix" },
      "risk-matrix",
      CELLS,
    );
    expect(syncs()).toBe(1);
    expect(added.map((column) => column.name)).toEqual(designationHeaders("risk-matrix"));
    expect(added[0]!.values).toEqual([
      ["Designation (risk-matrix)"],
      ["B: Self-Improving (Improve)"],
      ["Cannot read this row"],
    ]);
  });
});

describe("placeDesignations", () => {
  function besideRange(values: unknown[][]) {
    return mockExcelContext({
      workbook: {
        worksheets: {
          sheet: {
            beside: { values, address: "'Risk matrix'!D1:E3" },
            getRangeByIndexes(row: number, column: number, rows: number, columns: number) {
              expect([row, column, rows, columns]).toEqual([0, 3, 3, 2]);
              return this.beside;
            },
          },
          getItem() {
            return this.sheet;
          },
        },
      },
    });
  }

  it("writes into the two empty columns right of a range", async () => {
    const { context, syncs } = besideRange([
      ["", ""],
      ["", ""],
      ["", ""],
    ]);
    expect(await placeDesignations(context, source(), "phase-model")).toEqual({
      kind: "cells",
      sheet: "Risk matrix",
      headerRowIndex: 0,
      columnIndex: 3,
    });
    expect(syncs()).toBe(1);
  });

  it("replaces the columns an earlier Designate wrote there", async () => {
    const { context } = besideRange([
      designationHeaders("phase-model"),
      ["old", "old"],
      ["old", "old"],
    ]);
    expect(await placeDesignations(context, source(), "phase-model")).toMatchObject({
      columnIndex: 3,
    });
  });

  it("refuses to overwrite other data right of the range", async () => {
    const { context } = besideRange([
      ["Comments", ""],
      ["keep me", ""],
      ["", ""],
    ]);
    await expect(placeDesignations(context, source(), "phase-model")).rejects.toThrow(
      /'Risk matrix'!D1:E3 is not empty/,
    );
  });

  it("writes over the framework's own columns when the matrix already has them, reading nothing", async () => {
    const { context, syncs } = mockExcelContext({ workbook: {} });
    const withResults = source({
      headers: ["URN", "Phase", "P8", ...designationHeaders("phase-model")],
      columnIndex: 2,
    });
    expect(await placeDesignations(context, withResults, "phase-model")).toEqual({
      kind: "cells",
      sheet: "Risk matrix",
      headerRowIndex: 0,
      columnIndex: 5,
    });
    expect(syncs()).toBe(0);
  });

  it("adds table columns for a table", async () => {
    const { context } = mockExcelContext({ workbook: {} });
    expect(
      await placeDesignations(context, source({ tableName: "RiskMatrix" }), "phase-model"),
    ).toEqual({
      kind: "table-columns",
      table: "RiskMatrix",
    });
  });
});

describe("insert-card-sheet", () => {
  const card: CardSheet = {
    urn: "140001",
    academyName: "Oakfield Primary Academy",
    year: "2025/26",
    designation: "A: Self-Sustaining (Sustain)",
    targets: [
      {
        metric: "Overall absence",
        status: "agreed",
        baseline: 4.5,
        target: 4,
        latest: 4.2,
        latestPeriod: "autumn2",
        gapClosed: 0.6,
        rag: "amber",
      },
      {
        metric: "KS2 RWM",
        status: "proposed",
        baseline: 80,
        target: 82,
        latest: null,
        latestPeriod: null,
        gapClosed: null,
        rag: null,
      },
    ],
  };

  function workbookWithSheets(existing: string[]) {
    const added: { name: string; sheet: OfficeMockObject }[] = [];
    const charts: { type: string; source: unknown; seriesBy: string; chart: OfficeMockObject }[] =
      [];
    const ranges = new Map<string, ReturnType<typeof writableRange>>();
    const range = (key: string) => {
      const found = ranges.get(key) ?? writableRange(key);
      ranges.set(key, found);
      return found;
    };
    const counted = mockExcelContext({
      workbook: {
        worksheets: {
          taken: { isNullObject: false },
          free: { isNullObject: true },
          getItemOrNullObject(name: string) {
            return existing.includes(name) ? this.taken : this.free;
          },
          add(name: string) {
            const sheet = new OfficeMockObject({
              name,
              activated: false,
              frozenRows: 0,
              getRange: (address: string) => range(address),
              getRangeByIndexes: (row: number, column: number, rows: number, columns: number) =>
                range(`${row},${column},${rows},${columns}`),
              charts: {
                add(type: string, source: unknown, seriesBy: string) {
                  const chart = new OfficeMockObject({
                    title: {},
                    legend: {},
                    setPosition(start: string, end: string) {
                      this.position = [start, end];
                    },
                  });
                  charts.push({ type, source, seriesBy, chart });
                  return chart;
                },
              },
              freezePanes: {
                freezeRows(count: number) {
                  this.rows = count;
                },
              },
              activate() {
                this.activated = true;
              },
            });
            added.push({ name, sheet });
            return sheet;
          },
        },
      },
    });
    return { ...counted, added, charts, range };
  }

  it("adds a sheet named after the academy and year, with the targets and a bar chart of progress against target", async () => {
    const { context, syncs, added, charts, range } = workbookWithSheets([]);
    expect(await insertCardSheet(context, card)).toBe("Card 140001 2025-26");
    expect(added.map((entry) => entry.name)).toEqual(["Card 140001 2025-26"]);
    expect(added[0]!.sheet.activated).toBe(true);
    expect(syncs()).toBe(2); // one to find a free name, one for every write
    expect(range("A1").values).toEqual([
      ["Oakfield Primary Academy (140001): academy card 2025/26"],
    ]);
    expect(range("4,0,1,8").values).toEqual([
      ["Metric", "Status", "Baseline", "Target", "Latest", "Period", "Gap closed", "RAG"],
    ]);
    expect(range("5,0,2,8").values).toEqual([
      ["Overall absence", "agreed", 4.5, 4, 4.2, "autumn2", 0.6, "amber"],
      ["KS2 RWM", "proposed", 80, 82, "", "", "", "no data"],
    ]);
    expect(charts).toHaveLength(1);
    expect(charts[0]!.type).toBe("BarClustered");
    expect(charts[0]!.seriesBy).toBe("Columns");
    expect(charts[0]!.source).toBe(range("4,9,3,3"));
    expect(range("4,9,3,3").values).toEqual([
      ["Metric", "Progress", "Target"],
      ["Overall absence", 0.6, 1],
      ["KS2 RWM", 0, 1],
    ]);
    expect(charts[0]!.chart.title.text).toBe("Progress against target");
    expect(range("5,7,1,1").format.fill.color).toBe("#FFF4CE");
  });

  it("numbers the sheet when a card sheet of that name exists", async () => {
    const { context, added } = workbookWithSheets(["Card 140001 2025-26"]);
    expect(await insertCardSheet(context, card)).toBe("Card 140001 2025-26 (2)");
    expect(added.map((entry) => entry.name)).toEqual(["Card 140001 2025-26 (2)"]);
  });

  it("keeps sheet names within Excel's 31 characters and its forbidden characters", () => {
    expect(cardSheetName({ urn: "140001", year: "2025/26" }, 12)).toBe("Card 140001 2025-26 (12)");
    expect(
      cardSheetName({ urn: "1400011111111111111", year: "2025/26" }, 3).length,
    ).toBeLessThanOrEqual(31);
  });
});
