// MAT.WHATIF: the level a row would get if one indicator moved to another
// value, and which reasons moved. Done in the add-in with the server's one
// rule book: the row is sent twice in the same batch (as given, and with the
// one value replaced), through the batching client, so a sheet of what-if
// cells moving the same indicator costs one more designateRows per framework
// (and a what-if cell's row as given is the very row its MAT.DESIGNATION
// neighbour sends: they share it). Reasons are asked only for the changes.
//
// Which column holds the indicator is the server's to say (the trust's column
// map, then the framework's aliases, then the catalogue). The new value goes
// first in the row, and a column of the row with the same header is left out;
// any other column the server reads as the same indicator then clashes with
// it ("given twice with different values") or cannot be read, and the server
// names that column: it is left out and the what-if row sent once more (all
// such cells of a recalculation together, in the next batch).
import { INDICATOR_KEYS, isNotAvailable } from "../../server/shared/index.js";
import { problemText } from "../shared/problem-text.js";
import type { BatchingClient } from "./batching-client.js";
import type { DesignationAnswer, DesignationCall } from "./designation-requests.js";
import { badInput } from "./excel-error.js";
import { cellText } from "./evidence-row.js";
import type { Problem, Reason, WireCell } from "./operations.js";

const KEYS = new Map(INDICATOR_KEYS.map((key) => [key.toLowerCase(), key]));
const fold = (text: string) => text.trim().toLowerCase();

/** The indicator a what-if moves: a key as the catalogue spells it, or a header as written. */
export interface MovedIndicator {
  /** Sent as the cell's indicator: the key, or the header. */
  readonly column: string;
  /** The indicator key when the argument is one; null for a header (the server resolves it). */
  readonly key: string | null;
  /** The value as the server reads it (a cell's text). */
  readonly value: string;
}

/** Reads MAT.WHATIF's indicator and value arguments; #VALUE! naming what is accepted. */
export function movedIndicator(indicator: unknown, value: unknown): MovedIndicator {
  const name = typeof indicator === "string" ? indicator.trim() : "";
  if (!name)
    throw badInput(
      "indicator: give the indicator to move, as a key such as ks2.rwmExpected or a header of the row such as P8",
    );
  const key = KEYS.get(name.toLowerCase()) ?? null;
  // "Not available" would leave the row's own cell for the indicator in force: refused.
  const text = cellText(value);
  if (text === null || isNotAvailable(text))
    throw badInput(
      `value: give the value ${key ?? name} would move to (a number, or a grade's words such as Good); to see the row without it, clear its cell`,
    );
  return { column: key ?? name, key, value: text };
}

export interface WhatIfAnswer {
  readonly given: DesignationAnswer;
  readonly moved: DesignationAnswer;
}

/** The row as given and the row with the indicator moved, designated together. */
export async function designateWhatIf(
  server: BatchingClient,
  framework: string,
  given: DesignationCall["row"],
  moved: MovedIndicator,
  /** With the reasons and coverage of both rows (the changes). */
  explain: boolean,
): Promise<WhatIfAnswer> {
  const replaced = new Set([fold(moved.column)]);
  const at = given.columns.flatMap((column, index) =>
    fold(column) === fold(moved.column) ? [index] : [],
  );
  /**
   * The row with the moved value: in its own cell when the row has one column
   * of that header (the same columns as the row as given, so both go in one
   * request); else first, with the row's cells but those it replaces.
   */
  const row = (): DesignationCall["row"] => {
    if (at.length === 1 && replaced.size === 1) {
      const values = given.values.map((value, index) => (index === at[0] ? moved.value : value));
      // The moved value's format is not the cell's: not known.
      const percent = given.percent?.map((flag, index) => (index === at[0] ? null : flag)) ?? null;
      return { ...given, values, percent };
    }
    const columns = [moved.column];
    const values: WireCell[] = [moved.value];
    const percent: (boolean | null)[] | null = given.percent ? [null] : null;
    given.columns.forEach((column, index) => {
      if (replaced.has(fold(column))) return;
      columns.push(column);
      values.push(given.values[index] ?? null);
      percent?.push(given.percent?.[index] ?? null);
    });
    return { columns, values, percent, headed: given.headed };
  };
  // Both rows in the same batch (and the row as given shared with MAT.DESIGNATION's cells).
  const [asGiven, first] = await Promise.all([
    server.designate(framework, given, explain),
    server.designate(framework, row(), explain),
  ]);
  let answer = first;
  checkMovedCell(answer, moved);
  // Other columns the server reads as the moved indicator: left out, and asked once more.
  const clashing = answer.problems.filter(
    (problem) =>
      problem.column !== null &&
      !replaced.has(fold(problem.column)) &&
      problem.indicator !== null &&
      (problem.indicator === moved.key || !asGiven.problems.some((p) => sameProblem(p, problem))),
  );
  if (clashing.length > 0) {
    for (const problem of clashing) replaced.add(fold(problem.column!));
    answer = await server.designate(framework, row(), explain);
    checkMovedCell(answer, moved);
  }
  if (answer.problems.length > 0)
    throw badInput(
      `The row cannot be read: ${answer.problems.map(problemText).join("; ")} (MAT.EXPLAIN says more)`,
    );
  // The row as given may fail only in a cell the what-if replaced.
  const blocking = asGiven.problems.filter(
    (problem) => problem.column === null || !replaced.has(fold(problem.column)),
  );
  if (blocking.length > 0)
    throw badInput(`The row cannot be read: ${blocking.map(problemText).join("; ")}`);
  return { given: asGiven, moved: answer };
}

