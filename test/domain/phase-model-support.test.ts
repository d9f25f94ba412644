// Preset `phase-model`: the support each level is entitled to per year
// (seeds 000, 004), and the inspection-readiness meeting while an inspection is due.
import { describe, expect, it } from "vitest";
import { designateRow, presetFramework, supportLines } from "./designate-row.js";

describe("phase-model support", () => {
  it.each([
    ["sustain", 6, "1 review", "1 visit per half term"],
    ["improve", 6, "1 review", "2-3 visits per half term"],
    ["repair", 12, "2 reviews", "1 visit per week"],
    ["stabilise", 18, "3 reviews", "1 visit per week"],
  ])(
    "gives %s %s bespoke support days, %s by the MAT and SIL visits of %s",
    (level, days, reviews, visits) => {
      const lines = supportLines(presetFramework("phase-model").supportFor(level));
      expect(lines).toContain(`Bespoke support: ${days} days per year`);
      expect(lines.filter((line) => line.startsWith("MAT QA review"))).toEqual([
        `MAT QA review: ${reviews} per year`,
      ]);
      expect(lines.filter((line) => line.startsWith("SIL"))).toEqual([
        `SIL quality-improvement visit: ${visits}`,
      ]);
    },
  );

  it.each(["sustain", "improve", "repair", "stabilise"])(
    "gives %s the support every level has",
    (level) => {
      const lines = supportLines(presetFramework("phase-model").supportFor(level));
      expect(lines).toEqual(
        expect.arrayContaining([
          "HT and MAT SLT briefing: 1 briefing per week",
          "External QA review: 1 review per year",
          "SIP/SEF writing day: 2 days per year",
          "CEO visit: 1 visit per half term",
        ]),
      );
    },
  );

  it.each([
    ["sustain", ["Maths and English lead contact: 1 contact per half term"]],
    [
      "improve",
      [
        "Maths and English lead contact: 1 contact per half term",
        "Maths and English lead visit: 1 visit per half term",
      ],
    ],
    [
      "repair",
      [
        "Maths and English lead visit: 2 visits per half term",
        "Maths and English lead contact: 1 contact per fortnight",
      ],
    ],
    [
      "stabilise",
      [
        "Maths and English lead visit: 2 visits per half term",
        "Maths and English lead contact: 1 contact per fortnight",
      ],
    ],
  ])("gives %s its maths and English lead support", (level, expected) => {
    const lines = supportLines(presetFramework("phase-model").supportFor(level)).filter((line) =>
      line.startsWith("Maths and English"),
    );
    expect(lines).toEqual(expected);
  });

  it("gives a stabilise academy 18 bespoke support days, directed or requested", () => {
    const designation = designateRow("phase-model", { phase: "secondary", P8: -0.8 });
    expect(designation.support).toContainEqual({
      activity: "Bespoke support",
      quantity: 18,
      quantityText: null,
      unit: "days",
      per: "year",
      note: "directed or requested",
    });
  });

  it.each([
    ["yes", true],
    ["TRUE", true],
    ["no", false],
    ["n/a", false],
  ])(
    "adds the inspection-readiness meeting when inspection.dueWithinYear is %s: %s",
    (due, adds) => {
      const designation = designateRow("phase-model", {
        phase: "secondary",
        P8: 0.4,
        "inspection.dueWithinYear": due,
      });
      const meeting = "Inspection-readiness meeting (face to face): 1 meeting per half term";
      if (adds) expect(supportLines(designation.support)).toContain(meeting);
      else expect(supportLines(designation.support)).not.toContain(meeting);
    },
  );
});
