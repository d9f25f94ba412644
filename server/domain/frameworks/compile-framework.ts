// Compiles a framework definition once into a designator: levels indexed,
// sources, conditions and benchmarks turned into closures, so that each call
// to `designate` only reads the evidence and writes the result.
import { DEFAULT_CROSSWALK, crosswalkSchema, type Crosswalk } from "../inspection/crosswalk.js";
import { compileCrosswalk, type InspectionBandResult } from "../inspection/inspection-band.js";
import type { InspectionBand } from "../inspection/crosswalk.js";
import type { CategoryOfConcern } from "../inspection/category-of-concern.js";
import { benchmarkLookup, nationalFigures, type NationalFigure } from "../national-benchmarks.js";
import { INSPECTION_PROBLEM, type Evidence } from "../evidence.js";
import { headerResolver, type HeaderResolver } from "../headers.js";
import { INDICATORS } from "../indicators.js";
import { compileCondition, type Predicate } from "./conditions.js";
import {
  parseFramework,
  type Condition,
  type FrameworkDefinition,
  type Level,
  type Requirement,
} from "./framework.schema.js";
import {
  compileSource,
  lazyReason,
  type CompiledSource,
  type EvaluationFacts,
  type Reason,
  type Tally,
} from "./sources.js";
import { formatNumber } from "./wording.js";
import {
  supportEntitlement,
  unconditionalSupport,
  type SupportEntitlement,
} from "../../shared/support-entitlements.js";

export type { Reason } from "./sources.js";

const NO_SUPPORT: readonly SupportEntitlement[] = Object.freeze([]);

/** Which sources a designation rests on (INTERFACES.md "Engine result coverage"). */
export interface Coverage {
  /** Source ids that contributed a level/rating ("inspection", "outcomes.secondary", "sef.overall"...). */
  readonly used: readonly string[];
  /** Required sources with no usable value, with the words a board reads ("SEF judgement"). */
  readonly missing: readonly { readonly source: string; readonly label: string }[];
  /** Indicators whose cells could not be read (they block only frameworks that use them). */
  readonly unreadable: readonly { readonly indicator: string; readonly message: string }[];
  /** A level was reached without a required source. False when insufficient evidence. */
  readonly provisional: boolean;
}

/** "provisional: no SEF judgement, no inspection band", or null when complete. */
export function provisionalWords(coverage: Coverage): string | null {
  if (!coverage.provisional) return null;
  return `provisional: ${coverage.missing.map((missing) => `no ${missing.label}`).join(", ")}`;
}

export interface Designation {
  readonly framework: string;
  /** Null only when the evidence is insufficient. */
  readonly level: Level | null;
  readonly insufficientEvidence: boolean;
  readonly inspectionBand: InspectionBand | null;
  readonly categoryOfConcern: CategoryOfConcern | null;
  readonly reasons: readonly Reason[];
  readonly support: readonly SupportEntitlement[];
  readonly coverage: Coverage;
}

export interface DesignateOptions {
  /** The academic year the evidence is for ("2025/26"): picks the national benchmarks. */
  readonly year?: string | null;
  /** Cells of the row that could not be read and do not concern this framework. */
  readonly unreadable?: Coverage["unreadable"];
}

export interface CompiledFramework {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly seed: string | null;
  /** Levels in rank order, rank 1 (most support) first. */
  readonly levels: readonly Level[];
  readonly definition: FrameworkDefinition;
  /** Resolves workbook headers: the framework's own aliases, then the catalogue. */
  readonly headers: HeaderResolver;
  /** Indicator keys the framework reads (a bad cell for one of them blocks it). */
  readonly reads: ReadonlySet<string>;
  level(key: string): Level | undefined;
  designate(evidence: Evidence, options?: DesignateOptions): Designation;
  /** The support a level is entitled to, with conditional entitlements included when `facts` allow. */
  supportFor(levelKey: string, evidence?: Evidence): readonly SupportEntitlement[];
}

interface CompiledOverride {
  readonly effect: "force" | "cap";
  readonly when: Predicate;
  readonly level: Level;
  readonly says: string;
}

