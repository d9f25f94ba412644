// The demo trust's risk matrix as a workbook would hold it: the header row
// and one row per academy, dates as Excel serial numbers, blanks empty.
import { DEMO_ROWS, HEADERS } from "../../../server/demo/demo-risk-matrix.js";
import { indicatorForHeader } from "../../../server/domain/indicators.js";
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

/** Percent format on the cells of percent columns stored as fractions (0.8 shows as 80%), as the fixture workbook has. */
export function demoRiskMatrixFormats(): (string | null)[][] {
  const percentColumns = new Set(
    HEADERS.flatMap((header, index) =>
      indicatorForHeader(header)?.kind === "percent" ? [index] : [],
    ),
  );
  return demoRiskMatrixRows().map((row, r) =>
    row.map((value, c) =>
      r > 0 && percentColumns.has(c) && typeof value === "number" && value > 0 && value < 1
        ? "0%"
        : null,
    ),
  );
}

/** The demo matrix on its own sheet from A1, with one cell of it selected. */
export function demoWorkbookSeed(): WorkbookSeed {
  return {
    sheets: [
      { name: RISK_MATRIX_SHEET, rows: demoRiskMatrixRows(), formats: demoRiskMatrixFormats() },
      { name: "Notes", rows: [["Workbook kept by the data manager"]] },
    ],
    selection: { sheet: RISK_MATRIX_SHEET, address: "C5" },
  };
}
