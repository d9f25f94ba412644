// The task pane's rules that need no browser: how headers map to indicators,
// what a row sends, how a designation becomes two cells, reading a block of
// the sheet, the calendar defaults, the sign-off step a target offers and how a measurement
// is read before it is saved.
import { describe, expect, it } from "vitest";
import { HEADERS } from "../../server/demo/demo-risk-matrix.js";
import { indicatorForHeader } from "../../server/domain/indicators.js";
import {
  autoMapColumns,
  columnMapToSave,
  cellText,
  evidenceRows,
  repeatedIndicators,
  roleFromValue,
  roleValue,
  urnColumn,
  type ColumnRole,
} from "../../addin/taskpane/risk-matrix/column-map.js";
import {
  designationCell,
  designationCounts,
} from "../../addin/taskpane/risk-matrix/designate-rows.js";
import { problemText } from "../../addin/shared/problem-text.js";
import {
  columnLetters,
  sheetTableOf,
  WorkbookProblem,
} from "../../addin/taskpane/excel/sheet-table.js";
import {
  describePlacement,
  isDesignationHeader,
} from "../../addin/taskpane/excel/write-designations.js";
import { signOffWords, stepFor } from "../../addin/taskpane/academy-card/target-statuses.js";
import type { SignOffEntry } from "../../addin/taskpane/api/index.js";
import { readingOf } from "../../addin/taskpane/academy-card/measurement-form.js";
import {
  calendarPosition,
  headerResolver,
  recentAcademicYears,
} from "../../server/shared/index.js";

describe("column mapping", () => {
  it("maps every demo header as the server's alias catalogue does, URN as the academy, the rest unmapped", () => {
    const mapping = autoMapColumns(HEADERS);
    for (const column of mapping) {
      const expected: ColumnRole =
        column.header === "URN"
          ? { kind: "urn" }
          : indicatorForHeader(column.header)
            ? { kind: "indicator", key: indicatorForHeader(column.header)!.key }
            : { kind: "unmapped" };
      expect(column.role, column.header).toEqual(expected);
    }
    expect(
      mapping.filter((column) => column.role.kind === "unmapped").map((c) => c.header),
    ).toEqual(["Academy", "Notes"]);
  });

  it.each([
    ["P8", { kind: "indicator", key: "ks4.progress8" }],
    ["Progress 8", { kind: "indicator", key: "ks4.progress8" }],
    ["ks4.progress8", { kind: "indicator", key: "ks4.progress8" }],
    ["KS2 RWM %", { kind: "indicator", key: "ks2.rwmExpected" }],
    ["Academy URN", { kind: "urn" }],
    ["urn", { kind: "urn" }],
    ["Designation (phase-model)", { kind: "result" }],
    ["Reasons (risk-matrix)", { kind: "result" }],
    ["Head teacher", { kind: "unmapped" }],
    ["", { kind: "unmapped" }],
  ] as const)("maps the header %j to %j", (header, role) => {
    expect(autoMapColumns([header])[0]!.role).toEqual(role);
  });

  it.each(["", "urn", "result", "ks4.progress8"])("round-trips the dropdown value %j", (value) => {
    expect(roleValue(roleFromValue(value))).toBe(value);
  });

  it("sends every column mapped to an indicator, blank cells as not available, in column order", () => {
    const mapping = autoMapColumns([
      "URN",
      "Academy",
      "P8",
      "Ofsted safeguarding",
      "Designation (phase-model)",
    ]);
    const rows = evidenceRows(
      {
        rows: [
          [140002, "Riverside", 0.1, true, "old"],
          [140012, "Harbour", "SUPP", "", ""],
        ],
      },
      mapping,
    );
    expect(rows).toEqual([
      [
        { indicator: "ks4.progress8", value: "0.1" },
        { indicator: "ofsted.safeguarding", value: "TRUE" },
      ],
      [
        { indicator: "ks4.progress8", value: "SUPP" },
        { indicator: "ofsted.safeguarding", value: null },
      ],
    ]);
    expect(urnColumn(mapping)).toBe(0);
  });

  it.each([
    [45678, "45678"],
    [0.62, "0.62"],
    ["  Good ", "Good"],
    ["", null],
    ["   ", null],
    [false, "FALSE"],
  ] as const)("reads the cell %j as %j", (cell, text) => {
    expect(cellText(cell)).toBe(text);
  });

  it("notices an indicator mapped from two columns", () => {
    const mapping = autoMapColumns(["P8", "Progress 8", "SEF"]);
    expect([...repeatedIndicators(mapping)]).toEqual(["ks4.progress8"]);
  });
});

