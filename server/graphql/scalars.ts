// The domain's own scalars: URN, AcademicYear and Date (a calendar day). Each
// checks a value where it enters (a literal in the query or a variable), by
// the same rule the services apply, so a bad one is refused before any
// resolver runs with a message saying what the scalar accepts.
import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from "graphql";
import { GraphQLLocalDate } from "graphql-scalars";
import { identifierProblem, yearProblem } from "../shared/index.js";

interface ScalarRule {
  readonly name: string;
  readonly description: string;
  /** What it accepts, in words: "six digits such as 123456". */
  readonly accepts: string;
  readonly isValid: (text: string) => boolean;
}

function refusal(rule: ScalarRule, shown: string): GraphQLError {
  return new GraphQLError(
    `${rule.name} accepts ${rule.accepts}; ${shown.slice(0, 40)} is not one.`,
  );
}

function checked(rule: ScalarRule, value: unknown): string {
  if (typeof value !== "string") throw refusal(rule, JSON.stringify(value) ?? String(value));
  if (!rule.isValid(value)) throw refusal(rule, JSON.stringify(value));
  return value;
}

/** A string scalar that refuses, on the way in and out, what the rule does not accept. */
function domainScalar(rule: ScalarRule): GraphQLScalarType<string, string> {
  return new GraphQLScalarType<string, string>({
    name: rule.name,
    description: `${rule.description} Accepts ${rule.accepts}.`,
    serialize: (value) => checked(rule, value),
    parseValue: (value) => checked(rule, value),
    parseLiteral: (ast: ValueNode) => {
      if (ast.kind !== Kind.STRING) throw refusal(rule, print(ast));
      return checked(rule, ast.value);
    },
    extensions: { codegenScalarType: "string" },
  });
}

const URN_ACCEPTS = identifierProblem("urn", "urn", "")!.accepts!;

export const URNScalar = domainScalar({
  name: "URN",
  description: "An academy's Unique Reference Number (GIAS), as a string.",
  accepts: URN_ACCEPTS,
  isValid: (text) => identifierProblem("urn", "urn", text) === null,
});

export const AcademicYearScalar = domainScalar({
  name: "AcademicYear",
  description:
    "An academic year, 1 September to 31 August, written as its first calendar year, a slash and the last two digits of the next.",
  accepts: "a year such as 2025/26",
  isValid: (text) => yearProblem("year", text) === null,
});

/** A calendar day: graphql-scalars' LocalDate rule (yyyy-mm-dd, a day that exists). */
function isCalendarDay(text: string): boolean {
  try {
    GraphQLLocalDate.parseValue(text);
    return true;
  } catch {
    return false;
  }
}

export const CalendarDateScalar = domainScalar({
  name: "Date",
  description:
    "A calendar day with no time or time zone, such as the day a board met or an inspection began.",
  accepts: "a day as yyyy-mm-dd, such as 2026-10-14",
  isValid: isCalendarDay,
});
