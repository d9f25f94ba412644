// One request budget for every path (HTTP and graphql-ws): variables are
// coerced first (a wrong type is BAD_USER_INPUT naming the variable, never a
// server error), then one walk of the operation (graphql-query-complexity,
// following fragments and aliases) measures
// - its depth,
// - its top-level fields (each alias counts),
// - the rows it asks the server to designate, import or record, and the
//   academy cards it asks for, summed over every field and alias (eleven
//   aliases sharing one 1,000-row variable are 11,000 rows),
// - its cost: a field costs 1 plus one per item of its list arguments (rows,
//   URNs, cells); a connection multiplies its page by the page size (first,
//   last or the default), a page of `first` its children by `first`, another
//   list by 10.
// Over any limit, the operation is refused before it runs, with the limit and
// the figure in the message and as numbers in `extensions` (cost and
// maximumCost, and the measure that went over with its maximum). A signed-out
// request has its own, smaller budget.
import type { ApolloServerPlugin } from "@apollo/server";
import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  getVariableValues,
  isListType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { getComplexity, type ComplexityEstimator } from "graphql-query-complexity";
import { ErrorCode, type BudgetFigures } from "./errors.js";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./relay/index.js";
import type { Context } from "./context.type.js";

export interface RequestBudget {
  readonly maxDepth: number;
  readonly maxCost: number;
  readonly maxRootFields: number;
  /** Rows designated, imported or recorded, all fields and aliases together. */
  readonly maxRows: number;
  /** Academy cards, all fields and aliases together. */
  readonly maxCards: number;
}

export interface Budgets {
  readonly signedIn: RequestBudget;
  /** For requests without a principal (only possible with PUBLIC_EVALUATION). */
  readonly signedOut: RequestBudget;
}

/**
 * The top-level fields that do work per item, and the list argument that
 * holds the items (none: one item). A new batch field belongs here.
 */
export const WORK_FIELDS: Readonly<Record<string, { unit: "rows" | "cards"; argument?: string }>> =
  {
    designate: { unit: "rows" },
    designateBatch: { unit: "rows", argument: "rows" },
    designateRows: { unit: "rows", argument: "rows" },
    importAcademies: { unit: "rows", argument: "rows" },
    recordEvidenceBatch: { unit: "rows", argument: "rows" },
    recordEvidence: { unit: "rows" },
    academyCard: { unit: "cards" },
    academyCards: { unit: "cards", argument: "urns" },
  };

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

/** A Relay connection type (AcademyConnection), by its name. */
const isConnection = (type: GraphQLType | GraphQLCompositeType) =>
  getNamedType(type).name.endsWith("Connection");

/** The page size a connection is asked for: first, else last. */
function pageSizeOf(args: Record<string, unknown>): number | null {
  if (typeof args.first === "number") return args.first;
  if (typeof args.last === "number") return args.last;
  return null;
}

const lengthOf = (value: unknown): number => (Array.isArray(value) ? value.length : 1);

/** Items in a field's list arguments (the outer length of each). */
function listItems(args: Record<string, unknown>): number {
  let items = 0;
  for (const value of Object.values(args)) if (Array.isArray(value)) items += value.length;
  return items;
}

/** What one operation asks for, measured in one walk. */
export interface Measure {
  readonly depth: number;
  readonly cost: number;
  readonly rootFields: number;
  readonly rows: number;
  readonly cards: number;
}

function measure(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): Measure {
  const roots = new Set(
    [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(
      (type) => type !== null && type !== undefined,
    ),
  );
  let rootFields = 0;
  const work = { rows: 0, cards: 0 };
  const estimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
    const items = listItems(args);
    if (roots.has(type as never)) {
      rootFields++;
      const fieldWork = WORK_FIELDS[field.name];
      if (fieldWork)
        work[fieldWork.unit] += fieldWork.argument ? lengthOf(args[fieldWork.argument]) : 1;
    }
    if (isConnection(field.type)) {
      // A page of a connection: its items times the page size asked (the
      // default when none is; an out-of-range size is counted as the largest
      // page, and refused by the connection itself, naming what it accepts).
      const size = pageSizeOf(args) ?? DEFAULT_PAGE_SIZE;
      return 1 + items + childComplexity * Math.min(Math.max(1, size), MAX_PAGE_SIZE);
    }
    // A connection's edges are its page: counted once, by the connection.
    if (isConnection(type)) return 1 + items + childComplexity;
    if (typeof args.first === "number")
      return 1 + items + childComplexity * Math.max(1, args.first);
    return (
      1 + items + (isListType(getNullableType(field.type)) ? childComplexity * 10 : childComplexity)
    );
  };
  const cost = getComplexity({
    schema,
    query: document,
    operationName: operation.name?.value,
    variables,
    estimators: [estimator],
  });
  return { depth: operationDepth(document, operation), cost, rootFields, ...work };
}