describe("designation cells", () => {
  const level = { key: "repair", label: "C: Developing (Repair)", rank: 2, risk: "high" };
  /** Every source the framework requires was used. */
  const complete = { status: "COMPLETE", coverage: { missing: [] } } as const;
  const reasons = [
    { source: "inspection", indicated: "improve", message: "Inspection band Secure: B" },
    { source: "outcomes.secondary", indicated: "repair", message: "Progress 8 -0.2 is below 0: C" },
  ];

  it.each([
    [
      "a level, coloured by its risk, with one line per reason",
      { level, insufficientEvidence: false, reasons, problems: [], ...complete },
      {
        label: "C: Developing (Repair)",
        reasons: "Inspection band Secure: B\nProgress 8 -0.2 is below 0: C",
        tone: "high",
      },
    ],
    [
      "insufficient evidence, with the skipped sources",
      {
        level: null,
        insufficientEvidence: true,
        reasons: [reasons[0]!],
        problems: [],
        ...complete,
      },
      { label: "Insufficient evidence", reasons: "Inspection band Secure: B", tone: "none" },
    ],
    [
      "a row the server could not read, naming the column of each problem",
      {
        level: null,
        insufficientEvidence: false,
        reasons: [],
        problems: [
          {
            code: "BAD_USER_INPUT",
            row: 2,
            column: "P8",
            indicator: "ks4.progress8",
            field: "value",
            message: 'Progress 8 (ks4.progress8): cannot read "Goodish"',
          },
          {
            code: "BAD_USER_INPUT",
            row: 2,
            column: "Progress",
            indicator: null,
            field: "indicator",
            message: '"Progress" could mean ks4.progress8 or ks2.progress',
          },
        ],
        ...complete,
      },
      {
        label: "Cannot read this row",
        reasons:
          'Column "P8": Progress 8 (ks4.progress8): cannot read "Goodish"\n"Progress" could mean ks4.progress8 or ks2.progress',
        tone: "problem",
      },
    ],
  ] as const)("writes %s", (_, result, cell) => {
    expect(designationCell(result)).toEqual(cell);
  });

  it("counts each outcome for the summary", () => {
    const cell = (label: string) => ({ label, reasons: "", tone: "some" as const });
    expect(designationCounts([cell("A"), cell("B"), cell("A")])).toEqual([
      ["A", 2],
      ["B", 1],
    ]);
  });

  it.each([
    [
      "a cell's problem, led by its column",
      {
        column: "P8",
        indicator: "ks4.progress8",
        message: 'Progress 8 (ks4.progress8): cannot read "x"',
      },
      'Column "P8": Progress 8 (ks4.progress8): cannot read "x"',
    ],
    [
      "a cell sent by its indicator key, as it is",
      {
        column: "ks4.progress8",
        indicator: "ks4.progress8",
        message: 'Progress 8 (ks4.progress8): cannot read "x"',
      },
      'Progress 8 (ks4.progress8): cannot read "x"',
    ],
    [
      "a problem whose message already quotes its column, as it is",
      {
        column: "Notes",
        indicator: null,
        message: 'Unknown indicator "Notes"; use an indicator key',
      },
      'Unknown indicator "Notes"; use an indicator key',
    ],
    [
      "a problem that is not a cell's, as it is",
      { column: null, indicator: null, message: "urn: URN 140001 is also in rows[0]" },
      "urn: URN 140001 is also in rows[0]",
    ],
  ])("shows %s", (_, problem, shown) => {
    expect(problemText(problem)).toBe(shown);
  });

  it.each([
    ["Designation (phase-model)", true],
    ["Reasons (tiered-support)", true],
    ["Designation", false],
    ["Designation notes", false],
  ] as const)("recognises %j as a column Designate writes: %j", (header, expected) => {
    expect(isDesignationHeader(header)).toBe(expected);
  });
});

