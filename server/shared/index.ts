// The rules the server and the add-in both use, through one entry: the add-in
// imports from the server only here (lint enforces it), and the server keeps
// these rules nowhere else. Everything here is pure TypeScript (no Node, DOM,
// GraphQL, Prisma or React), bundled into the add-in as it stands.
//
// Its own modules are the vocabulary both sides speak (error codes, close
// codes, years, URNs, roles, sign-off, support); the rest re-exports the pure
// domain pieces the add-in shows or checks with the server's own rules.

export { ErrorCode, isErrorCode, type ErrorKind } from "./error-codes.js";
export { inRow, wireProblem, type Problem, type WireProblem } from "./problem.js";
export { CloseCode } from "./close-codes.js";
export {
  academicYearOf,
  academicYearOfDay,
  academicYearOfParts,
  academicYearStarting,
  endOfAcademicYear,
  isAcademicYear,
  readAcademicYear,
  recentAcademicYears,
  startYearOf,
  yearProblem,
} from "./academic-year.js";
export { identifierProblem, isUrn, type IdentifierKind } from "./identifiers.js";
export {
  OPERATE,
  PERMISSIONS,
  ROLES,
  SCOPED_ROLES,
  TRUST_WIDE_ROLES,
  isRole,
  isScopedRole,
  roleHas,
  type AuthRule,
  type Permission,
  type Role,
} from "./roles.js";
export {
  DIRECT_CHANGE_ROLES,
  SIGN_OFF_ACTIONS,
  SIGN_OFF_BODIES,
  SIGN_OFF_STEPS,
  STEP_RULES,
  TARGET_ACTIONS,
  TARGET_STATUSES,
  mayTakeStep,
  type SignOffAction,
  type SignOffBody,
  type SignOffStep,
  type StepRule,
  type TargetAction,
  type TargetStatus,
} from "./target-statuses.js";
export {
  declaredSupport,
  isConditional,
  supportEntitlement,
  unconditionalSupport,
  type EntitlementDeclaration,
  type SupportEntitlement,
} from "./support-entitlements.js";
export type {
  PublicLoadFailure,
  PublicLoadLine,
  PublicLoadProgress,
  PublicLoadReport,
} from "./public-load.js";

// The pure domain pieces the add-in uses.
export {
  INDICATORS,
  INDICATOR_KEYS,
  indicatorByKey,
  indicatorForHeader,
  type Indicator,
} from "../domain/indicators.js";
export { dayOfExcelSerial, isNotAvailable, isPercentFormat } from "../domain/cell-value.js";
export {
  CATALOGUE_HEADERS,
  headerResolver,
  type ColumnChoice,
  type HeaderResolution,
  type HeaderResolver,
} from "../domain/headers.js";
export {
  HALF_TERMS,
  PERIODS,
  TERMS,
  type HalfTerm,
  type Period,
  type Term,
} from "../domain/academy-card/calendar.js";
export { calendarPosition } from "../domain/designations/term-dates.js";
export { formatValue, readMetricValue } from "../domain/academy-card/metric-rules.js";
export { camelWordOf, enumNameOf, wordOfEnumName } from "./enum-names.js";
export {
  SIGNED_IN_PATH,
  SIGN_IN_DIALOG_PATH,
  SIGN_IN_OPTIONS_PATH,
  type MicrosoftSignInOptions,
  type SignInOptions,
} from "./sign-in-options.js";