interface CompiledEntitlement {
  readonly levels: ReadonlySet<string>;
  readonly when: Predicate | null;
  readonly entitlement: SupportEntitlement;
}

const INSPECTION_READS = [
  INSPECTION_PROBLEM,
  ...INDICATORS.filter(
    (indicator) => indicator.key.startsWith("ofsted.") && indicator.key !== "ofsted.date",
  ).map((indicator) => indicator.key),
];

function conditionReads(condition: Condition, into: Set<string>): void {
  if ("indicator" in condition) into.add(condition.indicator);
  if ("inspectionBand" in condition) for (const key of INSPECTION_READS) into.add(key);
  if ("any" in condition) for (const inner of condition.any) conditionReads(inner, into);
  if ("all" in condition) for (const inner of condition.all) conditionReads(inner, into);
  if ("not" in condition) conditionReads(condition.not, into);
}

/**
 * The indicators a framework reads. The inspection date is not among them: it
 * only places bare numbers on a scale, and when that fails the inspection's own
 * problem (INSPECTION_PROBLEM) blocks the frameworks that use the inspection.
 */
function readsOf(definition: FrameworkDefinition): Set<string> {
  const reads = new Set<string>();
  for (const source of definition.sources) {
    switch (source.kind) {
      case "inspection":
        for (const key of INSPECTION_READS) reads.add(key);
        break;
      case "threshold":
        for (const part of source.fallback ? [source, source.fallback] : [source]) {
          reads.add(part.indicator);
          if (part.phases || part.cuts.some((cut) => cut.national)) reads.add("phase");
          for (const cut of part.cuts) if (cut.onlyIf) conditionReads(cut.onlyIf.when, reads);
        }
        if (source.phases) reads.add("phase");
        break;
      case "grade":
        for (const key of source.indicators) reads.add(key);
        break;
      case "rule":
        conditionReads(source.when, reads);
        break;
      case "belowInspection":
        for (const key of source.indicators) reads.add(key);
        for (const key of INSPECTION_READS) reads.add(key);
        break;
    }
  }
  for (const override of definition.overrides) conditionReads(override.when, reads);
  for (const entry of definition.support) if (entry.when) conditionReads(entry.when, reads);
  return reads;
}

const NOTHING_UNREADABLE: Coverage["unreadable"] = Object.freeze([]);
const NOTHING_MISSING: Coverage["missing"] = Object.freeze([]);

/** Which required sources are missing for an academy, given the sources used. */
function missingOf(
  required: readonly Requirement[],
  evidence: Evidence,
  used: readonly string[],
): Coverage["missing"] {
  let missing: { source: string; label: string }[] | null = null;
  const phase = evidence.phase ?? "not given";
  for (const requirement of required) {
    if (requirement.phases && !requirement.phases.includes(phase)) continue;
    if (requirement.sources.some((source) => used.includes(source))) continue;
    (missing ??= []).push({ source: requirement.sources.join(" or "), label: requirement.label });
  }
  return missing ?? NOTHING_MISSING;
}

function newTally(reasons: Reason[] | null): Tally {
  return { reasons, lowestRank: Infinity, ratings: [], used: [] };
}

/**
 * One designation. A class, so that deciding a whole risk matrix makes one
 * object per academy and no closures; the reasons are worked out (by running
 * the evaluation again with words) only when first read, and `toJSON` writes
 * them as the plain object a designation used to be.
 */
class DesignationResult implements Designation {
  #reasons: readonly Reason[] | null = null;
  readonly #explain: (evidence: Evidence, year: string | null) => Reason[];
  readonly #evidence: Evidence;
  readonly #year: string | null;
  readonly insufficientEvidence: boolean;

  constructor(
    readonly framework: string,
    readonly level: Level | null,
    readonly inspectionBand: InspectionBand | null,
    readonly categoryOfConcern: CategoryOfConcern | null,
    readonly support: readonly SupportEntitlement[],
    readonly coverage: Coverage,
    explain: (evidence: Evidence, year: string | null) => Reason[],
    evidence: Evidence,
    year: string | null,
  ) {
    this.insufficientEvidence = level === null;
    this.#explain = explain;
    this.#evidence = evidence;
    this.#year = year;
  }