describe("where the designation columns went", () => {
  it.each([
    [
      { kind: "cells", sheet: "Risk matrix", headerRowIndex: 0, columnIndex: 31 },
      14,
      "'Risk matrix'!AF1:AG15",
    ],
    [{ kind: "cells", sheet: "Sheet1", headerRowIndex: 2, columnIndex: 3 }, 2, "Sheet1!D3:E5"],
    [{ kind: "table-columns", table: "RiskMatrix" }, 14, "two new columns of table RiskMatrix"],
  ] as const)("describes %j with %i rows as %s", (placement, rows, words) => {
    expect(describePlacement(placement, rows)).toBe(words);
  });
});

describe("reading a block of the sheet", () => {
  const where = { sheet: "S", address: "S!B2:C5", tableName: null, rowIndex: 1, columnIndex: 1 };

  it("takes the first row as headers and drops blank rows at the end, keeping blank rows between", () => {
    const table = sheetTableOf(
      [
        [" URN ", "P8"],
        [140001, 0.1],
        ["", ""],
        [140002, ""],
        ["", " "],
      ],
      where,
    );
    expect(table.headers).toEqual(["URN", "P8"]);
    expect(table.rows).toEqual([
      [140001, 0.1],
      ["", ""],
      [140002, ""],
    ]);
  });

  it.each([
    ["only a header row", [["URN", "P8"]]],
    [
      "a blank header row",
      [
        ["", ""],
        [1, 2],
      ],
    ],
  ])("refuses %s", (_, values) => {
    expect(() => sheetTableOf(values, where)).toThrow(WorkbookProblem);
  });

  it.each([
    [0, "A"],
    [25, "Z"],
    [26, "AA"],
    [30, "AE"],
    [701, "ZZ"],
    [702, "AAA"],
  ])("names column %i %s", (index, letters) => {
    expect(columnLetters(index)).toBe(letters);
  });
});

describe("calendar defaults", () => {
  it.each([
    ["2026-11-25", "autumn", "2026/27"],
    ["2027-01-02", "autumn", "2026/27"], // the Christmas holiday belongs to the autumn term
    ["2027-01-10", "spring", "2026/27"],
    ["2027-03-31", "spring", "2026/27"],
    ["2027-04-12", "summer", "2026/27"], // after the Easter holiday
    ["2027-06-15", "summer", "2026/27"],
    ["2027-08-31", "summer", "2026/27"],
    ["2027-09-01", "autumn", "2027/28"],
  ])("on %s: the %s term of %s", (day, term, year) => {
    expect(calendarPosition(day).term).toBe(term);
    expect(recentAcademicYears(new Date(`${day}T12:00:00Z`))[0]).toBe(year);
  });

  it("offers the current year and the three before it", () => {
    expect(recentAcademicYears(new Date("2026-11-25T00:00:00Z"))).toEqual([
      "2026/27",
      "2025/26",
      "2024/25",
      "2023/24",
    ]);
  });
});

