// National benchmarks are dated, sourced data (DOMAIN.md): which figure a
// comparison uses for an indicator, phase and academic year.
import { describe, expect, it } from "vitest";
import {
  benchmarkLookup,
  benchmarkWords,
  compileFramework,
  figuresInForce,
  hasNationalFigure,
  nationalFigures,
  preset,
  readEvidence,
  NATIONAL_BENCHMARKS,
  type NationalFigure,
} from "../../server/domain/index.js";

const lookup = benchmarkLookup(NATIONAL_BENCHMARKS);

describe("national benchmarks", () => {
  it.each([
    ["ks2.rwmExpected", null, "2024/25", 62, "KS2 RWM 62% (2025)"],
    ["ks4.attainment8", null, "2023/24", 46.1, "Attainment 8"],
    ["ks4.basics5", null, "2025/26", 46.2, "basics5 2023/24 stands until a later figure"],
    ["ks4.progress8", "secondary", null, -0.03, "Progress 8 2023/24"],
    ["attendance.absence", null, "2023/24", 7.1, "all-phase absence 2023/24"],
    ["attendance.absence", "primary", "2023/24", 5.5, "a primary's own figure first"],
    ["attendance.absence", "secondary", "2023/24", 8.9, "a secondary's own figure first"],
    ["attendance.absence", "special", "2023/24", null, "special schools: no comparison"],
    ["attendance.absence", "alternative provision", "2024/25", null, "AP: no comparison"],
    ["attendance.absence", "all-through", "2025/26", 8.9, "all-through: the secondary figure"],
    ["attendance.absence", null, "2024/25", 6.9, "absence 2024/25"],
    [
      "attendance.absence",
      "primary",
      "2024/25",
      5.5,
      "2024/25 has no primary figure: the primary figure of 2023/24, not all schools'",
    ],
    ["attendance.absence", "secondary", "2025/26", 8.9, "a secondary in 2025/26: 2023/24's 8.9"],
    ["attendance.absence", "primary", "2025/26", 5.5, "a primary in 2025/26: 2023/24's 5.5"],
    ["attendance.absence", "secondary", null, 8.9, "no year: the latest secondary figure"],
    ["attendance.absence", null, null, 6.9, "no phase, no year: the latest all-schools figure"],
    ["attendance.absence", "secondary", "2022/23", 8.9, "before any published year: the earliest"],
    ["attendance.persistentAbsence", null, "2023/24", 20, "persistent absence 2023/24"],
    [
      "attendance.persistentAbsence",
      null,
      "2025/26",
      18.7,
      "persistent absence 2024/25 stands in 2025/26",
    ],
    ["behaviour.suspensionRate", null, null, 11.31, "suspensions per 100 pupils"],
    ["behaviour.permanentExclusionRate", null, null, 0.13, "permanent exclusion rate"],
    ["behaviour.permanentExclusions", null, null, null, "a count has no national figure"],
  ] as const)("gives %s for phase %s in %s as %s (%s)", (indicator, phase, year, value, _why) => {
    expect(lookup(indicator, phase, year)?.value ?? null).toBe(value);
  });

  it("names the source of every figure", () => {
    expect(NATIONAL_BENCHMARKS.filter((benchmark) => benchmark.source.trim() === "")).toEqual([]);
  });

  it("has no figure for an indicator without a national benchmark", () => {
    expect(lookup("qi.teaching", null, null)).toBeNull();
  });

  it("has no national figure for permanent exclusions as a count (the 0.13 is a rate per 100 pupils)", () => {
    expect(lookup("behaviour.permanentExclusions", "secondary", "2025/26")).toBeNull();
  });

  it("lets a later benchmark for the same indicator, phase and year replace an earlier one", () => {
    const edited = benchmarkLookup([
      ...NATIONAL_BENCHMARKS,
      {
        indicator: "attendance.absence",
        phase: null,
        year: "2024/25",
        value: 7.0,
        source: "Trust",
      },
    ]);
    expect(edited("attendance.absence", null, "2024/25")?.value).toBe(7.0);
  });
});

