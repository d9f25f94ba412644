// The one place a failure becomes what a cell shows: an Excel error code with
// a message in the cell's error flag.
//
//   bad input (a cell, an argument)     #VALUE!  naming the indicator and what it accepts
//   not found, insufficient evidence    #N/A     what is missing
//   signed out                          #N/A     "Sign in: open the MAT task pane ..."
//   token refused on the live socket    #N/A     "Sign in again: ..." (close 4401)
//   server unreachable or failing       #N/A     "Cannot reach the server at ..."
//
// #N/A is Excel's "not available"; it takes a message in every host, where
// #CONNECT! does not exist in all of them. #BUSY! is Excel's own while a
// call is pending. Nothing here is cached, so the next recalculation tries
// again.
import { ErrorCode } from "../../server/shared/index.js";
import { AddinFailure } from "../shared/graphql-client.js";

/** Excel keeps error messages short; longer ones are cut with an ellipsis. */
const MAX_MESSAGE = 255;

export const SIGN_IN_MESSAGE =
  "Sign in: open the MAT task pane (Home > MAT designations) and connect with your token.";

export const SIGN_IN_AGAIN_MESSAGE =
  "Sign in again: the server ended live updates because it no longer accepts your token (revoked, expired or unknown). Open the MAT task pane (Home > MAT designations) and connect with a current token.";

/** The server closed the live connection because the token is not (or no longer) good: close 4401. */
export function signInAgain(): AddinFailure {
  return new AddinFailure("SIGNED_OUT", SIGN_IN_AGAIN_MESSAGE);
}

/** A bad argument or cell: #VALUE!. */
export function badInput(message: string): AddinFailure {
  return new AddinFailure(ErrorCode.BAD_USER_INPUT, message);
}

/** Something that is not there: #N/A. */
export function notAvailable(message: string): AddinFailure {
  return new AddinFailure(ErrorCode.NOT_FOUND, message);
}

function shorten(message: string): string {
  return message.length <= MAX_MESSAGE ? message : `${message.slice(0, MAX_MESSAGE - 1)}…`;
}

/** The Excel error for any failure a function meets. */
export function excelError(failure: unknown): CustomFunctions.Error {
  const excel = CustomFunctions.ErrorCode;
  if (!(failure instanceof AddinFailure))
    return new CustomFunctions.Error(
      excel.notAvailable,
      shorten(`Unexpected error: ${failure instanceof Error ? failure.message : String(failure)}`),
    );
  switch (failure.kind) {
    case ErrorCode.BAD_USER_INPUT:
      return new CustomFunctions.Error(excel.invalidValue, shorten(failure.message));
    case "SIGNED_OUT":
      // The server's own words are for developers; a cell says what to do.
      return new CustomFunctions.Error(
        excel.notAvailable,
        failure.message === SIGN_IN_AGAIN_MESSAGE ? SIGN_IN_AGAIN_MESSAGE : SIGN_IN_MESSAGE,
      );
    case ErrorCode.NOT_FOUND:
    case ErrorCode.FORBIDDEN:
    case ErrorCode.CONFLICT:
    case "UNREACHABLE":
      return new CustomFunctions.Error(excel.notAvailable, shorten(failure.message));
    case "SERVER":
      return new CustomFunctions.Error(
        excel.notAvailable,
        shorten(`The server could not answer: ${failure.message}`),
      );
    default: {
      const unreachable: never = failure.kind;
      throw new Error(`Unhandled failure kind ${String(unreachable)}`);
    }
  }
}

/** Excel's error words by the errorType its runtime passes ({ type: "Error", errorType: "NotAvailable" }). */
const ERROR_WORDS: Readonly<Record<string, string>> = {
  Blocked: "#BLOCKED!",
  Busy: "#BUSY!",
  Calc: "#CALC!",
  Connect: "#CONNECT!",
  Div0: "#DIV/0!",
  External: "#EXTERNAL!",
  Field: "#FIELD!",
  GettingData: "#GETTING_DATA",
  Name: "#NAME?",
  NotAvailable: "#N/A",
  Null: "#NULL!",
  Num: "#NUM!",
  Python: "#PYTHON!",
  Ref: "#REF!",
  Spill: "#SPILL!",
  Value: "#VALUE!",
};

/**
 * The error a cell holds, as Excel shows it ("#N/A"), or null for any other
 * value. With allowErrorForDataTypeAny (functions.json) Excel passes an error
 * in an `any` argument as an object: { type: "Error", errorType: "NotAvailable" },
 * sometimes with basicValue "#N/A"; a CustomFunctions.Error-like { code: "#N/A" }
 * is read too.
 */
export function cellErrorText(value: unknown): string | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const cell = value as {
    type?: unknown;
    errorType?: unknown;
    basicValue?: unknown;
    code?: unknown;
  };
  if (typeof cell.type === "string" && cell.type.toLowerCase() === "error") {
    if (typeof cell.basicValue === "string" && cell.basicValue.startsWith("#"))
      return cell.basicValue;
    const word = typeof cell.errorType === "string" ? ERROR_WORDS[cell.errorType] : undefined;
    return word ?? `#${typeof cell.errorType === "string" ? cell.errorType : "ERROR"}`;
  }
  if (typeof cell.code === "string" && cell.code.startsWith("#")) return cell.code;
  return null;
}
