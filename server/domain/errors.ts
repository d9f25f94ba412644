// The domain's errors (STYLE.md 5): a kind from the one list of error codes
// (server/shared/error-codes.ts), which the GraphQL layer sends as
// `extensions.code`, and the problems found (server/shared/problem.ts).
import { ErrorCode, type ErrorKind } from "../shared/error-codes.js";
import type { Problem } from "../shared/problem.js";

export type { ErrorKind } from "../shared/error-codes.js";
export { inRow, type Problem } from "../shared/problem.js";

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
    ErrorCode.BAD_USER_INPUT,
    `${at}${first?.message ?? "Bad input"}${more}`,
    problems,
  );
}

export function notFound(what: string): DomainError {
  return new DomainError(ErrorCode.NOT_FOUND, what);
}

export function conflict(message: string): DomainError {
  return new DomainError(ErrorCode.CONFLICT, message);
}

export function forbidden(message = "You do not have permission to do that."): DomainError {
  return new DomainError(ErrorCode.FORBIDDEN, message);
}

/** Exhaustive switch guard: the compiler proves this is never reached. */
export function unreachable(value: never): never {
  throw new Error(`Unreachable case: ${JSON.stringify(value)}`);
}
