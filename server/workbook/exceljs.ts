// ExcelJS, loaded the first time a workbook is read or written rather than
// when the server starts: it is the largest library the server uses (about
// 19 MB resident once loaded) and most servers spend most hours answering
// GraphQL, not building .xlsx files. Types come from `import type`.
import type ExcelJSModule from "exceljs";

let loading: Promise<typeof ExcelJSModule> | undefined;

export function loadExcelJS(): Promise<typeof ExcelJSModule> {
  loading ??= import("exceljs").then((module) => module.default);
  return loading;
}
