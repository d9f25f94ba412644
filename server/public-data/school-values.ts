// Turning a numeric cell of a DfE file into a public value: a number, or "not
// available" with the publisher's reason; anything else is an error naming it.
import { notAvailableReason, readNumber } from "./cells.js";
import { PublicFileError, type PublicValue } from "./types.js";

export function numericValue(
  indicator: string,
  raw: string | undefined,
  describes: string,
  where: { line: number; column: string },
): PublicValue {
  const reason = notAvailableReason(raw);
  if (reason === null) {
    const number = readNumber(raw!);
    if (number === null) {
      throw new PublicFileError(
        `Line ${where.line}, column ${where.column} (${indicator}): "${raw!.slice(0, 30)}" is not a number; expected a number such as 62 or 61.5, or a suppression code (z, c, x, low, SUPP, NE)`,
      );
    }
    return plain(indicator, String(number), null, describes);
  }
  return plain(indicator, null, reason, describes);
}

export function plain(
  indicator: string,
  value: string | null,
  unavailable: string | null,
  describes: string,
): PublicValue {
  return {
    indicator,
    value,
    unavailable,
    describes,
    date: null,
    group: "",
    groupLabel: null,
    predecessorUrn: null,
  };
}
