// The task pane's GraphQL operations and their result types. Every document
// here is validated against the committed schema/schema.graphql by a test.
import * as academyCard from "./academy-card.operations.js";
import * as reviewCalendar from "./review-calendar.operations.js";
import * as riskMatrix from "./risk-matrix.operations.js";
import * as viewer from "./viewer.operations.js";

export * from "./academy-card.operations.js";
export * from "./review-calendar.operations.js";
export * from "./risk-matrix.operations.js";
export * from "./viewer.operations.js";

/** Every operation document, by name, for the schema test. */
export const OPERATION_DOCUMENTS: Readonly<Record<string, string>> = {
  ME: viewer.ME,
  FRAMEWORKS: riskMatrix.FRAMEWORKS,
  DESIGNATE_BATCH: riskMatrix.DESIGNATE_BATCH,
  EVIDENCE_VERSIONS: riskMatrix.EVIDENCE_VERSIONS,
  RECORD_EVIDENCE_BATCH: riskMatrix.RECORD_EVIDENCE_BATCH,
  ACADEMIES: academyCard.ACADEMIES,
  ACADEMY_CARD: academyCard.ACADEMY_CARD,
  ACADEMY_YEARS: academyCard.ACADEMY_YEARS,
  SET_TARGET: academyCard.SET_TARGET,
  PROPOSE_TARGET: academyCard.PROPOSE_TARGET,
  REVIEW_TARGET: academyCard.REVIEW_TARGET,
  AGREE_TARGET: academyCard.AGREE_TARGET,
  RECORD_MEASUREMENT: academyCard.RECORD_MEASUREMENT,
  CARD_PROGRESS_CHANGED: academyCard.CARD_PROGRESS_CHANGED,
  CARD_TARGET_CHANGED: academyCard.CARD_TARGET_CHANGED,
  ACADEMY_SUPPORT: reviewCalendar.ACADEMY_SUPPORT,
  RECORD_SUPPORT_DELIVERED: reviewCalendar.RECORD_SUPPORT_DELIVERED,
};
