// A compiled row reader (headers resolved once, a column's words remembered)
// reads every row exactly as readEvidenceParts reads the same cells under
// the same headers: the same values, inspection and problems, whatever the
// cells hold and however many rows share the reader.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  compileRowReader,
  headerResolver,
  readEvidenceParts,
  type EvidenceEntry,
} from "../../server/domain/index.js";
import { DEMO_ROWS, HEADERS } from "../../server/demo/demo-risk-matrix.js";
import { rawRowArbitrary } from "./raw-row-arbitrary.js";

/** The cells of `row` under the headers of `layout`, position by position (blank beyond its end). */
function under(layout: readonly EvidenceEntry[], row: readonly EvidenceEntry[]): unknown[] {
  return layout.map((_, index) => row[index]?.value);
}

function entries(layout: readonly EvidenceEntry[], cells: readonly unknown[]): EvidenceEntry[] {
  return layout.map((entry, index) => ({ indicator: entry.indicator, value: cells[index] }));
}

function plain(parts: ReturnType<typeof readEvidenceParts>) {
  return {
    values: Object.fromEntries(parts.evidence.values),
    phase: parts.evidence.phase,
    inspection: parts.evidence.inspection,
    problems: parts.problems,
  };
}

describe("compiled row reader", () => {
  it("reads the demo risk matrix exactly as cell-by-cell reading does", () => {
    const reader = compileRowReader(HEADERS);
    for (const row of DEMO_ROWS) {
      const cells = HEADERS.map((header) => (row as Record<string, unknown>)[header]);
      const expected = readEvidenceParts(
        HEADERS.map((header, index) => ({ indicator: header, value: cells[index] })),
      );
      expect(plain(reader.read(cells))).toEqual(plain(expected));
    }
    expect(reader.columns.filter((column) => column.kind === "indicator").length).toBeGreaterThan(
      20,
    );
  });

  it("agrees with readEvidenceParts on any rows sharing one header row (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(rawRowArbitrary, { minLength: 1, maxLength: 6 }), (rows) => {
        const layout = rows[0]!;
        const reader = compileRowReader(layout.map((entry) => entry.indicator));
        for (const row of rows) {
          const cells = under(layout, row);
          expect(plain(reader.read(cells))).toEqual(
            plain(readEvidenceParts(entries(layout, cells))),
          );
        }
      }),
      { numRuns: 400 },
    );
  });

  it("names a bad word's indicator and what it accepts on every row that holds it, not only the first", () => {
    const reader = compileRowReader(["Phase", "Ofsted QoE"]);
    const first = reader.read(["Secondary", "Goodish"]);
    const second = reader.read(["Primary", "Goodish"]);
    for (const parts of [first, second]) {
      expect(parts.problems).toHaveLength(1);
      expect(parts.problems![0]!.problem.message).toMatch(/Goodish/);
      expect(parts.problems![0]!.problem.accepts).toMatch(/Good/);
      expect(parts.problems![0]!.problem.column).toBe("Ofsted QoE");
    }
    expect(second.evidence.phase).toBe("primary");
  });

  it("reports an unknown header on every row and reads the rest; a column the trust marks as not evidence is skipped", () => {
    const resolver = headerResolver().withColumnMap([{ header: "RAG note", indicator: null }]);
    const reader = compileRowReader(["P8", "Mystery column", "RAG note"], resolver);
    const parts = reader.read(["-0.4", 12, "amber"]);
    expect(Object.fromEntries(parts.evidence.values)).toEqual({ "ks4.progress8": -0.4 });
    expect(parts.problems?.map((each) => each.problem.code)).toEqual(["NOT_FOUND"]);
    expect(reader.columns.map((column) => column.kind)).toEqual([
      "indicator",
      "problem",
      "ignored",
    ]);
  });
});
