// fast-check arbitrary for raw workbook rows: mostly plausible cells under
// any indicator's key or header, with junk values and unknown names mixed in,
// which readEvidence may or may not accept.
import fc from "fast-check";
import { INDICATORS, type EvidenceEntry, type Indicator } from "../../server/domain/index.js";

const NOT_AVAILABLE = fc.constantFrom("", "n/a", "SUPP", "NE", "-", null, undefined);

/** A cell that an indicator of this kind will usually accept. */
function plausibleCell(kind: Indicator["kind"]): fc.Arbitrary<unknown> {
  switch (kind) {
    case "number":
      return fc.oneof(
        fc.double({ min: -3, max: 60, noNaN: true }),
        fc.constantFrom("-0.5", "\u22120.25"),
      );
    case "percent":
      return fc.oneof(
        fc.integer({ min: 0, max: 100 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 100 }).map((value) => `${value}%`),
      );
    case "points":
      return fc.integer({ min: -30, max: 30 });
    case "rate":
      return fc.double({ min: 0, max: 50, noNaN: true });
    case "count":
      return fc.integer({ min: 0, max: 10 });
    case "grade":
      return fc.oneof(
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom("Good", "RI", "outstanding", "Inadequate"),
      );
    case "ofstedGrade":
      return fc.oneof(
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom(
          "Good",
          "RI",
          "Outstanding",
          "Inadequate",
          "special measures",
          "Serious weaknesses",
        ),
        fc.constantFrom(
          "Exceptional",
          "Strong standard",
          "Expected standard",
          "Needs attention",
          "Urgent improvement",
        ),
      );
    case "ofstedFramework":
      return fc.constantFrom("OE", "EIF-2024", "RC-2025");
    case "date":
      return fc.oneof(
        fc.integer({ min: 32874, max: 73050 }),
        fc.constantFrom("2023-03-15", "2024-09-01", "2025-11-09", "2025-11-10", "15/03/2026"),
      );
    case "safeguarding":
      return fc.constantFrom("met", "not met", "effective", "not effective", true, false);
    case "phase":
      return fc.constantFrom(
        "primary",
        "secondary",
        "all-through",
        "special",
        "alternative provision",
      );
    case "trajectory":
      return fc.constantFrom("improving", "static", "declining");
    case "yesNo":
      return fc.constantFrom("yes", "no", true, false);
  }
}

/** A cell of any kind: words of every scale, markers, numbers, dates, junk. */
const anyCell: fc.Arbitrary<unknown> = fc.oneof(
  NOT_AVAILABLE,
  fc.constantFrom("62%", "0.62", "12%%", "Goodish", "31/02/2024", "met", "Strong standard", "RI"),
  fc.integer({ min: -5, max: 50000 }),
  fc.double(),
  fc.string({ maxLength: 8 }),
  fc.boolean(),
  fc.date({ noInvalidDate: false }),
);

const NAMES = INDICATORS.flatMap((indicator) => [indicator.key, ...indicator.aliases]);

/** Mostly plausible cells under any indicator's key or header, with some junk and unknown names. */
const rawCell: fc.Arbitrary<EvidenceEntry> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom(...INDICATORS).chain((indicator) =>
      fc.record({
        indicator: fc.constantFrom(indicator.key, ...indicator.aliases),
        value: fc.oneof(
          { weight: 5, arbitrary: plausibleCell(indicator.kind) },
          { weight: 1, arbitrary: NOT_AVAILABLE },
        ),
      }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      indicator: fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 6 })),
      value: anyCell,
    }),
  },
);

/** A row of raw cells, which readEvidence may or may not accept. */
export const rawRowArbitrary: fc.Arbitrary<EvidenceEntry[]> = fc.array(rawCell, { maxLength: 12 });
