// The review calendar and support delivered: pure rules over term dates and
// a framework's support entitlements (issue 15).
export {
  eventsBetween,
  reviewCalendar,
  type CalendarAcademy,
  type CalendarEvent,
  type ReviewCalendarInput,
} from "./review-calendar.js";
export {
  deliveredOfAllocated,
  isCounted,
  PERIOD_WORDS,
  unitFor,
  type AllocationPeriod,
  type DeliveredSupport,
  type SupportUse,
} from "./support-delivered.js";
export { isBritishSummerTime, LONDON, londonInstant } from "./london-time.js";
export { schoolDays, type SchoolDay } from "./school-days.js";
