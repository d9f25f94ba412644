// The GraphQL operations the custom functions send, and the shapes they
// answer. The documents are checked against the committed schema
// (schema/schema.graphql) by test/addin/functions-operations.test.ts, so a
// field renamed on the server fails a test here, not a cell in a workbook.

/** One cell of evidence as the server reads it (EvidenceInput). */
export interface EvidenceCell {
  readonly indicator: string;
  readonly value: string | null;
}

export interface Level {
  readonly key: string;
  readonly label: string;
  readonly rank: number;
  readonly risk: string;
}

export interface Reason {
  readonly source: string;
  readonly indicated: string | null;
  readonly message: string;
}

export interface Problem {
  readonly field: string;
  readonly message: string;
  readonly accepts: string | null;
  readonly value: string | null;
}

/** One row's answer from designateBatch(reportBadRows: true). */
export interface DesignationResult {
  readonly level: Level | null;
  readonly insufficientEvidence: boolean;
  readonly reasons: readonly Reason[];
  /** Why the row could not be read; empty for a readable row. */
  readonly problems: readonly Problem[];
}

export const DESIGNATE_BATCH = /* GraphQL */ `
  query DesignateBatch($framework: String!, $rows: [[EvidenceInput!]!]!) {
    designateBatch(framework: $framework, rows: $rows, reportBadRows: true) {
      level {
        key
        label
        rank
        risk
      }
      insufficientEvidence
      reasons {
        source
        indicated
        message
      }
      problems {
        field
        message
        accepts
        value
      }
    }
  }
`;

export interface DesignateBatchData {
  readonly designateBatch: readonly DesignationResult[];
}

export interface TargetProgress {
  readonly metric: string;
  readonly baseline: number;
  readonly target: number;
  readonly progress: {
    readonly latest: number | null;
    readonly latestPeriod: string | null;
    readonly gapClosed: number | null;
    readonly onTrack: boolean | null;
    readonly rag: string | null;
  };
}

/** An academy's card for a year, as the functions use it. */
export interface CardResult {
  readonly targets: readonly TargetProgress[];
}

/**
 * The selection for one academy card. The server estimates a query's cost
 * (server/graphql/query-limits.ts) as 1 per field, a list's children times
 * 10: here 1 + (1 + 10 x (3 + 1 + 5)) = 92 per card. Keep CARD_COST in step
 * when the selection changes; the batching test sends a full chunk to the
 * real server, which refuses anything over its limit.
 */
const CARD_SELECTION = `targets { metric baseline target progress { latest latestPeriod gapClosed onTrack rag } }`;
export const CARD_COST = 92;

/** One query reading many academy cards at once, each under its own alias (c0, c1, ...). */
export function cardsQuery(count: number): string {
  const variables: string[] = [];
  const fields: string[] = [];
  for (let index = 0; index < count; index++) {
    variables.push(`$u${index}: String!`, `$y${index}: String!`);
    fields.push(`c${index}: academyCard(urn: $u${index}, year: $y${index}) { ${CARD_SELECTION} }`);
  }
  return `query AcademyCards(${variables.join(", ")}) {\n  ${fields.join("\n  ")}\n}`;
}

export function cardsVariables(
  cards: readonly { readonly urn: string; readonly year: string }[],
): Record<string, string> {
  const variables: Record<string, string> = {};
  cards.forEach((card, index) => {
    variables[`u${index}`] = card.urn;
    variables[`y${index}`] = card.year;
  });
  return variables;
}

export const ACADEMY_ROSTER = /* GraphQL */ `
  query AcademyRoster($after: String) {
    academies(first: 500, after: $after) {
      edges {
        node {
          urn
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export interface AcademyRosterData {
  readonly academies: {
    readonly edges: readonly { readonly node: { readonly urn: string } }[];
    readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  };
}

export const FRAMEWORK_CATALOG = /* GraphQL */ `
  query FrameworkCatalog {
    frameworks {
      key
      name
      levels {
        key
        label
        rank
        risk
      }
      definition
    }
  }
`;

export interface FrameworkCatalogData {
  readonly frameworks: readonly {
    readonly key: string;
    readonly name: string;
    readonly levels: readonly Level[];
    /** The framework's JSON document; its `support` array lists the entitlements. */
    readonly definition: string;
  }[];
}
