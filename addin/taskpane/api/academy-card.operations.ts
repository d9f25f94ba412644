// Operations behind the academy-card panel: the academies to choose from, a
// card with targets, measurements and progress, the changes a role may make,
// and the subscriptions that keep an open card up to date. Answers come with
// the server's enum values (AGREED, AUTUMN1, GREEN); the *Of functions turn
// them into the words the pane shows (agreed, autumn1, green).
import { phaseWords, wordOf, wordOrNull } from "../../shared/enum-words.js";
import { operation } from "../../shared/graphql-client.js";
import type {
  AcademiesQuery,
  AcademiesQueryVariables,
  AcademyCardQuery,
  AcademyCardQueryVariables,
  AcademyYearsQuery,
  AcademyYearsQueryVariables,
  AgreeTargetMutation,
  AgreeTargetMutationVariables,
  CardProgressChangedSubscription,
  CardProgressChangedSubscriptionVariables,
  CardTargetChangedSubscription,
  CardTargetChangedSubscriptionVariables,
  CardTargetFragment,
  MeasurementInput,
  ProposeTargetMutation,
  ProposeTargetMutationVariables,
  RecordMeasurementMutation,
  RecordMeasurementMutationVariables,
  ReviewTargetMutation,
  ReviewTargetMutationVariables,
  SetTargetMutation,
  SetTargetMutationVariables,
  TargetInput,
} from "../../shared/graphql-types.generated.js";
import type { SignOffStep } from "../../../server/shared/index.js";

export const ACADEMIES = operation<AcademiesQuery, AcademiesQueryVariables>(/* GraphQL */ `
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
`);

/** An academy as the server sends it: phase is the enum value (ALL_THROUGH). */
export type WireAcademySummary = AcademiesQuery["academies"]["edges"][number]["node"];

/** An academy as the pane shows it: the phase in words (all through). */
export type AcademySummary = Omit<WireAcademySummary, "phase"> & { readonly phase: string };

export type AcademiesResult = AcademiesQuery;

/** An academy as the pane shows it: the phase in words. */
export function academySummaryOf(wire: WireAcademySummary): AcademySummary {
  return { ...wire, phase: phaseWords(wire.phase) };
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
      by {
        name
      }
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
      nationalFigure
      differenceFromNational
      provisional
      tolerance
    }
  }
