// The GraphQL operations the custom functions send (and the subscriptions
// MAT.PROGRESS holds), and the shapes they answer. The documents are checked against the committed schema
// (schema/schema.graphql) by test/addin/functions-operations.test.ts, so a
// field renamed on the server fails a test here, not a cell in a workbook.
// Enum values arrive as GraphQL values (AGREED, GREEN, AUTUMN1); cards and
// targets are read with cardResultOf / targetProgressOf, which give the
// domain's words a cell shows (agreed, green, autumn1).
import { wordOf, wordOrNull } from "../shared/enum-words.js";
import { operation } from "../shared/graphql-client.js";
import type {
  AcademyCardsQuery,
  AcademyCardsQueryVariables,
  DesignateCellsQuery,
  DesignateCellsQueryVariables,
  FrameworkCatalogQuery,
  FrameworkCatalogQueryVariables,
  ProgressChangedSubscription,
  ProgressChangedSubscriptionVariables,
  PublicEvidenceQuery,
  PublicEvidenceQueryVariables,
  TargetChangedSubscription,
  TargetChangedSubscriptionVariables,
  TargetProgressFragment,
} from "../shared/graphql-types.generated.js";

/** A cell's value as the server reads it: text, a number, or null for a blank (or an Excel error). */
export type WireCell = string | number | null;

type RowDesignations = DesignateCellsQuery["designateRows"];

export type Level = RowDesignations["levels"][number];

export type Reason = NonNullable<RowDesignations["explanations"]>[number]["reasons"][number];

/**
 * One thing wrong with a row, as the server's Problem type gives it: code
 * BAD_USER_INPUT (or NOT_FOUND for a header that names no indicator), the
 * row's header as sent (column), the indicator concerned, and field
 * "indicator" (the header) or "value" for a cell.
 */
export type Problem = RowDesignations["problems"][number];

/** Which sources a designation rests on (the API's Coverage); missing and unreadable only when explained. */
export type Coverage = NonNullable<RowDesignations["explanations"]>[number]["coverage"];

/** One row's answer, put together from designateRows' flat lists. */
export interface DesignationResult {
  readonly level: Level | null;
  readonly insufficientEvidence: boolean;
  /** Empty unless the row was explained. */
  readonly reasons: readonly Reason[];
  readonly problems: readonly Problem[];
  readonly coverage: Coverage;
}

const PROBLEM_FIELDS = /* GraphQL */ `
  fragment RowProblem on Problem {
    code
    row
    column
    indicator
    field
    message
    accepts
    value
  }
`;

/**
 * Rows under one header row, designated in one request: a level key per row,
 * reasons and coverage only when `explain` (MAT.EXPLAIN, MAT.WHATIF's
 * changes). Headers naming no indicator come back once, in unknownHeaders.
 */
export const DESIGNATE_CELLS = operation<DesignateCellsQuery, DesignateCellsQueryVariables>(
  /* GraphQL */ `
    query DesignateCells(
      $framework: String!
      $headers: [String!]!
      $rows: CellMatrix!
      $percentFormatted: CellMatrix
      $explain: Boolean!
    ) {
      designateRows(
        framework: $framework
        headers: $headers
        rows: $rows
        percentFormatted: $percentFormatted
        explain: $explain
      ) {
        levels {
          key
          label
          rank
          risk
        }
        levelKeys
        provisional
        insufficientEvidence
        problems {
          ...RowProblem
        }
        unknownHeaders {
          ...RowProblem
        }
        explanations {
          reasons {
            source
            indicated
            message
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
    }
    ${PROBLEM_FIELDS}
  `,
);

export type DesignateCellsData = DesignateCellsQuery;

/** A target's progress as the server sends it: status DRAFT ... AGREED, rag GREEN, latestPeriod AUTUMN1. */
export type WireTargetProgress = TargetProgressFragment;

/**
 * A target's progress in the words a cell shows (draft ... agreed, green,
 * autumn1). target is the value in force: an agreed target's pending change is
 * not it until the trust board agrees; progress.expected is what is expected by
 * the latest period, rounded to the metric's precision.
 */
export type TargetProgress = Omit<WireTargetProgress, "status" | "progress"> & {
  readonly status: string;
  readonly progress: Omit<WireTargetProgress["progress"], "latestPeriod" | "rag"> & {
    readonly latestPeriod: string | null;
    readonly rag: string | null;
  };
};

/** The designation that counts in the card's year, as MAT.STORED reads it (status AGREED, NOT_YET_AGREED or REVIEW_SUGGESTED). */
export type StoredDesignation = NonNullable<WireCardResult["designation"]>;