  get reasons(): readonly Reason[] {
    this.#reasons ??= this.#explain(this.#evidence, this.#year);
    return this.#reasons;
  }

  toJSON(): Designation {
    return {
      framework: this.framework,
      level: this.level,
      insufficientEvidence: this.insufficientEvidence,
      inspectionBand: this.inspectionBand,
      categoryOfConcern: this.categoryOfConcern,
      reasons: this.reasons,
      support: this.support,
      coverage: this.coverage,
    };
  }
}

export interface CompileOptions {
  /**
   * National figures the trust loaded from DfE files' England rows: laid over
   * the built-in figures (a loaded figure replaces the built-in one for the
   * same indicator, phase and year); the framework's own benchmarks still win.
   */
  readonly nationalFigures?: readonly NationalFigure[];
}

/** Validates (when given a raw document) and compiles a framework. */
export function compileFramework(
  document: FrameworkDefinition | unknown,
  options: CompileOptions = {},
): CompiledFramework {
  const definition = parseFramework(document);
  const levels = [...definition.levels].sort((a, b) => a.rank - b.rank);
  const levelByKey = new Map(levels.map((level) => [level.key, level]));
  const levelByRank = new Map(levels.map((level) => [level.rank, level]));
  const worst = levels[0] as Level;
  const crosswalk: Crosswalk = crosswalkSchema.parse(definition.crosswalk ?? DEFAULT_CROSSWALK);
  const combine = definition.combine;
  const levelForMean = (mean: number): { level: Level; band: number | null } => {
    if (combine.method !== "bestFit") return { level: worst, band: null };
    const band = combine.bands.find((candidate) => mean >= candidate.atLeast);
    return {
      level: levelByKey.get(band?.level ?? combine.otherwise) as Level,
      band: band?.atLeast ?? null,
    };
  };
  const context = {
    levelByKey,
    levelForRating: (rating: number) => levelForMean(rating).level,
    benchmark: benchmarkLookup(
      nationalFigures(options.nationalFigures ?? [], definition.benchmarks),
    ),
  };
  const sources: CompiledSource[] = definition.sources.map((source) =>
    compileSource(source, context),
  );
  const overrides: CompiledOverride[] = definition.overrides.map((override) => ({
    effect: override.effect,
    when: compileCondition(override.when),
    level: levelByKey.get(override.level) as Level,
    says: override.says,
  }));
  const entitlements: CompiledEntitlement[] = definition.support.map((entry) => ({
    levels: new Set(entry.levels),
    when: entry.when ? compileCondition(entry.when) : null,
    entitlement: supportEntitlement(entry),
  }));
  const lastBand =
    combine.method === "bestFit" ? (combine.bands[combine.bands.length - 1]?.atLeast ?? 0) : 0;

  // Each level's unconditional entitlements, worked out once (shared, frozen);
  // conditional ones (e.g. "inspection due within a year") checked per academy, after them.
  const unconditional = new Map(
    levels.map((level) => [
      level.key,
      Object.freeze(unconditionalSupport(definition.support, level.key)),
    ]),
  );
  const conditional = new Map(
    levels.map((level) => [
      level.key,
      entitlements.filter((entry) => entry.when !== null && entry.levels.has(level.key)),
    ]),
  );
  const supportOf = (
    level: Level,
    facts: EvaluationFacts | null,
  ): readonly SupportEntitlement[] => {
    const base = unconditional.get(level.key) ?? NO_SUPPORT;
    let list: SupportEntitlement[] | null = null;
    for (const entry of conditional.get(level.key) ?? []) {
      if (facts !== null && entry.when?.(facts)) (list ??= [...base]).push(entry.entitlement);
    }
    return list ?? base;
  };

  const bandOf = compileCrosswalk(crosswalk);
  const headers = headerResolver(definition.aliases);
  const reads = readsOf(definition);
  const factsFor = (evidence: Evidence, year: string | null, tally: Tally): EvaluationFacts => {
    const inspection: InspectionBandResult | null = evidence.inspection
      ? bandOf(evidence.inspection)
      : null;
    return { evidence, year, inspection, band: inspection?.band ?? null, ratings: tally.ratings };
  };

  /** Runs the sources, combines them and applies overrides; writes reasons only when the tally has a list for them. */
  function evaluate(facts: EvaluationFacts, tally: Tally): Level | null {
    for (const source of sources) source(facts, tally);
    const reasons = tally.reasons;
    let level: Level | null = null;
    if (combine.method === "lowest") {
      if (tally.lowestRank !== Infinity) level = levelByRank.get(tally.lowestRank) as Level;
    } else if (tally.ratings.length > 0) {
      let sum = 0;
      for (const rating of tally.ratings) sum += rating;
      const mean = sum / tally.ratings.length;
      const fit = levelForMean(mean);
      level = fit.level;
      if (reasons) {
        const { label } = level;
        const count = tally.ratings.length;
        const compared =
          fit.band === null
            ? `below ${formatNumber(lastBand)}`
            : `at or above ${formatNumber(fit.band)}`;
        reasons.push(
          lazyReason(
            "best fit",
            level.key,
            mean,
            () => `Mean rating ${formatNumber(mean)} of ${count} sources is ${compared}: ${label}`,
          ),
        );
      }
    }
    let forced: Level | null = null;
    for (const override of overrides) {
      if (!override.when(facts)) continue;
      if (override.effect === "force") {
        if (forced === null || override.level.rank < forced.rank) forced = override.level;
        reasons?.push(
          lazyReason(
            "override",
            override.level.key,
            null,
            () => `${override.says}: ${override.level.label}`,
          ),
        );
      } else if (level !== null && level.rank > override.level.rank) {
        level = override.level;
        reasons?.push(
          lazyReason(
            "cap",
            override.level.key,
            null,
            () => `${override.says}: no better than ${override.level.label}`,
          ),
        );
      }
    }
    return forced ?? level;
  }

  // Deciding reuses one scratch tally (designate is synchronous and never
  // re-entered), so a whole risk matrix allocates little beyond its results;
  // its `used` list becomes the designation's coverage, so it is new each time.
  const scratch: { -readonly [K in keyof Tally]: Tally[K] } = newTally(null);

  /** The reasons, by running the same evaluation again with words: only when a caller reads them. */
  function explain(evidence: Evidence, year: string | null): Reason[] {
    const tally = newTally([]);
    evaluate(factsFor(evidence, year, tally), tally);
    return tally.reasons ?? [];
  }

  function designate(evidence: Evidence, options?: DesignateOptions): Designation {
    const year = options?.year ?? null;
    scratch.lowestRank = Infinity;
    if (scratch.ratings.length !== 0) scratch.ratings.length = 0;
    const used: string[] = [];
    scratch.used = used;
    const facts = factsFor(evidence, year, scratch);
    const level = evaluate(facts, scratch);
    const missing = missingOf(definition.required, evidence, used);
    return new DesignationResult(
      definition.key,
      level,
      facts.band,
      facts.inspection?.category ?? null,
      level === null ? NO_SUPPORT : supportOf(level, facts),
      {
        used,
        missing,
        unreadable: options?.unreadable ?? NOTHING_UNREADABLE,
        provisional: level !== null && missing.length > 0,
      },
      explain,
      evidence,
      year,
    );
  }

  return {
    key: definition.key,
    name: definition.name,
    description: definition.description,
    seed: definition.seed ?? null,
    levels,
    definition,
    headers,
    reads,
    level: (key) => levelByKey.get(key),
    designate,
    supportFor(levelKey, evidence) {
      const level = levelByKey.get(levelKey);
      if (!level) return [];
      const facts = evidence ? factsFor(evidence, null, newTally([])) : null;
      return supportOf(level, facts);
    },
  };
}
