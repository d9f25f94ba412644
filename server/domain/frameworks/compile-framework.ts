// Compiles a framework definition once into a designator: levels indexed,
// sources, conditions and benchmarks turned into closures, so that each call
// to `designate` only reads the evidence and writes the result.
import { DEFAULT_CROSSWALK, crosswalkSchema, type Crosswalk } from "../inspection/crosswalk.js";
import { inspectionBand, type InspectionBandResult } from "../inspection/inspection-band.js";
import type { InspectionBand } from "../inspection/crosswalk.js";
import type { CategoryOfConcern } from "../inspection/category-of-concern.js";
import { benchmarkLookup, NATIONAL_BENCHMARKS } from "../national-benchmarks.js";
import type { Evidence } from "../evidence.js";
import { compileCondition, type Predicate } from "./conditions.js";
import {
  parseFramework,
  type Entitlement,
  type FrameworkDefinition,
  type Level,
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

export type { Reason } from "./sources.js";

const NO_SUPPORT: readonly SupportEntitlement[] = Object.freeze([]);

/** One support entitlement that comes with a level. */
export interface SupportEntitlement {
  readonly activity: string;
  readonly quantity: number;
  /** The quantity as it reads ("2-3", "up to 10"), when not a plain number. */
  readonly quantityText: string | null;
  readonly unit: string;
  readonly per: string;
  readonly note: string | null;
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
}

export interface DesignateOptions {
  /** The academic year the evidence is for ("2025/26"): picks the national benchmarks. */
  readonly year?: string | null;
}

export interface CompiledFramework {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly seed: string | null;
  /** Levels in rank order, rank 1 (most support) first. */
  readonly levels: readonly Level[];
  readonly definition: FrameworkDefinition;
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

function toEntitlement(entry: Entitlement): SupportEntitlement {
  return {
    activity: entry.activity,
    quantity: entry.quantity,
    quantityText: entry.quantityText ?? null,
    unit: entry.unit,
    per: entry.per,
    note: entry.note ?? null,
  };
}

/** Validates (when given a raw document) and compiles a framework. */
export function compileFramework(document: FrameworkDefinition | unknown): CompiledFramework {
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
    benchmark: benchmarkLookup([...NATIONAL_BENCHMARKS, ...definition.benchmarks]),
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
    entitlement: toEntitlement(entry),
  }));
  const lastBand =
    combine.method === "bestFit" ? (combine.bands[combine.bands.length - 1]?.atLeast ?? 0) : 0;

  // Each level's unconditional entitlements, worked out once (shared, frozen);
  // conditional ones (e.g. "inspection due within a year") checked per academy, after them.
  const unconditional = new Map(
    levels.map((level) => [
      level.key,
      Object.freeze(
        entitlements
          .filter((entry) => entry.when === null && entry.levels.has(level.key))
          .map((entry) => entry.entitlement),
      ),
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

  const factsFor = (evidence: Evidence, year: string | null, tally: Tally): EvaluationFacts => {
    const inspection: InspectionBandResult | null = evidence.inspection
      ? inspectionBand(evidence.inspection, crosswalk)
      : null;
    return { evidence, year, inspection, band: inspection?.band ?? null, ratings: tally.ratings };
  };

  /** Runs the sources, combines them and applies overrides; writes reasons only when the tally has a list for them. */
  function evaluate(facts: EvaluationFacts, tally: Tally): Level | null {
    for (const source of sources) source(facts, tally);
    const reasons = tally.reasons;
    let level: Level | null = null;
    if (combine.method === "lowest") {
      let lowest = Infinity;
      for (const rank of tally.ranks) if (rank < lowest) lowest = rank;
      if (lowest !== Infinity) level = levelByRank.get(lowest) as Level;
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
  // re-entered), so a whole risk matrix allocates little beyond its results.
  const scratch: Tally = { reasons: null, ranks: [], ratings: [] };

  /** The reasons, by running the same evaluation again with words: only when a caller reads them. */
  function explain(evidence: Evidence, year: string | null): Reason[] {
    const tally: Tally = { reasons: [], ranks: [], ratings: [] };
    evaluate(factsFor(evidence, year, tally), tally);
    return tally.reasons ?? [];
  }

  function designate(evidence: Evidence, options?: DesignateOptions): Designation {
    const year = options?.year ?? null;
    scratch.ranks.length = 0;
    scratch.ratings.length = 0;
    const facts = factsFor(evidence, year, scratch);
    const level = evaluate(facts, scratch);
    let reasons: Reason[] | null = null;
    return {
      framework: definition.key,
      level,
      insufficientEvidence: level === null,
      inspectionBand: facts.band,
      categoryOfConcern: facts.inspection?.category ?? null,
      get reasons(): Reason[] {
        reasons ??= explain(evidence, year);
        return reasons;
      },
      support: level === null ? NO_SUPPORT : supportOf(level, facts),
    };
  }

  return {
    key: definition.key,
    name: definition.name,
    description: definition.description,
    seed: definition.seed ?? null,
    levels,
    definition,
    level: (key) => levelByKey.get(key),
    designate,
    supportFor(levelKey, evidence) {
      const level = levelByKey.get(levelKey);
      if (!level) return [];
      const facts = evidence
        ? factsFor(evidence, null, { reasons: [], ranks: [], ratings: [] })
        : null;
      return supportOf(level, facts);
    },
  };
}
