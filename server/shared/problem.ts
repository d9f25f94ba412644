// One thing wrong with the input, as the server reports it (in a batch's
// problems, or `extensions.problems`) and the add-in shows it next to a row or
// a cell.
import { ErrorCode, type ErrorKind } from "./error-codes.js";

/**
 * One thing wrong with the input: where it is, what kind of problem, and what
 * would be accepted. In a batch, `row` says which item; for a cell of
 * evidence, `column` is its header as the user wrote it and `indicator` the
 * indicator it names. The message says what is wrong in words, without the
 * batch position (the client places it: the add-in names the sheet row).
 */
export interface Problem {
  /**
   * The input field at fault, as the schema names it ("urn", "year",
   * "milestones[0].value"); for a cell, "indicator" (its header) or "value";
   * in a framework document, a path such as "sources[2].cuts[0].level".
   * Never the batch position: that is `row`.
   */
  readonly field: string;
  readonly message: string;
  /** The value as given, when there was one. */
  readonly value?: string;
  /** What would be accepted, in words. */
  readonly accepts?: string;
  /**
   * BAD_USER_INPUT unless said: NOT_FOUND when what the input names does not
   * exist (a header naming no indicator, a URN not in the trust).
   */
  readonly code?: ErrorKind;
  /** The item of a batch (rows, entries), counted from 0 in the order sent. */
  readonly row?: number;
  /** A cell's header as the user wrote it (or the indicator key sent in its place). */
  readonly column?: string;
  /** The key of the indicator concerned, when the problem is about one. */
  readonly indicator?: string;
}

/** The problem placed at item `row` of a batch. */
export function inRow(problem: Problem, row: number): Problem {
  return { ...problem, row };
}

/** A problem as a client receives it, in data (the Problem type) and in extensions.problems alike. */
export interface WireProblem {
  readonly code: ErrorCode;
  readonly row: number | null;
  readonly column: string | null;
  readonly indicator: string | null;
  readonly field: string;
  readonly message: string;
  readonly value: string | null;
  readonly accepts: string | null;
}

/** A problem as it is sent: every field present, null where it does not apply. */
export function wireProblem(problem: Problem): WireProblem {
  return {
    code: problem.code ?? ErrorCode.BAD_USER_INPUT,
    row: problem.row ?? null,
    column: problem.column ?? null,
    indicator: problem.indicator ?? null,
    field: problem.field,
    message: problem.message,
    value: problem.value ?? null,
    accepts: problem.accepts ?? null,
  };
}
