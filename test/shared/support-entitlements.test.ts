// server/shared/support-entitlements.ts: MAT.SUPPORT reads a framework's
// definition as the API sends it (JSON) and must find, for every level, the
// support the server's compiled framework gives that level without evidence.
import { describe, expect, it } from "vitest";
import { presets } from "../../server/domain/index.js";
import { declaredSupport, unconditionalSupport } from "../../server/shared/index.js";

describe("support entitlements read from a framework's definition", () => {
  const cases = [...presets().values()].flatMap((framework) =>
    framework.levels.map((level) => [framework.key, level.key, framework] as const),
  );

  it.each(cases)("%s at %s: the add-in's reading equals the server's", (_, levelKey, framework) => {
    const sent = JSON.parse(JSON.stringify(framework.definition)) as unknown;
    expect(unconditionalSupport(declaredSupport(sent), levelKey)).toEqual(
      framework.supportFor(levelKey),
    );
  });

  it("finds conditional entitlements in some preset and leaves them out", () => {
    const conditional = [...presets().values()].flatMap((framework) =>
      framework.definition.support.filter((entry) => entry.when !== undefined),
    );
    expect(conditional.length).toBeGreaterThan(0);
    for (const entry of conditional)
      for (const level of entry.levels)
        expect(
          unconditionalSupport(declaredSupport({ support: [entry] }), level).map(
            (found) => found.activity,
          ),
        ).toEqual([]);
  });

  it.each([
    ["no support array", { levels: [] }],
    ["not an object", "support"],
    [
      "an entry without a quantity",
      { support: [{ activity: "Visit", unit: "visit", per: "term", levels: ["a"] }] },
    ],
    [
      "a quantity as text",
      {
        support: [{ activity: "Visit", quantity: "2", unit: "visit", per: "term", levels: ["a"] }],
      },
    ],
  ])("reads nothing from a definition with %s", (_, definition) => {
    expect(declaredSupport(definition)).toEqual([]);
  });
});
