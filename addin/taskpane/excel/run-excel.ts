/// <reference types="office-js" />
// The one way the pane reaches the workbook: Excel.run, or a clear message
// when the pane is open outside Excel.
import { WorkbookProblem } from "./sheet-table.js";

export function excelAvailable(): boolean {
  return typeof (globalThis as { Excel?: unknown }).Excel !== "undefined";
}

export function withWorkbook<T>(action: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  if (!excelAvailable()) {
    return Promise.reject(
      new WorkbookProblem("The workbook is only reachable when this pane is open inside Excel."),
    );
  }
  return Excel.run(action);
}
