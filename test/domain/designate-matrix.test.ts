// Designating a matrix under one header row (designateRows): each header
// resolved once, a header naming no indicator left out and listed once, a
// column that is not evidence or has no header left out silently, a bad row
// answered in place, a matrix of the wrong shape refused row by row, and the
// same levels as designating each row's entries alone.
import { describe, expect, it } from "vitest";
import {
  designateEntries,
  designateMatrix,
  DomainError,
  type MatrixCell,
} from "../../server/domain/index.js";
import { presetFramework } from "./designate-row.js";

const PHASE_MODEL = presetFramework("phase-model");

const HEADERS = ["URN", "Phase", "Latest Ofsted judgement", "P8", "Notes"];
const ROWS: MatrixCell[][] = [
  [140001, "Secondary", "Good", -0.62, "New head"],
  [140002, "Secondary", "Good", 0.1, null],
  [140003, "Primary", "Outstanding", null, ""],
];

describe("designateMatrix", () => {
  it("gives each row the level designating its entries alone gives", () => {
    const { rows } = designateMatrix(PHASE_MODEL, HEADERS, ROWS);
    const alone = ROWS.map(
      (cells) =>
        designateEntries(
          PHASE_MODEL,
          [1, 2, 3].map((column) => ({ indicator: HEADERS[column]!, value: cells[column] })),
        ).level?.key ?? null,
    );
    expect(rows.map((row) => row.designation?.level?.key ?? null)).toEqual(alone);
    expect(alone[0]).toBe("stabilise");
  });

  it.each([
    {
      case: "a header naming no indicator, listed once however often it appears",
      headers: ["Notes", "Phase", "Notes", "Latest Ofsted judgement"],
      columnMap: [],
      unknown: ["Notes"],
    },
    {
      case: "a column the trust's column map says is not evidence, left out silently",
      headers: ["Notes", "Phase", "Latest Ofsted judgement"],
      columnMap: [{ header: "Notes", indicator: null }],
      unknown: [],
    },
    {
      case: "a column with a blank header, left out silently",
      headers: [" ", "Phase", "Latest Ofsted judgement"],
      columnMap: [],
      unknown: [],
    },
  ])("leaves out $case", ({ headers, columnMap, unknown }) => {
    const cells: MatrixCell[] = headers.map((header) =>
      header === "Phase" ? "Primary" : header === "Latest Ofsted judgement" ? "Good" : "twelve",
    );
    const result = designateMatrix(PHASE_MODEL, headers, [cells], { columnMap });
    expect(result.unknownHeaders.map((problem) => [problem.code, problem.column])).toEqual(
      unknown.map((header) => ["NOT_FOUND", header]),
    );
    expect(result.rows[0]!.problems).toBeNull();
    expect(result.rows[0]!.designation?.level).not.toBeNull();
  });

  it("asks which indicator a header that could mean two is, in each row that uses it", () => {
    const { rows, unknownHeaders } = designateMatrix(
      PHASE_MODEL,
      ["Latest Ofsted judgement", "Safeguarding"],
      [["Good", "Met"]],
    );
    expect(unknownHeaders).toEqual([]);
    expect(rows[0]!.problems?.[0]?.message).toContain('"Safeguarding" could mean');
  });

  it("answers a bad row in place, at its row, and designates the others", () => {
    const rows = designateMatrix(PHASE_MODEL, HEADERS, [
      ROWS[0]!,
      ["x", "Secondary", "Goodish", 0, null],
    ]).rows;
    expect(rows[0]!.designation?.level?.key).toBe("stabilise");
    expect(rows[1]!.designation).toBeNull();
    expect(rows[1]!.problems).toEqual([
      expect.objectContaining({
        row: 1,
        column: "Latest Ofsted judgement",
        indicator: "ofsted.overall",
      }),
    ]);
  });

  it("reads a percent cell by its own row's number format", () => {
    const headers = ["Phase", "Latest Ofsted judgement", "KS2 RWM %"];
    const row: MatrixCell[] = ["Primary", "Good", 0.45];
    const { rows } = designateMatrix(PHASE_MODEL, headers, [row, row], {
      percentFormatted: [
        [null, null, true],
        [null, null, false],
      ],
    });
    const ks2 = rows.map(
      ({ designation }) =>
        designation?.reasons.find((reason) => reason.source === "outcomes.primary")?.message,
    );
    expect(ks2[0]).toContain(" 45% ");
    expect(ks2[1]).toContain(" 0.5% ");
  });

  it("refuses rows of the wrong length and formats of the wrong shape, listing each", () => {
    const refusal = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        if (error instanceof DomainError) return error;
      }
      throw new Error("expected a refusal");
    };
    const short = refusal(() => designateMatrix(PHASE_MODEL, HEADERS, [ROWS[0]!, ["x"], []]));
    expect(short.kind).toBe("BAD_USER_INPUT");
    expect(short.problems.map((problem) => [problem.row, problem.field])).toEqual([
      [1, "rows"],
      [2, "rows"],
    ]);
    const formats = refusal(() =>
      designateMatrix(PHASE_MODEL, ["P8"], [[0.1]], { percentFormatted: [["yes"]] }),
    );
    expect(formats.problems).toEqual([
      expect.objectContaining({ row: 0, field: "percentFormatted" }),
    ]);
  });
});
