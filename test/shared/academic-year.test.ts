// server/shared/academic-year.ts: the one set of academic-year rules the
// server checks with and the add-in offers and reads years with.
import { describe, expect, it } from "vitest";
import {
  academicYearOf,
  academicYearOfDay,
  endOfAcademicYear,
  readAcademicYear,
  recentAcademicYears,
  yearProblem,
} from "../../server/shared/index.js";

describe("the academic year a day falls in", () => {
  it.each([
    ["2025-09-01", "2025/26", "the first day of the year"],
    ["2026-08-31", "2025/26", "the last day of the year"],
    ["2026-01-20", "2025/26", "a spring day"],
    ["1999-12-31", "1999/00", "a year ending in 2000 keeps two digits"],
  ])("puts %s in %s (%s)", (day, year) => {
    expect(academicYearOfDay(day)).toBe(year);
    expect(academicYearOf(new Date(`${day}T23:30:00Z`))).toBe(year);
    expect(endOfAcademicYear(year) >= day).toBe(true);
  });

  it("ends a year on 31 August", () => {
    expect(endOfAcademicYear("2024/25")).toBe("2025-08-31");
  });

  it("offers the current year and the ones before it, newest first", () => {
    expect(recentAcademicYears(new Date("2026-09-01T00:00:00Z"), 3)).toEqual([
      "2026/27",
      "2025/26",
      "2024/25",
    ]);
  });
});

describe("reading a year", () => {
  it.each([
    ["2025/26", "2025/26"],
    [" 2025-26 ", "2025/26"],
    ["2025/2026", "2025/26"],
    ["2099/00", "2099/00"],
    ["2025/27", null], // the second year must follow the first
    ["2025/2027", null],
    ["2025", null], // 2024/25 or 2025/26?
    ["25/26", null],
    ["2025/260", null],
  ])("reads %j as %j", (text, year) => {
    expect(readAcademicYear(text)).toBe(year);
  });

  it.each(["2025/26", "1999/00"])("takes %s as the API's year", (year) => {
    expect(yearProblem("year", year)).toBeNull();
  });

  it.each(["2025-26", "2025/27", "2025", ""])(
    "refuses %j naming the field and what it accepts",
    (year) => {
      expect(yearProblem("rows[2].year", year)).toEqual({
        field: "rows[2].year",
        value: year,
        accepts: "an academic year such as 2025/26",
        message: `rows[2].year: "${year}" is not an academic year; use the form 2025/26`,
      });
    },
  );
});
