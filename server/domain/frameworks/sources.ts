// Each kind of source in a framework, compiled once into a function that
// reads one academy's facts and says what level (or rating) it indicates and why.
import { indicatorByKey, type Indicator } from "../indicators.js";
import type { InspectionBandResult } from "../inspection/inspection-band.js";
import {
  benchmarkWords,
  hasNationalComparison,
  type BenchmarkLookup,
} from "../national-benchmarks.js";
import { unreachable } from "../errors.js";
import { compare, compileCondition, type Facts, type Predicate } from "./conditions.js";
import type { Cut, Level, Source, ThresholdSource } from "./framework.schema.js";
import { formatNumber, formatValue, negatedOpWords, opWords } from "./wording.js";

/** Why one source indicated what it did, in words a governor understands. */
export interface Reason {
  /** The source's id in the framework ("inspection", "outcomes.secondary", "qa.qualityOfEducation"). */
  readonly source: string;
  /** The level key the source indicated; null when it was skipped. */
  readonly indicated: string | null;
  /** The rating it gave, in a best-fit framework. */
  readonly rating: number | null;
  readonly message: string;
}

/** Collects what sources indicate during one designation. */
export interface Tally {
  /** Null while only deciding the level: no words are written then. */
  readonly reasons: Reason[] | null;
  /** The lowest rank indicated so far, in a "lowest" framework (Infinity: none yet). */
  lowestRank: number;
  /** Ratings given, in a best-fit framework (also read by `anyRating` conditions). */
  readonly ratings: number[];
  /** Ids of the sources that gave a level or rating (coverage), each once. */
  readonly used: string[];
}

export interface SourceContext {
  readonly levelByKey: ReadonlyMap<string, Level>;
  /** The level a single rating indicates on its own (best-fit frameworks). */
  readonly levelForRating: (rating: number) => Level;
  readonly benchmark: BenchmarkLookup;
}

export interface EvaluationFacts extends Facts {
  readonly inspection: InspectionBandResult | null;
  readonly year: string | null;
}

export type CompiledSource = (facts: EvaluationFacts, tally: Tally) => void;

const GRADE_WORDS = ["Outstanding", "Good", "Requires improvement", "Inadequate"];

function indicatorOf(key: string): Indicator {
  const indicator = indicatorByKey(key);
  if (!indicator) throw new Error(`Unknown indicator ${key} in a validated framework`);
  return indicator;
}

/**
 * A reason whose words are written only when read: deciding the level is the
 * hot path (a whole risk matrix recalculates at once), the explanation is not.
 * `message` is an own enumerable property, so spreading and JSON see it.
 */
export function lazyReason(
  source: string,
  indicated: string | null,
  rating: number | null,
  write: () => string,
): Reason {
  let written: string | null = null;
  return {
    source,
    indicated,
    rating,
    get message() {
      written ??= write();
      return written;
    },
  };
}

/**
 * Records an outcome (level key or rating), and its reason when explaining.
 * Callers pass `because` as `tally.reasons && (() => ...)`, so that deciding
 * alone makes no closures and writes no words.
 */
type Because = false | null | (() => string);

function recorder(context: SourceContext) {
  return (tally: Tally, source: string, outcome: string | number, because: Because): void => {
    const reasons = tally.reasons;
    if (!tally.used.includes(source)) tally.used.push(source);
    if (typeof outcome === "number") {
      tally.ratings.push(outcome);
      if (reasons && because) {
        const level = context.levelForRating(outcome);
        reasons.push(
          lazyReason(source, level.key, outcome, () => `${because()}: rating ${outcome}`),
        );
      }
      return;
    }
    const level = context.levelByKey.get(outcome) as Level;
    if (level.rank < tally.lowestRank) tally.lowestRank = level.rank;
    if (reasons && because)
      reasons.push(lazyReason(source, level.key, null, () => `${because()}: ${level.label}`));
  };
}

/** Records that a source said nothing; `message` as `tally.reasons && (() => ...)` (Because). */
function skipped(tally: Tally, source: string, message: Because): void {
  if (tally.reasons && message) tally.reasons.push(lazyReason(source, null, null, message));
}

interface CompiledCut {
  readonly cut: Cut;
  readonly onlyIf: Predicate | null;
}

