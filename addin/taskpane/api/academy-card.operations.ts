// Operations behind the academy-card panel: the academies to choose from, a
// card with targets, measurements and progress, the changes a role may make,
// and the subscriptions that keep an open card up to date.
import type { SignOffAction, SignOffStep } from "../../../server/shared/index.js";

export const ACADEMIES = /* GraphQL */ `
  query Academies($first: Int!, $after: String) {
    academies(first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          urn
          name
          phase
        }
      }
    }
  }
`;

export interface AcademySummary {
  readonly urn: string;
  readonly name: string;
  readonly phase: string;
}

export interface AcademiesResult {
  readonly academies: {
    readonly totalCount: number;
    readonly pageInfo: { readonly endCursor: string | null; readonly hasNextPage: boolean };
    readonly edges: readonly { readonly node: AcademySummary }[];
  };
}

const TARGET_FIELDS = /* GraphQL */ `
  fragment CardTarget on Target {
    id
    urn
    year
    metric
    metricLabel
    baseline
    target
    tolerance
    status
    version
    nextStep
    canTakeNextStep
    signOff {
      action
      body
      bodyName
      meetingOn
      by
      reason
    }
    pendingChange {
      status
      baseline
      target
      reason
    }
    milestones {
      period
      value
    }
    measurements {
      id
      period
      value
      readAs
      provisional
      source
    }
    progress {
      latest
      latestPeriod
      expected
      shortOfExpected
      gapClosed
      onTrack
      rag
      national
      differenceFromNational
      provisional
      tolerance
    }
  }
`;

export type { SignOffStep } from "../../../server/shared/index.js";

/** One step behind the values in force: "reviewed: LGB, 2025-10-01, by Pat Governor". */
export interface SignOffEntry {
  readonly action: SignOffAction;
  readonly body: string;
  readonly bodyName: string;
  readonly meetingOn: string | null;
  readonly by: string;
  readonly reason: string | null;
}

export interface CardTarget {
  readonly id: string;
  readonly urn: string;
  readonly year: string;
  readonly metric: string;
  readonly metricLabel: string;
  readonly baseline: number;
  readonly target: number;
  readonly tolerance: number | null;
  readonly status: string;
  readonly version: number;
  /** The next sign-off step (propose, review, agree), or null when agreed with nothing pending. */
  readonly nextStep: SignOffStep | null;
  /** True when the viewer's role may take that step: the only sign-off button the pane shows. */
  readonly canTakeNextStep: boolean;
  readonly signOff: readonly SignOffEntry[];
  readonly pendingChange: {
    readonly status: string;
    readonly baseline: number;
    readonly target: number;
    readonly reason: string | null;
  } | null;
  readonly milestones: readonly { readonly period: string; readonly value: number }[];
  readonly measurements: readonly {
    readonly id: string;
    readonly period: string;
    readonly value: number;
    /** How the server read the value ("18.5%"). */
    readonly readAs: string;
    readonly provisional: boolean;
    readonly source: string;
  }[];
  readonly progress: {
    readonly latest: number | null;
    readonly latestPeriod: string | null;
    readonly expected: number | null;
    readonly shortOfExpected: number | null;
    readonly gapClosed: number | null;
    readonly onTrack: boolean | null;
    readonly rag: string | null;
    readonly national: number | null;
    readonly differenceFromNational: number | null;
    readonly provisional: boolean;
    readonly tolerance: number;
  };
}

export const ACADEMY_CARD = /* GraphQL */ `
  query AcademyCard($urn: String!, $year: String!) {
    academyCard(urn: $urn, year: $year) {
      year
      academy {
        urn
        name
        phase
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
          risk
        }
        timeInLevel {
          flag
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
        ...CardTarget
      }
    }
  }
  ${TARGET_FIELDS}
`;

export interface AcademyCard {
  readonly year: string;
  readonly academy: AcademySummary;
  readonly designation: {
    readonly framework: string;
    /** AGREED, NOT_YET_AGREED or REVIEW_SUGGESTED. */
    readonly status: string;
    readonly provisional: boolean;
    /** "agreed by Trust Board, 14 Oct 2026 (Ada Leader)", "not yet agreed", ... */
    readonly statusText: string;
    readonly timeInLevel: { readonly flag: string | null } | null;
    readonly support: readonly {
      readonly activity: string;
      readonly quantity: number;
      readonly quantityText: string | null;
      readonly unit: string;
      readonly per: string;
    }[];
    readonly level: {
      readonly key: string;
      readonly label: string;
      readonly rank: number;
      readonly risk: string;
    } | null;
  } | null;
  readonly targets: readonly CardTarget[];
}

