// DfE school-level files (PUBLIC-DATA.md 3): Explore Education Statistics'
// long ("tidy") format from 2024/25, and the older wide performance-table CSVs.
// Suppression codes are "not available" with their reason, never numbers.
import type { Phase } from "../domain/index.js";
import { academicYearOfTimePeriod } from "./cells.js";
import { cell, type Columns } from "./columns.js";
import { numericValue } from "./school-values.js";
import {
  PublicFileError,
  type NationalRow,
  type PublicKind,
  type PublicValue,
  type ReadRow,
  type RowReader,
} from "./types.js";

export const KS2_LONG_HEADERS = [
  "time_period",
  "school_urn",
  "subject",
  "breakdown_topic",
  "breakdown",
  "expected_standard_pupil_percent",
];
export const KS4_LONG_HEADERS = [
  "time_period",
  "school_urn",
  "breakdown_topic",
  "breakdown",
  "sex",
  "disadvantage_status",
  "first_language",
  "prior_attainment",
  "mobility",
  "attainment8_average",
  "progress8_average",
  "engmath_95_percent",
];
export const ABSENCE_HEADERS = [
  "time_period",
  "school_urn",
  "education_phase",
  "sess_overall_percent",
  "enrolments_pa_10_exact_percent",
];
export const EXCLUSIONS_HEADERS = [
  "time_period",
  "school_urn",
  "education_phase",
  "headcount",
  "suspension",
  "susp_rate",
  "one_plus_susp",
  "one_plus_susp_rate",
  "perm_excl",
  "perm_excl_rate",
];
export const KS4_WIDE_HEADERS = ["RECTYPE", "URN", "P8MEA", "ATT8SCR", "PTL2BASICS_95"];
export const KS2_WIDE_HEADERS = ["RECTYPE", "URN", "PTRWM_EXP"];

type Measures = readonly (readonly [indicator: string, column: string])[];

interface LongSpec {
  readonly kind: PublicKind;
  readonly measures: Measures;
  /** Column -> the value a row must have to be the school's headline row. */
  readonly filters: readonly (readonly [column: string, value: string])[];
}

const SPECS: Readonly<Record<"ks2" | "ks4" | "absence" | "exclusions", LongSpec>> = {
  ks2: {
    kind: "ks2",
    measures: [["ks2.rwmExpected", "expected_standard_pupil_percent"]],
    filters: [
      ["subject", "Reading, writing and maths"],
      ["breakdown_topic", "All pupils"],
      ["breakdown", "Total"],
    ],
  },
  ks4: {
    kind: "ks4",
    measures: [
      ["ks4.attainment8", "attainment8_average"],
      ["ks4.progress8", "progress8_average"],
      ["ks4.basics5", "engmath_95_percent"],
    ],
    filters: [
      "breakdown_topic",
      "breakdown",
      "sex",
      "disadvantage_status",
      "first_language",
      "prior_attainment",
      "mobility",
    ].map((column) => [column, "Total"] as const),
  },
  absence: {
    kind: "absence",
    measures: [
      ["attendance.absence", "sess_overall_percent"],
      ["attendance.persistentAbsence", "enrolments_pa_10_exact_percent"],
    ],
    filters: [],
  },
  exclusions: {
    kind: "exclusions",
    measures: [
      ["behaviour.suspensionRate", "susp_rate"],
      ["behaviour.permanentExclusionRate", "perm_excl_rate"],
      ["behaviour.permanentExclusions", "perm_excl"],
    ],
    filters: [],
  },
};

/** DfE phase words ("State-funded primary", "Primary") as our phases; null for "Total" and the rest. */
export function dfePhase(raw: string | undefined): Phase | null {
  const text = (raw ?? "").toLowerCase();
  if (text.includes("primary")) return "primary";
  if (text.includes("secondary")) return "secondary";
  if (text.includes("special")) return "special";
  return null;
}

export function longReader(which: keyof typeof SPECS, columns: Columns): RowReader {
  const spec = SPECS[which];
  const urnAt = columns.at("school_urn");
  const periodAt = columns.at("time_period");
  const levelAt = columns.at("geographic_level");
  const phaseAt = columns.at("education_phase");
  const filters = spec.filters.map(
    ([column, value]) => [columns.at(column), value.toLowerCase()] as const,
  );
  const measures = spec.measures
    .map(([indicator, column]) => [indicator, column, columns.at(column)] as const)
    .filter(([, , at]) => at >= 0);
  let edition: string | null = null;
  const headline = (cells: readonly string[]) =>
    filters.every(([at, value]) => (cell(cells, at) ?? "").toLowerCase() === value);
  return {
    kind: spec.kind,
    urnOf: (cells) => cell(cells, urnAt) || null,
    observe(cells) {
      const year = academicYearOfTimePeriod(cell(cells, periodAt));
      if (year && (edition === null || year > edition)) edition = year;
    },
    read(cells, line): ReadRow | null {
      if (!headline(cells)) return null;
      const raw = cell(cells, periodAt);
      const describes = academicYearOfTimePeriod(raw);
      if (describes === null)
        throw new PublicFileError(
          `Line ${line}, column time_period: "${raw ?? ""}" is not a time period; expected six digits such as 202425`,
        );
      const urn = cell(cells, urnAt);
      if (!urn) return null;
      // Absence and exclusions carry a row per phase and one "Total": the Total (or only) row is the school's.
      const values: PublicValue[] = measures.map(([indicator, column, at]) =>
        numericValue(indicator, cell(cells, at), describes, { line, column }),
      );
      return { type: "school", urn, values };
    },
    edition: () => edition,
    national(cells, line): NationalRow[] {
      if (levelAt < 0 || (cell(cells, levelAt) ?? "").toLowerCase() !== "national") return [];
      if (!headline(cells)) return [];
      const year = academicYearOfTimePeriod(cell(cells, periodAt));
      if (!year) return [];
      const phase = dfePhase(cell(cells, phaseAt));
      return measures.flatMap(([indicator, column, at]) => {
        const value = numericValue(indicator, cell(cells, at), year, { line, column });
        return value.value === null
          ? []
          : [{ type: "national" as const, indicator, phase, year, value: Number(value.value) }];
      });
    },
  };
}

/** Older wide performance tables: one row per school (RECTYPE 1), the year from the download's folder. */
export function wideReader(which: "ks2" | "ks4", columns: Columns, year: string | null): RowReader {
  const measures: Measures =
    which === "ks2"
      ? [["ks2.rwmExpected", "PTRWM_EXP"]]
      : [
          ["ks4.progress8", "P8MEA"],
          ["ks4.attainment8", "ATT8SCR"],
          ["ks4.basics5", "PTL2BASICS_95"],
        ];
  const urnAt = columns.at("URN");
  const typeAt = columns.at("RECTYPE");
  const positions = measures.map(
    ([indicator, column]) => [indicator, column, columns.at(column)] as const,
  );
  return {
    kind: which,
    urnOf: (cells) => cell(cells, urnAt) || null,
    read(cells, line): ReadRow | null {
      if (cell(cells, typeAt) !== "1") return null;
      const urn = cell(cells, urnAt);
      if (!urn) return null;
      if (year === null)
        throw new PublicFileError(
          `This ${which.toUpperCase()} file is in the older wide format, which does not say its year: give the year (e.g. --year 2023/24), or keep the download's folder name (2023-2024) in the path`,
        );
      const values = positions.map(([indicator, column, at]) =>
        numericValue(indicator, cell(cells, at), year, { line, column }),
      );
      return { type: "school", urn, values };
    },
    edition: () => year,
  };
}
