// The trust's year: which designation counts, evidence for a year, time in level, term dates.
export {
  designationThatCounts,
  compareDecisions,
  type Cycle,
  type ComputedRecord,
  type DecisionRecord,
  type CountingStatus,
  type DesignationThatCounts,
} from "./designation-that-counts.js";
export {
  evidenceForYear,
  type EvidenceLayer,
  type FilledValue,
  type EvidenceForYear,
} from "./evidence-for-year.js";
export {
  timeInLevel,
  levelShortName,
  type ExpectedDuration,
  type TimeInLevel,
} from "./time-in-level.js";
export {
  englandTermDates,
  calendarPosition,
  easterSunday,
  dayInWords,
  isoDate,
  termNumber,
  type IsoDate,
  type HalfTermDates,
  type CalendarPosition,
} from "./term-dates.js";
export { statusWords, statusLabel, type StatusFacts } from "./wording.js";
