// Versioned inspection evidence (DOMAIN.md "Inspection evidence is
// versioned"): the framework is inferred from the words, then the fields
// present, then the date; grades that do not fit the framework are errors.
import { describe, expect, it } from "vitest";
import { domainErrorFrom, evidenceOf, type Row } from "./designate-row.js";

function inspectionOf(row: Row) {
  const inspection = evidenceOf(row).inspection;
  if (!inspection) throw new Error("No inspection read from the row");
  return inspection;
}

describe("inspection evidence: framework inference", () => {
  it.each([
    [{ "ofsted.overall": 2 }, "OE", "an overall grade exists only in OE"],
    [
      { "ofsted.overall": "Good", "ofsted.qualityOfEducation": 2 },
      "OE",
      "overall with key judgements",
    ],
    [
      { "ofsted.overall": 2, "ofsted.date": "2025-01-15" },
      "OE",
      "the overall grade decides over a date in the EIF-2024 window",
    ],
    [{ "ofsted.inclusion": 3 }, "RC-2025", "inclusion is a report-card field"],
    [
      { "ofsted.leadershipAndGovernance": 2 },
      "RC-2025",
      "leadership and governance is a report-card field",
    ],
    [{ "ofsted.earlyYears": "Strong standard" }, "RC-2025", "a report-card word on a shared field"],
    [{ "ofsted.sixthForm": "needs attention" }, "RC-2025", "a report-card word in any case"],
    [
      { "ofsted.qualityOfEducation": "Good" },
      "EIF-2024",
      "key judgements without an overall grade",
    ],
    [
      { "ofsted.qualityOfEducation": 2, "ofsted.leadershipAndManagement": 3 },
      "EIF-2024",
      "key judgements as numbers without an overall grade",
    ],
    [
      { "ofsted.qualityOfEducation": 2, "ofsted.date": "2024-10-01" },
      "EIF-2024",
      "key judgements dated in the EIF-2024 window",
    ],
    [
      { "ofsted.qualityOfEducation": 2, "ofsted.date": "2026-01-20" },
      "EIF-2024",
      "quality of education does not exist on a report card, whatever the date",
    ],
    [
      { "ofsted.qualityOfEducation": 2, "ofsted.date": "2023-10-01" },
      "OE",
      "key judgements dated before Sep 2024 are an OE inspection (whose overall grade is missing)",
    ],
    [
      { "ofsted.earlyYears": 2, "ofsted.date": "2024-08-31" },
      "OE",
      "numbers only: the day before EIF-2024",
    ],
    [
      { "ofsted.earlyYears": 2, "ofsted.date": "2024-09-01" },
      "EIF-2024",
      "numbers only: EIF-2024's first day",
    ],
    [
      { "ofsted.earlyYears": 2, "ofsted.date": "2025-11-09" },
      "EIF-2024",
      "numbers only: the day before report cards",
    ],
    [
      { "ofsted.earlyYears": 2, "ofsted.date": "2025-11-10" },
      "RC-2025",
      "numbers only: report cards' first day",
    ],
    [
      { "ofsted.sixthForm": 3, "ofsted.date": 45000 },
      "OE",
      "numbers only, dated by an Excel serial in 2023",
    ],
  ])("infers %j as %s (%s)", (row, framework, _why) => {
    const inspection = inspectionOf(row);
    expect(inspection.framework).toBe(framework);
    expect(inspection.frameworkInferred).toBe(true);
  });

  it.each([
    [{ "ofsted.framework": "EIF-2024", "ofsted.earlyYears": 2 }, "EIF-2024"],
    [
      { "ofsted.framework": "RC-2025", "ofsted.earlyYears": 2, "ofsted.date": "2023-01-01" },
      "RC-2025",
    ],
    [{ "ofsted.framework": "OE", "ofsted.overall": "Outstanding" }, "OE"],
  ])("takes the framework as given in %j", (row, framework) => {
    const inspection = inspectionOf(row);
    expect(inspection.framework).toBe(framework);
    expect(inspection.frameworkInferred).toBe(false);
  });

  it("keeps raw grades on the framework's own scale, in the report's order", () => {
    const inspection = inspectionOf({
      "ofsted.leadershipAndGovernance": "Needs attention",
      "ofsted.inclusion": "Exceptional",
      "ofsted.achievement": 5,
    });
    expect([...inspection.grades]).toEqual([
      ["inclusion", 1],
      ["achievement", 5],
      ["leadershipAndGovernance", 4],
    ]);
  });

  it("reads no inspection when only Ofsted safeguarding is given", () => {
    expect(evidenceOf({ "ofsted.safeguarding": "not met" }).inspection).toBeNull();
  });
});

describe("inspection evidence: contradictions are errors", () => {
  it.each([
    [
      "a report-card word when the framework is OE",
      { "ofsted.framework": "OE", "ofsted.overall": "Strong standard" },
      "ofsted.overall",
      'ofsted.overall: "strong standard" is a report-card grade but the inspection is OE',
    ],
    [
      "an OE word when the framework is RC-2025",
      { "ofsted.framework": "RC-2025", "ofsted.earlyYears": "Good" },
      "ofsted.earlyYears",
      'ofsted.earlyYears: "good" is a pre-report-card grade but the inspection is RC-2025',
    ],
    [
      "a report-card field under OE",
      { "ofsted.framework": "OE", "ofsted.inclusion": 2 },
      "ofsted.inclusion",
      "ofsted.inclusion: OE inspections have no such grade",
    ],
    [
      "an overall grade under EIF-2024",
      { "ofsted.framework": "EIF-2024", "ofsted.overall": 2 },
      "ofsted.overall",
      "ofsted.overall: EIF-2024 inspections have no such grade",
    ],
    [
      "an overall grade in report-card words",
      { "ofsted.overall": "Exceptional" },
      "ofsted.overall",
      "ofsted.overall: RC-2025 inspections have no such grade",
    ],
    [
      "words from both scales",
      { "ofsted.overall": "Good", "ofsted.inclusion": "Strong standard" },
      "ofsted.overall",
      "ofsted.overall: RC-2025 inspections have no such grade",
    ],
    [
      "grade 5 under OE",
      { "ofsted.framework": "OE", "ofsted.overall": 5 },
      "ofsted.overall",
      "ofsted.overall: OE grades run from 1 to 4, not 5; accepts 1-4 (1 Outstanding, 2 Good, 3 Requires improvement, 4 Inadequate)",
    ],
    [
      "numbers with nothing to tell the framework",
      { "ofsted.earlyYears": 2 },
      "ofsted.framework",
      "Ofsted grades given as numbers need the inspection framework",
    ],
  ])("rejects %s", (_case, row, field, message) => {
    const error = domainErrorFrom(() => evidenceOf(row));
    expect(error.kind).toBe("BAD_USER_INPUT");
    expect(error.problems.map((problem) => problem.indicator)).toContain(field);
    expect(error.message).toContain(message);
  });
});
