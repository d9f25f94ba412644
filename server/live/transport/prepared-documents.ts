// Subscription documents parsed and validated once per query text. A
// dashboard's thousands of subscribers send the same few queries; parsing
// each again kept a syntax tree per subscription (some 90 tokens and
// locations, 5 KB of the 40 KB a subscriber held) and spent a parse and a
// validation per subscribe. Documents are immutable, so one is shared by
// every subscription that sent the same text (the most recent 500 texts).
import {
  Kind,
  parse,
  validate,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  type ValidationRule,
} from "graphql";

export type PreparedDocument =
  | { readonly ok: true; readonly document: DocumentNode }
  | {
      readonly ok: false;
      readonly stage: "parse" | "validation";
      readonly errors: readonly GraphQLError[];
    };

export interface PreparedDocuments {
  /** The query parsed and validated (or why not), shared by every caller with the same text. */
  prepare(query: string): PreparedDocument;
  /** The document with only the operation `operation` among its operations (the same object for every caller). */
  only(document: DocumentNode, operation: DocumentNode["definitions"][number]): DocumentNode;
}

export function preparedDocuments(
  schema: GraphQLSchema,
  rules: readonly ValidationRule[],
  size = 500,
): PreparedDocuments {
  const byText = new Map<string, PreparedDocument>();
  const narrowed = new WeakMap<DocumentNode, Map<object, DocumentNode>>();
  const prepareAnew = (query: string): PreparedDocument => {
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: 10_000 });
    } catch (error) {
      return { ok: false, stage: "parse", errors: [error as GraphQLError] };
    }
    const invalid = validate(schema, document, rules);
    return invalid.length > 0
      ? { ok: false, stage: "validation", errors: invalid }
      : { ok: true, document };
  };
  return {
    prepare(query) {
      let prepared = byText.get(query);
      if (prepared) byText.delete(query);
      else prepared = prepareAnew(query);
      // Most recently used last; the least recently used goes first.
      byText.set(query, prepared);
      if (byText.size > size) byText.delete(byText.keys().next().value!);
      return prepared;
    },
    only(document, operation) {
      let byOperation = narrowed.get(document);
      if (!byOperation) {
        byOperation = new Map();
        narrowed.set(document, byOperation);
      }
      let only = byOperation.get(operation);
      if (!only) {
        only = {
          ...document,
          definitions: document.definitions.filter(
            (definition) =>
              definition.kind !== Kind.OPERATION_DEFINITION || definition === operation,
          ),
        };
        byOperation.set(operation, only);
      }
      return only;
    },
  };
}
