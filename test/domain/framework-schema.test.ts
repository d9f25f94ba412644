// Frameworks are data (STYLE.md 3): a trust writes one as a JSON document,
// or copies a preset and edits it; a mistake is a BAD_USER_INPUT error whose
// problems point into the document.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  compileFramework,
  DEFAULT_CROSSWALK,
  parseFramework,
  PRESET_DEFINITIONS,
  type FrameworkInput,
} from "../../server/domain/index.js";
import { domainErrorFrom, evidenceOf, reasonsText, type Row } from "./designate-row.js";

// A trust's own framework, as it would arrive from a file or an API.
const ATTENDANCE_FIRST = readFileSync(
  new URL("./attendance-first.framework.json", import.meta.url),
  "utf8",
);

type Document = Record<string, unknown> & {
  levels: Record<string, unknown>[];
  sources: (Record<string, unknown> & {
    cuts: Record<string, unknown>[];
    grades: Record<string, unknown>;
  })[];
  overrides: (Record<string, unknown> & { when: Record<string, unknown> })[];
  support: (Record<string, unknown> & { levels: string[] })[];
  benchmarks: Record<string, unknown>[];
};

function attendanceFirst(): Document {
  return JSON.parse(ATTENDANCE_FIRST) as Document;
}

describe("framework schema: a trust-defined framework", () => {
  const framework = compileFramework(JSON.parse(ATTENDANCE_FIRST));

  it("compiles from a JSON document with its levels in rank order", () => {
    expect(framework.key).toBe("attendance-first");
    expect(framework.levels.map((level) => level.key)).toEqual(["red", "amber", "green"]);
  });

  it.each([
    ["absence at its own 2025/26 national", { "attendance.absence": 6.5 }, "2025/26", "green"],
    ["absence within 2 points of its national", { "attendance.absence": 8.5 }, "2025/26", "amber"],
    ["absence over 2 points above its national", { "attendance.absence": 8.6 }, "2025/26", "red"],
    [
      "absence against the built-in 2024/25 national 6.9%",
      { "attendance.absence": 6.9 },
      "2024/25",
      "green",
    ],
    [
      "a SEF of 3 with good attendance",
      { "attendance.absence": 5, "sef.overall": 3 },
      "2025/26",
      "amber",
    ],
    ["an inspection of RI", { "Latest Ofsted judgement": "RI" }, null, "amber"],
    ["three permanent exclusions (forced)", { "attendance.absence": 5, PEx: 3 }, "2025/26", "red"],
    ["nothing it reads", { P8: 0.5 }, null, null],
  ])("designates %s", (_case, row: Row, year, level) => {
    const designation = framework.designate(evidenceOf(row), { year });
    expect(designation.level?.key ?? null).toBe(level);
    expect(designation.insufficientEvidence).toBe(level === null);
  });

  it("explains its threshold against the trust's own benchmark", () => {
    const designation = framework.designate(evidenceOf({ "attendance.absence": 8.6 }), {
      year: "2025/26",
    });
    expect(reasonsText(designation)).toContain(
      "Overall absence 8.6% is above 8.5% (national (all schools, 2025/26) 6.5% + 2): Red: intensive support",
    );
  });

  it("gives each level its own support", () => {
    const red = framework.designate(evidenceOf({ "attendance.absence": 12 }), { year: "2025/26" });
    expect(red.support.map((entry) => entry.activity)).toEqual([
      "Attendance officer visit",
      "Attendance review",
    ]);
    expect(framework.supportFor("green").map((entry) => entry.activity)).toEqual([
      "Attendance review",
    ]);
  });

  it("compiles a best-fit document that rates its sources", () => {
    const bestFit = compileFramework({
      key: "qi-mean",
      name: "Mean of quality indicators",
      levels: [
        { key: "high", label: "High risk", rank: 1, risk: "high" },
        { key: "low", label: "Low risk", rank: 2, risk: "low" },
      ],
      sources: [
        {
          kind: "grade",
          id: "qi",
          indicators: ["qi.teaching", "qi.outcomes"],
          grades: { "1": 1, "2": 2, "3": 3, "4": 4 },
        },
      ],
      combine: { method: "bestFit", bands: [{ atLeast: 2.5, level: "high" }], otherwise: "low" },
    });
    expect(bestFit.designate(evidenceOf({ "qi.teaching": 2, "qi.outcomes": 3 })).level?.key).toBe(
      "high",
    );
    expect(bestFit.designate(evidenceOf({ "qi.teaching": 2, "qi.outcomes": 2 })).level?.key).toBe(
      "low",
    );
  });
});

describe("framework schema: a preset copied and edited", () => {
  function phaseModelCopy(): FrameworkInput {
    const original = PRESET_DEFINITIONS.find((definition) => definition.key === "phase-model");
    return structuredClone(original) as FrameworkInput;
  }

  it("designates with the trust's own Progress 8 cut point", () => {
    const copy = phaseModelCopy();
    copy.key = "phase-model-strict";
    const secondary = copy.sources[1] as { cuts: { value: number }[] };
    (secondary.cuts[0] as { value: number }).value = -0.3;
    const strict = compileFramework(copy);
    expect(strict.designate(evidenceOf({ phase: "secondary", P8: -0.4 })).level?.key).toBe(
      "stabilise",
    );
    expect(reasonsText(strict.designate(evidenceOf({ phase: "secondary", P8: -0.4 })))).toContain(
      "Progress 8 -0.4 is at or below -0.3",
    );
  });

  it("designates with the trust's own inspection cross-walk (OE Requires improvement as Concern)", () => {
    const copy = phaseModelCopy();
    const crosswalk = structuredClone(DEFAULT_CROSSWALK);
    const weak = crosswalk.OE.rules.find((rule) => rule.band === "Weak");
    if (weak) weak.band = "Concern";
    copy.crosswalk = crosswalk;
    const designation = compileFramework(copy).designate(evidenceOf({ Ofsted: "RI" }));
    expect(designation.inspectionBand).toBe("Concern");
    expect(designation.level?.key).toBe("stabilise");
  });

  it.each(PRESET_DEFINITIONS.map((definition) => [definition.key, definition] as const))(
    "accepts the preset %s as a document after a round trip through JSON",
    (_key, definition) => {
      expect(() => parseFramework(JSON.parse(JSON.stringify(definition)))).not.toThrow();
    },
  );
});

