// The cross-walk from raw inspection grades to an inspection band, as data a
// trust can edit (DOMAIN.md "Inspection band"). Rules are tried in order; the
// first that holds gives the band, else `otherwise`.
import { z } from "zod";

export const INSPECTION_BANDS = ["Concern", "Weak", "Secure", "Strong"] as const;
export type InspectionBand = (typeof INSPECTION_BANDS)[number];

const bound = { atLeast: z.number().int().optional(), atMost: z.number().int().optional() };

export type GradeCondition =
  | { readonly categoryOfConcern: true }
  | { readonly safeguardingNotMet: true }
  | {
      readonly grade: string;
      readonly atLeast?: number | undefined;
      readonly atMost?: number | undefined;
    }
  | {
      readonly anyGrade: {
        readonly atLeast?: number | undefined;
        readonly atMost?: number | undefined;
      };
    }
  | {
      readonly everyGrade: {
        readonly atLeast?: number | undefined;
        readonly atMost?: number | undefined;
      };
    }
  | {
      readonly countGrades: {
        readonly atLeast?: number | undefined;
        readonly atMost?: number | undefined;
      };
      readonly min: number;
    }
  | { readonly any: readonly GradeCondition[] }
  | { readonly all: readonly GradeCondition[] };

export const gradeConditionSchema: z.ZodType<GradeCondition> = z.lazy(() =>
  z.union([
    z.object({ categoryOfConcern: z.literal(true) }).strict(),
    z.object({ safeguardingNotMet: z.literal(true) }).strict(),
    z.object({ grade: z.string(), ...bound }).strict(),
    z.object({ anyGrade: z.object(bound).strict() }).strict(),
    z.object({ everyGrade: z.object(bound).strict() }).strict(),
    z.object({ countGrades: z.object(bound).strict(), min: z.number().int().min(1) }).strict(),
    z.object({ any: z.array(gradeConditionSchema).min(1) }).strict(),
    z.object({ all: z.array(gradeConditionSchema).min(1) }).strict(),
  ]),
);

const bandSchema = z.enum(INSPECTION_BANDS);

const frameworkCrosswalkSchema = z
  .object({
    /** Grades that must be present for a band at all (OE needs its overall grade). */
    requires: z.array(z.string()).default([]),
    rules: z.array(
      z.object({ band: bandSchema, when: gradeConditionSchema, why: z.string() }).strict(),
    ),
    otherwise: z.object({ band: bandSchema, why: z.string() }).strict(),
    /** Grades at or worse than this are named in the reasons even when the band is not affected. */
    noteAtLeast: z.number().int(),
  })
  .strict();

export const crosswalkSchema = z
  .object({
    OE: frameworkCrosswalkSchema,
    "EIF-2024": frameworkCrosswalkSchema,
    "RC-2025": frameworkCrosswalkSchema,
  })
  .strict();

export type Crosswalk = z.infer<typeof crosswalkSchema>;
export type CrosswalkInput = z.input<typeof crosswalkSchema>;

/** DOMAIN.md's default cross-walk. */
export const DEFAULT_CROSSWALK: CrosswalkInput = {
  OE: {
    requires: ["overall"],
    rules: [
      {
        band: "Concern",
        when: { grade: "overall", atLeast: 4 },
        why: "overall effectiveness Inadequate",
      },
      {
        band: "Weak",
        when: { grade: "overall", atLeast: 3 },
        why: "overall effectiveness Requires improvement",
      },
      {
        band: "Strong",
        when: { grade: "overall", atMost: 1 },
        why: "overall effectiveness Outstanding",
      },
    ],
    otherwise: { band: "Secure", why: "overall effectiveness Good" },
    noteAtLeast: 3,
  },
  "EIF-2024": {
    rules: [
      {
        band: "Concern",
        when: { any: [{ anyGrade: { atLeast: 4 } }, { safeguardingNotMet: true }] },
        why: "a key judgement Inadequate or safeguarding not effective",
      },
      {
        band: "Weak",
        when: {
          any: [
            { grade: "qualityOfEducation", atLeast: 3 },
            { grade: "leadershipAndManagement", atLeast: 3 },
          ],
        },
        why: "quality of education or leadership and management Requires improvement",
      },
      {
        band: "Strong",
        when: { everyGrade: { atMost: 1 } },
        why: "every key judgement Outstanding",
      },
    ],
    otherwise: { band: "Secure", why: "key judgements Good or better" },
    noteAtLeast: 3,
  },
  "RC-2025": {
    rules: [
      { band: "Concern", when: { categoryOfConcern: true }, why: "a category of concern" },
      {
        band: "Weak",
        when: {
          any: [
            { grade: "leadershipAndGovernance", atLeast: 4 },
            { countGrades: { atLeast: 4 }, min: 2 },
          ],
        },
        why: "leadership and governance Needs attention, or two or more areas Needs attention",
      },
      {
        band: "Strong",
        when: { everyGrade: { atMost: 2 } },
        why: "every area Strong standard or Exceptional",
      },
    ],
    otherwise: { band: "Secure", why: "every area Expected standard or better" },
    noteAtLeast: 4,
  },
};
