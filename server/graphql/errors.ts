// The one errors module of the GraphQL and HTTP layers: every extensions.code
// the server sends is named here (the domain's kinds plus the request
// layer's), and one formatter masks everything else, for HTTP and WebSocket
// alike: no stack trace, SQL or schema hint reaches a client.
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { DomainError, type ErrorKind } from "../domain/index.js";

/** Every code a client can see. */
export const CODES = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  CONFLICT: "CONFLICT",
  GRAPHQL_VALIDATION_FAILED: "GRAPHQL_VALIDATION_FAILED",
  GRAPHQL_PARSE_FAILED: "GRAPHQL_PARSE_FAILED",
  PERSISTED_QUERY_NOT_FOUND: "PERSISTED_QUERY_NOT_FOUND",
  BAD_REQUEST: "BAD_REQUEST",
  OPERATION_RESOLUTION_FAILURE: "OPERATION_RESOLUTION_FAILURE",
  /** Over a request budget: depth, cost, root fields, rows or cards (the message names the limit and the figure). */
  QUERY_TOO_COMPLEX: "QUERY_TOO_COMPLEX",
  /** Over the rate limit (HTTP 429 with Retry-After). */
  RATE_LIMITED: "RATE_LIMITED",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const satisfies Record<string, string> & Record<ErrorKind, ErrorKind>;

export type ErrorCode = (typeof CODES)[keyof typeof CODES];

/** A GraphQL error with a code from CODES and, for HTTP, the status it answers with. */
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

export function toGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: {
      code: error.kind,
      ...(error.problems.length > 0 ? { problems: error.problems.slice(0, 100) } : {}),
    },
  });
}

const PASSED_THROUGH = new Set<string>(
  Object.values(CODES).filter((code) => code !== CODES.INTERNAL_SERVER_ERROR),
);

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
 * pass with their code only; anything unexpected becomes INTERNAL_SERVER_ERROR
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
      extensions: { code },
    };
  }
  options.onInternal(original);
  return {
    message: "Something went wrong on the server; it has been logged.",
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: CODES.INTERNAL_SERVER_ERROR },
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
