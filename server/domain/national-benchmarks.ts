// National benchmarks: dated, sourced values by phase and year (DOMAIN.md).
// These are the built-in defaults. A trust's figures loaded from DfE files'
// England rows (NationalFigure, with the file they came from) are laid over
// them, and a framework may add or replace figures of its own.
import type { Benchmark } from "./frameworks/framework.schema.js";
import type { Phase } from "./cell-value.js";
import { indicatorByKey } from "./indicators.js";

/**
 * A national figure as a comparison uses it: a built-in or framework benchmark,
 * or one loaded from a DfE file's England rows (then `fileName` and `asOf`,
 * the day it was loaded, say where it came from).
 */
export interface NationalFigure extends Benchmark {
  readonly fileName?: string | null;
  readonly asOf?: string | null;
}

const DFE_KS2 = "DfE key stage 2 attainment, 2025";
const DFE_KS4 = "DfE key stage 4 performance, 2023/24";
const DFE_ABSENCE_2324 = "DfE pupil absence in schools in England, 2023/24";
const DFE_ABSENCE_2425 = "DfE pupil absence in schools in England, 2024/25";
const DFE_EXCLUSIONS = "DfE suspensions and permanent exclusions in England, 2023/24";

export const NATIONAL_BENCHMARKS: readonly Benchmark[] = [
  { indicator: "ks2.rwmExpected", phase: null, year: "2024/25", value: 62, source: DFE_KS2 },
  { indicator: "ks4.attainment8", phase: null, year: "2023/24", value: 46.1, source: DFE_KS4 },
  { indicator: "ks4.basics5", phase: null, year: "2023/24", value: 46.2, source: DFE_KS4 },
  { indicator: "ks4.progress8", phase: null, year: "2023/24", value: -0.03, source: DFE_KS4 },
  {
    indicator: "attendance.absence",
    phase: null,
    year: "2023/24",
    value: 7.1,
    source: DFE_ABSENCE_2324,
  },
  {
    indicator: "attendance.absence",
    phase: "primary",
    year: "2023/24",
    value: 5.5,
    source: DFE_ABSENCE_2324,
  },
  {
    indicator: "attendance.absence",
    phase: "secondary",
    year: "2023/24",
    value: 8.9,
    source: DFE_ABSENCE_2324,
  },
  {
    indicator: "attendance.persistentAbsence",
    phase: null,
    year: "2023/24",
    value: 20.0,
    source: DFE_ABSENCE_2324,
  },
  {
    indicator: "attendance.absence",
    phase: null,
    year: "2024/25",
    value: 6.9,
    source: DFE_ABSENCE_2425,
  },
  {
    indicator: "attendance.persistentAbsence",
    phase: null,
    year: "2024/25",
    value: 18.7,
    source: DFE_ABSENCE_2425,
  },
  {
    indicator: "behaviour.suspensionRate",
    phase: null,
    year: "2023/24",
    value: 11.31,
    source: DFE_EXCLUSIONS,
  },
  {
    // A rate per 100 pupils: compared with the rate, never with a count of exclusions.
    indicator: "behaviour.permanentExclusionRate",
    phase: null,
    year: "2023/24",
    value: 0.13,
    source: DFE_EXCLUSIONS,
  },
];

export type BenchmarkLookup = (
  indicator: string,
  phase: Phase | null,
  year: string | null,
) => NationalFigure | null;

/**
 * Whether an indicator can have a national figure: a count (permanent
 * exclusions in the year) never has one; its rate per 100 pupils does.
 */
export function hasNationalFigure(indicator: string): boolean {
  const known = indicatorByKey(indicator);
  return known !== undefined && known.kind !== "count";
}

/** Phases compared with no national figure (DOMAIN.md): their comparison is skipped. */
export function hasNationalComparison(phase: Phase | null): boolean {
  return phase !== "special" && phase !== "alternative provision";
}

/**
 * Which figure was used: "secondary, 2023/24" for a built-in (or framework)
 * figure, "all schools, 2024/25, from ks2_school_attainment_data.csv" for one
 * loaded from a DfE file.
 */
export function benchmarkWords(benchmark: NationalFigure): string {
  const file = benchmark.fileName ? `, from ${benchmark.fileName}` : "";
  return `${benchmark.phase ?? "all schools"}, ${benchmark.year}${file}`;
}

/**
 * The figures a comparison reads for a trust, in order of precedence (a later
 * one replaces an earlier for the same indicator, phase and year): the built-in
 * figures, then those the trust loaded, then a framework's own.
 */
