// A trust's own workbook (DOMAIN.md "Reading a trust's own workbook"): each
// preset reads its seed's headers as that seed means them, ambiguous headers
// are asked, percent cells are read as Excel shows them, coverage says what a
// level rests on, and a bad cell blocks only the frameworks that use it.
import { describe, expect, it } from "vitest";
import {
  CATALOGUE_HEADERS,
  designateEntries,
  indicatorByKey,
  parseFramework,
  presets,
  provisionalWords,
  readCell,
} from "../../server/domain/index.js";
import { formatValue } from "../../server/domain/frameworks/wording.js";
import { domainErrorFrom, presetFramework, reasonsText } from "./designate-row.js";

const aliasCases = [...presets().values()].flatMap((framework) =>
  Object.entries(framework.definition.aliases).map(
    ([header, key]) => [framework.key, header, key] as const,
  ),
);

describe("a trust's own workbook", () => {
  it("has aliases for every preset", () => {
    expect(new Set(aliasCases.map(([key]) => key))).toEqual(new Set(presets().keys()));
  });

  it.each(aliasCases)("%s reads the header %j as %s", (frameworkKey, header, key) => {
    const resolution = presetFramework(frameworkKey).headers.resolve(header);
    if (key === null) expect(resolution).toMatchObject({ kind: "ignored", via: "framework" });
    else
      expect(resolution).toMatchObject({
        kind: "indicator",
        indicator: { key },
        via: "framework",
      });
  });

  it.each([
    ["Latest SEF judgement", "sef.overall"],
    ["The Quality of Education", "qa.qualityOfEducation"],
    ["Statutory Annual Data", "qa.statutoryData"],
    ["Behaviour & Attitudes", "qa.behaviourAndAttitudes"],
    ["Personal Development", "qa.personalDevelopment"],
    ["Leadership & Management", "qa.leadershipAndManagement"],
    ["Early Years/ Post-16", "qa.earlyYearsPost16"],
    ["Safeguarding", "qa.safeguarding"],
  ])("risk-matrix reads seed 002's %j as the trust's own %s", (header, key) => {
    expect(presetFramework("risk-matrix").headers.resolve(header)).toMatchObject({
      kind: "indicator",
      indicator: { key },
    });
  });

  it.each([
    ["Ofsted categorisation", "ofsted.overall"],
    ["Outcomes and current progress measures", "qi.outcomes"],
    ["Leadership capability and capacity", "qi.leadership"],
    ["Curriculum and staffing", "qi.curriculumAndStaffing"],
    ["Teaching, learning and assessment", "qi.teaching"],
    ["Climate for learning", "qi.climateForLearning"],
    ["Governance", "qi.governance"],
  ])("risk-designation reads seed 003's %j as %s", (header, key) => {
    expect(presetFramework("risk-designation").headers.resolve(header)).toMatchObject({
      kind: "indicator",
      indicator: { key },
    });
  });

  it.each([
    ["Safeguarding", ["ofsted.safeguarding", "qa.safeguarding"]],
    ["Leadership & Management", ["ofsted.leadershipAndManagement", "qa.leadershipAndManagement"]],
    ["Teaching", ["qi.teaching", "ofsted.curriculumAndTeaching"]],
    ["Outcomes", ["qi.outcomes", "ofsted.achievement"]],
    [
      "Leadership",
      ["ofsted.leadershipAndManagement", "qa.leadershipAndManagement", "qi.leadership"],
    ],
  ])("asks which indicator the generic header %j means, with its choices", (header, choices) => {
    const resolution = CATALOGUE_HEADERS.resolve(header);
    expect(resolution.kind).toBe("ambiguous");
    if (resolution.kind !== "ambiguous") return;
    expect(resolution.choices.map((choice) => choice.key)).toEqual(choices);
    expect(resolution.message).toContain(`"${header}" could mean`);
  });

  it("lets the trust's saved column map decide before the framework's aliases", () => {
    const headers = presetFramework("risk-matrix").headers.withColumnMap([
      { header: "Safeguarding", indicator: "ofsted.safeguarding" },
      { header: "Notes for the board", indicator: null },
    ]);
    expect(headers.resolve("Safeguarding")).toMatchObject({
      kind: "indicator",
      indicator: { key: "ofsted.safeguarding" },
      via: "column map",
    });
    expect(headers.resolve("Notes for the board")).toMatchObject({ kind: "ignored" });
  });

  it("places seed 002's Carleton High (QoE 3, L&M 3) in Category 3", () => {
    const designation = designateEntries(
      presetFramework("risk-matrix"),
      [
        { indicator: "Academy", value: "Carleton High" },
        { indicator: "Latest Ofsted judgement", value: "Good" },
        { indicator: "Inspection date", value: "14/03/2023" },
        { indicator: "Latest SEF judgement", value: 2 },
        { indicator: "The Quality of Education", value: 3 },
        { indicator: "Statutory Annual Data", value: 2 },
        { indicator: "Behaviour & Attitudes", value: 2 },
        { indicator: "Personal Development", value: 2 },
        { indicator: "Leadership & Management", value: 3 },
        { indicator: "Early Years/ Post-16", value: "n/a" },
        { indicator: "Safeguarding", value: "Effective" },
        { indicator: "Current Status judgement 1-3", value: 1 },
      ].filter((entry) => entry.indicator !== "Academy"),
      { year: "2025/26" },
    );
    expect(designation.level?.key).toBe("category3");
    expect(reasonsText(designation)).not.toContain("Ofsted safeguarding");
    expect(designation.coverage).toMatchObject({ provisional: false, missing: [] });
  });

  it("places seed 003's Hagley (RI, 3,3,3,3,2,2) in Repair from all seven indicators", () => {
    const headers = [
      "Outcomes and current progress measures",
      "Leadership capability and capacity",
      "Curriculum and staffing",
      "Teaching, learning and assessment",
      "Climate for learning",
      "Governance",
    ];
    const designation = designateEntries(
      presetFramework("risk-designation"),
      [
        { indicator: "Ofsted categorisation", value: "RI" },
        ...headers.map((header, i) => ({ indicator: header, value: [3, 3, 3, 3, 2, 2][i] })),
      ],
      { year: "2025/26" },
    );
    expect(designation.level?.key).toBe("repair");
    expect(reasonsText(designation)).toContain("Mean rating 2.71 of 7 sources");
  });

  it.each([
    ["percent-formatted 1 (Excel shows 100%)", 1, true, "sustain"],
    ["percent-formatted 0.61 (61%)", 0.61, true, "repair"],
    ["unformatted 1 (read as given: 1%)", 1, false, "stabilise"],
    ["format unknown, 0.8 (a fraction: 80%)", 0.8, null, "sustain"],
  ])("reads a small primary's KS2 RWM %s", (_case, value, percentFormatted, level) => {
    const designation = designateEntries(
      presetFramework("phase-model"),
      [
        { indicator: "phase", value: "primary" },
        { indicator: "Ofsted", value: "Outstanding" },
        { indicator: "KS2 RWM %", value, percentFormatted },
      ],
      { year: "2025/26" },
    );
    expect(designation.level?.key).toBe(level);
  });

  it.each([
    ["ks2.rwmExpected", 1, true, 100],
    ["ks2.rwmExpected", 0.185, true, 18.5],
    ["ks2.rwmExpected", 62, false, 62],
    ["ks2.rwmExpected", 0.62, false, 0.62],
    ["ks2.rwmExpected", 0.62, null, 62],
    ["ks2.rwmExpected", 1, null, 1],
    ["ks2.rwmExpected", "62%", true, 62],
    ["disadvantaged.gap", 0.5, true, 0.5],
  ])("reads %s %j (percent-formatted: %s) as %s", (key, raw, percentFormatted, expected) => {
    const reading = readCell(indicatorByKey(key)!, raw, percentFormatted);
    expect(reading).toEqual({ ok: true, value: expected });
  });

  it("marks a level reached without a required source provisional, naming what is missing", () => {
    const designation = designateEntries(
      presetFramework("risk-matrix"),
      [
        { indicator: "Latest Ofsted judgement", value: "Good" },
        { indicator: "The Quality of Education", value: 2 },
        { indicator: "Leadership & Management", value: 2 },
      ],
      { year: "2025/26" },
    );
    expect(designation.level?.key).toBe("category1");
    expect(designation.coverage.provisional).toBe(true);
    expect(provisionalWords(designation.coverage)).toBe("provisional: no SEF judgement");
  });

  it.each([
    ["phase-model", "secondary", { P8: 0.3 }, []],
    ["phase-model", "secondary", {}, ["Progress 8 or basics 5+ result"]],
    ["phase-model", "primary", {}, ["KS2 RWM result"]],
    ["phase-model", "special", {}, []],
    ["tiered-support", "alternative provision", {}, []],
    ["tiered-support", "primary", { "KS2 RWM %": 70 }, ["overall absence"]],
  ])("%s with a %s academy and %j misses %j", (key, phase, cells, missing) => {
    const designation = designateEntries(
      presetFramework(key),
      [
        { indicator: "phase", value: phase },
        { indicator: "Ofsted", value: "Good" },
        ...Object.entries(cells).map(([indicator, value]) => ({ indicator, value })),
      ],
      { year: "2025/26" },
    );
    expect(designation.coverage.missing.map((each) => each.label)).toEqual(missing);
    expect(designation.coverage.provisional).toBe(missing.length > 0);
  });

  it("lets a bad cell block only the frameworks that use its indicator", () => {
    const entries = [
      { indicator: "Ofsted", value: "Good" },
      { indicator: "Inspection date", value: "last spring" },
      { indicator: "sef.overall", value: 2 },
      { indicator: "qa.qualityOfEducation", value: 2 },
      { indicator: "qa.leadershipAndManagement", value: 2 },
      { indicator: "phase", value: "primary" },
      { indicator: "KS2 RWM %", value: "12%%" },
    ];
    const error = domainErrorFrom(() => designateEntries(presetFramework("phase-model"), entries));
    expect(error.problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining('cannot read "12%%"'),
    ]);
    const category = designateEntries(presetFramework("risk-matrix"), entries);
    expect(category.level?.key).toBe("category1");
    expect(category.coverage.unreadable.map((each) => each.indicator)).toEqual([
      "ofsted.date",
      "ks2.rwmExpected",
    ]);
  });

  it("refuses a framework whose aliases name an unknown indicator, pointing into the document", () => {
    const document = {
      ...presetFramework("risk-matrix").definition,
      key: "our-matrix",
      aliases: { "Latest SEF judgement": "sef.overal" },
    };
    const error = domainErrorFrom(() => parseFramework(document));
    expect(error.problems.map((problem) => problem.message)).toEqual([
      'aliases.Latest SEF judgement: unknown indicator "sef.overal"',
    ]);
  });

  it.each([
    ["ks2.rwmExpected", 0.1 + 0.2, "0.3%"],
    ["ks2.rwmExpected", 61.94999, "61.9%"],
    ["ks4.progress8", -0.30000000000000004, "-0.3"],
    ["behaviour.suspensionRate", 22.620000000000001, "22.62"],
  ])("shows %s %s rounded to its unit as %s", (key, value, shown) => {
    expect(formatValue(indicatorByKey(key)!, value)).toBe(shown);
  });
});
