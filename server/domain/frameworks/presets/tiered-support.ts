// Preset `tiered-support`: the tiers of seed 001 (Tier 1 Lead to Tier 4
// Stabilise), with attendance and behaviour beside inspection and outcomes.
import type { FrameworkInput } from "../framework.schema.js";
import { inspectionSource, outcomeSources, safeguardingOverride } from "./shared-rules.js";

const LEVELS = ["tier4", "tier3", "tier2", "tier1"] as const;

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
  support: [
    {
      activity: "CEO 1:1",
      quantity: 1,
      unit: "meeting",
      per: "4 weeks",
      levels: ["tier1", "tier2"],
    },
    { activity: "CEO 1:1", quantity: 1, unit: "meeting", per: "2 weeks", levels: ["tier3"] },
    { activity: "CEO 1:1", quantity: 1, unit: "meeting", per: "week", levels: ["tier4"] },
    {
      activity: "External health check",
      quantity: 1,
      unit: "check",
      per: "year",
      levels: ["tier1", "tier2"],
    },
    {
      activity: "External health check",
      quantity: 2,
      unit: "checks",
      per: "year",
      levels: ["tier3"],
    },
    {
      activity: "External health check",
      quantity: 1,
      unit: "check",
      per: "term",
      levels: ["tier4"],
    },
    {
      activity: "Trust board detailed review of standards",
      quantity: 1,
      unit: "review",
      per: "term",
      levels: ["tier3", "tier4"],
    },
    {
      activity: "Governor challenge and improvement committee",
      quantity: 1,
      unit: "meeting",
      per: "fortnight",
      levels: ["tier4"],
      note: "trust led",
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
  ],
};
