// The error kinds the product speaks of, in one place (STYLE.md 5). The
// GraphQL layer maps `kind` to `extensions.code`; nothing else invents codes.

export type ErrorKind =
  "BAD_USER_INPUT" | "NOT_FOUND" | "FORBIDDEN" | "UNAUTHENTICATED" | "CONFLICT";

/** One thing wrong with the input: where it is, and what would be accepted. */
export interface Problem {
  /** Where: an indicator key, a field name, or a path such as "rows[3].urn". */
  readonly field: string;
  readonly message: string;
  /** The value as given, when there was one. */
  readonly value?: string;
  /** What would be accepted, in words. */
  readonly accepts?: string;
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

/** Bad input: the message names the first problem; all problems are listed. */
export function badInput(problems: readonly Problem[]): DomainError {
  const first = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
  return new DomainError("BAD_USER_INPUT", `${first?.message ?? "Bad input"}${more}`, problems);
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
