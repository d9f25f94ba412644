// Preset `risk-designation`: seed 003's termly designation. A best fit on the
// mean rating of the inspection band and the six quality indicators, then a
// cap (any rating of 4) and a forcing rule (band Concern).
import type { FrameworkInput } from "../framework.schema.js";
import { safeguardingOverride } from "./shared-rules.js";

export const riskDesignation: FrameworkInput = {
  key: "risk-designation",
  name: "Risk designation (termly best fit)",
  description:
    "Termly designation from the mean of the inspection band and six quality-indicator ratings.",
  seed: "seeds/003",
  // Seed 003 designates each term.
  cycle: "termly",
  levels: [
    { key: "stabilise", label: "Stabilise (High risk)", rank: 1, risk: "high" },
    { key: "repair", label: "Repair (High risk)", rank: 2, risk: "high" },
    { key: "improve", label: "Improve (Some risk)", rank: 3, risk: "some" },
    { key: "sustain", label: "Sustain (Low risk)", rank: 4, risk: "low" },
  ],
  sources: [
    { kind: "inspection", id: "inspection", bands: { Strong: 1, Secure: 2, Weak: 3, Concern: 4 } },
    {
      kind: "grade",
      id: "quality-indicators",
      indicators: [
        "qi.outcomes",
        "qi.leadership",
        "qi.curriculumAndStaffing",
        "qi.teaching",
        "qi.climateForLearning",
        "qi.governance",
      ],
      grades: { "1": 1, "2": 2, "3": 3, "4": 4 },
    },
  ],
  combine: {
    method: "bestFit",
    bands: [
      { atLeast: 3.5, level: "stabilise" },
      { atLeast: 2.5, level: "repair" },
      { atLeast: 1.5, level: "improve" },
    ],
    otherwise: "sustain",
  },
  overrides: [
    {
      effect: "cap",
      when: { anyRating: { op: ">=", value: 4 } },
      level: "repair",
      says: "A rating of 4",
    },
    {
      effect: "force",
      when: { inspectionBand: ["Concern"] },
      level: "stabilise",
      says: "Inspection band Concern",
    },
    safeguardingOverride("stabilise"),
  ],
  support: [
    {
      activity: "School improvement partner",
      quantity: 10,
      unit: "days",
      per: "year",
      levels: ["stabilise", "repair"],
    },
    {
      activity: "School improvement partner",
      quantity: 10,
      quantityText: "up to 10",
      unit: "days",
      per: "year",
      levels: ["improve"],
    },
    {
      activity: "School improvement partner",
      quantity: 5,
      unit: "days",
      per: "year",
      levels: ["sustain"],
    },
    {
      activity: "School improvement adviser",
      quantity: 20,
      quantityText: "up to 20",
      unit: "days",
      per: "term",
      levels: ["stabilise", "repair"],
    },
    {
      activity: "School improvement adviser",
      quantity: 10,
      quantityText: "up to 10",
      unit: "days",
      per: "year",
      levels: ["improve"],
    },
    {
      activity: "Progress board meeting",
      quantity: 6,
      unit: "meetings",
      per: "year",
      levels: ["stabilise", "repair"],
      note: "Sep, Nov, Jan, Mar, May, Jun",
    },
    {
      activity: "Progress board meeting",
      quantity: 3,
      unit: "meetings",
      per: "year",
      levels: ["improve", "sustain"],
      note: "Sep, Jan, May",
    },
    {
      activity: "Deputy CEO's tailored plan report",
      quantity: 1,
      unit: "report",
      per: "half term",
      levels: ["stabilise", "repair"],
    },
    {
      activity: "Deputy CEO's tailored plan report",
      quantity: 1,
      unit: "report",
      per: "term",
      levels: ["improve", "sustain"],
    },
    {
      activity: "SIP day visit with a learning walk",
      quantity: 5,
      unit: "visits",
      per: "year",
      levels: ["stabilise", "repair", "improve", "sustain"],
      note: "Sep, Nov, Jan, Mar, Jun",
    },
    // Seed 003 Strand 4, in its own words.
    {
      activity: "Report of actions and impact to the CEO",
      quantity: 1,
      unit: "report",
      per: "month",
      levels: ["stabilise", "repair", "improve", "sustain"],
      note: "Deputy CEO's tailored plan",
    },
    {
      activity: "Deputy CEO works with the school intensively",
      quantity: 1,
      quantityText: "a number of days a week",
      unit: "days",
      per: "week",
      levels: ["stabilise", "repair"],
      note: "for an extended period of time",
    },
    {
      activity: "Deployment of MAT-wide Deputy Headteachers",
      quantity: 5,
      unit: "days",
      per: "week",
      levels: ["stabilise", "repair"],
      note: "one or two Deputy Headteachers, for at least a term",
    },
    {
      activity: "Deployment of one or more of the Directors of Subject",
      quantity: 1,
      unit: "deployment",
      per: "year",
      levels: ["stabilise", "repair"],
      note: "including secondment",
    },
    {
      activity: "Support from the Institute of Education",
      quantity: 1,
      quantityText: "as needed",
      unit: "support",
      per: "year",
      levels: ["stabilise", "repair", "improve", "sustain"],
      note: "e.g. SLEs in all subject areas",
    },
    {
      activity:
        "Support from the EIT based on the specific departmental or leadership needs of the school",
      quantity: 1,
      quantityText: "as needed",
      unit: "support",
      per: "year",
      levels: ["improve", "sustain"],
    },
    {
      activity: "Additional support and resource as required",
      quantity: 1,
      quantityText: "as required",
      unit: "support",
      per: "year",
      levels: ["stabilise", "repair", "improve", "sustain"],
    },
  ],
};
