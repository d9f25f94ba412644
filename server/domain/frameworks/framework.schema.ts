// A designation framework as data (STYLE.md 3): levels, sources with
// thresholds, how they combine, overrides, support entitlements, national
// benchmarks and the inspection cross-walk. A trust defines a new framework
// as a JSON document of this shape; `parseFramework` validates it and names
// the place in the document of every mistake.
import { z } from "zod";
import type { Problem } from "../../shared/problem.js";
import { badInput } from "../errors.js";
import { crosswalkSchema, INSPECTION_BANDS } from "../inspection/crosswalk.js";
import { indicatorByKey } from "../indicators.js";
import { CALENDAR_EVENT_KINDS, MONTHS, WEEKDAYS } from "../../shared/review-calendar.js";

const PHASES = ["primary", "secondary", "all-through", "special", "alternative provision"] as const;
const comparison = z.enum(["<", "<=", ">", ">="]);
export type Comparison = z.infer<typeof comparison>;

/** A level key in a "lowest" framework, a rating (1 best) in a "bestFit" one. */
const outcome = z.union([z.string().min(1), z.number()]);

export type Condition =
  | { readonly indicator: string; readonly in: readonly (string | boolean)[] }
  | { readonly indicator: string; readonly op: Comparison; readonly value: number }
  | { readonly inspectionBand: readonly (typeof INSPECTION_BANDS)[number][] }
  | { readonly anyRating: { readonly op: Comparison; readonly value: number } }
  | { readonly any: readonly Condition[] }
  | { readonly all: readonly Condition[] }
  | { readonly not: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z
      .object({ indicator: z.string(), in: z.array(z.union([z.string(), z.boolean()])).min(1) })
      .strict(),
    z.object({ indicator: z.string(), op: comparison, value: z.number() }).strict(),
    z.object({ inspectionBand: z.array(z.enum(INSPECTION_BANDS)).min(1) }).strict(),
    z.object({ anyRating: z.object({ op: comparison, value: z.number() }).strict() }).strict(),
    z.object({ any: z.array(conditionSchema).min(1) }).strict(),
    z.object({ all: z.array(conditionSchema).min(1) }).strict(),
    z.object({ not: conditionSchema }).strict(),
  ]),
);

const levelSchema = z
  .object({
    key: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/, "a level key is lower case letters, digits and dashes"),
    label: z.string().min(1),
    rank: z.number().int().min(1),
    risk: z.string().min(1),
    /** How long an academy is expected to stay at the level (phase-model: Repair 12-18 months). */
    expectedDuration: z
      .object({
        min: z.number().positive(),
        max: z.number().positive(),
        unit: z.enum(["terms", "months"]),
      })
      .strict()
      .refine((duration) => duration.min <= duration.max, "min must not exceed max")
      .optional(),
  })
  .strict();

const cutSchema = z
  .object({
    op: comparison,
    /** The cut point; with `national`, an offset added to national x `times`. */
    value: z.number(),
    national: z.boolean().default(false),
    times: z.number().positive().default(1),
    level: outcome,
    /** The cut only counts when this holds (e.g. trajectory is not declining). */
    onlyIf: z
      .object({ when: conditionSchema, says: z.string().min(1) })
      .strict()
      .optional(),
  })
  .strict();

const thresholdBase = z.object({
  id: z.string().min(1),
  indicator: z.string(),
  /** Phases the source applies to; when the phase is not given it applies whenever the value is. */
  phases: z.array(z.enum(PHASES)).optional(),
  cuts: z.array(cutSchema).min(1),
  otherwise: outcome,
});

const thresholdSchema = thresholdBase
  .extend({
    kind: z.literal("threshold"),
    /** Used when the indicator is not available (e.g. basics5 when Progress 8 is not published). */
    fallback: thresholdBase.extend({ absentNote: z.string().optional() }).strict().optional(),
  })
  .strict();

const sourceSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("inspection"),
      id: z.string().min(1),
      bands: z
        .object({ Concern: outcome, Weak: outcome, Secure: outcome, Strong: outcome })
        .strict(),
    })
    .strict(),
  thresholdSchema,
  z
    .object({
      kind: z.literal("grade"),
      id: z.string().min(1),
      indicators: z.array(z.string()).min(1),
      /** Outcome for each grade 1-4. */
      grades: z.object({ "1": outcome, "2": outcome, "3": outcome, "4": outcome }).strict(),
    })
    .strict(),
  z
    .object({
      kind: z.literal("rule"),
      id: z.string().min(1),
      says: z.string().min(1),
      when: conditionSchema,
      level: z.string(),
    })
    .strict(),
  z
    .object({
      kind: z.literal("belowInspection"),
      id: z.string().min(1),
      indicators: z.array(z.string()).min(1),
      /** The grade each band stands for; a judgement worse than it is "not meeting the Ofsted judgement". */
      bandGrades: z
        .object({ Concern: z.number(), Weak: z.number(), Secure: z.number(), Strong: z.number() })
        .strict(),
      level: z.string(),
    })
    .strict(),
]);

const combineSchema = z.discriminatedUnion("method", [
  z.object({ method: z.literal("lowest") }).strict(),
  z
    .object({
      method: z.literal("bestFit"),
      /** Mean rating m of the available sources; the first band with m >= atLeast gives the level. */
      bands: z.array(z.object({ atLeast: z.number(), level: z.string() }).strict()).min(1),
      otherwise: z.string(),
    })
    .strict(),
]);

const overrideSchema = z
  .object({
    effect: z.enum(["force", "cap"]),
    when: conditionSchema,
    level: z.string(),
    says: z.string().min(1),
  })
  .strict();

// The review calendar's cadences (server/shared/review-calendar.ts), as data.
const cadenceSchema = z.discriminatedUnion("every", [
  z.object({ every: z.literal("weeks"), weeks: z.number().int().min(1).max(52) }).strict(),
  z.object({ every: z.literal("halfTerm"), count: z.number().int().min(1).max(40) }).strict(),
  z.object({ every: z.literal("term"), count: z.number().int().min(1).max(80) }).strict(),
  z.object({ every: z.literal("year"), count: z.number().int().min(1).max(200) }).strict(),
  z.object({ every: z.literal("months"), months: z.array(z.enum(MONTHS)).min(1).max(12) }).strict(),
]);

const timing = {
  weekday: z.enum(WEEKDAYS).optional(),
  weekOfMonth: z.number().int().min(1).max(4).optional(),
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time of day such as 16:00")
    .optional(),
  minutes: z.number().int().min(5).max(600).optional(),
};

const scheduleSchema = z
  .object({ kind: z.enum(CALENDAR_EVENT_KINDS), cadence: cadenceSchema, ...timing })
  .strict();

const meetingSchema = z
  .object({
    kind: z.enum(CALENDAR_EVENT_KINDS),
    title: z.string().min(1),
    cadence: cadenceSchema.optional(),
    follows: z
      .object({ kind: z.enum(CALENDAR_EVENT_KINDS), days: z.number().int().min(1).max(60) })
      .strict()
      .optional(),
    ...timing,
  })
  .strict()
  .refine((meeting) => (meeting.cadence === undefined) !== (meeting.follows === undefined), {
    message: "a meeting has either a cadence or follows another kind of event, not both",
  });

const entitlementSchema = z
  .object({
    activity: z.string().min(1),
    quantity: z.number().nonnegative(),
    /** How the quantity reads when it is not a plain number ("2-3", "up to 10"). */
    quantityText: z.string().optional(),
    unit: z.string().min(1),
    per: z.string().min(1),
    levels: z.array(z.string()).min(1),
    when: conditionSchema.optional(),
    note: z.string().optional(),
    /** When its meetings or visits fall in the review calendar. */
    schedule: scheduleSchema.optional(),
  })
  .strict();

