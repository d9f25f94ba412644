// Reading a whole row of evidence: every problem is collected and thrown
// together as one BAD_USER_INPUT error; nothing is guessed.
import { describe, expect, it } from "vitest";
import { DomainError, readEvidence } from "../../server/domain/index.js";
import { domainErrorFrom, entriesOf, evidenceOf } from "./designate-row.js";

describe("evidence", () => {
  it("reads values by indicator key whether the row names keys or workbook headers", () => {
    const evidence = evidenceOf({
      Phase: "Secondary",
      P8: "-0.62",
      "PA %": "21%",
      "ks4.basics5": 0.48,
      "Inspection due": "yes",
    });
    expect(evidence.phase).toBe("secondary");
    expect(Object.fromEntries(evidence.values)).toEqual({
      phase: "secondary",
      "ks4.progress8": -0.62,
      "attendance.persistentAbsence": 21,
      "ks4.basics5": 48,
      "inspection.dueWithinYear": true,
    });
    expect(evidence.inspection).toBeNull();
  });

  it("skips not-available cells as if the column were blank", () => {
    const evidence = evidenceOf({ P8: "n/a", "KS2 RWM %": "SUPP", "PA %": "", Ofsted: "-" });
    expect(evidence.values.size).toBe(0);
    expect(evidence.inspection).toBeNull();
    expect(evidence.phase).toBeNull();
  });

  it("reads an empty row as no evidence", () => {
    expect(readEvidence([])).toEqual({ values: new Map(), inspection: null, phase: null });
  });

  it("throws one BAD_USER_INPUT error listing every problem in the row", () => {
    const error = domainErrorFrom(() =>
      evidenceOf({
        "Latest Ofsted judgement": "Goodish",
        "Favourite colour": "blue",
        "qa.qualityOfEducation": 7,
        "KS2 RWM %": "12%%",
      }),
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error.kind).toBe("BAD_USER_INPUT");
    // Each problem with the column as written and the indicator it names (none for an unknown header).
    expect(
      error.problems.map(({ code, column, indicator, field }) => ({
        code,
        column,
        indicator,
        field,
      })),
    ).toEqual([
      {
        code: undefined,
        column: "Latest Ofsted judgement",
        indicator: "ofsted.overall",
        field: "value",
      },
      { code: "NOT_FOUND", column: "Favourite colour", indicator: undefined, field: "indicator" },
      {
        code: undefined,
        column: "qa.qualityOfEducation",
        indicator: "qa.qualityOfEducation",
        field: "value",
      },
      { code: undefined, column: "KS2 RWM %", indicator: "ks2.rwmExpected", field: "value" },
    ]);
    expect(error.message).toContain('cannot read "Goodish"');
    expect(error.message).toContain("(and 3 more)");
  });

  it("names an unknown indicator by its column, NOT_FOUND, with what it accepts", () => {
    const error = domainErrorFrom(() => evidenceOf({ P8: 0.1, "Favourite colour": "blue" }));
    expect(error.problems).toEqual([
      {
        field: "indicator",
        code: "NOT_FOUND",
        column: "Favourite colour",
        value: "Favourite colour",
        accepts: "an indicator key such as ks4.progress8 or a known workbook header",
        message:
          'Unknown indicator "Favourite colour"; use an indicator key such as ks4.progress8 or a known workbook header',
      },
    ]);
  });

  it("names the column of an inspection problem as written", () => {
    const error = domainErrorFrom(() =>
      readEvidence([
        { indicator: "Framework", value: "OE" },
        { indicator: "Ofsted grade", value: 5 },
      ]),
    );
    expect(error.problems).toEqual([
      expect.objectContaining({
        field: "value",
        column: "Ofsted grade",
        indicator: "ofsted.overall",
        message: expect.stringContaining("OE grades run from 1 to 4, not 5"),
      }),
    ]);
  });

  it("rejects the same indicator given twice with different values, even under two headers", () => {
    const error = domainErrorFrom(() =>
      readEvidence([
        { indicator: "P8", value: -0.2 },
        { indicator: "Progress 8", value: 0.3 },
      ]),
    );
    expect(error.kind).toBe("BAD_USER_INPUT");
    expect(error.problems).toEqual([
      {
        field: "value",
        column: "Progress 8",
        indicator: "ks4.progress8",
        message:
          "Progress 8 (ks4.progress8) is given twice with different values; accepts one value per indicator",
      },
    ]);
  });

  it.each([
    ["62 and 62%", 62, "62%"],
    ["0.62 (Excel's percent format) and 62", 0.62, 62],
    ["a value and a not-available marker", 62, "n/a"],
  ])("accepts the same indicator twice when both read alike: %s", (_case, first, second) => {
    const evidence = readEvidence([
      { indicator: "KS2 RWM %", value: first },
      { indicator: "ks2.rwmExpected", value: second },
    ]);
    expect(evidence.values.get("ks2.rwmExpected")).toBe(62);
  });

  it("puts the Ofsted cells together as one inspection", () => {
    const evidence = evidenceOf({
      "Latest Ofsted judgement": "Requires improvement",
      "Inspection date": 45000,
      "Ofsted safeguarding": "effective",
    });
    expect(evidence.inspection).toMatchObject({
      framework: "OE",
      frameworkInferred: true,
      date: "2023-03-15",
      safeguardingMet: true,
    });
    expect(Object.fromEntries(evidence.inspection?.grades ?? [])).toEqual({ overall: 3 });
  });

  it("reads entries from any iterable, such as a generator", () => {
    function* cells() {
      yield* entriesOf({ phase: "primary", RWM: 55 });
    }
    expect(readEvidence(cells()).values.get("ks2.rwmExpected")).toBe(55);
  });
});