function sameProblem(a: Problem, b: Problem): boolean {
  return a.column === b.column && a.field === b.field && a.message === b.message;
}

/** The moved cell itself: an indicator the server does not know, or a value it cannot read. */
function checkMovedCell(answer: DesignationAnswer, moved: MovedIndicator): void {
  if (answer.unusedHeaders.some((header) => fold(header) === fold(moved.column)))
    throw badInput(
      `indicator: "${moved.column}" names no indicator; give an indicator key such as ks2.rwmExpected, or a header this framework or your column map knows`,
    );
  const own = answer.problems.filter(
    (problem) => problem.column !== null && fold(problem.column) === fold(moved.column),
  );
  if (own.length > 0) throw badInput(own.map(problemText).join("; "));
}

function levelText(answer: DesignationAnswer): string {
  if (answer.problems.length > 0) return "cannot be read";
  return answer.level?.label ?? "insufficient evidence";
}

const indicated = (reason: Reason) => reason.indicated ?? "skipped";

/** Reasons by source; a source given twice (overrides) is told apart by its place. */
function bySource(reasons: readonly Reason[]): Map<string, Reason> {
  const out = new Map<string, Reason>();
  for (const reason of reasons) {
    let key = reason.source;
    for (let n = 2; out.has(key); n++) key = `${reason.source} #${n}`;
    out.set(key, reason);
  }
  return out;
}

/**
 * What moved, one line each: first the level ("Repair -> Improve", or "stays
 * Repair"), then each reason whose level or words changed, then the coverage
 * when it changed (provisional, complete).
 */
export function whatIfChanges(moved: MovedIndicator, answer: WhatIfAnswer): string[] {
  const { given, moved: after } = answer;
  const before = levelText(given);
  const now = levelText(after);
  const lines = [
    before === now
      ? `${moved.column} at ${moved.value}: stays ${now}`
      : `${moved.column} at ${moved.value}: ${before} -> ${now}`,
  ];
  const was = bySource(given.reasons);
  const is = bySource(after.reasons);
  for (const [source, reason] of is) {
    const earlier = was.get(source);
    if (!earlier) lines.push(`${reason.source}: now ${indicated(reason)}: ${reason.message}`);
    else if (earlier.indicated !== reason.indicated)
      lines.push(
        `${reason.source}: ${indicated(earlier)} -> ${indicated(reason)}: ${reason.message}`,
      );
    else if (earlier.message !== reason.message)
      lines.push(`${reason.source}: still ${indicated(reason)}: ${reason.message}`);
  }
  for (const [source, reason] of was)
    if (!is.has(source))
      lines.push(`${reason.source}: no longer used (was ${indicated(reason)}): ${reason.message}`);
  if (given.coverage.provisional !== after.coverage.provisional)
    lines.push(
      after.coverage.provisional
        ? `Now provisional: ${after.coverage.missing.map((missing) => `no ${missing.label}`).join(", ")}`
        : "Now complete: every required source is used",
    );
  if (lines.length === 1) lines.push("No reason changed");
  return lines;
}
