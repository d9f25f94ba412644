// National benchmarks are dated, sourced data (DOMAIN.md): which figure a
// comparison uses for an indicator, phase and academic year.
import { describe, expect, it } from "vitest";
import { benchmarkLookup, NATIONAL_BENCHMARKS } from "../../server/domain/index.js";

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
