// Limits on what one request may ask for: nesting depth and an estimated
// cost (graphql-query-complexity), each refused before execution with the
// limit in the error.
import type { ApolloServerPlugin } from "@apollo/server";
import {
  GraphQLError,
  Kind,
  isListType,
  getNullableType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { getComplexity, type ComplexityEstimator } from "graphql-query-complexity";

/** Depth of the deepest field selection, following fragments. */
export function operationDepth(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  const depthOf = (set: SelectionSetNode, seen: ReadonlySet<string>): number => {
    let deepest = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const inner = selection.selectionSet ? depthOf(selection.selectionSet, seen) : 0;
        deepest = Math.max(deepest, selection.name.value.startsWith("__") ? 0 : 1 + inner);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value))
          deepest = Math.max(
            deepest,
            depthOf(fragment.selectionSet, new Set([...seen, fragment.name.value])),
          );
      }
    }
    return deepest;
  };
  return depthOf(operation.selectionSet, new Set());
}

/** A field costs 1; a page of `first` items multiplies its children by `first`; another list by 10. */
const listAwareEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (typeof args.first === "number") return 1 + childComplexity * Math.max(1, args.first);
  return isListType(getNullableType(field.type)) ? 1 + childComplexity * 10 : 1 + childComplexity;
};

export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxCost: number;
}

/** The error for an operation over a limit, or null when it is within them. */
export function limitError(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  limits: QueryLimits,
): GraphQLError | null {
  const depth = operationDepth(document, operation);
  if (depth > limits.maxDepth) {
    return new GraphQLError(
      `This query is nested ${depth} levels deep; the limit is ${limits.maxDepth}.`,
      {
        extensions: {
          code: "QUERY_TOO_COMPLEX",
          depth,
          maxDepth: limits.maxDepth,
          http: { status: 400 },
        },
      },
    );
  }
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: document,
      operationName: operation.name?.value,
      variables,
      estimators: [listAwareEstimator],
    });
  } catch {
    // Variables that cannot be coerced (an unknown enum value such as period
    // "autumn3"): execution refuses them as BAD_USER_INPUT, naming the value.
    return null;
  }
  if (cost > limits.maxCost) {
    return new GraphQLError(
      `This query would cost ${cost}; the limit is ${limits.maxCost}. Ask for fewer fields or smaller pages.`,
      {
        extensions: {
          code: "QUERY_TOO_COMPLEX",
          cost,
          maxCost: limits.maxCost,
          http: { status: 400 },
        },
      },
    );
  }
  return null;
}

export function queryLimitsPlugin(schema: GraphQLSchema, limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          const error = limitError(schema, document, operation, request.variables ?? {}, limits);
          if (error) throw error;
        },
      };
    },
  };
}