describe("framework schema: invalid documents", () => {
  it.each([
    [
      "an unknown level in a cut",
      "sources[0].cuts[0].level",
      'unknown level "platinum"',
      (d: Document) => (d.sources[0]!.cuts[0]!.level = "platinum"),
    ],
    [
      "an unknown indicator in a source",
      "sources[0].indicator",
      'unknown indicator "ks4.progress9"',
      (d: Document) => (d.sources[0]!.indicator = "ks4.progress9"),
    ],
    [
      "an unknown comparison",
      "sources[0].cuts[0].op",
      "expected one of",
      (d: Document) => (d.sources[0]!.cuts[0]!.op = "=<"),
    ],
    [
      "an unknown level for a grade",
      "sources[1].grades.3",
      'unknown level "beige"',
      (d: Document) => (d.sources[1]!.grades["3"] = "beige"),
    ],
    [
      "an unknown kind of source",
      "sources[1].kind",
      "inspection",
      (d: Document) => (d.sources[1]!.kind = "vibes"),
    ],
    [
      "an unknown level in a fallback",
      "sources[0].fallback.cuts[0].level",
      'unknown level "nope"',
      (d: Document) =>
        (d.sources[0]!.fallback = {
          id: "f",
          indicator: "ks4.basics5",
          cuts: [{ op: "<", value: 1, level: "nope" }],
          otherwise: "red",
        }),
    ],
    [
      "two levels with one rank",
      "levels",
      "each level needs its own rank",
      (d: Document) => (d.levels[1]!.rank = 1),
    ],
    [
      "no level of rank 1",
      "levels",
      "ranks run from 1",
      (d: Document) => d.levels.forEach((level, i) => (level.rank = i + 2)),
    ],
    ["a rank of 0", "levels[0].rank", "Too small", (d: Document) => (d.levels[0]!.rank = 0)],
    [
      "a level key in capitals",
      "levels[0].key",
      "a level key is lower case",
      (d: Document) => (d.levels[0]!.key = "Red"),
    ],
    [
      "a framework key with spaces",
      "key",
      "a framework key is lower case",
      (d: Document) => (d.key = "Attendance First"),
    ],
    ["no combine", "combine", "expected object", (d: Document) => delete d.combine],
    [
      "level keys in a best-fit framework",
      "sources[1].grades.1",
      "a best-fit framework's sources give ratings",
      (d: Document) =>
        (d.combine = {
          method: "bestFit",
          bands: [{ atLeast: 2.5, level: "red" }],
          otherwise: "green",
        }),
    ],
    [
      "an unknown level in an override",
      "overrides[0].level",
      'unknown level "purple"; levels are red, amber, green',
      (d: Document) => (d.overrides[0]!.level = "purple"),
    ],
    [
      "an unknown indicator in a condition",
      "overrides[0].when.indicator",
      'unknown indicator "nope"',
      (d: Document) => (d.overrides[0]!.when.indicator = "nope"),
    ],
    [
      "an unknown level for support",
      "support[0].levels[0]",
      'unknown level "purple"',
      (d: Document) => (d.support[0]!.levels[0] = "purple"),
    ],
    [
      "a negative support quantity",
      "support[0].quantity",
      "Too small",
      (d: Document) => (d.support[0]!.quantity = -1),
    ],
    [
      "a benchmark year that is not an academic year",
      "benchmarks[0].year",
      "an academic year such as 2023/24",
      (d: Document) => (d.benchmarks[0]!.year = "2024"),
    ],
    ["no sources", "sources", "Too small", (d: Document) => (d.sources = [])],
    [
      "a property the schema does not know",
      "(document)",
      'Unrecognized key: "colour"',
      (d: Document) => (d.colour = "blue"),
    ],
  ])(
    "rejects %s, pointing at %s",
    (_case, field, message, mutate: (document: Document) => unknown) => {
      const document = attendanceFirst();
      mutate(document);
      const error = domainErrorFrom(() => parseFramework(document));
      expect(error.kind).toBe("BAD_USER_INPUT");
      const problem = error.problems.find((candidate) => candidate.field === field);
      expect(problem?.message).toContain(message);
      expect(problem?.message.startsWith(`${field}: `)).toBe(true);
    },
  );

  it.each([
    ["null", null],
    ["a string", "not json"],
    ["an array", []],
  ])("rejects %s as a document", (_case, document) => {
    const error = domainErrorFrom(() => parseFramework(document));
    expect(error.kind).toBe("BAD_USER_INPUT");
    expect(error.problems[0]?.field).toBe("(document)");
  });

  it("lists every mistake, not just the first", () => {
    const document = attendanceFirst();
    document.sources[0]!.cuts[0]!.level = "platinum";
    document.support[0]!.levels[0] = "purple";
    const error = domainErrorFrom(() => compileFramework(document));
    expect(error.problems.map((problem) => problem.field)).toEqual([
      "sources[0].cuts[0].level",
      "support[0].levels[0]",
    ]);
    expect(error.message).toBe('sources[0].cuts[0].level: unknown level "platinum" (and 1 more)');
  });
});
