// Preset `phase-model`: the four-stage model of seeds 000 (primary trust) and
// 004 (secondary trust). The lowest level any source indicates wins.
import type { FrameworkInput } from "../framework.schema.js";
import {
  INSPECTION_REQUIRED,
  OUTCOMES_REQUIRED,
  inspectionSource,
  outcomeSources,
  safeguardingOverride,
} from "./shared-rules.js";

const LEVELS = ["stabilise", "repair", "improve", "sustain"] as const;
const ALL = [...LEVELS];

export const phaseModel: FrameworkInput = {
  key: "phase-model",
  name: "Phase model (Stabilise, Repair, Improve, Sustain)",
  description:
    "Four stages of school improvement; the lowest stage indicated by inspection or outcomes.",
  seed: "seeds/000 (primary) and seeds/004 (secondary)",
  levels: [
    {
      key: "stabilise",
      label: "D: Challenged and Vulnerable (Stabilise)",
      rank: 1,
      risk: "high",
      // Seeds 000 and 004: "Phase 1 – Stabilise (1 – 2 terms)".
      expectedDuration: { min: 1, max: 2, unit: "terms" },
    },
    {
      key: "repair",
      label: "C: Developing (Repair)",
      rank: 2,
      risk: "high",
      // Seeds 000 and 004: "Phase 2 – Repair (12 – 18 months)".
      expectedDuration: { min: 12, max: 18, unit: "months" },
    },
    { key: "improve", label: "B: Self-Improving (Improve)", rank: 3, risk: "some" },
    { key: "sustain", label: "A: Self-Sustaining (Sustain)", rank: 4, risk: "low" },
  ],
  sources: [inspectionSource(LEVELS), ...outcomeSources(LEVELS)],
  combine: { method: "lowest" },
  overrides: [safeguardingOverride("stabilise")],
  support: [
    {
      activity: "SIL quality-improvement visit",
      quantity: 1,
      unit: "visit",
      per: "half term",
      levels: ["sustain"],
    },
    {
      activity: "SIL quality-improvement visit",
      quantity: 3,
      quantityText: "2-3",
      unit: "visits",
      per: "half term",
      levels: ["improve"],
    },
    {
      activity: "SIL quality-improvement visit",
      quantity: 1,
      unit: "visit",
      per: "week",
      levels: ["repair", "stabilise"],
    },
    {
      activity: "Maths and English lead contact",
      quantity: 1,
      unit: "contact",
      per: "half term",
      levels: ["sustain", "improve"],
    },
    {
      activity: "Maths and English lead visit",
      quantity: 1,
      unit: "visit",
      per: "half term",
      levels: ["improve"],
    },
    {
      activity: "Maths and English lead visit",
      quantity: 2,
      unit: "visits",
      per: "half term",
      levels: ["repair", "stabilise"],
    },
    {
      activity: "Maths and English lead contact",
      quantity: 1,
      unit: "contact",
      per: "fortnight",
      levels: ["repair", "stabilise"],
    },
    {
      activity: "MAT QA review",
      quantity: 1,
      unit: "review",
      per: "year",
      levels: ["sustain", "improve"],
    },
    { activity: "MAT QA review", quantity: 2, unit: "reviews", per: "year", levels: ["repair"] },
    { activity: "MAT QA review", quantity: 3, unit: "reviews", per: "year", levels: ["stabilise"] },
    {
      activity: "HT and MAT SLT briefing",
      quantity: 1,
      unit: "briefing",
      per: "week",
      levels: ALL,
    },
    { activity: "External QA review", quantity: 1, unit: "review", per: "year", levels: ALL },
    { activity: "SIP/SEF writing day", quantity: 2, unit: "days", per: "year", levels: ALL },
    { activity: "CEO visit", quantity: 1, unit: "visit", per: "half term", levels: ALL },
    {
      activity: "Bespoke support",
      quantity: 6,
      unit: "days",
      per: "year",
      levels: ["sustain", "improve"],
      note: "on the school's request",
    },
    {
      activity: "Bespoke support",
      quantity: 12,
      unit: "days",
      per: "year",
      levels: ["repair"],
      note: "directed or requested",
    },
    {
      activity: "Bespoke support",
      quantity: 18,
      unit: "days",
      per: "year",
      levels: ["stabilise"],
      note: "directed or requested",
    },
    {
      activity: "Inspection-readiness meeting (face to face)",
      quantity: 1,
      unit: "meeting",
      per: "half term",
      levels: ALL,
      when: { indicator: "inspection.dueWithinYear", in: [true] },
      note: "while an inspection is due within a year",
    },
  ],
  // Seeds 000 and 004, as they word their sources and indicative measures.
  aliases: {
    "Most recent inspection outcome": "ofsted.overall",
    "Ofsted Grade": "ofsted.overall",
    "Current School Improvement Trajectory": "trajectory",
    "School Improvement Trajectory": "trajectory",
    "KS2 data": "ks2.rwmExpected",
    "Progress 8 score": "ks4.progress8",
    "Persistent Absenteeism": "attendance.persistentAbsence",
    // Seed 000: "Findings from QA review process (Effectiveness of: ... Leadership & Management)".
    "Leadership & Management": "qa.leadershipAndManagement",
    "Likely to be inspected within the next academic year": "inspection.dueWithinYear",
    "Inspection readiness": "inspection.dueWithinYear",
  },
  required: [INSPECTION_REQUIRED, ...OUTCOMES_REQUIRED],
};
