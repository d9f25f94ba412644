// Progress against a target (DOMAIN.md "Academy card"): what is expected by a
// period, how a metric accumulates, RAG with tolerance, the percent rule for
// measurements, national only where units match, and rounding at the edge.
import { describe, expect, it } from "vitest";
import {
  accumulationOf,
  expectedBy,
  hasNationalPosition,
  indicatorByKey,
  precisionOf,
  progress,
  readMetricValue,
  roundTo,
  type HalfTerm,
  type Period,
  type TargetFacts,
} from "../../server/domain/index.js";

const absence: TargetFacts = {
  direction: "lower",
  baseline: 6.2,
  target: 5.0,
  milestones: {},
  tolerance: null,
  precision: 1,
};

function measured(period: Period, value: number, provisional = false, at = 0) {
  return { period, value, provisional, enteredAt: new Date(Date.UTC(2026, 0, 1) + at) };
}

describe("expected by a period", () => {
  it.each<[string, Partial<TargetFacts>, Period, number]>([
    ["no milestones, autumn1 (point 1)", {}, "autumn1", 6.0],
    ["no milestones, spring1 (point 3)", {}, "spring1", 5.6],
    ["no milestones, summer2 (point 6)", {}, "summer2", 5.0],
    ["no milestones, the autumn term (point 2)", {}, "autumn", 5.8],
    ["no milestones, the spring term (point 4)", {}, "spring", 5.4],
    ["a whole-year measurement", {}, "year", 5.0],
    ["a milestone set for the period", { milestones: { spring1: 5.9 } }, "spring1", 5.9],
    ["between baseline and a later milestone", { milestones: { spring2: 5.4 } }, "autumn2", 5.8],
    ["between a milestone and the target", { milestones: { autumn2: 6.0 } }, "summer1", 5.25],
    [
      "the target at summer2 even after milestones",
      { milestones: { spring1: 5.5 } },
      "summer2",
      5.0,
    ],
    ["a summer2 milestone stands for summer2", { milestones: { summer2: 5.1 } }, "summer2", 5.1],
    [
      "the target for the year, whatever summer2's milestone",
      { milestones: { summer2: 5.1 } },
      "year",
      5.0,
    ],
  ])("%s", (_why, change, period, expected) => {
    expect(expectedBy({ ...absence, ...change }, period)).toBeCloseTo(expected, 9);
  });

  it.each<[number, Period, number]>([
    [6, "autumn1", 1],
    [6, "autumn", 2],
    [6, "spring1", 3],
    [6, "summer2", 6],
    [0, "spring1", 0],
  ])(
    "expects a count that adds up through the year (target %s) to be at most target x p / 6 by %s: %s",
    (target, period, expected) => {
      expect(
        expectedBy(
          { ...absence, baseline: 9, target, accumulation: "cumulative", precision: 0 },
          period,
        ),
      ).toBe(expected);
    },
  );

  it.each([
    ["behaviour.suspensionRate", "cumulative"],
    ["behaviour.permanentExclusions", "cumulative"],
    ["behaviour.permanentExclusionRate", "cumulative"],
    ["attendance.absence", "line"],
    ["attendance.persistentAbsence", "line"],
    ["ks2.rwmExpected", "line"],
    ["ks4.progress8", "line"],
  ])("knows how %s accumulates: %s", (metric, accumulation) => {
    expect(accumulationOf(metric)).toBe(accumulation);
  });
});

