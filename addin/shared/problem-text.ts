// A problem the server reported, in the words the add-in shows: the server's
// message, led by the column it is in when the message does not already say
// it (a value problem names the indicator, Progress 8, not the header, "P8";
// a cell sent by its indicator key needs no column). The batch position is
// never in the message: each caller places the problem by its `row` (the pane
// names the sheet row).
import type { ProblemBody } from "./graphql-client.js";

export function problemText(
  problem: Pick<ProblemBody, "column" | "indicator" | "message">,
): string {
  const { column, indicator, message } = problem;
  return column && column !== indicator && !message.includes(`"${column}"`)
    ? `Column "${column}": ${message}`
    : message;
}
