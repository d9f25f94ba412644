// The category of concern derived from raw grades (DOMAIN.md): report cards
// by their own rule, OE and EIF-2024 from a grade 4.
import { describe, expect, it } from "vitest";
import { categoryOfConcern } from "../../server/domain/inspection/category-of-concern.js";
import { evidenceOf, type Row } from "./designate-row.js";

function categoryOf(row: Row) {
  const inspection = evidenceOf(row).inspection;
  if (!inspection) throw new Error("No inspection read from the row");
  return categoryOfConcern(inspection);
}

const RC_EXPECTED = {
  "ofsted.framework": "RC-2025",
  "ofsted.inclusion": 3,
  "ofsted.curriculumAndTeaching": 3,
  "ofsted.achievement": 3,
  "ofsted.attendanceAndBehaviour": 3,
  "ofsted.personalDevelopmentAndWellbeing": 3,
  "ofsted.leadershipAndGovernance": 3,
};

describe("category of concern", () => {
  it.each([
    [
      "special measures",
      "leadership and governance and another area Urgent improvement",
      { ...RC_EXPECTED, "ofsted.leadershipAndGovernance": 5, "ofsted.inclusion": 5 },
    ],
    [
      "special measures",
      "leadership and governance Urgent improvement and safeguarding not met",
      { ...RC_EXPECTED, "ofsted.leadershipAndGovernance": 5, "ofsted.safeguarding": "not met" },
    ],
    [
      "requires significant improvement",
      "leadership and governance the only area at Urgent improvement",
      { ...RC_EXPECTED, "ofsted.leadershipAndGovernance": 5 },
    ],
    [
      "requires significant improvement",
      "one area other than leadership Urgent improvement",
      { ...RC_EXPECTED, "ofsted.achievement": 5 },
    ],
    [
      "requires significant improvement",
      "two areas Urgent improvement, leadership Needs attention",
      {
        ...RC_EXPECTED,
        "ofsted.inclusion": 5,
        "ofsted.achievement": 5,
        "ofsted.leadershipAndGovernance": 4,
      },
    ],
    [
      "requires significant improvement",
      "safeguarding not met with every area Expected standard",
      { ...RC_EXPECTED, "ofsted.safeguarding": "not met" },
    ],
    [
      "no category",
      "every area Needs attention but none Urgent improvement",
      {
        "ofsted.framework": "RC-2025",
        "ofsted.inclusion": 4,
        "ofsted.achievement": 4,
        "ofsted.leadershipAndGovernance": 4,
        "ofsted.safeguarding": "met",
      },
    ],
    ["no category", "a report card at Expected standard", RC_EXPECTED],
    [
      "special measures",
      "OE overall given as the words special measures",
      { "ofsted.overall": "special measures" },
    ],
    [
      "serious weaknesses",
      "OE overall given as the words serious weaknesses",
      { "ofsted.overall": "Serious weaknesses" },
    ],
    ["inadequate", "OE overall 4", { "ofsted.overall": 4 }],
    ["inadequate", "OE overall Inadequate", { "ofsted.overall": "Inadequate" }],
    ["no category", "OE overall 3", { "ofsted.overall": 3 }],
    ["inadequate", "EIF-2024 quality of education 4", { "ofsted.qualityOfEducation": 4 }],
    [
      "inadequate",
      "EIF-2024 early years 4",
      { "ofsted.qualityOfEducation": 2, "ofsted.earlyYears": 4 },
    ],
    [
      "special measures",
      "EIF-2024 leadership given as special measures",
      { "ofsted.qualityOfEducation": 3, "ofsted.leadershipAndManagement": "special measures" },
    ],
    [
      "no category",
      "EIF-2024 every key judgement 3",
      {
        "ofsted.qualityOfEducation": 3,
        "ofsted.behaviourAndAttitudes": 3,
        "ofsted.personalDevelopment": 3,
        "ofsted.leadershipAndManagement": 3,
      },
    ],
    [
      "no category",
      "EIF-2024 safeguarding not effective (a band of Concern, but no grade 4)",
      { "ofsted.qualityOfEducation": 2, "ofsted.safeguarding": "not effective" },
    ],
  ])("is %s when %s", (category, _case, row: Row) => {
    expect(categoryOf(row)).toBe(category === "no category" ? null : category);
  });
});
