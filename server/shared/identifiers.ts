// School and trust identifiers (DOMAIN.md): URN six digits, LAESTAB seven,
// UKPRN eight starting with 1; trust GIAS group UID or TR + 5 digits. The
// server checks what it stores with these rules; the add-in checks a sheet's
// URNs with them before sending.
import type { Problem } from "./problem.js";

const RULES = {
  urn: { pattern: /^\d{6}$/, accepts: "six digits such as 123456" },
  laestab: { pattern: /^\d{7}$/, accepts: "seven digits such as 3734021" },
  ukprn: { pattern: /^1\d{7}$/, accepts: "eight digits starting with 1, such as 10012345" },
  trustUid: {
    pattern: /^(TR\d{5}|\d{1,8})$/,
    accepts: "TR and five digits (TR01234) or a GIAS group UID",
  },
} as const;

export type IdentifierKind = keyof typeof RULES;

/** True for a well-formed URN: six digits. */
export function isUrn(value: string): boolean {
  return RULES.urn.pattern.test(value);
}

/** A problem naming the field, or null when the identifier is well formed. */
export function identifierProblem(
  kind: IdentifierKind,
  field: string,
  value: string,
): Problem | null {
  const rule = RULES[kind];
  if (rule.pattern.test(value)) return null;
  const shown = value.slice(0, 40);
  return {
    field,
    value: shown,
    accepts: rule.accepts,
    message: `${field}: "${shown}" is not a valid ${kind.toUpperCase()}; expected ${rule.accepts}`,
  };
}
