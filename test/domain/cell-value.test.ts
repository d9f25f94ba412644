// Reading one cell as Excel hands it over (DOMAIN.md "Other indicators" and
// the not-available markers): what each kind of indicator accepts, and the
// error an unreadable value gives.
import { describe, expect, it } from "vitest";
import { indicatorByKey, readCell, type Indicator } from "../../server/domain/index.js";

function indicator(key: string): Indicator {
  const found = indicatorByKey(key);
  if (!found) throw new Error(`No indicator ${key}`);
  return found;
}

function read(key: string, raw: unknown): unknown {
  const reading = readCell(indicator(key), raw);
  if (!reading.ok) throw new Error(reading.problem.message);
  return reading.value;
}

describe("cell-value: numbers and scores", () => {
  it.each([
    ["ks4.progress8", -0.62, -0.62, "a number as Excel gives it"],
    ["ks4.progress8", "-0.62", -0.62, "a numeric string"],
    ["ks4.progress8", " 0.25 ", 0.25, "a numeric string with spaces"],
    ["ks4.progress8", "+0.3", 0.3, "a leading plus sign"],
    ["ks4.progress8", "\u22120.62", -0.62, "a Unicode minus sign, as pasted from a report"],
    ["ks4.progress8", 0.5, 0.5, "a score between 0 and 1 is not a percentage"],
    ["ks4.attainment8", "46.1", 46.1, "Attainment 8 as typed"],
    ["behaviour.suspensionRate", 11.31, 11.31, "a rate"],
    ["behaviour.suspensionRate", 0.5, 0.5, "a rate between 0 and 1 is not scaled"],
    ["behaviour.permanentExclusions", 2, 2, "a whole count"],
    ["behaviour.permanentExclusions", "0", 0, "a count of 0"],
    ["disadvantaged.gap", -3, -3, "a gap may be negative"],
    ["disadvantaged.gap", "12%", 12, "percentage points may carry a % sign"],
    ["disadvantaged.gap", 0.5, 0.5, "percentage points are never scaled"],
  ])("reads %s from %j as %j (%s)", (key, raw, expected, _why) => {
    expect(read(key, raw)).toBe(expected);
  });
});

describe("cell-value: percent columns", () => {
  it.each([
    [62, 62, "a number is a percentage as given"],
    ["62", 62, "a numeric string"],
    ["62%", 62, "a percent sign"],
    [" 62 % ", 62, "a percent sign with spaces"],
    [0.62, 62, "a number strictly between 0 and 1 is Excel's percent format (0.62 shown as 62%)"],
    [0.29, 29, "0.29 reads as exactly 29, not 28.999999999999996"],
    [0.101, 10.1, "0.101 reads as exactly 10.1, not 10.100000000000001"],
    [0.5, 50, "a half is 50%"],
    [0, 0, "0 is read as given"],
    [1, 1, "1 is read as given (1%, not 100%)"],
    [100, 100, "100 is the most a percentage can be"],
    ["0.5%", 0.5, "a percent sign means the number is already a percentage"],
    ["0.62", 62, "text too: over GraphQL every cell arrives as text"],
    ["0.29", 29, "text between 0 and 1, exactly"],
  ])("reads ks2.rwmExpected %j as %j (%s)", (raw, expected, _why) => {
    expect(read("ks2.rwmExpected", raw)).toBe(expected);
  });

  it.each([
    ["attendance.absence", 0.071, 7.1],
    ["attendance.persistentAbsence", 0.187, 18.7],
    ["ks4.basics5", 0.462, 46.2],
  ])("reads %s %j as %j", (key, raw, expected) => {
    expect(read(key, raw)).toBe(expected);
  });
});

