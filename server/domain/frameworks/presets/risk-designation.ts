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
  ],
};
