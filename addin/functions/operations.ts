// The GraphQL operations the custom functions send (and the subscriptions
// MAT.PROGRESS holds), and the shapes they answer. The documents are checked against the committed schema
// (schema/schema.graphql) by test/addin/functions-operations.test.ts, so a
// field renamed on the server fails a test here, not a cell in a workbook.

/** One cell of evidence as the server reads it (EvidenceInput). */
export interface EvidenceCell {
  readonly indicator: string;
  readonly value: string | null;
  /** The cell's number format when read: true percent-formatted (1 shows as 100%). */
  readonly percentFormatted?: boolean | null;
}

/** Which sources a designation rests on (the API's Coverage). */
export interface Coverage {
  readonly missing: readonly { readonly label: string }[];
  readonly unreadable: readonly { readonly message: string }[];
  readonly provisional: boolean;
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

/** One thing wrong with a row, as the server's Problem type gives it. */
export interface Problem {
  /** BAD_USER_INPUT, or NOT_FOUND for a header that names no indicator. */
  readonly code: string;
  /** The row's header as sent (null when the problem is not a cell's). */
  readonly column: string | null;
  /** The indicator key concerned, if any. */
  readonly indicator: string | null;
  /** "indicator" (the header) or "value" for a cell. */
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
  readonly coverage: Coverage;
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
        code
        column
        indicator
        field
        message
        accepts
        value
      }
      coverage {
        missing {
          label
        }
        unreadable {
          message
        }
        provisional
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
  /** The value in force (an agreed target's pending change is not it until the trust board agrees). */
  readonly target: number;
  /** draft, proposed, reviewed or agreed. */
  readonly status: string;
  readonly progress: {
    readonly latest: number | null;
    readonly latestPeriod: string | null;
    readonly gapClosed: number | null;
    readonly onTrack: boolean | null;
    readonly rag: string | null;
    /** What is expected by the latest period, rounded to the metric's precision. */
    readonly expected: number | null;
  };
}

/** The designation that counts in the card's year, as MAT.STORED reads it. */
export interface StoredDesignation {
  /** AGREED, NOT_YET_AGREED or REVIEW_SUGGESTED. */
  readonly status: string;
  readonly provisional: boolean;
  readonly statusText: string;
  readonly level: { readonly key: string; readonly label: string; readonly rank: number } | null;
  readonly timeInLevel: { readonly flag: string | null; readonly months: number } | null;
}

/** An academy's card for a year, as the functions use it. */
export interface CardResult {
  readonly designation?: StoredDesignation | null;
  readonly targets: readonly TargetProgress[];
}

/**
 * Academy cards for a year, many at once: answered in the order asked, null
 * for a URN that is not one of the viewer's academies.
 */
export const ACADEMY_CARDS = /* GraphQL */ `
  query AcademyCards($urns: [String!]!, $year: String!) {
    academyCards(urns: $urns, year: $year) {
      designation {
        status
        provisional
        statusText
        level {
          key
          label
          rank
        }
        timeInLevel {
          flag
          months
        }
      }
      targets {
        metric
        baseline
        target
        status
        progress {
          latest
          latestPeriod
          gapClosed
          onTrack
          rag
          expected
        }
      }
    }
  }
`;

export interface AcademyCardsData {
  readonly academyCards: readonly (CardResult | null)[];
}

/** Most URNs in one academyCards request: the server's limit (MAX_CARDS). */
export const MAX_CARDS_PER_REQUEST = 500;

/**
 * What the server estimates ACADEMY_CARDS costs (server/graphql/query-limits.ts)
 * before its URNs: 1 per field, and a list without `first` counts its
 * children 10 times: 1 + 10 x (designation: 1 + 3 + level 1 + 3 + timeInLevel
 * 1 + 2 = 11, targets: 1 + 10 x (4 + progress 1 + 6)) = 1221. Each URN adds 1
 * (the cost counts list arguments), so a request for n academies costs
 * 1221 + n. Keep it in step with the selection; functions-operations.test.ts
 * checks it against the real server.
 */
export const ACADEMY_CARDS_COST = 1221;

/** The target with its progress that a progress or target event carries. */
const TARGET_PROGRESS = `target { metric baseline target status progress { latest latestPeriod gapClosed onTrack rag expected } }`;

/** A measurement was recorded for an academy's metric: the target's new progress. */
export const PROGRESS_CHANGED = /* GraphQL */ `
  subscription ProgressChanged($urn: String!, $metric: String!, $after: String) {
    progressChanged(urn: $urn, metric: $metric, after: $after) {
      cursor
      year
      at
      ${TARGET_PROGRESS}
    }
  }
`;

export interface ProgressChangedData {
  readonly progressChanged: {
    /** Its place in the trust's changes: `after` when subscribing again. */
    readonly cursor: string;
    readonly year: string;
    /** When it was recorded (server time). */
    readonly at: string;
    readonly target: TargetProgress | null;
  };
}

/** A target of an academy was created or changed. */
export const TARGET_CHANGED = /* GraphQL */ `
  subscription TargetChanged($urn: String!, $after: String) {
    targetChanged(urn: $urn, after: $after) {
      cursor
      year
      metric
      ${TARGET_PROGRESS}
    }
  }
`;

export interface TargetChangedData {
  readonly targetChanged: {
    /** Its place in the trust's changes: `after` when subscribing again. */
    readonly cursor: string;
    readonly year: string;
    readonly metric: string;
    readonly target: TargetProgress | null;
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

/** MAT.EVIDENCE: a stored public value of one academy's indicator. */
export const PUBLIC_EVIDENCE = /* GraphQL */ `
  query PublicEvidence($urn: String!, $indicator: String!, $year: String) {
    publicEvidence(urn: $urn, indicator: $indicator, year: $year) {
      value
      unavailable
      describes
      date
      source
    }
  }
`;
