// The domain engine's public surface: indicators, reading cells and evidence,
// frameworks as data, designation and academy-card progress. Pure TypeScript.
export {
  INDICATORS,
  INDICATOR_KEYS,
  indicatorByKey,
  indicatorForHeader,
  ambiguousHeader,
  foldHeader,
  type Indicator,
} from "./indicators.js";
export {
  readCell,
  acceptedWords,
  isNotAvailable,
  isPercentFormat,
  type CellReading,
  type Phase,
  type PercentFormatted,
} from "./cell-value.js";
export {
  readEvidence,
  readEvidenceParts,
  EMPTY_EVIDENCE,
  INSPECTION_PROBLEM,
  type Evidence,
  type EvidenceEntry,
  type EvidenceParts,
  type ReadProblem,
} from "./evidence.js";
export { compileRowReader, type ReaderColumn, type RowReader } from "./row-reader.js";
export {
  headerResolver,
  CATALOGUE_HEADERS,
  type ColumnChoice,
  type HeaderResolution,
  type HeaderResolver,
  type HeaderSource,
} from "./headers.js";
export { designateEntries, blocks, type DesignateEntriesOptions } from "./designate-entries.js";
export {
  designateMatrix,
  designateRowsOfEntries,
  type DesignateRowsOptions,
  type MatrixCell,
  type MatrixDesignations,
  type MatrixOptions,
  type RowOutcome,
} from "./designate-matrix.js";
export {
  DomainError,
  badInput,
  inRow,
  notFound,
  conflict,
  forbidden,
  unreachable,
  type ErrorKind,
  type Problem,
} from "./errors.js";
export {
  parseFramework,
  frameworkSchema,
  type FrameworkDefinition,
  type FrameworkInput,
  type Level,
} from "./frameworks/framework.schema.js";
export {
  compileFramework,
  provisionalWords,
  type CompileOptions,
  type CompiledFramework,
  type Coverage,
  type Designation,
  type DesignateOptions,
  type Reason,
} from "./frameworks/compile-framework.js";
export { presets, preset, PRESET_DEFINITIONS } from "./frameworks/presets/index.js";
export {
  NATIONAL_BENCHMARKS,
  benchmarkLookup,
  benchmarkWords,
  figuresInForce,
  hasNationalComparison,
  hasNationalFigure,
  nationalFigures,
  type BenchmarkLookup,
  type NationalFigure,
} from "./national-benchmarks.js";
export {
  DEFAULT_CROSSWALK,
  INSPECTION_BANDS,
  type InspectionBand,
} from "./inspection/crosswalk.js";
export {
  inspectionDateOf,
  inspectionsForYear,
  type InspectionSource,
} from "./inspection/inspection-for-year.js";
export {
  HALF_TERMS,
  TERMS,
  PERIODS,
  isPeriod,
  isTerm,
  periodOrder,
  type HalfTerm,
  type Term,
  type Period,
} from "./academy-card/calendar.js";
export {
  progress,
  latestMeasurement,
  expectedBy,
  defaultTolerance,
  type Progress,
  type Rag,
  type TargetFacts,
  type MeasurementFacts,
} from "./academy-card/progress.js";
export {
  takeStep,
  afterEdit,
  directChangeProblems,
  meetingDateProblem,
  type SignOffState,
  type StepOutcome,
} from "./academy-card/sign-off.js";
export {
  accumulationOf,
  precisionOf,
  roundTo,
  hasNationalPosition,
  formatValue,
  readMetricValue,
  type Accumulation,
  type ValueReading,
} from "./academy-card/metric-rules.js";
export {
  signOffTrail,
  type SignOffTrail,
  type VersionFacts,
} from "./academy-card/sign-off-history.js";
export * from "./designations/index.js";
export * from "./calendar/index.js";
