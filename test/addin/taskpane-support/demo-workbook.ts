// The demo trust's risk matrix as a workbook would hold it: the header row
// and one row per academy, dates as Excel serial numbers, blanks empty.
import { DEMO_ROWS, HEADERS } from "../../../server/demo/demo-risk-matrix.js";
import type { Cell, WorkbookSeed } from "./mock-workbook.js";

export const RISK_MATRIX_SHEET = "Risk matrix";

/** Days since 30 Dec 1899: how Excel stores a date. */
function excelSerial(date: Date): number {
  return Math.round((date.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000);
}

export function demoRiskMatrixRows(): Cell[][] {
  return [
    [...HEADERS],
    ...DEMO_ROWS.map((row) =>
      HEADERS.map((header) => {
        const value = row[header];
        if (value === undefined) return "";
        return value instanceof Date ? excelSerial(value) : value;
      }),
    ),
  ];
}

/** The demo matrix on its own sheet from A1, with one cell of it selected. */
export function demoWorkbookSeed(): WorkbookSeed {
  return {
    sheets: [
      { name: RISK_MATRIX_SHEET, rows: demoRiskMatrixRows() },
      { name: "Notes", rows: [["Workbook kept by the data manager"]] },
    ],
    selection: { sheet: RISK_MATRIX_SHEET, address: "C5" },
  };
}
