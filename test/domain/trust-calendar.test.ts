// DOMAIN.md "Identifiers and calendar" (the default England term dates) and
// "Time in level" (expected durations, flagged past the longest).
import { describe, expect, it } from "vitest";
import {
  calendarPosition,
  easterSunday,
  englandTermDates,
  isoDate,
  levelShortName,
  preset,
  timeInLevel,
  type DecisionRecord,
} from "../../server/domain/index.js";

describe("the default England term dates", () => {
  it.each([
    [2019, "2019-04-21"],
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2038, "2038-04-25"],
  ])("finds Easter Sunday %i on %s", (year, day) => {
    expect(isoDate(easterSunday(year))).toBe(day);
  });

  it.each([
    [
      "2025/26",
      // autumn1 ends on the last Friday of October (31 Oct 2025 is one); spring2 on Good Friday (3 Apr 2026).
      [
        ["autumn1", "2025-09-01", "2025-10-31"],
        ["autumn2", "2025-11-10", "2025-12-19"],
        ["spring1", "2026-01-05", "2026-02-13"],
        ["spring2", "2026-02-23", "2026-04-03"],
        ["summer1", "2026-04-13", "2026-05-22"],
        ["summer2", "2026-06-01", "2026-07-20"],
      ],
    ],
    [
      "2026/27",
      // Good Friday 2027 is 26 Mar, before 31 Mar: spring2 runs to 31 Mar.
      [
        ["autumn1", "2026-09-01", "2026-10-30"],
        ["autumn2", "2026-11-09", "2026-12-18"],
        ["spring1", "2027-01-04", "2027-02-12"],
        ["spring2", "2027-02-22", "2027-03-31"],
        ["summer1", "2027-04-12", "2027-05-28"],
        ["summer2", "2027-06-07", "2027-07-20"],
      ],
    ],
  ])("lays out %s", (year, halves) => {
    expect(englandTermDates(year).map((half) => [half.halfTerm, half.start, half.end])).toEqual(
      halves,
    );
  });

  it.each([
    ["2025-09-01", "2025/26", "autumn1", "autumn"],
    ["2025-10-31", "2025/26", "autumn1", "autumn"],
    ["2025-11-03", "2025/26", "autumn1", "autumn"],
    ["2025-12-25", "2025/26", "autumn2", "autumn"],
    ["2026-01-05", "2025/26", "spring1", "spring"],
    ["2026-04-06", "2025/26", "spring2", "spring"],
    ["2026-04-13", "2025/26", "summer1", "summer"],
    ["2026-08-31", "2025/26", "summer2", "summer"],
  ])("puts %s in %s %s", (day, year, halfTerm, term) => {
    expect(calendarPosition(day)).toEqual({ academicYear: year, halfTerm, term });
  });
});

function decided(level: string, agreedOn: string, year: string): DecisionRecord {
  return {
    framework: "phase-model",
    year,
    term: null,
    level,
    agreedOn,
    recordedAt: new Date(`${agreedOn}T18:00:00Z`),
  };
}

const phaseModel = preset("phase-model")!;
const expectedOf = (key: string) => phaseModel.level(key)?.expectedDuration ?? null;
const labelOf = (key: string) => levelShortName(phaseModel.level(key)!.label);

describe("time in level", () => {
  it.each([
    {
      name: "counts Repair from its first decision and flags it past 18 months",
      decisions: [
        decided("repair", "2025-10-14", "2025/26"),
        decided("repair", "2026-10-13", "2026/27"),
      ],
      today: "2027-05-20",
      since: "2025-10-14",
      months: 19,
      flag: "beyond the expected time in Repair (19 months)",
    },
    {
      name: "flags Repair at 20 months as the seed's example reads",
      decisions: [decided("repair", "2025-10-14", "2025/26")],
      today: "2027-06-20",
      since: "2025-10-14",
      months: 20,
      flag: "beyond the expected time in Repair (20 months)",
    },
    {
      name: "does not flag Repair within 18 months",
      decisions: [decided("repair", "2025-10-14", "2025/26")],
      today: "2027-04-13",
      since: "2025-10-14",
      months: 17,
      flag: null,
    },
    {
      name: "starts again when a decision sets another level",
      decisions: [
        decided("repair", "2024-10-10", "2024/25"),
        decided("improve", "2025-02-10", "2024/25"),
        decided("repair", "2025-10-14", "2025/26"),
      ],
      today: "2026-03-01",
      since: "2025-10-14",
      months: 4,
      flag: null,
    },
    {
      name: "keeps Stabilise within 1-2 terms from October to February",
      decisions: [decided("stabilise", "2025-10-14", "2025/26")],
      today: "2026-02-01",
      since: "2025-10-14",
      months: 3,
      flag: null,
    },
    {
      name: "flags Stabilise in its third term",
      decisions: [decided("stabilise", "2025-10-14", "2025/26")],
      today: "2026-04-20",
      since: "2025-10-14",
      months: 6,
      flag: "beyond the expected time in Stabilise (3 terms)",
    },
    {
      name: "never flags a level with no expected duration",
      decisions: [decided("sustain", "2020-10-14", "2020/21")],
      today: "2026-04-20",
      since: "2020-10-14",
      months: 66,
      flag: null,
    },
  ])("$name", ({ decisions, today, since, months, flag }) => {
    const counting = decisions[decisions.length - 1]!;
    const result = timeInLevel({
      decision: counting,
      decisions,
      today,
      levelLabel: labelOf(counting.level),
      expected: expectedOf(counting.level),
    });
    expect({ since: result.since, months: result.months, flag: result.flag }).toEqual({
      since,
      months,
      flag,
    });
    expect(result.beyondExpected).toBe(flag !== null);
  });

  it("reads the phase-model's expected durations from seeds 000 and 004", () => {
    expect(phaseModel.levels.map((level) => [level.key, level.expectedDuration ?? null])).toEqual([
      ["stabilise", { min: 1, max: 2, unit: "terms" }],
      ["repair", { min: 12, max: 18, unit: "months" }],
      ["improve", null],
      ["sustain", null],
    ]);
  });

  it.each([
    ["phase-model", "annual"],
    ["tiered-support", "annual"],
    ["risk-matrix", "annual"],
    ["risk-designation", "termly"],
  ])("declares %s %s", (key, cycle) => {
    expect(preset(key)!.definition.cycle).toBe(cycle);
  });
});
