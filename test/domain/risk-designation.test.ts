// Preset `risk-designation` (seed 003): a best fit on the mean rating of the
// inspection band and the six quality indicators, then a cap at repair for
// any rating of 4 and stabilise for band Concern.
import { describe, expect, it } from "vitest";
import {
  designateRow,
  presetFramework,
  reasonsText,
  supportLines,
  type Row,
} from "./designate-row.js";

const QI = [
  "qi.outcomes",
  "qi.leadership",
  "qi.curriculumAndStaffing",
  "qi.teaching",
  "qi.climateForLearning",
  "qi.governance",
];

/** Quality-indicator ratings, in order, as a row. */
function ratings(...values: number[]): Row {
  return Object.fromEntries(values.map((value, index) => [QI[index] as string, value]));
}

describe("risk-designation", () => {
  it("has the four levels of seed 003, rank 1 needing the most support", () => {
    expect(
      presetFramework("risk-designation").levels.map((level) => [
        level.rank,
        level.key,
        level.label,
      ]),
    ).toEqual([
      [1, "stabilise", "Stabilise (High risk)"],
      [2, "repair", "Repair (High risk)"],
      [3, "improve", "Improve (Some risk)"],
      [4, "sustain", "Sustain (Low risk)"],
    ]);
  });

  describe("best fit on the mean rating", () => {
    it.each([
      [
        [1, 1, 1, 1, 1, 1],
        "sustain",
        "Mean rating 1 of 6 sources is below 1.5: Sustain (Low risk)",
      ],
      [[1, 1, 2], "sustain", "Mean rating 1.33 of 3 sources is below 1.5: Sustain (Low risk)"],
      [[1, 2], "improve", "Mean rating 1.5 of 2 sources is at or above 1.5: Improve (Some risk)"],
      [
        [2, 2, 2, 2, 2, 2],
        "improve",
        "Mean rating 2 of 6 sources is at or above 1.5: Improve (Some risk)",
      ],
      [
        [2, 2, 3],
        "improve",
        "Mean rating 2.33 of 3 sources is at or above 1.5: Improve (Some risk)",
      ],
      [[2, 3], "repair", "Mean rating 2.5 of 2 sources is at or above 2.5: Repair (High risk)"],
      [
        [3, 3, 3, 3, 3, 3],
        "repair",
        "Mean rating 3 of 6 sources is at or above 2.5: Repair (High risk)",
      ],
      [[3, 3, 4], "repair", "Mean rating 3.33 of 3 sources is at or above 2.5: Repair (High risk)"],
      [
        [3, 4],
        "stabilise",
        "Mean rating 3.5 of 2 sources is at or above 3.5: Stabilise (High risk)",
      ],
      [
        [4, 4, 3, 3],
        "stabilise",
        "Mean rating 3.5 of 4 sources is at or above 3.5: Stabilise (High risk)",
      ],
    ])("designates quality indicators %j as %s", (values, level, reason) => {
      const designation = designateRow("risk-designation", ratings(...values));
      expect(designation.level?.key).toBe(level);
      expect(designation.reasons).toContainEqual(
        expect.objectContaining({ source: "best fit", message: reason }),
      );
    });

    it.each([
      ["Outstanding (Strong 1)", "Outstanding", [2, 2], "improve", 5 / 3],
      ["Good (Secure 2)", "Good", [2, 3], "improve", 7 / 3],
      ["RI (Weak 3)", "RI", [2], "repair", 2.5],
      ["RI (Weak 3)", "RI", [1, 1, 1], "improve", 1.5],
    ])("counts an inspection of %s as a rating", (_case, ofsted, values, level, mean) => {
      const designation = designateRow("risk-designation", {
        Ofsted: ofsted,
        ...ratings(...values),
      });
      expect(designation.level?.key).toBe(level);
      expect(
        designation.reasons.find((reason) => reason.source === "best fit")?.rating,
      ).toBeCloseTo(mean, 10);
    });
  });

  describe("a rating of 4 caps the result at repair", () => {
    it.each([
      [[4, 1, 1, 1], "repair", "mean 1.75 would be improve"],
      [[4, 1, 1, 1, 1, 1], "repair", "mean 1.5 would be improve"],
      [[4, 2, 2, 2, 2, 2], "repair", "mean 2.33 would be improve"],
      [[4, 2], "repair", "mean 3 is repair already"],
      [[4, 3], "stabilise", "mean 3.5 stays stabilise: the cap never lifts a level"],
    ])("designates quality indicators %j as %s (%s)", (values, level) => {
      expect(designateRow("risk-designation", ratings(...values)).level?.key).toBe(level);
    });

    it("says the cap applied", () => {
      const designation = designateRow("risk-designation", ratings(4, 1, 1, 1));
      expect(designation.reasons.at(-1)).toEqual({
        source: "cap",
        indicated: "repair",
        rating: null,
        message: "A rating of 4: no better than Repair (High risk)",
      });
    });
  });

  describe("band Concern forces stabilise", () => {
    it.each([
      [
        "OE Inadequate with every quality indicator 1",
        { Ofsted: "Inadequate", ...ratings(1, 1, 1, 1, 1, 1) },
      ],
      [
        "a report card in special measures with indicators 2",
        {
          "ofsted.leadershipAndGovernance": "Urgent improvement",
          "ofsted.inclusion": "Urgent improvement",
          ...ratings(2, 2),
        },
      ],
      [
        "EIF-2024 safeguarding not effective, key judgements Good",
        {
          "ofsted.qualityOfEducation": "Good",
          "ofsted.safeguarding": "not effective",
          ...ratings(1, 1),
        },
      ],
    ])("puts %s in stabilise", (_case, row: Row) => {
      const designation = designateRow("risk-designation", row);
      expect(designation.level?.key).toBe("stabilise");
      expect(designation.inspectionBand).toBe("Concern");
      expect(reasonsText(designation)).toContain("Inspection band Concern: Stabilise (High risk)");
    });
  });

  it.each([
    ["no evidence at all", {}],
    ["quality indicators not available", { "qi.outcomes": "n/a", "qi.teaching": "-" }],
    [
      "an OE inspection without its overall grade",
      { "ofsted.framework": "OE", "ofsted.qualityOfEducation": 2 },
    ],
  ])("gives insufficient evidence for %s", (_case, row: Row) => {
    const designation = designateRow("risk-designation", row);
    expect(designation.insufficientEvidence).toBe(true);
    expect(designation.level).toBeNull();
  });

  describe("support", () => {
    const lines = (level: string) =>
      supportLines(presetFramework("risk-designation").supportFor(level));
    const HIGH = [
      "School improvement partner: 10 days per year",
      "School improvement adviser: up to 20 days per term",
      "Progress board meeting: 6 meetings per year",
      "Deputy CEO's tailored plan report: 1 report per half term",
      "SIP day visit with a learning walk: 5 visits per year",
    ];
    it.each([
      ["stabilise", HIGH],
      ["repair", HIGH],
      [
        "improve",
        [
          "School improvement partner: up to 10 days per year",
          "School improvement adviser: up to 10 days per year",
          "Progress board meeting: 3 meetings per year",
          "Deputy CEO's tailored plan report: 1 report per term",
          "SIP day visit with a learning walk: 5 visits per year",
        ],
      ],
      [
        "sustain",
        [
          "School improvement partner: 5 days per year",
          "Progress board meeting: 3 meetings per year",
          "Deputy CEO's tailored plan report: 1 report per term",
          "SIP day visit with a learning walk: 5 visits per year",
        ],
      ],
    ])("gives %s its support", (level, expected) => {
      expect(lines(level).slice(0, expected.length)).toEqual(expected);
    });

    const LEVELS = ["stabilise", "repair", "improve", "sustain"];
    it.each([
      ["Report of actions and impact to the CEO", LEVELS],
      ["Deputy CEO works with the school intensively", ["stabilise", "repair"]],
      ["Deployment of MAT-wide Deputy Headteachers", ["stabilise", "repair"]],
      ["Deployment of one or more of the Directors of Subject", ["stabilise", "repair"]],
      ["Support from the Institute of Education", LEVELS],
      [
        "Support from the EIT based on the specific departmental or leadership needs of the school",
        ["improve", "sustain"],
      ],
      ["Additional support and resource as required", LEVELS],
    ])("lists seed 003's %s for %j and no other level", (activity, levels) => {
      for (const level of LEVELS)
        expect(
          presetFramework("risk-designation")
            .supportFor(level)
            .some((entry) => entry.activity === activity),
          level,
        ).toBe(levels.includes(level));
    });

    it("reports to the CEO monthly and deploys deputy heads 5 days a week while high risk", () => {
      const high = lines("repair");
      expect(high).toContain("Report of actions and impact to the CEO: 1 report per month");
      expect(high).toContain("Deployment of MAT-wide Deputy Headteachers: 5 days per week");
    });

    it.each([
      ["stabilise", "Sep, Nov, Jan, Mar, May, Jun"],
      ["improve", "Sep, Jan, May"],
      ["sustain", "Sep, Jan, May"],
    ])("holds %s's progress board meetings in %s", (level, months) => {
      const meeting = presetFramework("risk-designation")
        .supportFor(level)
        .find((entry) => entry.activity === "Progress board meeting");
      expect(meeting?.note).toBe(months);
    });
  });
});