function compileThreshold(
  part: Omit<ThresholdSource, "kind" | "fallback">,
  context: SourceContext,
): (
  facts: EvaluationFacts,
  tally: Tally,
  id: string,
  prefix: string,
) => "missing" | "done" | "skipped" {
  const indicator = indicatorOf(part.indicator);
  const cuts: CompiledCut[] = part.cuts.map((cut) => ({
    cut,
    onlyIf: cut.onlyIf ? compileCondition(cut.onlyIf.when) : null,
  }));
  const needsNational = part.cuts.some((cut) => cut.national);
  const record = recorder(context);
  const last = cuts[cuts.length - 1] as CompiledCut;
  // Rounded to 12 significant digits: in binary, 46.2 - 15 is 31.200000000000003, so
  // a value of exactly 31.2 would count as "below national - 15". Bounds are
  // worked out once per national figure (there are only a few) and reused.
  const boundsByNational = new Map<number | null, Map<Cut, number>>();
  const boundOf = (cut: Cut, national: number | null): number => {
    if (!cut.national) return cut.value;
    let bounds = boundsByNational.get(national);
    if (!bounds) boundsByNational.set(national, (bounds = new Map()));
    let bound = bounds.get(cut);
    if (bound === undefined)
      bounds.set(
        cut,
        (bound = Number(((national as number) * cut.times + cut.value).toPrecision(12))),
      );
    return bound;
  };
  const boundText = (cut: Cut, national: number | null, figure: string): string => {
    const bound = formatValue(indicator, boundOf(cut, national));
    if (!cut.national) return bound;
    const times = cut.times === 1 ? "" : ` x ${formatNumber(cut.times)}`;
    const offset =
      cut.value === 0 ? "" : ` ${cut.value > 0 ? "+" : "-"} ${formatNumber(Math.abs(cut.value))}`;
    return `${bound} (national (${figure}) ${formatValue(indicator, national as number)}${times}${offset})`;
  };
  return (facts, tally, id, prefix) => {
    const value = facts.evidence.values.get(part.indicator);
    if (typeof value !== "number") return "missing";
    let national: number | null = null;
    let figure = "";
    if (needsNational) {
      const phase = facts.evidence.phase;
      const benchmark = context.benchmark(part.indicator, phase, facts.year);
      if (benchmark === null) {
        skipped(
          tally,
          id,
          tally.reasons &&
            (() =>
              hasNationalComparison(phase)
                ? `${prefix}${indicator.label}: no national benchmark to compare with: skipped`
                : `${prefix}${indicator.label}: ${phase === "special" ? "a special school" : "alternative provision"} is not compared with a national figure: skipped`),
        );
        return "skipped";
      }
      national = benchmark.value;
      if (tally.reasons) figure = benchmarkWords(benchmark);
    }
    // Made only when explaining: deciding alone creates no closures.
    const shown =
      tally.reasons &&
      ((): string => `${prefix}${indicator.label} ${formatValue(indicator, value)} is`);
    let blocked: CompiledCut | null = null;
    for (const compiled of cuts) {
      if (!compare(value, compiled.cut.op, boundOf(compiled.cut, national))) continue;
      if (compiled.onlyIf && !compiled.onlyIf(facts)) {
        blocked ??= compiled;
        continue;
      }
      const { cut } = compiled;
      record(
        tally,
        id,
        cut.level,
        shown && (() => `${shown()} ${opWords(cut.op)} ${boundText(cut, national, figure)}`),
      );
      return "done";
    }
    const stopped = blocked;
    const because =
      shown &&
      (stopped
        ? () =>
            `${shown()} ${opWords(stopped.cut.op)} ${boundText(stopped.cut, national, figure)}, which counts only when ${stopped.cut.onlyIf?.says}`
        : () =>
            `${shown()} ${negatedOpWords(last.cut.op)} ${boundText(last.cut, national, figure)}`);
    record(tally, id, part.otherwise, because);
    return "done";
  };
}

