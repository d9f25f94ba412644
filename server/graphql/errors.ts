// The one errors module of the GraphQL and HTTP layers: errors carry a code
// from ErrorCode (server/shared/error-codes.ts, the list the add-in reads
// too), and one formatter masks everything else, for HTTP and WebSocket
// alike: no stack trace, SQL or schema hint reaches a client.
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { DomainError, type Problem } from "../domain/index.js";
import { ErrorCode, wireProblem, type WireProblem } from "../shared/index.js";

export { ErrorCode } from "../shared/index.js";

/**
 * The figures a QUERY_TOO_COMPLEX refusal carries in `extensions`, so a client
 * can shrink its request without reading the message: the measure that went
 * over with its maximum, and the operation's cost and the maximum cost
 * whenever the cost was measured (every refusal but depth's).
 */
export interface BudgetFigures {
  readonly cost?: number;
  readonly maximumCost?: number;
  readonly depth?: number;
  readonly maximumDepth?: number;
  readonly rootFields?: number;
  readonly maximumRootFields?: number;
  readonly rows?: number;
  readonly maximumRows?: number;
  readonly cards?: number;
  readonly maximumCards?: number;
}

/** The extension keys of BudgetFigures, which formatError lets through. */
export const BUDGET_FIGURES: readonly (keyof BudgetFigures)[] = [
  "cost",
  "maximumCost",
  "depth",
  "maximumDepth",
  "rootFields",
  "maximumRootFields",
  "rows",
  "maximumRows",
  "cards",
  "maximumCards",
];

/** A GraphQL error with a code from ErrorCode and, for HTTP, the status it answers with. */
export function codedError(code: ErrorCode, message: string, status?: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code, ...(status ? { http: { status } } : {}) },
  });
}

/**
 * The JSON body of an error answered outside GraphQL execution (rate limit,
 * size, parse, and the plain routes /export and /public-data): GraphQL's shape,
 * with `extra` extensions (a bad input's problems) beside the code.
 */
export function errorBody(
  code: ErrorCode,
  message: string,
  extra: { readonly problems?: readonly unknown[] } = {},
) {
  return { errors: [{ message, extensions: { code, ...extra } }] };
}

export { wireProblem, type WireProblem } from "../shared/index.js";

/**
 * Every problem (none is left out: a 10,000-row batch answers all of its
 * problems) and how many there are, for extensions and the HTTP routes.
 */
export function problemsOf(problems: readonly Problem[]): {
  problems: WireProblem[];
  problemCount: number;
} {
  return { problems: problems.map(wireProblem), problemCount: problems.length };
}

export function toGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: {
      code: error.kind,
      ...(error.problems.length > 0 ? problemsOf(error.problems) : {}),
    },
  });
}

const PASSED_THROUGH = new Set<string>(
  Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
);

/** The extensions beside `code` a client sees: a refused budget's figures (numbers only). */
function keptExtensions(
  code: string,
  extensions: Readonly<Record<string, unknown>> | undefined,
): Record<string, number> {
  if (code !== ErrorCode.QUERY_TOO_COMPLEX || !extensions) return {};
  const kept: Record<string, number> = {};
  for (const key of BUDGET_FIGURES) {
    const value = extensions[key];
    if (typeof value === "number") kept[key] = value;
  }
  return kept;
}

/** Graphql-js's "Did you mean ...?" hints, which describe the schema to someone who cannot introspect it. */
export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean(.+?)\?$/, "");
}

export interface FormatOptions {
  readonly onInternal: (error: unknown) => void;
  /** Production: no schema suggestions in messages. */
  readonly hideSchemaDetails: boolean;
}

/**
 * Domain errors keep their kind and problems; GraphQL and validation errors
 * pass with their code only (a QUERY_TOO_COMPLEX with its budget figures too); anything unexpected becomes INTERNAL_SERVER_ERROR
 * with a generic message (logged server side by the caller).
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  options: FormatOptions,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    const mapped = toGraphQLError(original);
    return { ...formatted, message: mapped.message, extensions: mapped.extensions };
  }
  const code = formatted.extensions?.code;
  if (typeof code === "string" && PASSED_THROUGH.has(code)) {
    return {
      message: options.hideSchemaDetails
        ? withoutSuggestions(formatted.message)
        : formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code, ...keptExtensions(code, formatted.extensions) },
    };
  }
  options.onInternal(original);
  return {
    message: "Something went wrong on the server; it has been logged.",
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

/** formatError for a GraphQLError outside Apollo (graphql-ws): validation errors have no code yet. */
export function formatBareError(
  error: GraphQLError,
  fallbackCode: ErrorCode,
  options: FormatOptions,
): GraphQLFormattedError {
  const formatted = error.toJSON();
  const withCode =
    typeof formatted.extensions?.code === "string" || error.originalError
      ? formatted
      : { ...formatted, extensions: { ...formatted.extensions, code: fallbackCode } };
  return formatError(withCode, error, options);
}