describe("cell-value: words for judgements", () => {
  it.each([
    ["qa.qualityOfEducation", "good", 2],
    ["qa.qualityOfEducation", "GOOD", 2],
    ["qa.qualityOfEducation", "Outstanding", 1],
    ["qa.qualityOfEducation", "RI", 3],
    ["qa.qualityOfEducation", "Requires Improvement", 3],
    ["qa.qualityOfEducation", "requires_improvement", 3],
    ["qa.qualityOfEducation", "Inadequate", 4],
    ["sef.overall", "2", 2],
    ["qi.teaching", 4, 4],
  ])("reads the trust judgement %s %j as %j", (key, raw, expected) => {
    expect(read(key, raw)).toBe(expected);
  });

  it.each([
    ["good", { grade: 2, scale: "OE", word: "good" }],
    ["RI", { grade: 3, scale: "OE", word: "ri" }],
    ["Requires Improvement", { grade: 3, scale: "OE", word: "requires improvement" }],
    ["special measures", { grade: 4, scale: "OE", word: "special measures" }],
    ["Serious Weaknesses", { grade: 4, scale: "OE", word: "serious weaknesses" }],
    ["Exceptional", { grade: 1, scale: "RC", word: "exceptional" }],
    ["Strong standard", { grade: 2, scale: "RC", word: "strong standard" }],
    ["EXPECTED STANDARD", { grade: 3, scale: "RC", word: "expected standard" }],
    ["needs attention", { grade: 4, scale: "RC", word: "needs attention" }],
    ["Urgent improvement", { grade: 5, scale: "RC", word: "urgent improvement" }],
    [3, { grade: 3, scale: null, word: null }],
    ["3", { grade: 3, scale: null, word: null }],
    [5, { grade: 5, scale: null, word: null }],
  ])("reads the Ofsted grade %j with the scale its word names", (raw, expected) => {
    expect(read("ofsted.overall", raw)).toEqual(expected);
  });
});

describe("cell-value: dates", () => {
  it.each([
    [45000, "2023-03-15", "an Excel date serial"],
    ["45000", "2023-03-15", "an Excel date serial as text"],
    [45000.75, "2023-03-15", "the time of day is dropped"],
    ["2023-03-15", "2023-03-15", "an ISO date"],
    ["2024-03-12T00:00:00Z", "2024-03-12", "an ISO date-time"],
    ["15/03/2023", "2023-03-15", "dd/mm/yyyy"],
    ["5/3/2024", "2024-03-05", "d/m/yyyy is day first"],
    ["12.03.2024", "2024-03-12", "dd.mm.yyyy"],
    [new Date(Date.UTC(2024, 2, 12)), "2024-03-12", "a Date object"],
  ])("reads ofsted.date %j as %s (%s)", (raw, expected, _why) => {
    expect(read("ofsted.date", raw)).toBe(expected);
  });

  it("reads every serial from 1990 to 2099 as the day Excel shows (leap years, 2000 and month ends)", () => {
    const epoch = Date.UTC(1899, 11, 30);
    let checked = 0;
    for (let serial = 32874; serial <= 73050; serial++) {
      const shown = new Date(epoch + serial * 86_400_000).toISOString().slice(0, 10);
      if (read("ofsted.date", serial) !== shown) expect(read("ofsted.date", serial)).toBe(shown);
      checked++;
    }
    expect(checked).toBe(40177);
    expect(read("ofsted.date", 36585)).toBe("2000-02-29");
  });
});

describe("cell-value: flags and words", () => {
  it.each([
    ["inspection.dueWithinYear", "yes", true],
    ["inspection.dueWithinYear", "Y", true],
    ["inspection.dueWithinYear", "TRUE", true],
    ["inspection.dueWithinYear", true, true],
    ["inspection.dueWithinYear", "no", false],
    ["inspection.dueWithinYear", "FALSE", false],
    ["inspection.dueWithinYear", false, false],
    ["ofsted.safeguarding", "met", true],
    ["ofsted.safeguarding", "Not met", false],
    ["ofsted.safeguarding", "effective", true],
    ["ofsted.safeguarding", "not effective", false],
    ["qa.safeguarding", "Not Effective", false],
    ["qa.safeguarding", "ineffective", false],
    ["qa.safeguarding", true, true],
    ["phase", "Primary", "primary"],
    ["phase", "secondary", "secondary"],
    ["phase", "All-through", "all-through"],
    ["phase", "all through", "all-through"],
    ["phase", "Special", "special"],
    ["phase", "AP", "alternative provision"],
    ["trajectory", "Declining", "declining"],
    ["trajectory", "stable", "static"],
    ["trajectory", "improving", "improving"],
    ["ofsted.framework", "OE", "OE"],
    ["ofsted.framework", "EIF-2024", "EIF-2024"],
    ["ofsted.framework", "rc-2025", "RC-2025"],
    ["ofsted.framework", "Report card", "RC-2025"],
  ])("reads %s %j as %j", (key, raw, expected) => {
    expect(read(key, raw)).toBe(expected);
  });
});

