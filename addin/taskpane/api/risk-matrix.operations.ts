// Operations behind the risk-matrix panel: frameworks to designate under,
// designating rows in place, and recording rows as evidence.
import { operation } from "../../shared/graphql-client.js";
import type {
  ColumnMapQuery,
  ColumnMapQueryVariables,
  DesignateRowsQuery,
  DesignateRowsQueryVariables,
  EvidenceInput,
  EvidenceVersionsQuery,
  EvidenceVersionsQueryVariables,
  FrameworksQuery,
  FrameworksQueryVariables,
  RecordEvidenceBatchMutation,
  RecordEvidenceBatchMutationVariables,
  RecordEvidenceRowInput,
  SaveColumnMapMutation,
  SaveColumnMapMutationVariables,
} from "../../shared/graphql-types.generated.js";

export const FRAMEWORKS = operation<FrameworksQuery, FrameworksQueryVariables>(/* GraphQL */ `
  query Frameworks {
    frameworks {
      key
      name
      preset
      aliases {
        header
        indicator
      }
      levels {
        key
        label
        rank
        risk
      }
    }
  }
`);

export type FrameworkSummary = FrameworksQuery["frameworks"][number];
export type Level = FrameworkSummary["levels"][number];

/** The trust's saved column map. */
export const COLUMN_MAP = operation<ColumnMapQuery, ColumnMapQueryVariables>(/* GraphQL */ `
  query ColumnMap {
    columnMap {
      header
      indicator
    }
  }
`);

export type ColumnMapEntry = ColumnMapQuery["columnMap"][number];

export type ColumnMapResult = ColumnMapQuery;

export const SAVE_COLUMN_MAP = operation<SaveColumnMapMutation, SaveColumnMapMutationVariables>(
  /* GraphQL */ `
    mutation SaveColumnMap($entries: [ColumnMapEntryInput!]!) {
      saveColumnMap(entries: $entries) {
        header
        indicator
      }
    }
  `,
);

export type SaveColumnMapResult = SaveColumnMapMutation;

export type FrameworksResult = FrameworksQuery;

export type { EvidenceInput };

export const DESIGNATE_BATCH = operation<DesignateRowsQuery, DesignateRowsQueryVariables>(
  /* GraphQL */ `
    query DesignateRows($framework: String!, $rows: [[EvidenceInput!]!]!, $year: AcademicYear) {
      designateBatch(framework: $framework, rows: $rows, year: $year, reportBadRows: true) {
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
          row
          column
          indicator
          field
          message
        }
        status
        coverage {
          missing {
            label
          }
        }
      }
    }
  `,
);

/** status PROVISIONAL: a level reached without a required source (coverage.missing names it). */
export type RowDesignation = DesignateRowsQuery["designateBatch"][number];

export type DesignateBatchResult = DesignateRowsQuery;

/** Versions of the evidence already stored for a year, so changes can pass expectedVersion. */
export const EVIDENCE_VERSIONS = operation<EvidenceVersionsQuery, EvidenceVersionsQueryVariables>(
  /* GraphQL */ `
    query EvidenceVersions($first: Int!, $after: String, $year: AcademicYear!) {
      academies(first: $first, after: $after) {
        pageInfo {
          endCursor
          hasNextPage
        }
        edges {
          node {
            urn
            evidence(year: $year) {
              term
              version
            }
          }
        }
      }
    }
  `,
);

/** An evidence record's term is the enum value: AUTUMN, SPRING or SUMMER. */
export type EvidenceVersionsResult = EvidenceVersionsQuery;

export type EvidenceRowInput = RecordEvidenceRowInput;

export const RECORD_EVIDENCE_BATCH = operation<
  RecordEvidenceBatchMutation,
  RecordEvidenceBatchMutationVariables
>(/* GraphQL */ `
  mutation RecordEvidenceBatch(
    $year: AcademicYear!
    $term: Term!
    $rows: [RecordEvidenceRowInput!]!
  ) {
    recordEvidenceBatch(year: $year, term: $term, rows: $rows) {
      urn
      evidence {
        version
      }
      designation {
        level {
          label
        }
      }
    }
  }
`);

export type RecordEvidenceBatchResult = RecordEvidenceBatchMutation;
