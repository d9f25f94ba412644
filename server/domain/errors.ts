// The error kinds the product speaks of, in one place (STYLE.md 5). The
// GraphQL layer maps `kind` to `extensions.code`; nothing else invents codes.

export type ErrorKind =
  "BAD_USER_INPUT" | "NOT_FOUND" | "FORBIDDEN" | "UNAUTHENTICATED" | "CONFLICT";

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

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly problems: readonly Problem[] = [],
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/**
 * Bad input: the message names the first problem (and its place in the batch,
 * as the argument's path: "rows[3]: ..."); every problem is listed.
 */
export function badInput(problems: readonly Problem[], list = "rows"): DomainError {
  const first = problems[0];
  const at = first?.row === undefined ? "" : `${list}[${first.row}]: `;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
  return new DomainError(
    "BAD_USER_INPUT",
    `${at}${first?.message ?? "Bad input"}${more}`,
    problems,
  );
}

export function notFound(what: string): DomainError {
  return new DomainError("NOT_FOUND", what);
}

export function conflict(message: string): DomainError {
  return new DomainError("CONFLICT", message);
}

export function forbidden(message = "You do not have permission to do that."): DomainError {
  return new DomainError("FORBIDDEN", message);
}

/** Exhaustive switch guard: the compiler proves this is never reached. */
export function unreachable(value: never): never {
  throw new Error(`Unreachable case: ${JSON.stringify(value)}`);
}
