// Rules every preset keeps (DOMAIN.md "The four preset frameworks"):
// safeguarding not met forces rank 1, no usable source gives "insufficient
// evidence", and rank 1 is the level needing the most support.
import { describe, expect, it } from "vitest";
import { presets } from "../../server/domain/index.js";
import { designateRow, presetFramework, reasonsText } from "./designate-row.js";

const PRESET_KEYS = ["phase-model", "tiered-support", "risk-matrix", "risk-designation"];

// Evidence every preset reads as its best level.
const BEST_ROW = {
  phase: "secondary",
  "ofsted.framework": "OE",
  Ofsted: "Outstanding",
  P8: 0.6,
  "Absence %": 3,
  "PA %": 8,
  "Suspension rate": 1,
  "sef.overall": 1,
  "qa.qualityOfEducation": 1,
  "qi.outcomes": 1,
  "qi.leadership": 1,
};

const BEST_LEVEL: Readonly<Record<string, string>> = {
  "phase-model": "sustain",
  "tiered-support": "tier1",
  "risk-matrix": "category1",
  "risk-designation": "sustain",
};

describe("every preset", () => {
  it("is one of the four DOMAIN.md presets", () => {
    expect([...presets().keys()]).toEqual(PRESET_KEYS);
  });

  it.each(PRESET_KEYS)("%s numbers its levels from rank 1 (most support) without gaps", (key) => {
    const levels = presetFramework(key).levels;
    expect(levels.map((level) => level.rank)).toEqual(levels.map((_, index) => index + 1));
  });

  it.each(PRESET_KEYS)("%s gives its best level to the best evidence", (key) => {
    expect(designateRow(key, BEST_ROW, "2024/25").level?.key).toBe(BEST_LEVEL[key]);
  });

  const safeguarding = [
    ["Ofsted safeguarding not met", { "ofsted.safeguarding": "not met" }],
    [
      "Ofsted safeguarding not effective (older reports)",
      { "ofsted.safeguarding": "Not effective" },
    ],
    ["the trust safeguarding audit not effective", { "qa.safeguarding": "not effective" }],
    ["the trust safeguarding audit not met", { "Safeguarding audit": "not met" }],
  ] as const;

  it.each(
    PRESET_KEYS.flatMap((key) => safeguarding.map(([name, cells]) => [key, name, cells] as const)),
  )("%s forces rank 1 when %s, whatever else the evidence says", (key, _name, cells) => {
    const designation = designateRow(key, { ...BEST_ROW, ...cells }, "2024/25");
    expect(designation.level?.rank).toBe(1);
    expect(designation.insufficientEvidence).toBe(false);
    expect(designation.reasons).toContainEqual(
      expect.objectContaining({
        source: "override",
        indicated: presetFramework(key).levels[0]?.key,
        message: expect.stringContaining("Safeguarding not met or not effective"),
      }),
    );
  });

  it.each(PRESET_KEYS)("%s forces rank 1 on safeguarding alone, with no other evidence", (key) => {
    expect(designateRow(key, { "qa.safeguarding": "not effective" }).level?.rank).toBe(1);
  });

  it.each(PRESET_KEYS)("%s does not force rank 1 when safeguarding is met or effective", (key) => {
    const designation = designateRow(
      key,
      { ...BEST_ROW, "ofsted.safeguarding": "met", "qa.safeguarding": "effective" },
      "2024/25",
    );
    expect(designation.level?.key).toBe(BEST_LEVEL[key]);
  });

  it.each(PRESET_KEYS)("%s gives insufficient evidence, not a level, for an empty row", (key) => {
    const designation = designateRow(key, {});
    expect(designation).toMatchObject({ level: null, insufficientEvidence: true, support: [] });
  });

  it.each(PRESET_KEYS)("%s skips not-available sources and says so", (key) => {
    const designation = designateRow(key, {
      Ofsted: "n/a",
      P8: "SUPP",
      "Absence %": "-",
      "sef.overall": "NE",
      "qi.outcomes": "",
    });
    expect(designation.insufficientEvidence).toBe(true);
    expect(reasonsText(designation)).toContain("not available");
    expect(designation.reasons.every((reason) => reason.indicated === null)).toBe(true);
  });

  it.each(PRESET_KEYS)("%s names its framework key in every designation", (key) => {
    expect(designateRow(key, BEST_ROW).framework).toBe(key);
  });
});