function thresholdSource(source: ThresholdSource, context: SourceContext): CompiledSource {
  const main = compileThreshold(source, context);
  const fallback = source.fallback ? compileThreshold(source.fallback, context) : null;
  const label = indicatorOf(source.indicator).label;
  const fallbackLabel = source.fallback ? indicatorOf(source.fallback.indicator).label : "";
  const note = source.fallback?.absentNote ? ` (${source.fallback.absentNote})` : "";
  const phases = source.phases ? new Set<string>(source.phases) : null;
  return (facts, tally) => {
    const phase = facts.evidence.phase;
    if (phases && phase !== null && !phases.has(phase)) return;
    if (main(facts, tally, source.id, "") !== "missing") return;
    if (
      fallback &&
      fallback(facts, tally, source.id, `${label} not available${note}, so `) !== "missing"
    )
      return;
    // A phase-specific source with nothing to read says nothing when the phase is not given.
    if (phases && phase === null) return;
    skipped(
      tally,
      source.id,
      tally.reasons &&
        (() =>
          fallback
            ? `${label} and ${fallbackLabel} not available: skipped`
            : `${label} not available: skipped`),
    );
  };
}

function gradeSource(
  source: Extract<Source, { kind: "grade" }>,
  context: SourceContext,
): CompiledSource {
  const indicators = source.indicators.map(indicatorOf);
  const record = recorder(context);
  return (facts, tally) => {
    let missing: string[] | null = null;
    for (const indicator of indicators) {
      const grade = facts.evidence.values.get(indicator.key);
      if (typeof grade !== "number") {
        if (tally.reasons) (missing ??= []).push(indicator.label);
        continue;
      }
      const outcome = source.grades[String(grade) as "1" | "2" | "3" | "4"];
      record(
        tally,
        indicator.key,
        outcome,
        tally.reasons && (() => `${indicator.label} judged ${grade} (${GRADE_WORDS[grade - 1]})`),
      );
    }
    const absent = missing;
    if (absent !== null)
      skipped(tally, source.id, () => `Not available: ${absent.join(", ")}: skipped`);
  };
}

function inspectionSource(
  source: Extract<Source, { kind: "inspection" }>,
  context: SourceContext,
): CompiledSource {
  const record = recorder(context);
  return (facts, tally) => {
    const result = facts.inspection;
    if (result === null)
      return skipped(
        tally,
        source.id,
        tally.reasons && (() => "Ofsted inspection not available: skipped"),
      );
    if (result.band === null)
      return skipped(
        tally,
        source.id,
        tally.reasons && (() => `${result.summary}; ${result.why}, so no inspection band: skipped`),
      );
    const band = result.band;
    record(
      tally,
      source.id,
      source.bands[band],
      tally.reasons && (() => `${result.summary}. Inspection band ${band}: ${result.why}`),
    );
  };
}

function ruleSource(
  source: Extract<Source, { kind: "rule" }>,
  context: SourceContext,
): CompiledSource {
  const holds = compileCondition(source.when);
  const record = recorder(context);
  return (facts, tally) => {
    if (holds(facts)) record(tally, source.id, source.level, tally.reasons && (() => source.says));
  };
}

function belowInspectionSource(
  source: Extract<Source, { kind: "belowInspection" }>,
  context: SourceContext,
): CompiledSource {
  const indicators = source.indicators.map(indicatorOf);
  const record = recorder(context);
  return (facts, tally) => {
    const band = facts.inspection?.band ?? null;
    if (band === null) return;
    const expected = source.bandGrades[band];
    let worse: Indicator[] | null = null;
    for (const indicator of indicators) {
      const grade = facts.evidence.values.get(indicator.key);
      if (typeof grade === "number" && grade > expected) (worse ??= []).push(indicator);
    }
    if (worse === null) return;
    const found: Indicator[] = worse;
    record(
      tally,
      source.id,
      source.level,
      tally.reasons &&
        (() =>
          `Not meeting its Ofsted judgement (band ${band}, grade ${expected}): ${found
            .map(
              (indicator) =>
                `${indicator.label} ${String(facts.evidence.values.get(indicator.key))}`,
            )
            .join(", ")}`),
    );
  };
}

export function compileSource(source: Source, context: SourceContext): CompiledSource {
  switch (source.kind) {
    case "threshold":
      return thresholdSource(source, context);
    case "grade":
      return gradeSource(source, context);
    case "inspection":
      return inspectionSource(source, context);
    case "rule":
      return ruleSource(source, context);
    case "belowInspection":
      return belowInspectionSource(source, context);
    default:
      return unreachable(source);
  }
}