describe("cell-value: not available", () => {
  const markers: unknown[] = [
    "",
    "   ",
    null,
    undefined,
    "n/a",
    "N/A",
    "-",
    "SUPP",
    "supp",
    "NE",
    "#N/A",
  ];
  const keys = [
    "ks4.progress8",
    "ks2.rwmExpected",
    "ofsted.overall",
    "ofsted.date",
    "qa.safeguarding",
    "phase",
    "sef.overall",
    "inspection.dueWithinYear",
  ];
  it.each(keys.flatMap((key) => markers.map((raw) => [key, raw] as const)))(
    "reads %s %j as not available (null)",
    (key, raw) => {
      expect(readCell(indicator(key), raw)).toEqual({ ok: true, value: null });
    },
  );
});

describe("cell-value: unreadable values are errors, never guesses", () => {
  it.each([
    ["ofsted.overall", "Goodish", "not an Ofsted word"],
    ["ofsted.overall", 7, "no Ofsted scale has a grade 7"],
    ["ofsted.overall", 0, "grades start at 1"],
    ["ofsted.overall", 2.5, "grades are whole"],
    ["qa.qualityOfEducation", 7, "grade 7: a trust judgement is 1-4"],
    ["qa.qualityOfEducation", 5, "a trust judgement has no grade 5"],
    ["qa.qualityOfEducation", "Goodish", "not a judgement word"],
    ["qa.qualityOfEducation", "Strong standard", "report-card words are for Ofsted grades only"],
    ["ks2.rwmExpected", "12%%", "two percent signs"],
    ["ks2.rwmExpected", 101, "over 100%"],
    ["ks2.rwmExpected", -1, "a negative percentage"],
    ["ks2.rwmExpected", "sixty", "a number in words"],
    ["ks4.progress8", "12%", "Progress 8 is a score, not a percentage"],
    ["ks4.progress8", "-0.4.5", "two decimal points"],
    ["ks4.progress8", Number.NaN, "not a number"],
    ["ks4.progress8", new Date(Number.NaN), "an invalid Date"],
    ["behaviour.suspensionRate", -1, "a negative rate"],
    ["behaviour.permanentExclusions", 1.5, "half an exclusion"],
    ["ofsted.date", "31/02/2024", "no such day"],
    ["ofsted.date", "2024-13-01", "no such month"],
    ["ofsted.date", "March 2024", "a month is not a date"],
    ["ofsted.date", 100, "an Excel serial before 1990 is not an inspection date"],
    ["inspection.dueWithinYear", "maybe", "neither yes nor no"],
    ["inspection.dueWithinYear", 1, "a number is not yes or no"],
    ["ofsted.safeguarding", "partly", "neither met nor not met"],
    ["phase", "nursery", "not a phase"],
    ["trajectory", "up", "not a trajectory"],
    ["ofsted.framework", "2019", "not a framework key"],
  ])("rejects %s %s (%s)", (key, raw, _why) => {
    const target = indicator(key);
    const reading = readCell(target, raw);
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    const shown = raw instanceof Date ? "Invalid Date" : String(raw);
    expect(reading.problem.field).toBe("value");
    expect(reading.problem.indicator).toBe(key);
    expect(reading.problem.value).toBe(shown);
    expect(reading.problem.accepts).toBe(target.accepts);
    expect(reading.problem.message).toContain(`(${key})`);
    expect(reading.problem.message).toContain(`"${shown}"`);
    expect(reading.problem.message).toContain(`accepts ${target.accepts}`);
  });
});
