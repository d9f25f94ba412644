// Preset `tiered-support` (seed 001): inspection and outcomes as the phase
// model, with overall absence, persistent absence and suspensions against
// the national figures; the lowest tier wins.
import { describe, expect, it } from "vitest";
import {
  designateRow,
  presetFramework,
  reasonsText,
  supportLines,
  type Row,
} from "./designate-row.js";

const TIER4 = "Tier 4 Stabilise (Trust led)";
const TIER3 = "Tier 3 Reinvent";
const TIER2 = "Tier 2 Grow";
const TIER1 = "Tier 1 Lead";

describe("tiered-support", () => {
  it("has the four tiers of seed 001, rank 1 needing the most support", () => {
    expect(
      presetFramework("tiered-support").levels.map((level) => [level.rank, level.key, level.label]),
    ).toEqual([
      [1, "tier4", TIER4],
      [2, "tier3", TIER3],
      [3, "tier2", TIER2],
      [4, "tier1", TIER1],
    ]);
  });

  describe("outcomes: the phase model's cut points", () => {
    it.each([
      [{ phase: "secondary", P8: -0.5 }, "tier4"],
      [{ phase: "secondary", P8: -0.49 }, "tier3"],
      [{ phase: "secondary", P8: 0 }, "tier2"],
      [{ phase: "secondary", P8: 0.25 }, "tier1"],
      [{ phase: "secondary", "ks4.basics5": 31.1 }, "tier4"],
      [{ phase: "secondary", "ks4.basics5": 31.2 }, "tier3"],
      [{ phase: "secondary", "ks4.basics5": 46.2 }, "tier2"],
      [{ phase: "secondary", "ks4.basics5": 56.2 }, "tier1"],
      [{ phase: "primary", "KS2 RWM %": 51.9 }, "tier4"],
      [{ phase: "primary", "KS2 RWM %": 52 }, "tier3"],
      [{ phase: "primary", "KS2 RWM %": 62 }, "tier2"],
      [{ phase: "primary", "KS2 RWM %": 77 }, "tier1"],
    ])("puts %j in %s", (row, level) => {
      expect(designateRow("tiered-support", row).level?.key).toBe(level);
    });
  });

  describe("inspection band", () => {
    it.each([
      [4, "tier4"],
      [3, "tier3"],
      [2, "tier2"],
      [1, "tier1"],
    ])("puts OE overall %s in %s", (overall, level) => {
      expect(
        designateRow("tiered-support", { "ofsted.framework": "OE", Ofsted: overall }).level?.key,
      ).toBe(level);
    });
  });

  describe("overall absence against national (secondary 8.9% in 2023/24)", () => {
    const declining = "which counts only when the trajectory is not declining";
    it.each([
      [8.9, "n/a", "tier1", "8.9% is at or below 8.9% (national (secondary, 2023/24) 8.9%)"],
      [9, "n/a", "tier2", "9% is at or below 9.9% (national (secondary, 2023/24) 8.9% + 1)"],
      [9.9, "n/a", "tier2", "9.9% is at or below 9.9% (national (secondary, 2023/24) 8.9% + 1)"],
      [10, "n/a", "tier3", "10% is at or below 11.9% (national (secondary, 2023/24) 8.9% + 3)"],
      [11.9, "n/a", "tier3", "11.9% is at or below 11.9% (national (secondary, 2023/24) 8.9% + 3)"],
      [
        11.9,
        "improving",
        "tier3",
        "11.9% is at or below 11.9% (national (secondary, 2023/24) 8.9% + 3)",
      ],
      [
        11.9,
        "static",
        "tier3",
        "11.9% is at or below 11.9% (national (secondary, 2023/24) 8.9% + 3)",
      ],
      [
        11.9,
        "declining",
        "tier4",
        `11.9% is at or below 11.9% (national (secondary, 2023/24) 8.9% + 3), ${declining}`,
      ],
      [
        10,
        "declining",
        "tier4",
        `10% is at or below 11.9% (national (secondary, 2023/24) 8.9% + 3), ${declining}`,
      ],
      [
        9.9,
        "declining",
        "tier2",
        "9.9% is at or below 9.9% (national (secondary, 2023/24) 8.9% + 1)",
      ],
      [12, "n/a", "tier4", "12% is above 11.9% (national (secondary, 2023/24) 8.9% + 3)"],
      [12, "improving", "tier4", "12% is above 11.9% (national (secondary, 2023/24) 8.9% + 3)"],
    ])(
      "puts a secondary with absence %s and trajectory %s in %s",
      (absence, trajectory, level, reason) => {
        const row = { phase: "secondary", "Absence %": absence, Trajectory: trajectory };
        const designation = designateRow("tiered-support", row, "2023/24");
        expect(designation.level?.key).toBe(level);
        expect(reasonsText(designation)).toContain(`Overall absence ${reason}`);
      },
    );

    it.each([
      ["primary", 5.5, "tier1"],
      ["primary", 5.6, "tier2"],
      ["primary", 6.5, "tier2"],
      ["primary", 8.5, "tier3"],
      ["primary", 8.6, "tier4"],
    ])(
      "compares a %s's absence of %s with its own national figure for 2023/24: %s",
      (phase, absence, level) => {
        expect(
          designateRow("tiered-support", { phase, "attendance.absence": absence }, "2023/24").level
            ?.key,
        ).toBe(level);
      },
    );

    it.each(["special", "alternative provision"])(
      "skips the national comparison for %s, says so, and does not require absence",
      (phase) => {
        const designation = designateRow(
          "tiered-support",
          { phase, Ofsted: "Good", "attendance.absence": 14 },
          "2025/26",
        );
        expect(designation.level?.key).toBe("tier2");
        expect(reasonsText(designation)).toContain("is not compared with a national figure");
        expect(designation.coverage.provisional).toBe(false);
      },
    );

    it("reads absence typed in Excel's percent format (0.101) exactly at the cut point N+3", () => {
      const designation = designateRow(
        "tiered-support",
        { "attendance.absence": 0.101 },
        "2023/24",
      );
      expect(designation.level?.key).toBe("tier3");
      expect(reasonsText(designation)).toContain(
        "Overall absence 10.1% is at or below 10.1% (national (all schools, 2023/24) 7.1% + 3)",
      );
    });

    // DOMAIN.md: the phase's own figure of the latest year that has one, not
    // the newest all-schools figure (6.9% in 2024/25).
    it.each([
      [
        "secondary",
        7.5,
        "tier1",
        "Overall absence 7.5% is at or below 8.9% (national (secondary, 2023/24) 8.9%)",
      ],
      [
        "primary",
        6.8,
        "tier3",
        "Overall absence 6.8% is at or below 8.5% (national (primary, 2023/24) 5.5% + 3)",
      ],
      [
        "all-through",
        9.5,
        "tier2",
        "Overall absence 9.5% is at or below 9.9% (national (secondary, 2023/24) 8.9% + 1)",
      ],
      [
        null,
        6.9,
        "tier1",
        "Overall absence 6.9% is at or below 6.9% (national (all schools, 2024/25) 6.9%)",
      ],
    ])(
      "compares a %s at %s%% absence in 2025/26 with its phase's figure: %s",
      (phase, absence, level, reason) => {
        const designation = designateRow(
          "tiered-support",
          { ...(phase ? { phase } : {}), "attendance.absence": absence },
          "2025/26",
        );
        expect(designation.level?.key).toBe(level);
        expect(reasonsText(designation)).toContain(reason);
      },
    );
  });

  describe("persistent absence against national", () => {
    it.each([
      [18.7, "tier1", "at or below 18.7% (national (all schools, 2024/25) 18.7%)"],
      [18.8, "tier2", "at or below 23.7% (national (all schools, 2024/25) 18.7% + 5)"],
      [23.7, "tier2", "at or below 23.7% (national (all schools, 2024/25) 18.7% + 5)"],
      [23.8, "tier3", "at or below 28.7% (national (all schools, 2024/25) 18.7% + 10)"],
      [28.7, "tier3", "at or below 28.7% (national (all schools, 2024/25) 18.7% + 10)"],
      [28.8, "tier4", "above 28.7% (national (all schools, 2024/25) 18.7% + 10)"],
    ])("puts persistent absence of %s in 2024/25 (national 18.7) in %s", (pa, level, reason) => {
      const designation = designateRow("tiered-support", { "PA %": pa }, "2024/25");
      expect(designation.level?.key).toBe(level);
      expect(reasonsText(designation)).toContain(`Persistent absence ${pa}% is ${reason}`);
    });

    it.each([
      [20, "tier1"],
      [25, "tier2"],
      [25.1, "tier3"],
      [30, "tier3"],
      [30.1, "tier4"],
    ])("puts persistent absence of %s in 2023/24 (national 20) in %s", (pa, level) => {
      expect(
        designateRow("tiered-support", { "Persistent absence": pa }, "2023/24").level?.key,
      ).toBe(level);
    });
  });

  describe("suspension rate against national 11.31 per 100", () => {
    it.each([
      [0, "tier1", "0 is at or below 11.31 (national (all schools, 2023/24) 11.31)"],
      [11.31, "tier1", "11.31 is at or below 11.31 (national (all schools, 2023/24) 11.31)"],
      [11.32, "tier3", "11.32 is above 11.31 (national (all schools, 2023/24) 11.31)"],
      [22.62, "tier3", "22.62 is above 11.31 (national (all schools, 2023/24) 11.31)"],
      [22.63, "tier4", "22.63 is above 22.62 (national (all schools, 2023/24) 11.31 x 2)"],
      [40, "tier4", "40 is above 22.62 (national (all schools, 2023/24) 11.31 x 2)"],
    ])("puts a suspension rate of %s in %s", (rate, level, reason) => {
      const designation = designateRow("tiered-support", { "Suspension rate": rate });
      expect(designation.level?.key).toBe(level);
      expect(reasonsText(designation)).toContain(`Suspensions per 100 pupils ${reason}`);
    });
  });

  describe("combining sources: the lowest tier wins", () => {
    it.each([
      [
        "Outstanding, low absence, persistent absence 25%",
        "tier3",
        { Ofsted: "Outstanding", "Absence %": 5, "PA %": 25 },
      ],
      [
        "Good, absence within a point of national, suspensions low",
        "tier2",
        { Ofsted: "Good", "Absence %": 7.5, "Suspension rate": 3 },
      ],
      [
        "Outstanding, everything at or better than national",
        "tier1",
        { Ofsted: "Outstanding", "Absence %": 6, "PA %": 15, "Suspension rate": 5 },
      ],
      [
        "Good with suspensions above twice national",
        "tier4",
        { Ofsted: "Good", "Suspension rate": 25 },
      ],
    ])("%s gives %s", (_case, level, row: Row) => {
      expect(designateRow("tiered-support", row, "2024/25").level?.key).toBe(level);
    });
  });

  describe("support", () => {
    it.each([
      [
        "tier1",
        [
          "CEO 1:1: 1 meeting per 4 weeks",
          "External health check: 1 check per year",
          "Challenge partner: 1 partnership per year",
          "Master plan: 2-5 year plan per year",
        ],
      ],
      [
        "tier2",
        [
          "CEO 1:1: 1 meeting per 4 weeks",
          "External health check: 1 check per year",
          "Challenge partner: 1 partnership per year",
          "Master plan: 2-5 year plan per year",
        ],
      ],
      [
        "tier3",
        [
          "CEO 1:1: 1 meeting per 2 weeks",
          "External health check: 2 checks per year",
          "Trust board detailed review of standards: 1 review per term",
          "Master plan: 2-5 year plan per year",
        ],
      ],
      [
        "tier4",
        [
          "CEO 1:1: 1 meeting per week",
          "External health check: 1 check per term",
          "Trust board detailed review of standards: 1 review per term",
          "Governor challenge and improvement committee: 1 meeting per fortnight",
        ],
      ],
    ])("gives %s its support", (level, expected) => {
      const lines = supportLines(presetFramework("tiered-support").supportFor(level));
      expect(lines.slice(0, expected.length)).toEqual(expected);
    });

    const TIERS = ["tier1", "tier2", "tier3", "tier4"];
    it.each([
      ['Regular review of live "risk" issues', TIERS],
      ["Support from Trust school improvement team", ["tier2", "tier3", "tier4"]],
      ["Trust led statement of action implemented to bring about rapid improvement", ["tier4"]],
      ["Involvement in national DfE programmes to improve standards", ["tier3"]],
      ["Development plan focused on a few big moves/priorities", ["tier1", "tier2"]],
      ["Comprehensive development plan securing good against the Ofsted framework", ["tier3"]],
      ["Contribute and receive support from Trust networks", ["tier1", "tier2", "tier3"]],
      ["Support from Trust networks", ["tier4"]],
      ["Strategic capacity established to provide expertise for Trust/city development", ["tier1"]],
      ["More frequent governor challenge & improvement committees", ["tier3"]],
      [
        "Trust Executive leaders deployed to implement standardised policies that are proven in areas of need",
        ["tier4"],
      ],
    ])("lists seed 001's %s for %j and no other tier", (activity, tiers) => {
      for (const tier of TIERS)
        expect(
          presetFramework("tiered-support")
            .supportFor(tier)
            .some((entry) => entry.activity === activity),
          tier,
        ).toBe(tiers.includes(tier));
    });

    it("gives a tier 4 academy a trust-led governor committee every fortnight", () => {
      const designation = designateRow("tiered-support", { Ofsted: "Inadequate" });
      expect(supportLines(designation.support)).toContain(
        "Governor challenge and improvement committee: 1 meeting per fortnight",
      );
      expect(designation.support.find((entry) => entry.activity.startsWith("Governor"))?.note).toBe(
        "trust led",
      );
    });
  });
});
