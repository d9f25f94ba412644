// Preset `phase-model` (seeds 000, 004): the lowest of the levels indicated by
// the inspection band and outcomes, with every cut point tried on both sides.
import { describe, expect, it } from "vitest";
import { designateRow, presetFramework, reasonsText, type Row } from "./designate-row.js";

const D = "D: Challenged and Vulnerable (Stabilise)";
const C = "C: Developing (Repair)";
const B = "B: Self-Improving (Improve)";
const A = "A: Self-Sustaining (Sustain)";

describe("phase-model", () => {
  it("has the four levels of the seeds, rank 1 needing the most support", () => {
    expect(
      presetFramework("phase-model").levels.map((level) => [level.rank, level.key, level.label]),
    ).toEqual([
      [1, "stabilise", D],
      [2, "repair", C],
      [3, "improve", B],
      [4, "sustain", A],
    ]);
  });

  describe("secondary outcomes: Progress 8", () => {
    it.each([
      [-1.2, "stabilise", `Progress 8 -1.2 is at or below -0.5: ${D}`],
      [-0.62, "stabilise", `Progress 8 -0.62 is at or below -0.5: ${D}`],
      [-0.5, "stabilise", `Progress 8 -0.5 is at or below -0.5: ${D}`],
      [-0.49, "repair", `Progress 8 -0.49 is below 0: ${C}`],
      [-0.01, "repair", `Progress 8 -0.01 is below 0: ${C}`],
      [0, "improve", `Progress 8 0 is below 0.25: ${B}`],
      [0.24, "improve", `Progress 8 0.24 is below 0.25: ${B}`],
      [0.25, "sustain", `Progress 8 0.25 is at or above 0.25: ${A}`],
      [1.1, "sustain", `Progress 8 1.1 is at or above 0.25: ${A}`],
    ])("puts a secondary with Progress 8 of %s in %s", (p8, level, reason) => {
      const designation = designateRow("phase-model", { phase: "secondary", P8: p8 });
      expect(designation.level?.key).toBe(level);
      expect(designation.reasons).toContainEqual({
        source: "outcomes.secondary",
        indicated: level,
        rating: null,
        message: reason,
      });
    });

    it("reads Progress 8 whatever the phase when the phase is not given", () => {
      expect(designateRow("phase-model", { P8: -0.7 }).level?.key).toBe("stabilise");
    });

    it("uses Progress 8 rather than basics5 when both are given", () => {
      const designation = designateRow("phase-model", {
        phase: "secondary",
        P8: 0.3,
        "ks4.basics5": 20,
      });
      expect(designation.level?.key).toBe("sustain");
      expect(reasonsText(designation)).not.toContain("Grade 5 or above");
    });
  });

  describe("secondary outcomes: basics5 while Progress 8 is not published (national (all schools, 2023/24) 46.2%)", () => {
    const absent =
      "Progress 8 not available (not published for 2024/25 and 2025/26), so Grade 5 or above in English and maths";
    it.each([
      [
        20,
        "stabilise",
        `${absent} 20% is below 31.2% (national (all schools, 2023/24) 46.2% - 15): ${D}`,
      ],
      [
        31.1,
        "stabilise",
        `${absent} 31.1% is below 31.2% (national (all schools, 2023/24) 46.2% - 15): ${D}`,
      ],
      [
        31.2,
        "repair",
        `${absent} 31.2% is below 46.2% (national (all schools, 2023/24) 46.2%): ${C}`,
      ],
      [
        46.1,
        "repair",
        `${absent} 46.1% is below 46.2% (national (all schools, 2023/24) 46.2%): ${C}`,
      ],
      [
        46.2,
        "improve",
        `${absent} 46.2% is below 56.2% (national (all schools, 2023/24) 46.2% + 10): ${B}`,
      ],
      [
        56.1,
        "improve",
        `${absent} 56.1% is below 56.2% (national (all schools, 2023/24) 46.2% + 10): ${B}`,
      ],
      [
        56.2,
        "sustain",
        `${absent} 56.2% is at or above 56.2% (national (all schools, 2023/24) 46.2% + 10): ${A}`,
      ],
      [
        80,
        "sustain",
        `${absent} 80% is at or above 56.2% (national (all schools, 2023/24) 46.2% + 10): ${A}`,
      ],
    ])("puts a secondary with basics5 of %s and no Progress 8 in %s", (basics5, level, reason) => {
      const designation = designateRow("phase-model", {
        phase: "secondary",
        "Basics 5+": basics5,
      });
      expect(designation.level?.key).toBe(level);
      expect(reasonsText(designation)).toContain(reason);
    });

    it.each([["2023/24"], ["2024/25"], ["2025/26"]])(
      "compares basics5 with the 2023/24 national (46.2) in %s",
      (year) => {
        const designation = designateRow(
          "phase-model",
          { phase: "secondary", "ks4.basics5": 46.2 },
          year,
        );
        expect(designation.level?.key).toBe("improve");
      },
    );

    it("falls back to basics5 when Progress 8 is marked not available", () => {
      const designation = designateRow("phase-model", {
        phase: "secondary",
        P8: "n/a",
        "ks4.basics5": 30,
      });
      expect(designation.level?.key).toBe("stabilise");
    });

    it("says so when neither Progress 8 nor basics5 is available", () => {
      const designation = designateRow("phase-model", {
        phase: "secondary",
        P8: "n/a",
        "ks4.basics5": "SUPP",
      });
      expect(designation.insufficientEvidence).toBe(true);
      expect(designation.reasons).toContainEqual({
        source: "outcomes.secondary",
        indicated: null,
        rating: null,
        message: "Progress 8 and Grade 5 or above in English and maths not available: skipped",
      });
    });
  });

  describe("primary outcomes: KS2 RWM (national (all schools, 2024/25) 62%)", () => {
    it.each([
      [40, "stabilise", `40% is below 52% (national (all schools, 2024/25) 62% - 10): ${D}`],
      [51.9, "stabilise", `51.9% is below 52% (national (all schools, 2024/25) 62% - 10): ${D}`],
      [52, "repair", `52% is below 62% (national (all schools, 2024/25) 62%): ${C}`],
      [61.9, "repair", `61.9% is below 62% (national (all schools, 2024/25) 62%): ${C}`],
      [62, "improve", `62% is below 77% (national (all schools, 2024/25) 62% + 15): ${B}`],
      [76.9, "improve", `76.9% is below 77% (national (all schools, 2024/25) 62% + 15): ${B}`],
      [77, "sustain", `77% is at or above 77% (national (all schools, 2024/25) 62% + 15): ${A}`],
      [0.77, "sustain", `77% is at or above 77% (national (all schools, 2024/25) 62% + 15): ${A}`],
    ])("puts a primary with KS2 RWM %s in %s", (rwm, level, reason) => {
      const designation = designateRow("phase-model", { phase: "primary", "KS2 RWM %": rwm });
      expect(designation.level?.key).toBe(level);
      expect(reasonsText(designation)).toContain(
        `KS2 reading, writing and maths at the expected standard ${reason}`,
      );
    });
  });

  describe("phases", () => {
    it.each([
      ["a primary ignores Progress 8", { phase: "primary", P8: -1, "KS2 RWM %": 80 }, "sustain"],
      ["a secondary ignores KS2", { phase: "secondary", P8: 0.3, "KS2 RWM %": 40 }, "sustain"],
      [
        "an all-through reads both (lowest wins)",
        { phase: "all-through", P8: -1, "KS2 RWM %": 80 },
        "stabilise",
      ],
      [
        "an all-through reads both, KS2 the lower",
        { phase: "all-through", P8: 0.3, "KS2 RWM %": 55 },
        "repair",
      ],
    ])("%s", (_case, row, level) => {
      expect(designateRow("phase-model", row).level?.key).toBe(level);
    });

    it("gives insufficient evidence for a primary with only Progress 8", () => {
      const designation = designateRow("phase-model", { phase: "primary", P8: -1 });
      expect(designation.level).toBeNull();
      expect(designation.insufficientEvidence).toBe(true);
      expect(reasonsText(designation)).toContain(
        "KS2 reading, writing and maths at the expected standard not available: skipped",
      );
    });
  });

  describe("inspection band", () => {
    it.each([
      [4, "Concern", "stabilise"],
      [3, "Weak", "repair"],
      [2, "Secure", "improve"],
      [1, "Strong", "sustain"],
    ])("puts an academy with OE overall %s (band %s) in %s", (overall, band, level) => {
      const designation = designateRow("phase-model", {
        "ofsted.framework": "OE",
        Ofsted: overall,
      });
      expect(designation.inspectionBand).toBe(band);
      expect(designation.level?.key).toBe(level);
    });

    it("explains the inspection with its framework, date, grades and band", () => {
      const designation = designateRow("phase-model", {
        "Latest Ofsted judgement": "Good",
        "Inspection date": 45000,
      });
      expect(designation.reasons).toContainEqual({
        source: "inspection",
        indicated: "improve",
        rating: null,
        message: `Ofsted (OE, inferred, 15 Mar 2023): overall effectiveness Good. Inspection band Secure: overall effectiveness Good: ${B}`,
      });
    });

    it("puts a report card with one area at Needs attention in improve, naming the area", () => {
      const designation = designateRow("phase-model", {
        "ofsted.inclusion": "Needs attention",
        "ofsted.achievement": "Strong standard",
        "ofsted.leadershipAndGovernance": "Strong standard",
        "ofsted.date": "2026-01-20",
      });
      expect(designation.level?.key).toBe("improve");
      expect(reasonsText(designation)).toContain("except inclusion Needs attention");
    });

    it("reports a category of concern beside the level", () => {
      const designation = designateRow("phase-model", { "ofsted.overall": "special measures" });
      expect(designation.level?.key).toBe("stabilise");
      expect(designation.categoryOfConcern).toBe("special measures");
    });
  });

  describe("combining sources: the lowest level wins", () => {
    it.each([
      [
        "Outstanding with Progress 8 -0.3",
        "repair",
        { phase: "secondary", Ofsted: "Outstanding", P8: -0.3 },
      ],
      ["RI with Progress 8 0.5", "repair", { phase: "secondary", Ofsted: "RI", P8: 0.5 }],
      ["Good with KS2 RWM 50%", "stabilise", { phase: "primary", Ofsted: "Good", "KS2 RWM %": 50 }],
      [
        "Inadequate with KS2 RWM 90%",
        "stabilise",
        { phase: "primary", Ofsted: "Inadequate", "KS2 RWM %": 90 },
      ],
      [
        "Outstanding with KS2 RWM 80%",
        "sustain",
        { phase: "primary", Ofsted: "Outstanding", "KS2 RWM %": 80 },
      ],
    ])("%s gives %s", (_case, level, row: Row) => {
      const designation = designateRow("phase-model", row);
      expect(designation.level?.key).toBe(level);
      expect(designation.reasons.filter((reason) => reason.indicated !== null)).toHaveLength(2);
    });
  });
});