/** Figures a trust loaded from DfE files' England rows. */
const LOADED: NationalFigure[] = [
  {
    indicator: "attendance.absence",
    phase: "secondary",
    year: "2024/25",
    value: 8.6,
    source: "DfE school absence 2024/25, England figure from 1a_absence_3term_school.csv",
    fileName: "1a_absence_3term_school.csv",
    asOf: "2026-12-02",
  },
  {
    indicator: "ks2.rwmExpected",
    phase: null,
    year: "2024/25",
    value: 61,
    source: "DfE KS2 school results 2024/25, England figure from ks2.csv",
    fileName: "ks2.csv",
    asOf: "2026-12-02",
  },
];

describe("national figures loaded by a trust", () => {
  const lookup = benchmarkLookup(nationalFigures(LOADED));

  it.each([
    [
      "ks2.rwmExpected",
      null,
      "2024/25",
      61,
      "all schools, 2024/25, from ks2.csv",
      "replaces the built-in 62",
    ],
    [
      "ks2.rwmExpected",
      "primary",
      "2026/27",
      61,
      "all schools, 2024/25, from ks2.csv",
      "stands in later years",
    ],
    [
      "attendance.absence",
      "secondary",
      "2025/26",
      8.6,
      "secondary, 2024/25, from 1a_absence_3term_school.csv",
      "newer than the built-in 2023/24 8.9",
    ],
    [
      "attendance.absence",
      "secondary",
      "2023/24",
      8.9,
      "secondary, 2023/24",
      "the built-in figure for its own year",
    ],
    [
      "attendance.absence",
      "primary",
      "2025/26",
      5.5,
      "primary, 2023/24",
      "no loaded primary figure: the built-in one",
    ],
    ["attendance.absence", "special", "2025/26", null, null, "special schools are never compared"],
  ] as const)(
    "gives %s for phase %s in %s as %s (%s: %s)",
    (indicator, phase, year, value, words, _why) => {
      const figure = lookup(indicator, phase, year);
      expect(figure?.value ?? null).toBe(value);
      expect(figure ? benchmarkWords(figure) : null).toBe(words);
    },
  );

  it("lets a framework's own benchmark win over a loaded figure for the same indicator, phase and year", () => {
    const own = {
      indicator: "ks2.rwmExpected",
      phase: null,
      year: "2024/25",
      value: 65,
      source: "Trust",
    };
    expect(
      benchmarkLookup(nationalFigures(LOADED, [own]))("ks2.rwmExpected", null, "2024/25")?.value,
    ).toBe(65);
  });

  it.each([
    ["attendance.absence", true],
    ["behaviour.permanentExclusionRate", true],
    ["behaviour.permanentExclusions", false],
    ["no.such.indicator", false],
  ] as const)("says whether %s can have a national figure (%s)", (indicator, can) => {
    expect(hasNationalFigure(indicator)).toBe(can);
  });

  it.each([
    ["2024/25", "ks2.rwmExpected", null, "2024/25", 61],
    ["2024/25", "attendance.absence", null, "2024/25", 6.9],
    ["2024/25", "attendance.absence", "secondary", "2024/25", 8.6],
    ["2023/24", "attendance.absence", "secondary", "2023/24", 8.9],
    ["2022/23", "attendance.absence", "secondary", "2023/24", 8.9],
    [null, "attendance.persistentAbsence", null, "2024/25", 18.7],
  ] as const)(
    "lists the figures in force for %s: %s (%s) is %s's %s",
    (year, indicator, phase, figureYear, value) => {
      const inForce = figuresInForce(nationalFigures(LOADED), year);
      const found = inForce.filter(
        (figure) => figure.indicator === indicator && figure.phase === phase,
      );
      expect(found.map((figure) => [figure.year, figure.value])).toEqual([[figureYear, value]]);
    },
  );

  it("compares a designation with the loaded figure and names its file in the reason", () => {
    const framework = compileFramework(preset("phase-model")!.definition, {
      nationalFigures: LOADED,
    });
    const evidence = readEvidence([
      { indicator: "phase", value: "primary" },
      { indicator: "ks2.rwmExpected", value: "55" },
    ]);
    const reasons = framework
      .designate(evidence, { year: "2025/26" })
      .reasons.map((r) => r.message);
    expect(reasons.join("\n")).toContain("national (all schools, 2024/25, from ks2.csv) 61%");
    const builtIn = preset("phase-model")!.designate(evidence, { year: "2025/26" });
    expect(builtIn.reasons.map((r) => r.message).join("\n")).toContain(
      "national (all schools, 2024/25) 62%",
    );
  });
});