describe("progress", () => {
  it("rates 5.95 in autumn 1 on a 6.2 -> 5.0 absence target green (expected 6.0)", () => {
    const result = progress(absence, [measured("autumn1", 5.95)], 6.9);
    expect(result).toMatchObject({ expected: 6, onTrack: true, rag: "green", shortOfExpected: 0 });
  });

  it.each<[string, TargetFacts, Period, number, "green" | "amber" | "red"]>([
    ["just at the line", absence, "spring1", 5.6, "green"],
    ["short by less than the tolerance (0.3)", absence, "spring1", 5.8, "amber"],
    ["short by exactly the tolerance", absence, "spring1", 5.9, "amber"],
    ["short by more than the tolerance", absence, "spring1", 6.0, "red"],
    [
      "higher is better, above the line",
      { ...absence, direction: "higher", baseline: 55, target: 61 },
      "autumn",
      57,
      "green",
    ],
    [
      "higher is better, below by 1 (tolerance 1.5)",
      { ...absence, direction: "higher", baseline: 55, target: 61 },
      "autumn",
      56,
      "amber",
    ],
    [
      "suspensions year to date under target x p / 6",
      { ...absence, baseline: 12, target: 6, accumulation: "cumulative", precision: 2 },
      "spring1",
      3,
      "green",
    ],
    [
      "suspensions year to date over target x p / 6",
      { ...absence, baseline: 12, target: 6, accumulation: "cumulative", precision: 2 },
      "spring1",
      4,
      "amber",
    ],
    [
      "no permanent exclusions targeted: one is red",
      {
        ...absence,
        baseline: 0,
        target: 0,
        accumulation: "cumulative",
        precision: 0,
        tolerance: null,
      },
      "autumn1",
      1,
      "red",
    ],
  ])("rates %s", (_why, target, period, value, rag) => {
    expect(progress(target, [measured(period, value)], null).rag).toBe(rag);
  });

  it("shows no RAG, expectation or gap before any measurement (no data)", () => {
    expect(progress(absence, [], null)).toMatchObject({
      latest: null,
      rag: null,
      expected: null,
      gapClosed: null,
      onTrack: null,
    });
  });

  it("does not show gap closed when the target equals the baseline, and takes a quarter of |target| as tolerance", () => {
    const result = progress(
      { ...absence, baseline: 5, target: 5 },
      [measured("autumn1", 5.5)],
      null,
    );
    expect(result.gapClosed).toBeNull();
    expect(result.tolerance).toBe(1.3);
  });

  it("keeps float noise from the tolerance: a quarter of 6.2 - 5.0 is 0.3", () => {
    const result = progress(absence, [], null);
    expect(result.tolerance).toBe(0.3);
    expect(JSON.stringify(result)).not.toMatch(/\d\.\d*0000000|\d\.\d*9999999/);
  });

  it("rounds expected, tolerance and differences to the unit's precision", () => {
    const result = progress(
      { ...absence, milestones: { autumn2: 6.0 } },
      [measured("summer1", 5.2)],
      6.9,
    );
    expect(result.expected).toBe(5.3);
    expect(result.differenceFromNational).toBe(-1.7);
    expect(result.atOrAboveNational).toBe(true);
  });

  it("takes a final value over a provisional one for the same period, whichever came last", () => {
    const result = progress(
      absence,
      [measured("autumn2", 5.7, false, 0), measured("autumn2", 5.2, true, 1000)],
      null,
    );
    expect([result.latest, result.provisional]).toEqual([5.7, false]);
  });
});

describe("reading a measurement", () => {
  it.each<[string, number, number, string]>([
    ["attendance.persistentAbsence", 0.185, 18.5, "18.5%"],
    ["attendance.persistentAbsence", 18.5, 18.5, "18.5%"],
    ["attendance.absence", 0.062, 6.2, "6.2%"],
    ["ks2.rwmExpected", 0.62, 62, "62%"],
    ["ks2.rwmExpected", 1, 1, "1%"],
    ["ks4.progress8", -0.45, -0.45, "-0.45"],
    ["behaviour.suspensionRate", 0.5, 0.5, "0.5 per 100 pupils"],
    ["behaviour.permanentExclusions", 2, 2, "2 pupils"],
  ])("reads %s given as %s as %s (%s)", (metric, given, value, readAs) => {
    const reading = readMetricValue(indicatorByKey(metric)!, "value", given);
    expect(reading).toEqual({ ok: true, value, readAs });
  });

  it.each([
    ["attendance.absence", 140, "a percentage is between 0 and 100"],
    ["behaviour.permanentExclusions", 1.5, "a count is a whole number"],
  ])("refuses %s of %s, naming the field", (metric, given, why) => {
    const reading = readMetricValue(indicatorByKey(metric)!, "value", given);
    expect(reading.ok).toBe(false);
    if (!reading.ok) {
      expect(reading.problem.field).toBe("value");
      expect(reading.problem.message).toContain(why);
    }
  });
});

describe("like with like", () => {
  it.each([
    ["behaviour.permanentExclusions", false],
    ["behaviour.permanentExclusionRate", true],
    ["attendance.absence", true],
    ["behaviour.suspensionRate", true],
  ])("gives %s a national position: %s", (metric, expected) => {
    expect(hasNationalPosition(indicatorByKey(metric)!)).toBe(expected);
  });

  it.each([
    ["attendance.absence", 1],
    ["ks4.progress8", 2],
    ["ks4.attainment8", 1],
    ["behaviour.permanentExclusions", 0],
  ])("shows %s with %s decimal places", (metric, places) => {
    expect(precisionOf(indicatorByKey(metric)!)).toBe(places);
  });

  it.each<[number, number, number]>([
    [0.1 + 0.2, 1, 0.3],
    [1.005, 2, 1.01],
    [-0.125, 2, -0.13],
    [18.45, 1, 18.5],
  ])("rounds %s to %s places as %s", (value, places, rounded) => {
    expect(roundTo(value, places)).toBe(rounded);
  });
});

// Keep the half-term type honest in the table above.
const _halfTerm: HalfTerm = "autumn1";
void _halfTerm;