export interface AcademyCardResult {
  readonly academyCard: AcademyCard;
}

/** Years the academy has evidence for, to offer on the card's year picker. */
export const ACADEMY_YEARS = /* GraphQL */ `
  query AcademyYears($urn: String!) {
    academy(urn: $urn) {
      evidence {
        year
      }
    }
  }
`;

export interface AcademyYearsResult {
  readonly academy: { readonly evidence: readonly { readonly year: string }[] };
}

export interface TargetInput {
  readonly urn: string;
  readonly year: string;
  readonly metric: string;
  readonly baseline: number;
  readonly target: number;
  readonly tolerance?: number | null;
  readonly expectedVersion?: number | null;
  readonly reason?: string | null;
}

export const SET_TARGET = /* GraphQL */ `
  mutation SetTarget($input: TargetInput!) {
    setTarget(input: $input) {
      ...CardTarget
    }
  }
  ${TARGET_FIELDS}
`;

export interface SetTargetResult {
  readonly setTarget: CardTarget;
}

export const PROPOSE_TARGET = /* GraphQL */ `
  mutation ProposeTarget($id: ID!, $expectedVersion: Int!) {
    proposeTarget(id: $id, expectedVersion: $expectedVersion) {
      ...CardTarget
    }
  }
  ${TARGET_FIELDS}
`;

export const REVIEW_TARGET = /* GraphQL */ `
  mutation ReviewTarget($id: ID!, $expectedVersion: Int!, $meetingOn: String!, $body: String) {
    reviewTarget(id: $id, expectedVersion: $expectedVersion, meetingOn: $meetingOn, body: $body) {
      ...CardTarget
    }
  }
  ${TARGET_FIELDS}
`;

export const AGREE_TARGET = /* GraphQL */ `
  mutation AgreeTarget($id: ID!, $expectedVersion: Int!, $meetingOn: String!, $body: String) {
    agreeTarget(id: $id, expectedVersion: $expectedVersion, meetingOn: $meetingOn, body: $body) {
      ...CardTarget
    }
  }
  ${TARGET_FIELDS}
`;

export interface MeasurementInput {
  readonly urn: string;
  readonly year: string;
  readonly metric: string;
  readonly period: string;
  readonly value: number;
  readonly provisional: boolean;
  readonly source: string | null;
}

export const RECORD_MEASUREMENT = /* GraphQL */ `
  mutation RecordMeasurement($input: MeasurementInput!) {
    recordMeasurement(input: $input) {
      id
      period
      value
      readAs
    }
  }
`;

export interface RecordMeasurementResult {
  readonly recordMeasurement: {
    readonly id: string;
    readonly period: string;
    readonly value: number;
    readonly readAs: string;
  };
}

/** A measurement was recorded for the academy: its target with the new progress. */
export const CARD_PROGRESS_CHANGED = /* GraphQL */ `
  subscription CardProgressChanged($urn: String!, $after: String) {
    progressChanged(urn: $urn, after: $after) {
      cursor
      urn
      year
      metric
      at
      target {
        ...CardTarget
      }
    }
  }
  ${TARGET_FIELDS}
`;

export interface CardProgressChangedResult {
  readonly progressChanged: {
    readonly urn: string;
    readonly year: string;
    readonly metric: string;
    /** Its place in the trust's changes: `after` when subscribing again. */
    readonly cursor: string;
    /** When it was recorded (server time). */
    readonly at: string;
    readonly target: CardTarget | null;
  };
}

/** A target of the academy was created, changed or moved to another status. */
export const CARD_TARGET_CHANGED = /* GraphQL */ `
  subscription CardTargetChanged($urn: String!, $after: String) {
    targetChanged(urn: $urn, after: $after) {
      cursor
      urn
      year
      metric
      target {
        ...CardTarget
      }
    }
  }
  ${TARGET_FIELDS}
`;

export interface CardTargetChangedResult {
  readonly targetChanged: {
    /** Its place in the trust's changes: `after` when subscribing again. */
    readonly cursor: string;
    readonly urn: string;
    readonly year: string;
    readonly metric: string;
    readonly target: CardTarget | null;
  };
}