describe("the sign-off step a target offers", () => {
  it.each([
    [{ nextStep: "propose", canTakeNextStep: true }, "propose"],
    [{ nextStep: "review", canTakeNextStep: true }, "review"],
    [{ nextStep: "agree", canTakeNextStep: false }, null],
    [{ nextStep: null, canTakeNextStep: false }, null],
  ] as const)("offers %j as %s", (target, step) => {
    expect(stepFor(target)).toBe(step);
  });

  it.each<[SignOffEntry, string]>([
    [
      {
        action: "reviewed",
        body: "localBoard",
        bodyName: "LGB",
        meetingOn: "2025-10-01",
        by: "Pat Governor",
        reason: null,
      },
      "Reviewed by the LGB, 1 Oct 2025 (Pat Governor)",
    ],
    [
      {
        action: "agreed",
        body: "trustBoard",
        bodyName: "Trust Board",
        meetingOn: "2025-10-14",
        by: "Lee Leader",
        reason: null,
      },
      "Agreed by the Trust Board, 14 Oct 2025 (Lee Leader)",
    ],
    [
      {
        action: "proposed",
        body: "academy",
        bodyName: "Academy",
        meetingOn: null,
        by: "Ann Academy",
        reason: null,
      },
      "Proposed by the academy (Ann Academy)",
    ],
  ])("says %j as %s", (entry, words) => {
    expect(signOffWords(entry)).toBe(words);
  });
});

describe("how the measurement form reads a value", () => {
  it.each([
    ["attendance.persistentAbsence", "0.185", "read as 18.5%"],
    ["attendance.persistentAbsence", "18.5", "read as 18.5%"],
    ["ks4.progress8", "-0.453", "read as -0.45"],
    ["behaviour.permanentExclusions", "2", "read as 2 pupils"],
    ["attendance.persistentAbsence", "", null],
  ])("reads %s typed as %j: %s", (metric, typed, said) => {
    expect(readingOf(metric, typed)).toBe(said);
  });

  it("says what is wrong with a value it cannot read", () => {
    expect(readingOf("attendance.absence", "140")).toMatch(/a percentage is between 0 and 100/);
  });
});

describe("column mapping of a trust's own matrix", () => {
  it("reads seed 002's headers as the framework means them, asks about an ambiguous one, and sends percent formats", () => {
    const resolver = headerResolver({
      "Latest SEF judgement": "sef.overall",
      "Leadership & Management": "qa.leadershipAndManagement",
    });
    const mapping = autoMapColumns(
      ["URN", "Latest SEF judgement", "Leadership & Management", "Safeguarding", "KS2 RWM %"],
      resolver,
    );
    expect(mapping.map((column) => column.role)).toEqual([
      { kind: "urn" },
      { kind: "indicator", key: "sef.overall" },
      { kind: "indicator", key: "qa.leadershipAndManagement" },
      {
        kind: "ambiguous",
        choices: ["ofsted.safeguarding", "qa.safeguarding"],
        message: expect.stringContaining('"Safeguarding" could mean'),
      },
      { kind: "indicator", key: "ks2.rwmExpected" },
    ]);
    expect(
      evidenceRows(
        {
          rows: [[140001, 2, 3, "Effective", 1]],
          percentFormats: [[false, false, false, false, true]],
        },
        mapping,
      ),
    ).toEqual([
      [
        { indicator: "sef.overall", value: "2" },
        { indicator: "qa.leadershipAndManagement", value: "3" },
        { indicator: "Safeguarding", value: "Effective" },
        { indicator: "ks2.rwmExpected", value: "1", percentFormatted: true },
      ],
    ]);
  });

  it("saves the matrix's choices over the trust's saved map", () => {
    const mapping = autoMapColumns(["Safeguarding", "P8"]).map((column) =>
      column.header === "Safeguarding"
        ? { ...column, role: { kind: "indicator" as const, key: "qa.safeguarding" } }
        : column,
    );
    expect(
      columnMapToSave([{ header: "SAFEGUARDING", indicator: "ofsted.safeguarding" }], mapping),
    ).toEqual([
      { header: "Safeguarding", indicator: "qa.safeguarding" },
      { header: "P8", indicator: "ks4.progress8" },
    ]);
  });
});