/** An academy's card for a year as the server sends it. */
export type WireCardResult = NonNullable<AcademyCardsQuery["academyCards"][number]>;

/** An academy's card for a year, as the functions use it: targets in a cell's words. */
export type CardResult = Omit<WireCardResult, "targets"> & {
  readonly targets: readonly TargetProgress[];
};

/** The target with its progress that a card, a progress event and a target event carry. */
const TARGET_PROGRESS = /* GraphQL */ `
  fragment TargetProgress on Target {
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
`;

/**
 * Academy cards for a year, many at once: answered in the order asked, null
 * for a URN that is not one of the viewer's academies.
 */
export const ACADEMY_CARDS = operation<AcademyCardsQuery, AcademyCardsQueryVariables>(
  /* GraphQL */ `
    query AcademyCards($urns: [URN!]!, $year: AcademicYear!) {
      academyCards(urns: $urns, year: $year) {
        academy {
          name
        }
        designation {
          framework
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
          support {
            activity
            quantity
            quantityText
            unit
            per
          }
        }
        targets {
          ...TargetProgress
        }
      }
    }
    ${TARGET_PROGRESS}
  `,
);

/** With the server's enum values: read each card with cardResultOf. */
export type AcademyCardsData = AcademyCardsQuery;

/** A target's progress in the words a cell shows: agreed, green, autumn1. */
export function targetProgressOf(wire: WireTargetProgress): TargetProgress {
  return {
    ...wire,
    status: wordOf(wire.status),
    progress: {
      ...wire.progress,
      latestPeriod: wordOrNull(wire.progress.latestPeriod),
      rag: wordOrNull(wire.progress.rag),
    },
  };
}

/** A card in the words a cell shows (the designation's status stays AGREED, NOT_YET_AGREED...). */
export function cardResultOf(wire: WireCardResult): CardResult {
  return { ...wire, targets: wire.targets.map(targetProgressOf) };
}

/** Most URNs in one academyCards request: the server's limit (MAX_CARDS). */
export const MAX_CARDS_PER_REQUEST = 500;

/**
 * What the server estimates ACADEMY_CARDS costs (server/graphql/query-limits.ts)
 * before its URNs: 1 per field, and a list without `first` counts its
 * children 10 times: 1 + 10 x (academy 1 + 1; designation: 1 + 4 + level 1 + 3
 * + timeInLevel 1 + 2 + support 1 + 10 x 5 = 63; targets: 1 + 10 x (4 +
 * progress 1 + 6) = 111) = 1761. Each URN adds 1 (the cost counts list
 * arguments), so a request for n academies costs 1761 + n. Keep it in step with the selection; functions-operations.test.ts
 * checks it against the real server.
 */
export const ACADEMY_CARDS_COST = 1761;

/** A measurement was recorded for an academy's metric: the target's new progress. */
export const PROGRESS_CHANGED = operation<
  ProgressChangedSubscription,
  ProgressChangedSubscriptionVariables
>(/* GraphQL */ `
  subscription ProgressChanged($urn: URN!, $metric: String!, $after: String) {
    progressChanged(urn: $urn, metric: $metric, after: $after) {
      cursor
      year
      at
      target {
        ...TargetProgress
      }
    }
  }
  ${TARGET_PROGRESS}
`);

/** cursor: its place in the trust's changes, `after` when subscribing again; at: when it was recorded (server time). */
export type ProgressChangedData = ProgressChangedSubscription;

/** A target of an academy was created or changed. */
export const TARGET_CHANGED = operation<
  TargetChangedSubscription,
  TargetChangedSubscriptionVariables
>(/* GraphQL */ `
  subscription TargetChanged($urn: URN!, $after: String) {
    targetChanged(urn: $urn, after: $after) {
      cursor
      year
      metric
      target {
        ...TargetProgress
      }
    }
  }
  ${TARGET_PROGRESS}
`);

export type TargetChangedData = TargetChangedSubscription;

export const FRAMEWORK_CATALOG = operation<FrameworkCatalogQuery, FrameworkCatalogQueryVariables>(
  /* GraphQL */ `
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
  `,
);

/** Each framework's definition document: its `support` array lists the entitlements. */
export type FrameworkCatalogData = FrameworkCatalogQuery;

/** MAT.EVIDENCE: a stored public value of one academy's indicator. */
export const PUBLIC_EVIDENCE = operation<PublicEvidenceQuery, PublicEvidenceQueryVariables>(
  /* GraphQL */ `
    query PublicEvidence($urn: URN!, $indicator: String!, $year: AcademicYear) {
      publicEvidence(urn: $urn, indicator: $indicator, year: $year) {
        value
        unavailable
        describes
        date
        source
      }
    }
  `,
);
