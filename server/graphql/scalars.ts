// The domain's own scalars: URN, AcademicYear, Date (a calendar day) and
// CellMatrix (rows of cells as Excel hands a range over). Each checks a value
// where it enters (a literal in the query or a variable), by the same rule
// the services apply, so a bad one is refused before any resolver runs with
// a message saying what the scalar accepts.
import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from "graphql";
import type { MatrixCell } from "../domain/index.js";
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

const MATRIX_ACCEPTS =
  "a list of rows, each a list of cells, each a string, a number, true or false, or null for a blank";

function matrixRefusal(where: string, what: string): GraphQLError {
  return new GraphQLError(`CellMatrix accepts ${MATRIX_ACCEPTS}; ${where} is ${what}.`);
}

const isCell = (value: unknown): value is MatrixCell =>
  value === null ||
  typeof value === "string" ||
  typeof value === "boolean" ||
  (typeof value === "number" && Number.isFinite(value));

/**
 * A matrix as a variable gives it, checked in one pass and kept as it came:
 * thousands of rows are not copied (each cell is read by its indicator's rule
 * later, naming the indicator and what it accepts).
 */
function checkedMatrix(value: unknown): MatrixCell[][] {
  if (!Array.isArray(value)) throw matrixRefusal("the value", "not a list");
  for (let row = 0; row < value.length; row++) {
    const cells: unknown = value[row];
    if (!Array.isArray(cells)) throw matrixRefusal(`rows[${row}]`, "not a list");
    for (let column = 0; column < cells.length; column++)
      if (!isCell(cells[column]))
        throw matrixRefusal(
          `rows[${row}][${column}]`,
          Array.isArray(cells[column]) ? "a list" : typeof cells[column],
        );
  }
  return value as MatrixCell[][];
}

/** A cell written in the query itself. */
function literalCell(node: ValueNode, where: string): MatrixCell {
  switch (node.kind) {
    case Kind.STRING:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.BOOLEAN:
      return node.value;
    case Kind.NULL:
      return null;
    default:
      throw matrixRefusal(where, print(node).slice(0, 40));
  }
}

export const CellMatrixScalar = new GraphQLScalarType<MatrixCell[][], MatrixCell[][]>({
  name: "CellMatrix",
  description: `Rows of cells as a spreadsheet range holds them, one list per row: ${MATRIX_ACCEPTS}. Sent as plain JSON, so thousands of rows cost no typed object per cell.`,
  serialize: (value) => checkedMatrix(value),
  parseValue: (value) => checkedMatrix(value),
  parseLiteral: (ast: ValueNode) => {
    if (ast.kind !== Kind.LIST) throw matrixRefusal("the value", "not a list");
    return ast.values.map((row, index) => {
      if (row.kind !== Kind.LIST) throw matrixRefusal(`rows[${index}]`, "not a list");
      return row.values.map((cell, column) => literalCell(cell, `rows[${index}][${column}]`));
    });
  },
  extensions: {
    codegenScalarType: "ReadonlyArray<ReadonlyArray<string | number | boolean | null>>",
  },
});
