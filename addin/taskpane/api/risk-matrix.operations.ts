// Operations behind the risk-matrix panel: frameworks to designate under,
// designating rows in place, and recording rows as evidence.
import type { ProblemBody } from "../../shared/graphql-client.js";

export const FRAMEWORKS = /* GraphQL */ `
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
`;

export interface Level {
  readonly key: string;
  readonly label: string;
  readonly rank: number;
  readonly risk: string;
}

export interface FrameworkSummary {
  readonly key: string;
  readonly name: string;
  readonly preset: boolean;
  readonly levels: readonly Level[];
  /** The framework's own workbook headers, resolved before the catalogue. */
  readonly aliases?: readonly { readonly header: string; readonly indicator: string | null }[];
}

/** The trust's saved column map. */
export const COLUMN_MAP = /* GraphQL */ `
  query ColumnMap {
    columnMap {
      header
      indicator
    }
  }
`;

export interface ColumnMapEntry {
  readonly header: string;
  readonly indicator: string | null;
}

export interface ColumnMapResult {
  readonly columnMap: readonly ColumnMapEntry[];
}

export const SAVE_COLUMN_MAP = /* GraphQL */ `
  mutation SaveColumnMap($entries: [ColumnMapEntryInput!]!) {
    saveColumnMap(entries: $entries) {
      header
      indicator
    }
  }
`;

export interface SaveColumnMapResult {
  readonly saveColumnMap: readonly ColumnMapEntry[];
}

export interface FrameworksResult {
  readonly frameworks: readonly FrameworkSummary[];
}

export interface EvidenceInput {
  readonly indicator: string;
  readonly value: string | null;
  /** The cell's number format as read: true percent-formatted (1 shows as 100%). */
  readonly percentFormatted?: boolean;
}

export const DESIGNATE_BATCH = /* GraphQL */ `
  query DesignateBatch($framework: String!, $rows: [[EvidenceInput!]!]!, $year: String) {
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
`;

export interface RowDesignation {
  readonly level: Level | null;
  readonly insufficientEvidence: boolean;
  readonly reasons: readonly { source: string; indicated: string | null; message: string }[];
  /** Why the row could not be read (each with its column and indicator); empty for a readable row. */
  readonly problems: readonly ProblemBody[];
  /** PROVISIONAL: a level reached without a required source (coverage.missing names it). */
  readonly status?: "COMPLETE" | "PROVISIONAL";
  readonly coverage?: { readonly missing: readonly { readonly label: string }[] };
}

export interface DesignateBatchResult {
  readonly designateBatch: readonly RowDesignation[];
}

/** Versions of the evidence already stored for a year, so changes can pass expectedVersion. */
export const EVIDENCE_VERSIONS = /* GraphQL */ `
  query EvidenceVersions($first: Int!, $after: String, $year: String!) {
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
`;

export interface EvidenceVersionsResult {
  readonly academies: {
    readonly pageInfo: { readonly endCursor: string | null; readonly hasNextPage: boolean };
    readonly edges: readonly {
      readonly node: {
        readonly urn: string;
        readonly evidence: readonly { readonly term: string; readonly version: number }[];
      };
    }[];
  };
}

export interface EvidenceRowInput {
  readonly urn: string;
  readonly evidence: readonly EvidenceInput[];
  readonly expectedVersion: number | null;
}

export const RECORD_EVIDENCE_BATCH = /* GraphQL */ `
  mutation RecordEvidenceBatch($year: String!, $term: String!, $rows: [RecordEvidenceRowInput!]!) {
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
`;

export interface RecordEvidenceBatchResult {
  readonly recordEvidenceBatch: readonly {
    readonly urn: string;
    readonly evidence: { readonly version: number };
    readonly designation: { readonly level: { readonly label: string } | null };
  }[];
}
