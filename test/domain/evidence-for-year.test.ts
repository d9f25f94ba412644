// DOMAIN.md "Evidence for a designation year": the matrix for Y first, gaps
// filled from the latest earlier value with its date and source.
import { describe, expect, it } from "vitest";
import { evidenceForYear, type EvidenceLayer } from "../../server/domain/index.js";

const lastSummer: EvidenceLayer = {
  describes: "2025/26",
  date: "2026-07-10",
  source: "risk matrix 2025/26 summer",
  entries: [
    { indicator: "phase", value: "secondary" },
    { indicator: "ks4.progress8", value: -0.2 },
    { indicator: "attendance.absence", value: 8.1 },
    { indicator: "ofsted.framework", value: "OE" },
    { indicator: "ofsted.overall", value: "Good" },
    { indicator: "ofsted.date", value: "2022-03-01" },
  ],
};
const lastAutumn: EvidenceLayer = {
  describes: "2025/26",
  date: "2025-10-10",
  source: "risk matrix 2025/26 autumn",
  entries: [
    { indicator: "ks4.progress8", value: -0.6 },
    { indicator: "sef.overall", value: 3 },
  ],
};
const nextYear: EvidenceLayer = {
  describes: "2027/28",
  date: "2027-10-01",
  source: "risk matrix 2027/28 autumn",
  entries: [{ indicator: "qa.qualityOfEducation", value: 1 }],
};

const valueOf = (entries: readonly { indicator: string; value?: unknown }[], key: string) =>
  entries.find((entry) => entry.indicator === key)?.value;

describe("evidence for a designation year", () => {
  it.each([
    {
      name: "keeps a value recorded for the year",
      current: [{ indicator: "ks4.progress8", value: 0.3 }],
      key: "ks4.progress8",
      value: 0.3,
      reason: null,
    },
    {
      name: "fills an indicator with no value from the latest earlier one, naming its date and source",
      current: [{ indicator: "phase", value: "secondary" }],
      key: "ks4.progress8",
      value: -0.2,
      reason:
        "Progress 8 taken from risk matrix 2025/26 summer (dated 10 Jul 2026): no value recorded for 2026/27",
    },
    {
      name: "fills a blank cell",
      current: [{ indicator: "attendance.absence", value: "  " }],
      key: "attendance.absence",
      value: 8.1,
      reason:
        "Overall absence taken from risk matrix 2025/26 summer (dated 10 Jul 2026): no value recorded for 2026/27",
    },
    {
      name: "keeps a cell marked not available (n/a) as the trust wrote it",
      current: [{ indicator: "ks4.progress8", value: "n/a" }],
      key: "ks4.progress8",
      value: "n/a",
      reason: null,
    },
    {
      name: "fills from an older layer what the latest does not hold",
      current: [],
      key: "sef.overall",
      value: 3,
      reason:
        "SEF overall judgement taken from risk matrix 2025/26 autumn (dated 10 Oct 2025): no value recorded for 2026/27",
    },
    {
      name: "never takes a value dated after the end of the year",
      current: [],
      key: "qa.qualityOfEducation",
      value: undefined,
      reason: null,
    },
  ])("$name", ({ current, key, value, reason }) => {
    const result = evidenceForYear("2026/27", current, [lastAutumn, nextYear, lastSummer]);
    expect(valueOf(result.entries, key)).toEqual(value);
    expect(result.filled.find((fill) => fill.indicator === key)?.reason ?? null).toBe(reason);
  });

  it("takes an inspection whole from one layer and never mixes it with the year's own", () => {
    const withNewInspection = evidenceForYear(
      "2026/27",
      [
        { indicator: "ofsted.framework", value: "RC-2025" },
        { indicator: "ofsted.inclusion", value: "Expected standard" },
      ],
      [lastSummer],
    );
    expect(valueOf(withNewInspection.entries, "ofsted.overall")).toBeUndefined();
    expect(valueOf(withNewInspection.entries, "ofsted.framework")).toBe("RC-2025");

    const without = evidenceForYear("2026/27", [], [lastSummer]);
    expect(
      without.filled.filter((fill) => fill.indicator.startsWith("ofsted.")).map((f) => f.indicator),
    ).toEqual(["ofsted.framework", "ofsted.overall", "ofsted.date"]);
  });

  it("uses nothing from a later year when back-filling an earlier one", () => {
    const result = evidenceForYear("2024/25", [], [lastSummer, lastAutumn, nextYear]);
    expect(result.entries).toEqual([]);
  });
});