`;

export type { SignOffStep } from "../../../server/shared/index.js";

/** One step behind the values in force: "reviewed: LGB, 2025-10-01, by Pat Governor". */
export type SignOffEntry = Omit<WireCardTarget["signOff"][number], "action" | "body" | "by"> & {
  readonly action: string;
  readonly body: string;
  readonly by: string;
};

/** A target as the server answers it: enum values, and who took each step as a User. */
export type WireCardTarget = CardTargetFragment;

type Wire = WireCardTarget;

/** A target in the pane's words (agreed, autumn1, green, localBoard, directChange). */
export type CardTarget = Omit<
  Wire,
  "status" | "nextStep" | "signOff" | "pendingChange" | "milestones" | "measurements" | "progress"
> & {
  readonly status: string;
  /** The next sign-off step (propose, review, agree), or null when agreed with nothing pending. */
  readonly nextStep: SignOffStep | null;
  readonly signOff: readonly SignOffEntry[];
  readonly pendingChange:
    (Omit<NonNullable<Wire["pendingChange"]>, "status"> & { readonly status: string }) | null;
  readonly milestones: readonly (Omit<Wire["milestones"][number], "period"> & {
    readonly period: string;
  })[];
  readonly measurements: readonly (Omit<Wire["measurements"][number], "period"> & {
    readonly period: string;
  })[];
  readonly progress: Omit<Wire["progress"], "latestPeriod" | "rag"> & {
    readonly latestPeriod: string | null;
    readonly rag: string | null;
  };
};

export const ACADEMY_CARD = operation<AcademyCardQuery, AcademyCardQueryVariables>(/* GraphQL */ `
  query AcademyCard($urn: URN!, $year: AcademicYear!) {
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
`);

/** A card as the server answers it. */
export type WireAcademyCard = NonNullable<AcademyCardQuery["academyCard"]>;

/** A card in the pane's words: designation status stays the enum value (AGREED, NOT_YET_AGREED, REVIEW_SUGGESTED). */
export type AcademyCard = Omit<WireAcademyCard, "academy" | "targets"> & {
  readonly academy: AcademySummary;
  readonly targets: readonly CardTarget[];
};

/** A target in the pane's words (agreed, autumn1, green, localBoard, directChange). */
export function cardTargetOf(wire: WireCardTarget): CardTarget {
  return {
    ...wire,
    status: wordOf(wire.status),
    nextStep: wordOrNull(wire.nextStep) as SignOffStep | null,
    signOff: wire.signOff.map((entry) => ({
      ...entry,
      action: wordOf(entry.action),
      body: wordOf(entry.body),
      by: entry.by?.name ?? "someone no longer a user",
    })),
    pendingChange: wire.pendingChange && {
      ...wire.pendingChange,
      status: wordOf(wire.pendingChange.status),
    },
    milestones: wire.milestones.map((milestone) => ({
      ...milestone,
      period: wordOf(milestone.period),
    })),
    measurements: wire.measurements.map((measurement) => ({
      ...measurement,
      period: wordOf(measurement.period),
    })),
    progress: {
      ...wire.progress,
      latestPeriod: wordOrNull(wire.progress.latestPeriod),
      rag: wordOrNull(wire.progress.rag),
    },
  };
}

export type AcademyCardResult = AcademyCardQuery;

/** A card in the pane's words. */
export function academyCardOf(wire: WireAcademyCard): AcademyCard {
  return {
    ...wire,
    academy: academySummaryOf(wire.academy),
    targets: wire.targets.map(cardTargetOf),
  };
}

/** Years the academy has evidence for, to offer on the card's year picker. */
export const ACADEMY_YEARS = operation<AcademyYearsQuery, AcademyYearsQueryVariables>(
  /* GraphQL */ `
    query AcademyYears($urn: URN!) {
      academy(urn: $urn) {
        evidence {
          year
        }
      }
    }
  `,
);

export type AcademyYearsResult = AcademyYearsQuery;

export type { TargetInput };

export const SET_TARGET = operation<SetTargetMutation, SetTargetMutationVariables>(/* GraphQL */ `
  mutation SetTarget($input: TargetInput!) {
    setTarget(input: $input) {
      ...CardTarget
    }
  }
  ${TARGET_FIELDS}
`);

export type SetTargetResult = SetTargetMutation;

export const PROPOSE_TARGET = operation<ProposeTargetMutation, ProposeTargetMutationVariables>(
  /* GraphQL */ `
    mutation ProposeTarget($id: ID!, $expectedVersion: Int!) {
      proposeTarget(id: $id, expectedVersion: $expectedVersion) {
        ...CardTarget
      }
    }
    ${TARGET_FIELDS}
  `,
);

export const REVIEW_TARGET = operation<ReviewTargetMutation, ReviewTargetMutationVariables>(
  /* GraphQL */ `
    mutation ReviewTarget($id: ID!, $expectedVersion: Int!, $meetingOn: Date!, $body: String) {
      reviewTarget(id: $id, expectedVersion: $expectedVersion, meetingOn: $meetingOn, body: $body) {
        ...CardTarget
      }
    }
    ${TARGET_FIELDS}
  `,
);

export const AGREE_TARGET = operation<AgreeTargetMutation, AgreeTargetMutationVariables>(
  /* GraphQL */ `
    mutation AgreeTarget($id: ID!, $expectedVersion: Int!, $meetingOn: Date!, $body: String) {
      agreeTarget(id: $id, expectedVersion: $expectedVersion, meetingOn: $meetingOn, body: $body) {
        ...CardTarget
      }
    }
    ${TARGET_FIELDS}
  `,
);

/** period is the enum value: enumValueOf("autumn1") is AUTUMN1. */
export type { MeasurementInput };

export const RECORD_MEASUREMENT = operation<
  RecordMeasurementMutation,
  RecordMeasurementMutationVariables
>(/* GraphQL */ `
  mutation RecordMeasurement($input: MeasurementInput!) {
    recordMeasurement(input: $input) {
      id
      period
      value
      readAs
    }
  }
`);

export type RecordMeasurementResult = RecordMeasurementMutation;

/** A measurement was recorded for the academy: its target with the new progress. */
export const CARD_PROGRESS_CHANGED = operation<
  CardProgressChangedSubscription,
  CardProgressChangedSubscriptionVariables
>(/* GraphQL */ `
  subscription CardProgressChanged($urn: URN!, $after: String) {
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
`);

/** cursor: its place in the trust's changes, `after` when subscribing again; at: when it was recorded (server time). */
export type CardProgressChangedResult = CardProgressChangedSubscription;

/** A target of the academy was created, changed or moved to another status. */
export const CARD_TARGET_CHANGED = operation<
  CardTargetChangedSubscription,
  CardTargetChangedSubscriptionVariables
>(/* GraphQL */ `
  subscription CardTargetChanged($urn: URN!, $after: String) {
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
`);

export type CardTargetChangedResult = CardTargetChangedSubscription;