const tooComplex = (message: string, figures: BudgetFigures = {}) =>
  new GraphQLError(message, {
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, ...figures, http: { status: 400 } },
  });

/** Variables coerced to the operation's types; BAD_USER_INPUT errors naming each bad one. */
export function coerceVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): { errors: GraphQLError[] } | { coerced: Record<string, unknown> } {
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], variables, {
    maxErrors: 10,
  });
  if (result.errors)
    return {
      errors: result.errors.map(
        (error) =>
          new GraphQLError(error.message, {
            nodes: error.nodes,
            extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
          }),
      ),
    };
  return { coerced: result.coerced };
}

/**
 * The errors that refuse an operation before it runs (bad variables or over
 * the budget), or an empty list when it may run.
 */
export function budgetErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  budget: RequestBudget,
  signedIn: boolean,
): GraphQLError[] {
  const coerced = coerceVariables(schema, operation, variables);
  if ("errors" in coerced) return coerced.errors;
  const depth = operationDepth(document, operation);
  if (depth > budget.maxDepth)
    return [
      tooComplex(`This query is nested ${depth} levels deep; the limit is ${budget.maxDepth}.`, {
        depth,
        maximumDepth: budget.maxDepth,
      }),
    ];
  let found: Measure;
  try {
    found = measure(schema, document, operation, variables);
  } catch (error) {
    // graphql-query-complexity refuses documents with too many nodes.
    return [
      tooComplex(
        `This query is too large to measure (${error instanceof Error ? error.message : "too many fields"}).`,
      ),
    ];
  }
  const who = signedIn ? "" : " without signing in";
  const cost = { cost: found.cost, maximumCost: budget.maxCost };
  if (found.rootFields > budget.maxRootFields)
    return [
      tooComplex(
        `This operation has ${found.rootFields} top-level fields (each alias counts); the limit is ${budget.maxRootFields}.`,
        { ...cost, rootFields: found.rootFields, maximumRootFields: budget.maxRootFields },
      ),
    ];
  if (found.rows > budget.maxRows)
    return [
      tooComplex(
        `This operation asks for ${found.rows} rows (every field and alias together); the limit is ${budget.maxRows} per operation${who}. Split the request.`,
        { ...cost, rows: found.rows, maximumRows: budget.maxRows },
      ),
    ];
  if (found.cards > budget.maxCards)
    return [
      tooComplex(
        `This operation asks for ${found.cards} academy cards (every field and alias together); the limit is ${budget.maxCards} per operation${who}.`,
        { ...cost, cards: found.cards, maximumCards: budget.maxCards },
      ),
    ];
  if (found.cost > budget.maxCost)
    return [
      tooComplex(
        `This query would cost ${found.cost}; the limit is ${budget.maxCost}${who}. Ask for fewer fields or smaller pages.`,
        cost,
      ),
    ];
  return [];
}

/** The budget that applies to a request's context. */
export function budgetFor(budgets: Budgets, context: Pick<Context, "viewer" | "operator">) {
  const signedIn = context.viewer !== null || context.operator !== null;
  return { budget: signedIn ? budgets.signedIn : budgets.signedOut, signedIn };
}

/** Apollo plugin: the budget checked once the operation is known, before it runs. */
export function queryLimitsPlugin(
  schema: GraphQLSchema,
  budgets: Budgets,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          if (!operation) return;
          const { budget, signedIn } = budgetFor(budgets, contextValue);
          const errors = budgetErrors(
            schema,
            document,
            operation,
            request.variables ?? {},
            budget,
            signedIn,
          );
          if (errors.length > 0) throw errors[0];
        },
      };
    },
  };
}
