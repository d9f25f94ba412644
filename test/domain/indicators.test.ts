// The indicator catalogue: every key DOMAIN.md names, and the workbook
// headers that mean each one.
import { describe, expect, it } from "vitest";
import {
  INDICATOR_KEYS,
  INDICATORS,
  indicatorByKey,
  indicatorForHeader,
} from "../../server/domain/index.js";

// Every indicator key in DOMAIN.md (inspection table and "Other indicators").
const DOMAIN_KEYS = [
  "ofsted.overall",
  "ofsted.qualityOfEducation",
  "ofsted.behaviourAndAttitudes",
  "ofsted.personalDevelopment",
  "ofsted.leadershipAndManagement",
  "ofsted.earlyYears",
  "ofsted.sixthForm",
  "ofsted.inclusion",
  "ofsted.curriculumAndTeaching",
  "ofsted.achievement",
  "ofsted.attendanceAndBehaviour",
  "ofsted.personalDevelopmentAndWellbeing",
  "ofsted.leadershipAndGovernance",
  "ofsted.safeguarding",
  "ofsted.framework",
  "ofsted.date",
  "phase",
  "ks2.rwmExpected",
  "ks4.progress8",
  "ks4.attainment8",
  "ks4.basics5",
  "attendance.absence",
  "attendance.persistentAbsence",
  "behaviour.suspensionRate",
  "behaviour.permanentExclusions",
  "behaviour.permanentExclusionRate",
  "disadvantaged.gap",
  "sef.overall",
  "qa.qualityOfEducation",
  "qa.behaviourAndAttitudes",
  "qa.personalDevelopment",
  "qa.leadershipAndManagement",
  "qa.earlyYearsPost16",
  "qa.statutoryData",
  "qa.safeguarding",
  "qi.outcomes",
  "qi.leadership",
  "qi.curriculumAndStaffing",
  "qi.teaching",
  "qi.climateForLearning",
  "qi.governance",
  "trajectory",
  "inspection.dueWithinYear",
];

describe("indicators", () => {
  it.each(DOMAIN_KEYS)("has the DOMAIN.md indicator %s", (key) => {
    expect(indicatorByKey(key)?.key).toBe(key);
    expect(INDICATOR_KEYS).toContain(key);
  });

  it("has no indicator DOMAIN.md does not name, and each key once", () => {
    expect([...INDICATOR_KEYS].sort()).toEqual([...DOMAIN_KEYS].sort());
  });

  it.each([
    ["ks2.rwmExpected", "higher"],
    ["ks4.progress8", "higher"],
    ["ks4.attainment8", "higher"],
    ["ks4.basics5", "higher"],
    ["attendance.absence", "lower"],
    ["attendance.persistentAbsence", "lower"],
    ["behaviour.suspensionRate", "lower"],
    ["behaviour.permanentExclusions", "lower"],
    ["behaviour.permanentExclusionRate", "lower"],
    ["disadvantaged.gap", "lower"],
    ["sef.overall", "lower"],
    ["qa.qualityOfEducation", "lower"],
    ["qi.outcomes", "lower"],
  ])("knows that for %s %s is better", (key, direction) => {
    expect(indicatorByKey(key)?.direction).toBe(direction);
  });

  it.each([
    ["Latest Ofsted judgement", "ofsted.overall"],
    ["Ofsted", "ofsted.overall"],
    ["Overall effectiveness", "ofsted.overall"],
    ["Inspection date", "ofsted.date"],
    // Ambiguous in the catalogue: a framework's aliases or the column map decide.
    ["Safeguarding", undefined],
    ["P8", "ks4.progress8"],
    ["Progress 8", "ks4.progress8"],
    ["progress8", "ks4.progress8"],
    ["ks4.progress8", "ks4.progress8"],
    ["KS2 RWM %", "ks2.rwmExpected"],
    ["ks2 rwm", "ks2.rwmExpected"],
    ["Basics 5+", "ks4.basics5"],
    ["Absence %", "attendance.absence"],
    ["PA %", "attendance.persistentAbsence"],
    ["Persistent absence", "attendance.persistentAbsence"],
    ["PERSISTENT-ABSENCE", "attendance.persistentAbsence"],
    ["Suspension rate", "behaviour.suspensionRate"],
    ["SEF judgement", "sef.overall"],
    ["Leadership & Management", undefined],
    ["Behaviour & Attitudes", undefined],
    ["QA L&M", "qa.leadershipAndManagement"],
    ["QA B&A", "qa.behaviourAndAttitudes"],
    ["Safeguarding audit", "qa.safeguarding"],
    ["Trajectory", "trajectory"],
    ["Inspection due", "inspection.dueWithinYear"],
    ["Favourite colour", undefined],
    ["", undefined],
  ])("maps the header %j to %s", (header, key) => {
    expect(indicatorForHeader(header)?.key).toBe(key);
  });

  it("maps every key, label and alias to its own indicator (no alias is shadowed by another)", () => {
    const shadowed = INDICATORS.flatMap((indicator) =>
      [indicator.key, indicator.label, ...indicator.aliases]
        .filter((name) => indicatorForHeader(name)?.key !== indicator.key)
        .map((name) => `${name} -> ${indicatorForHeader(name)?.key} (wanted ${indicator.key})`),
    );
    expect(shadowed).toEqual([]);
  });

  it("says what every indicator accepts, for error messages", () => {
    const silent = INDICATORS.filter((indicator) => indicator.accepts.trim() === "");
    expect(silent).toEqual([]);
  });
});
