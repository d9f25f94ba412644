// Preset `risk-matrix` (seed 002): inspection band, SEF and the trust's QA
// area judgements place an academy in category 1, 2 or 3.
import { describe, expect, it } from "vitest";
import { designateRow, presetFramework, reasonsText, type Row } from "./designate-row.js";

const CAT3 = "Category 3: intensive support";
const CAT2 = "Category 2: targeted support or not meeting its Ofsted judgement";
const CAT1 = "Category 1: securely good or outstanding";

const QA_GOOD = {
  "qa.qualityOfEducation": 2,
  "qa.behaviourAndAttitudes": 2,
  "qa.personalDevelopment": 2,
  "qa.leadershipAndManagement": 2,
  "qa.earlyYearsPost16": 2,
  "qa.statutoryData": 2,
};
const RC_STRONG = {
  "ofsted.inclusion": "Strong standard",
  "ofsted.curriculumAndTeaching": "Strong standard",
  "ofsted.achievement": "Strong standard",
  "ofsted.attendanceAndBehaviour": "Strong standard",
  "ofsted.personalDevelopmentAndWellbeing": "Strong standard",
  "ofsted.leadershipAndGovernance": "Strong standard",
};

describe("risk-matrix", () => {
  it("has the three categories of seed 002, rank 1 needing the most support", () => {
    expect(
      presetFramework("risk-matrix").levels.map((level) => [level.rank, level.key, level.label]),
    ).toEqual([
      [1, "category3", CAT3],
      [2, "category2", CAT2],
      [3, "category1", CAT1],
    ]);
  });

  describe("category 3", () => {
    it.each([
      ["quality of education judged 4", { ...QA_GOOD, "qa.qualityOfEducation": 4 }],
      ["behaviour and attitudes judged 4", { ...QA_GOOD, "qa.behaviourAndAttitudes": 4 }],
      ["personal development judged 4", { ...QA_GOOD, "qa.personalDevelopment": 4 }],
      ["leadership and management judged 4", { ...QA_GOOD, "qa.leadershipAndManagement": 4 }],
      ["early years / post-16 judged 4", { ...QA_GOOD, "qa.earlyYearsPost16": 4 }],
      ["statutory data judged 4", { ...QA_GOOD, "qa.statutoryData": 4 }],
      ["the SEF judged 4 (SEF is one of the judgements read)", { ...QA_GOOD, "sef.overall": 4 }],
      ["inspection band Concern (OE Inadequate)", { ...QA_GOOD, Ofsted: "Inadequate" }],
      [
        "inspection band Concern (a report card's category of concern)",
        {
          "ofsted.leadershipAndGovernance": "Urgent improvement",
        },
      ],
      [
        "both quality of education and leadership judged 3",
        {
          ...QA_GOOD,
          "qa.qualityOfEducation": 3,
          "qa.leadershipAndManagement": 3,
        },
      ],
      [
        "quality of education 4 and leadership 3",
        {
          ...QA_GOOD,
          "qa.qualityOfEducation": 4,
          "qa.leadershipAndManagement": 3,
        },
      ],
      [
        "the trust's safeguarding audit not effective",
        { ...QA_GOOD, "qa.safeguarding": "not effective" },
      ],
    ])("puts an academy in category 3 for %s", (_case, row: Row) => {
      expect(designateRow("risk-matrix", row).level?.key).toBe("category3");
    });

    it("says when quality of education and leadership are both judged 3", () => {
      const designation = designateRow("risk-matrix", {
        "qa.qualityOfEducation": "RI",
        "qa.leadershipAndManagement": 3,
      });
      expect(designation.reasons).toContainEqual({
        source: "qoe-and-leadership",
        indicated: "category3",
        rating: null,
        message: `Quality of education and leadership both judged 3: ${CAT3}`,
      });
    });
  });

  describe("category 2", () => {
    it.each([
      ["quality of education alone judged 3", { ...QA_GOOD, "qa.qualityOfEducation": 3 }],
      ["leadership alone judged 3", { ...QA_GOOD, "qa.leadershipAndManagement": 3 }],
      ["behaviour and attitudes judged 3", { ...QA_GOOD, "qa.behaviourAndAttitudes": 3 }],
      ["the SEF judged 3", { ...QA_GOOD, "sef.overall": "Requires improvement" }],
      ["inspection band Weak (OE RI)", { Ofsted: "RI" }],
      [
        "inspection band Weak with every judgement 3 (none worse than the band)",
        {
          Ofsted: 3,
          "ofsted.framework": "OE",
          "sef.overall": 3,
          "qa.personalDevelopment": 3,
        },
      ],
      ["band Strong (OE Outstanding) with a judgement of 2", { Ofsted: "Outstanding", ...QA_GOOD }],
      ["band Strong (report card) with a SEF of 2", { ...RC_STRONG, "sef.overall": 2 }],
      ["band Secure (OE Good) with a judgement of 3", { Ofsted: "Good", "qa.statutoryData": 3 }],
    ])("puts an academy in category 2 for %s", (_case, row: Row) => {
      expect(designateRow("risk-matrix", row).level?.key).toBe("category2");
    });

    it("explains not meeting its existing Ofsted judgement, naming the judgements", () => {
      const designation = designateRow("risk-matrix", {
        Ofsted: "Outstanding",
        "sef.overall": 1,
        "qa.qualityOfEducation": 2,
        "qa.statutoryData": 1,
      });
      expect(designation.level?.key).toBe("category2");
      expect(designation.reasons).toContainEqual({
        source: "not-meeting-ofsted",
        indicated: "category2",
        rating: null,
        message: `Not meeting its Ofsted judgement (band Strong, grade 1): Trust QA: quality of education 2: ${CAT2}`,
      });
    });
  });

  describe("category 1", () => {
    it.each([
      ["every judgement 2 and no inspection", QA_GOOD],
      ["OE Good with every judgement 2", { Ofsted: "Good", ...QA_GOOD }],
      [
        "OE Good with judgements better than the inspection",
        { Ofsted: "Good", "sef.overall": 1, ...QA_GOOD },
      ],
      [
        "OE Outstanding with every judgement 1",
        { Ofsted: "Outstanding", "sef.overall": 1, "qa.qualityOfEducation": 1 },
      ],
      ["report card Strong alone", RC_STRONG],
    ])("puts an academy in category 1 for %s", (_case, row: Row) => {
      expect(designateRow("risk-matrix", row).level?.key).toBe("category1");
    });
  });

  // Why risk-matrix is left out of the "improving never lowers the level"
  // property: the same judgements that meet a Good inspection fall short of
  // an Outstanding one.
  it("can put an academy in a needier category after a better inspection (not meeting its new judgement)", () => {
    const afterGood = designateRow("risk-matrix", { Ofsted: "Good", ...QA_GOOD });
    const afterOutstanding = designateRow("risk-matrix", { Ofsted: "Outstanding", ...QA_GOOD });
    expect(afterGood.level?.key).toBe("category1");
    expect(afterOutstanding.level?.key).toBe("category2");
    expect(reasonsText(afterOutstanding)).toContain(
      "Not meeting its Ofsted judgement (band Strong, grade 1)",
    );
  });

  it("gives insufficient evidence when no inspection, SEF or QA judgement is available", () => {
    const designation = designateRow("risk-matrix", { "sef.overall": "n/a", P8: 0.5 });
    expect(designation.insufficientEvidence).toBe(true);
    expect(designation.level).toBeNull();
    expect(designation.support).toEqual([]);
  });

  describe("support", () => {
    // Seed 002 "Securing academy improvement": category 1's twelve items, then what 2 and 3 add.
    const CATEGORY1 = [
      "Participate in an annual peer review",
      "Receive support from Primary/Secondary Director where required",
      "Regular quality assurance visits by the CEO, Primary/Secondary Director and other Trust Directors and managers",
      "Termly quality assurance of student progress and attainment",
      "Full engagement in collaborative working groups",
      "Leadership coaching and support",
      "Lead and participate in the sharing of best practice across the Trust",
      "Termly review of the Quality Improvement Plan (QUIP)",
      "Specific peer reviews",
      "Headteacher/Principal partnership review meetings",
      "Submit an accurate SEF and QUIP to the Primary/Secondary Director and CEO for approval and review",
      "Share identified strengths in practice across the Trust",
    ];
    const CATEGORY2 = [
      ...CATEGORY1,
      "Extended leadership support from Primary/Secondary Director",
      "Targeted support from specialist practitioners (internal/external)",
      "External reviews in priority areas",
      "Behaviour support from the Wingfield Academy Behaviour Hub",
      "Regular progress meetings with Primary/Secondary Director and CEO",
    ];
    const CATEGORY3 = [
      ...CATEGORY2,
      "Increased leadership capacity from across the Trust, or via a consultancy",
      "Rapid improvement plan led by Primary/Secondary Director",
      "Review of the leadership at all levels",
      "Secure high-quality teaching using expertise from within the Trust",
      "Full behaviour/attendance audit",
    ];
    it.each([
      ["category1", CATEGORY1],
      ["category2", CATEGORY2],
      ["category3", CATEGORY3],
    ])("gives %s its support, each category adding to the one before", (level, activities) => {
      expect(
        presetFramework("risk-matrix")
          .supportFor(level)
          .map((entry) => entry.activity),
      ).toEqual(activities);
    });

    it("gives category 1 termly QA and QUIP reviews, 3 a year", () => {
      const support = presetFramework("risk-matrix").supportFor("category1");
      expect(
        support
          .filter((entry) => entry.note === "termly")
          .map((entry) => [entry.activity, entry.quantity, entry.per]),
      ).toEqual([
        ["Termly quality assurance of student progress and attainment", 3, "year"],
        ["Termly review of the Quality Improvement Plan (QUIP)", 3, "year"],
      ]);
    });
  });
});
