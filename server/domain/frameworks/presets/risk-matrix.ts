// Preset `risk-matrix`: seed 002's annual risk assessment matrix. Inspection
// band, SEF and the trust's QA judgements place an academy in one of three
// categories; "not meeting its existing Ofsted judgement" is category 2.
import type { FrameworkInput } from "../framework.schema.js";
import { safeguardingOverride } from "./shared-rules.js";

const AREAS = [
  "qa.qualityOfEducation",
  "qa.behaviourAndAttitudes",
  "qa.personalDevelopment",
  "qa.leadershipAndManagement",
  "qa.earlyYearsPost16",
  "qa.statutoryData",
];

export const riskMatrix: FrameworkInput = {
  key: "risk-matrix",
  name: "Risk assessment matrix (Category 1 to 3)",
  description:
    "Annual risk assessment: inspection band, SEF and trust QA judgements give a category of support.",
  seed: "seeds/002",
  levels: [
    { key: "category3", label: "Category 3: intensive support", rank: 1, risk: "high" },
    {
      key: "category2",
      label: "Category 2: targeted support or not meeting its Ofsted judgement",
      rank: 2,
      risk: "some",
    },
    { key: "category1", label: "Category 1: securely good or outstanding", rank: 3, risk: "low" },
  ],
  sources: [
    {
      kind: "inspection",
      id: "inspection",
      bands: { Concern: "category3", Weak: "category2", Secure: "category1", Strong: "category1" },
    },
    {
      kind: "grade",
      id: "judgements",
      indicators: ["sef.overall", ...AREAS],
      grades: { "1": "category1", "2": "category1", "3": "category2", "4": "category3" },
    },
    {
      kind: "rule",
      id: "qoe-and-leadership",
      says: "Quality of education and leadership both judged 3",
      when: {
        all: [
          { indicator: "qa.qualityOfEducation", op: ">=", value: 3 },
          { indicator: "qa.leadershipAndManagement", op: ">=", value: 3 },
        ],
      },
      level: "category3",
    },
    {
      kind: "belowInspection",
      id: "not-meeting-ofsted",
      indicators: ["sef.overall", ...AREAS],
      bandGrades: { Strong: 1, Secure: 2, Weak: 3, Concern: 4 },
      level: "category2",
    },
  ],
  combine: { method: "lowest" },
  overrides: [safeguardingOverride("category3")],
  support: [
    {
      activity: "Peer review",
      quantity: 1,
      unit: "review",
      per: "year",
      levels: ["category1", "category2", "category3"],
    },
    {
      activity: "QA of progress and attainment",
      quantity: 3,
      unit: "reviews",
      per: "year",
      levels: ["category1", "category2", "category3"],
      note: "termly",
    },
    {
      activity: "QUIP review",
      quantity: 3,
      unit: "reviews",
      per: "year",
      levels: ["category1", "category2", "category3"],
      note: "termly",
    },
    {
      activity: "Leadership coaching",
      quantity: 1,
      unit: "programme",
      per: "year",
      levels: ["category1", "category2", "category3"],
    },
    {
      activity: "Extended director support",
      quantity: 1,
      unit: "programme",
      per: "year",
      levels: ["category2", "category3"],
    },
    {
      activity: "Targeted specialist support",
      quantity: 1,
      unit: "programme",
      per: "year",
      levels: ["category2", "category3"],
    },
    {
      activity: "Progress meeting with the director and CEO",
      quantity: 1,
      quantityText: "regular",
      unit: "meeting",
      per: "half term",
      levels: ["category2", "category3"],
    },
    {
      activity: "Rapid improvement plan",
      quantity: 1,
      unit: "plan",
      per: "year",
      levels: ["category3"],
    },
    {
      activity: "Increased leadership capacity",
      quantity: 1,
      unit: "placement",
      per: "year",
      levels: ["category3"],
    },
    {
      activity: "Full behaviour and attendance audit",
      quantity: 1,
      unit: "audit",
      per: "year",
      levels: ["category3"],
    },
  ],
};
