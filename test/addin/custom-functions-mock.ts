/// <reference types="custom-functions-runtime" />
// The CustomFunctions global Excel gives a shared runtime, built with
// office-addin-mock: the Error class and ErrorCode values the functions use
// to answer a cell with an error. Nothing else of Office is mocked.
import { OfficeMockObject } from "office-addin-mock";

/** What a cell shows for an error: its code and the message in its flag. */
export class ExcelCellError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

const ERROR_CODES = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
};

export async function installCustomFunctionsMock(): Promise<void> {
  const mock = new OfficeMockObject({
    Error: ExcelCellError,
    ErrorCode: ERROR_CODES,
    associate: () => undefined,
  });
  // office-addin-mock models Excel's load/sync: values are readable once loaded.
  mock.load("ErrorCode");
  await mock.sync();
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = mock;
}
