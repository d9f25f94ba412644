// Preset `tiered-support`: the tiers of seed 001 (Tier 1 Lead to Tier 4
// Stabilise), with attendance and behaviour beside inspection and outcomes.
import type { FrameworkInput } from "../framework.schema.js";
import {
  INSPECTION_REQUIRED,
  OUTCOMES_REQUIRED,
  inspectionSource,
  octoberTrustBoard,
  outcomeSources,
  safeguardingOverride,
} from "./shared-rules.js";

const LEVELS = ["tier4", "tier3", "tier2", "tier1"] as const;

/** Seed 001: the CEO's 1:1 with the headteacher, every `weeks` school weeks. */
const ceoOneToOne = (weeks: number) =>
  ({
    kind: "ceoOneToOne",
    cadence: { every: "weeks", weeks },
    weekday: "Mon",
    time: "15:30",
    minutes: 60,
  }) as const;

export const tieredSupport: FrameworkInput = {
  key: "tiered-support",
  name: "Tiered support (Tier 1 Lead to Tier 4 Stabilise)",
  description:
    "Four tiers of trust support; the lowest tier indicated by inspection, outcomes, attendance or behaviour.",
  seed: "seeds/001",
  levels: [
    { key: "tier4", label: "Tier 4 Stabilise (Trust led)", rank: 1, risk: "high" },
    { key: "tier3", label: "Tier 3 Reinvent", rank: 2, risk: "high" },
    { key: "tier2", label: "Tier 2 Grow", rank: 3, risk: "some" },
    { key: "tier1", label: "Tier 1 Lead", rank: 4, risk: "low" },
  ],
  sources: [
    inspectionSource(LEVELS),
    ...outcomeSources(LEVELS),
    {
      kind: "threshold",
      id: "attendance.absence",
      indicator: "attendance.absence",
      cuts: [
        { op: "<=", value: 0, national: true, level: "tier1" },
        { op: "<=", value: 1, national: true, level: "tier2" },
        {
          op: "<=",
          value: 3,
          national: true,
          level: "tier3",
          onlyIf: {
            when: { not: { indicator: "trajectory", in: ["declining"] } },
            says: "the trajectory is not declining",
          },
        },
      ],
      otherwise: "tier4",
    },
    {
      kind: "threshold",
      id: "attendance.persistentAbsence",
      indicator: "attendance.persistentAbsence",
      cuts: [
        { op: "<=", value: 0, national: true, level: "tier1" },
        { op: "<=", value: 5, national: true, level: "tier2" },
        { op: "<=", value: 10, national: true, level: "tier3" },
      ],
      otherwise: "tier4",
    },
    {
      kind: "threshold",
      id: "behaviour.suspensionRate",
      indicator: "behaviour.suspensionRate",
      cuts: [
        { op: ">", value: 0, national: true, times: 2, level: "tier4" },
        { op: ">", value: 0, national: true, level: "tier3" },
      ],
      otherwise: "tier1",
    },
  ],
  combine: { method: "lowest" },
  overrides: [safeguardingOverride("tier4")],
  meetings: [octoberTrustBoard],
  support: [
    {
      activity: "CEO 1:1",
      quantity: 1,
      unit: "meeting",
      per: "4 weeks",
      levels: ["tier1", "tier2"],
      schedule: ceoOneToOne(4),
    },
    {
      activity: "CEO 1:1",
      quantity: 1,
      unit: "meeting",
      per: "2 weeks",
      levels: ["tier3"],
      schedule: ceoOneToOne(2),
    },
    {
      activity: "CEO 1:1",
      quantity: 1,
      unit: "meeting",
      per: "week",
      levels: ["tier4"],
      schedule: ceoOneToOne(1),
    },
    {
      activity: "External health check",
      quantity: 1,
      unit: "check",
      per: "year",
      levels: ["tier1", "tier2"],
      schedule: { kind: "healthCheck", cadence: { every: "year", count: 1 } },
    },
    {
      activity: "External health check",
      quantity: 2,
      unit: "checks",
      per: "year",
      levels: ["tier3"],
      schedule: { kind: "healthCheck", cadence: { every: "year", count: 2 } },
    },
    {
      activity: "External health check",
      quantity: 1,
      unit: "check",
      per: "term",
      levels: ["tier4"],
      schedule: { kind: "healthCheck", cadence: { every: "term", count: 1 } },
    },
    {
      activity: "Trust board detailed review of standards",
      quantity: 1,
      unit: "review",
      per: "term",
      levels: ["tier3", "tier4"],
      schedule: {
        kind: "standardsReview",
        cadence: { every: "term", count: 1 },
        time: "17:30",
        minutes: 90,
      },
    },
    {
      activity: "Governor challenge and improvement committee",
      quantity: 1,
      unit: "meeting",
      per: "fortnight",
      levels: ["tier4"],
      note: "trust led",
      schedule: {
        kind: "governanceCommittee",
        cadence: { every: "weeks", weeks: 2 },
        weekday: "Thu",
        time: "16:30",
        minutes: 90,
      },
    },
    {
      activity: "Challenge partner",
      quantity: 1,
      unit: "partnership",
      per: "year",
      levels: ["tier1", "tier2"],
    },
    {
      activity: "Master plan",
      quantity: 1,
      quantityText: "2-5 year",
      unit: "plan",
      per: "year",
      levels: ["tier1", "tier2", "tier3"],
    },
    // Seed 001 "Trust support" / "Trust intervention", in its own words.
    {
      activity: 'Regular review of live "risk" issues',
      quantity: 1,
      quantityText: "regular",
      unit: "review",
      per: "half term",
      levels: ["tier1", "tier2", "tier3", "tier4"],
    },
    {
      activity: "Support from Trust school improvement team",
      quantity: 1,
      quantityText: "as needed",
      unit: "support",
      per: "year",
      levels: ["tier2", "tier3", "tier4"],
    },
    {
      activity: "Trust led statement of action implemented to bring about rapid improvement",
      quantity: 1,
      unit: "statement of action",
      per: "year",
      levels: ["tier4"],
    },
    {
      activity: "Involvement in national DfE programmes to improve standards",
      quantity: 1,
      unit: "programme",
      per: "year",
      levels: ["tier3"],
      note: "e.g. PEIA",
    },
    {
      activity: "Development plan focused on a few big moves/priorities",
      quantity: 1,
      unit: "plan",
      per: "year",
      levels: ["tier1", "tier2"],
      note: "tier 1: to sustain outstanding; tier 2: to move the academy to outstanding",
    },
    {
      activity: "Comprehensive development plan securing good against the Ofsted framework",
      quantity: 1,
      unit: "plan",
      per: "year",
      levels: ["tier3"],
    },
    {
      activity: "Contribute and receive support from Trust networks",
      quantity: 1,
      quantityText: "ongoing",
      unit: "network",
      per: "year",
      levels: ["tier1", "tier2", "tier3"],
    },
    {
      activity: "Support from Trust networks",
      quantity: 1,
      quantityText: "ongoing",
      unit: "network",
      per: "year",
      levels: ["tier4"],
    },
    {
      activity: "Strategic capacity established to provide expertise for Trust/city development",
      quantity: 1,
      unit: "role",
      per: "year",
      levels: ["tier1"],
    },
    {
      activity: "More frequent governor challenge & improvement committees",
      quantity: 1,
      quantityText: "more frequent",
      unit: "meeting",
      per: "term",
      levels: ["tier3"],
    },
    {
      activity:
        "Trust Executive leaders deployed to implement standardised policies that are proven in areas of need",
      quantity: 1,
      unit: "deployment",
      per: "year",
      levels: ["tier4"],
    },
  ],
  // Seed 001, as it words its performance standards and tiers.
  aliases: {
    PA: "attendance.persistentAbsence",
    "Fixed term exclusion": "behaviour.suspensionRate",
    "Permanent exclusion": "behaviour.permanentExclusions",
    "Gap between disadvantaged and non-disadvantaged": "disadvantaged.gap",
    "Ofsted judgement": "ofsted.overall",
  },
  required: [
    INSPECTION_REQUIRED,
    ...OUTCOMES_REQUIRED,
    // Special schools and alternative provision are not compared with a national figure.
    {
      sources: ["attendance.absence"],
      label: "overall absence",
      phases: ["primary", "secondary", "all-through", "not given"],
    },
  ],
};
