// Operations behind the card's "Support and calendar" section: the academy's
// meetings and visits for the year (the pane shows this half term's and the
// next), its support used of allocated, and recording a visit or day of
// support delivered.
import { operation } from "../../shared/graphql-client.js";
import type {
  AcademySupportQuery,
  AcademySupportQueryVariables,
  RecordSupportDeliveredMutation,
  RecordSupportDeliveredMutationVariables,
} from "../../shared/graphql-types.generated.js";

export const ACADEMY_SUPPORT = operation<AcademySupportQuery, AcademySupportQueryVariables>(
  /* GraphQL */ `
    query AcademySupport($urn: URN!, $year: AcademicYear!) {
      reviewCalendar(year: $year, urn: $urn) {
        id
        kind
        date
        halfTerm
        start
        title
        entitlement
        detail
      }
      academyCard(urn: $urn, year: $year) {
        supportUse {
          activity
          unit
          period
          allocated
          delivered
          status
          words
        }
      }
    }
  `,
);

export type CalendarEventItem = AcademySupportQuery["reviewCalendar"][number];
export type SupportUseItem = NonNullable<AcademySupportQuery["academyCard"]>["supportUse"][number];

export const RECORD_SUPPORT_DELIVERED = operation<
  RecordSupportDeliveredMutation,
  RecordSupportDeliveredMutationVariables
>(/* GraphQL */ `
  mutation RecordSupportDelivered($input: SupportDeliveryInput!) {
    recordSupportDelivered(input: $input) {
      id
      activity
      deliveredOn
      quantity
    }
  }
`);