const benchmarkSchema = z
  .object({
    indicator: z.string(),
    phase: z.enum(PHASES).nullable().default(null),
    year: z.string().regex(/^\d{4}\/\d{2}$/, "an academic year such as 2023/24"),
    value: z.number(),
    source: z.string().min(1),
  })
  .strict();

/**
 * A required source for coverage (DOMAIN.md "Coverage"): satisfied when any of
 * `sources` (source ids, or an indicator key for a grade source) gave a level
 * or rating. `phases` limits it to academies of those phases ("not given":
 * when the row names no phase); without it, it is required of every academy.
 */
const requirementSchema = z
  .object({
    sources: z.array(z.string().min(1)).min(1),
    /** The words a board reads: "provisional: no SEF judgement". */
    label: z.string().min(1),
    phases: z.array(z.enum([...PHASES, "not given"])).optional(),
  })
  .strict();

export const frameworkSchema = z
  .object({
    key: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,62}$/, "a framework key is lower case letters, digits and dashes"),
    name: z.string().min(1),
    description: z.string().default(""),
    /** The trust document the rules come from. */
    seed: z.string().optional(),
    /** Designations are made once a year (annual) or each term (termly). */
    cycle: z.enum(["annual", "termly"]).default("annual"),
    levels: z.array(levelSchema).min(2),
    sources: z.array(sourceSchema).min(1),
    combine: combineSchema,
    overrides: z.array(overrideSchema).default([]),
    support: z.array(entitlementSchema).default([]),
    /** Trust-wide meetings in the review calendar (the October trust board, standards committee). */
    meetings: z.array(meetingSchema).default([]),
    /** Extra or replacement national benchmarks; the built-in ones are used otherwise. */
    benchmarks: z.array(benchmarkSchema).default([]),
    crosswalk: crosswalkSchema.optional(),
    /**
     * The framework's own workbook headers (its seed's spellings, as that seed
     * means them) -> indicator keys, resolved before the catalogue; null marks
     * a column that is not evidence (the trust's own answer).
     */
    aliases: z.record(z.string().min(1), z.string().nullable()).default({}),
    /** Required sources: a level reached without one is provisional. */
    required: z.array(requirementSchema).default([]),
  })
  .strict()
  .superRefine((framework, ctx) => {
    const levelKeys = new Set(framework.levels.map((level) => level.key));
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: "custom", path, message });
    const ranks = new Set(framework.levels.map((level) => level.rank));
    if (ranks.size !== framework.levels.length) issue(["levels"], "each level needs its own rank");
    // DOMAIN.md: in every framework rank 1 is the level needing the most support.
    else if ([...ranks].some((rank) => rank > framework.levels.length))
      issue(["levels"], "ranks run from 1 (the level needing the most support) up, without gaps");
    if (levelKeys.size !== framework.levels.length)
      issue(["levels"], "each level needs its own key");
    const rating = framework.combine.method === "bestFit";
    const checkOutcome = (value: string | number, path: (string | number)[]) => {
      if (rating && typeof value !== "number")
        issue(path, "a best-fit framework's sources give ratings (numbers)");
      if (!rating && typeof value !== "string")
        issue(path, "a lowest-level framework's sources give level keys");
      if (typeof value === "string" && !levelKeys.has(value))
        issue(path, `unknown level "${value}"`);
    };
    const checkLevel = (value: string, path: (string | number)[]) => {
      if (!levelKeys.has(value))
        issue(path, `unknown level "${value}"; levels are ${[...levelKeys].join(", ")}`);
    };
    const checkIndicator = (key: string, path: (string | number)[]) => {
      if (!indicatorByKey(key)) issue(path, `unknown indicator "${key}"`);
    };
    const checkCondition = (condition: Condition, path: (string | number)[]) => {
      if ("indicator" in condition) checkIndicator(condition.indicator, [...path, "indicator"]);
      if ("any" in condition)
        condition.any.forEach((inner, i) => checkCondition(inner, [...path, "any", i]));
      if ("all" in condition)
        condition.all.forEach((inner, i) => checkCondition(inner, [...path, "all", i]));
      if ("not" in condition) checkCondition(condition.not, [...path, "not"]);
    };
    framework.sources.forEach((source, i) => {
      const at = ["sources", i];
      switch (source.kind) {
        case "inspection":
          for (const band of INSPECTION_BANDS)
            checkOutcome(source.bands[band], [...at, "bands", band]);
          break;
        case "threshold":
          for (const part of source.fallback ? [source, source.fallback] : [source]) {
            const base = part === source ? at : [...at, "fallback"];
            checkIndicator(part.indicator, [...base, "indicator"]);
            part.cuts.forEach((cut, c) => {
              checkOutcome(cut.level, [...base, "cuts", c, "level"]);
              if (cut.onlyIf)
                checkCondition(cut.onlyIf.when, [...base, "cuts", c, "onlyIf", "when"]);
            });
            checkOutcome(part.otherwise, [...base, "otherwise"]);
          }
          break;
        case "grade":
          source.indicators.forEach((key, k) => checkIndicator(key, [...at, "indicators", k]));
          for (const grade of ["1", "2", "3", "4"] as const)
            checkOutcome(source.grades[grade], [...at, "grades", grade]);
          break;
        case "rule":
          checkCondition(source.when, [...at, "when"]);
          checkLevel(source.level, [...at, "level"]);
          break;
        case "belowInspection":
          source.indicators.forEach((key, k) => checkIndicator(key, [...at, "indicators", k]));
          checkLevel(source.level, [...at, "level"]);
          break;
      }
    });
    if (framework.combine.method === "bestFit") {
      framework.combine.bands.forEach((band, b) =>
        checkLevel(band.level, ["combine", "bands", b, "level"]),
      );
      checkLevel(framework.combine.otherwise, ["combine", "otherwise"]);
    }
    framework.overrides.forEach((override, o) => {
      checkLevel(override.level, ["overrides", o, "level"]);
      checkCondition(override.when, ["overrides", o, "when"]);
    });
    framework.support.forEach((entitlement, s) => {
      entitlement.levels.forEach((level, l) => checkLevel(level, ["support", s, "levels", l]));
      if (entitlement.when) checkCondition(entitlement.when, ["support", s, "when"]);
    });
    for (const [header, key] of Object.entries(framework.aliases))
      if (key !== null) checkIndicator(key, ["aliases", header]);
    framework.benchmarks.forEach((benchmark, b) =>
      checkIndicator(benchmark.indicator, ["benchmarks", b, "indicator"]),
    );
  });

export type FrameworkDefinition = z.infer<typeof frameworkSchema>;
export type FrameworkInput = z.input<typeof frameworkSchema>;
export type Source = FrameworkDefinition["sources"][number];
export type ThresholdSource = Extract<Source, { kind: "threshold" }>;
export type Cut = ThresholdSource["cuts"][number];
export type Level = FrameworkDefinition["levels"][number];
export type Entitlement = FrameworkDefinition["support"][number];
export type Benchmark = FrameworkDefinition["benchmarks"][number];
export type Requirement = FrameworkDefinition["required"][number];

function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, part) =>
      typeof part === "number"
        ? `${text}[${part}]`
        : text
          ? `${text}.${String(part)}`
          : String(part),
    "",
  );
}

/**
 * Validates a framework document. Throws a BAD_USER_INPUT DomainError whose
 * problems point into the document ("sources[2].cuts[0].level: unknown level").
 */
export function parseFramework(document: unknown): FrameworkDefinition {
  const result = frameworkSchema.safeParse(document);
  if (result.success) return result.data;
  const problems: Problem[] = result.error.issues.map((issue) => {
    const field = pathText(issue.path) || "(document)";
    return { field, message: `${field}: ${issue.message}` };
  });
  throw badInput(problems);
}