export function nationalFigures(
  loaded: readonly NationalFigure[],
  framework: readonly Benchmark[] = [],
): NationalFigure[] {
  return [...NATIONAL_BENCHMARKS, ...loaded, ...framework];
}

/**
 * The figures in force for `year` (the latest year when null): for each
 * indicator and phase, the figure of the latest year up to `year`, or the
 * earliest when every figure is later (as a comparison reads them). Sorted by
 * indicator, then all schools before the phases.
 */
export function figuresInForce(
  figures: readonly NationalFigure[],
  year: string | null,
): NationalFigure[] {
  const latest = new Map<string, NationalFigure>();
  for (const figure of figures)
    latest.set(`${figure.indicator}|${figure.phase ?? ""}|${figure.year}`, figure);
  const byKey = new Map<string, NationalFigure[]>();
  for (const figure of latest.values()) {
    const key = `${figure.indicator}|${figure.phase ?? ""}`;
    byKey.set(key, [...(byKey.get(key) ?? []), figure]);
  }
  const chosen = [...byKey.values()].map((list) => {
    const sorted = [...list].sort((a, b) => (a.year < b.year ? 1 : a.year > b.year ? -1 : 0));
    return (
      (year === null ? sorted[0] : sorted.find((figure) => figure.year <= year)) ?? sorted.at(-1)!
    );
  });
  return chosen.sort(
    (a, b) =>
      a.indicator.localeCompare(b.indicator) || (a.phase ?? "").localeCompare(b.phase ?? ""),
  );
}

/** The phase figures an academy of a phase is compared with, in order of preference. */
function phasesFor(phase: Phase | null): readonly Phase[] {
  if (phase === null) return [];
  // All-through: the secondary measure when present, else the primary.
  if (phase === "all-through") return ["all-through", "secondary", "primary"];
  return [phase];
}

/**
 * Builds a lookup over benchmarks (later entries replace earlier ones for the
 * same indicator, phase and year), like with like (DOMAIN.md): for an academy
 * of phase p and a value describing year y, the figure for phase p in the
 * latest year up to y that has one; the all-schools figure of the latest year
 * up to y only when no year has a phase figure; null for special schools and
 * alternative provision. With no year given, the latest of all; with a year
 * before any figure, the earliest.
 */
export function benchmarkLookup(benchmarks: readonly NationalFigure[]): BenchmarkLookup {
  const byIndicator = new Map<string, NationalFigure[]>();
  for (const benchmark of benchmarks) {
    const list = byIndicator.get(benchmark.indicator) ?? [];
    const same = list.findIndex(
      (other) => other.phase === benchmark.phase && other.year === benchmark.year,
    );
    if (same >= 0) list.splice(same, 1);
    list.push(benchmark);
    byIndicator.set(benchmark.indicator, list);
  }
  for (const list of byIndicator.values())
    list.sort((a, b) => (a.year < b.year ? 1 : a.year > b.year ? -1 : 0));
  // Answers are memoised in nested maps (no key strings to build): a risk
  // matrix asks the same few questions thousands of times.
  const answers = new Map<string, Map<Phase | null, Map<string | null, NationalFigure | null>>>();
  let remembered = 0;
  return (indicator, phase, year) => {
    let byPhase = answers.get(indicator);
    if (!byPhase) answers.set(indicator, (byPhase = new Map()));
    let byYear = byPhase.get(phase);
    if (!byYear) byPhase.set(phase, (byYear = new Map()));
    const known = byYear.get(year);
    if (known !== undefined) return known;
    if (++remembered > 10_000) {
      answers.clear();
      remembered = 0;
    }
    const answer = find(indicator, phase, year);
    byYear.set(year, answer);
    return answer;
  };
  function find(
    indicator: string,
    phase: Phase | null,
    year: string | null,
  ): NationalFigure | null {
    if (!hasNationalComparison(phase)) return null;
    const list = byIndicator.get(indicator);
    if (!list) return null;
    const atOrBefore = year === null ? list : list.filter((benchmark) => benchmark.year <= year);
    // Before the first published year, the earliest figures are the best there are.
    const earliest = list[list.length - 1]?.year;
    const usable =
      atOrBefore.length > 0 ? atOrBefore : list.filter((benchmark) => benchmark.year === earliest);
    // Newest first: the first match is the latest year up to y that has one.
    for (const wanted of phasesFor(phase)) {
      const found = usable.find((benchmark) => benchmark.phase === wanted);
      if (found) return found;
    }
    return usable.find((benchmark) => benchmark.phase === null) ?? null;
  }
}
