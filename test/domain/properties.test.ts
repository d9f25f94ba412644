// Properties every designation keeps, tried on generated academies:
// the order of the cells never matters, better evidence never gives a
// needier level in the "lowest" frameworks, and whatever readEvidence
// accepts can be designated.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError, readEvidence, type Designation } from "../../server/domain/index.js";
import {
  academyArbitrary,
  entriesOfAcademy,
  IMPROVEMENTS,
  yearArbitrary,
} from "./academy-arbitrary.js";
import { rawRowArbitrary } from "./raw-row-arbitrary.js";
import { presetFramework } from "./designate-row.js";

const PRESET_KEYS = ["phase-model", "tiered-support", "risk-matrix", "risk-designation"];
const RUNS = { numRuns: 300 };

describe("properties", () => {
  it.each(PRESET_KEYS)("%s: the designation never depends on the order of the evidence", (key) => {
    const framework = presetFramework(key);
    const shuffled = academyArbitrary.chain((academy) => {
      const entries = entriesOfAcademy(academy);
      return fc.tuple(
        fc.constant(entries),
        fc.shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length }),
      );
    });
    fc.assert(
      fc.property(shuffled, yearArbitrary, ([entries, reordered], year) => {
        const inOrder = framework.designate(readEvidence(entries), { year });
        const outOfOrder = framework.designate(readEvidence(reordered), { year });
        expect(outOfOrder).toEqual(inOrder);
      }),
      RUNS,
    );
  });

  // risk-matrix is left out on purpose: "not meeting its existing Ofsted
  // judgement" lets a better inspection give a needier category (see
  // risk-matrix.test.ts). risk-designation is a best fit, not "lowest".
  it.each(["phase-model", "tiered-support"])(
    "%s: improving one indicator never gives a needier (lower-rank) level",
    (key) => {
      const framework = presetFramework(key);
      const designate = (academy: Parameters<typeof entriesOfAcademy>[0], year: string | null) =>
        framework.designate(readEvidence(entriesOfAcademy(academy)), { year });
      const forcedBySafeguarding = (designation: Designation) =>
        designation.reasons.some((reason) => reason.source === "override");
      fc.assert(
        fc.property(
          academyArbitrary,
          fc.integer({ min: 1, max: 150 }),
          yearArbitrary,
          (academy, step, year) => {
            const before = designate(academy, year);
            for (const improvement of IMPROVEMENTS) {
              const better = improvement.apply(academy, step);
              if (better === null) continue;
              const after = designate(better, year);
              if (before.level === null) continue;
              if (after.level === null) {
                // Only lifting a safeguarding override can leave nothing to read.
                expect(forcedBySafeguarding(before), improvement.name).toBe(true);
                continue;
              }
              expect(
                after.level.rank,
                `${improvement.name}: ${before.level.key} -> ${after.level.key}`,
              ).toBeGreaterThanOrEqual(before.level.rank);
            }
          },
        ),
        RUNS,
      );
    },
  );

  it.each(PRESET_KEYS)(
    "%s: designate never throws on generated academies and always answers",
    (key) => {
      const framework = presetFramework(key);
      const levelKeys = framework.levels.map((level) => level.key);
      fc.assert(
        fc.property(academyArbitrary, yearArbitrary, (academy, year) => {
          const designation = framework.designate(readEvidence(entriesOfAcademy(academy)), {
            year,
          });
          expect(designation.insufficientEvidence).toBe(designation.level === null);
          if (designation.level) expect(levelKeys).toContain(designation.level.key);
          expect(designation.reasons.every((reason) => reason.message.length > 0)).toBe(true);
        }),
        RUNS,
      );
    },
  );

  it("readEvidence accepts a row of any cells or throws BAD_USER_INPUT, and designate never throws on what it accepts", () => {
    const frameworks = PRESET_KEYS.map(presetFramework);
    fc.assert(
      fc.property(rawRowArbitrary, yearArbitrary, (entries, year) => {
        let evidence;
        try {
          evidence = readEvidence(entries);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          const domainError = error as DomainError;
          expect(domainError.kind).toBe("BAD_USER_INPUT");
          expect(domainError.problems.length).toBeGreaterThan(0);
          for (const problem of domainError.problems) {
            expect(problem.field.length).toBeGreaterThan(0);
            expect(problem.message.length).toBeGreaterThan(0);
          }
          return;
        }
        for (const framework of frameworks) {
          const designation = framework.designate(evidence, { year });
          expect(designation.insufficientEvidence).toBe(designation.level === null);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
