// Maps the domain's error kinds to GraphQL errors with extensions.code, and
// masks everything else: no stack trace or SQL reaches a client.
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { DomainError } from "../domain/index.js";

export function toGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: {
      code: error.kind,
      ...(error.problems.length > 0 ? { problems: error.problems.slice(0, 100) } : {}),
    },
  });
}

const PASSED_THROUGH = new Set([
  "BAD_USER_INPUT",
  "GRAPHQL_VALIDATION_FAILED",
  "GRAPHQL_PARSE_FAILED",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "PERSISTED_QUERY_NOT_FOUND",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "QUERY_TOO_COMPLEX",
  "RATE_LIMITED",
]);

/**
 * Apollo's formatError: domain errors keep their kind and problems; GraphQL
 * and validation errors pass; anything unexpected becomes INTERNAL_SERVER_ERROR
 * with a generic message (logged server side by the caller).
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  onInternal: (error: unknown) => void,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    const mapped = toGraphQLError(original);
    return { ...formatted, message: mapped.message, extensions: mapped.extensions };
  }
  const code = formatted.extensions?.code;
  if (typeof code === "string" && PASSED_THROUGH.has(code)) {
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code },
    };
  }
  onInternal(original);
  return {
    message: "Something went wrong on the server; it has been logged.",
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: "INTERNAL_SERVER_ERROR" },
  };
}
