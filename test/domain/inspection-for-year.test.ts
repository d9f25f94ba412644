// Which inspection counts for a designation year: the latest by its own
// inspection date, whichever matrix row or public file repeats it, and never
// one dated after the end of the year (DOMAIN.md "Evidence for a designation
// year"; server/domain/inspection/inspection-for-year.ts).
import { describe, expect, it } from "vitest";
import { endOfAcademicYear } from "../../server/shared/index.js";
import {
  evidenceForYear,
  inspectionDateOf,
  inspectionsForYear,
  type EvidenceLayer,
} from "../../server/domain/index.js";

/** A matrix row of the trust's (dated by its year only) that records an inspection. */
const matrixRow = (
  describes: string,
  inspected: string | null,
  overall = "Good",
): EvidenceLayer => ({
  describes,
  date: null,
  source: `risk matrix ${describes} summer`,
  entries: [
    { indicator: "ofsted.framework", value: "OE" },
    { indicator: "ofsted.overall", value: overall },
    ...(inspected ? [{ indicator: "Inspection date", value: inspected }] : []),
  ],
});

/** A report card read from Ofsted's MI file: dated by its inspection. */
const reportCard = (describes: string, inspected: string): EvidenceLayer => ({
  describes,
  date: inspected,
  source: `Ofsted, report card ${inspected}`,
  entries: [
    { indicator: "ofsted.framework", value: "RC-2025" },
    { indicator: "ofsted.inclusion", value: "Expected standard" },
    { indicator: "ofsted.date", value: inspected },
  ],
});

// Inspections of 2026: 20 Jan falls in 2025/26; 15 Oct in 2026/27.
const JAN_2026 = reportCard("2025/26", "2026-01-20");
const OCT_2026 = reportCard("2026/27", "2026-10-15");

describe("which inspection counts for a designation year", () => {
  it.each([
    {
      name: "a newer report card over an older inspection a later matrix row repeats",
      year: "2025/26",
      sources: [matrixRow("2025/26", "2019-03-12"), JAN_2026],
      counts: "Ofsted, report card 2026-01-20",
      on: "2026-01-20",
    },
    {
      name: "the same, whichever order the sources come in",
      year: "2026/27",
      sources: [JAN_2026, matrixRow("2025/26", "12/03/2019")],
      counts: "Ofsted, report card 2026-01-20",
      on: "2026-01-20",
    },
    {
      name: "a matrix row's own newer inspection over an older report card",
      year: "2026/27",
      sources: [JAN_2026, matrixRow("2026/27", "2026-11-02")],
      counts: "risk matrix 2026/27 summer",
      on: "2026-11-02",
    },
    {
      name: "never an inspection dated after the end of the year",
      year: "2025/26",
      sources: [matrixRow("2024/25", "2023-05-01"), OCT_2026],
      counts: "risk matrix 2024/25 summer",
      on: "2023-05-01",
    },
    {
      name: "never one from a row describing a later year, even dated within the year",
      year: "2025/26",
      sources: [matrixRow("2024/25", "2023-05-01"), matrixRow("2026/27", "2026-06-01")],
      counts: "risk matrix 2024/25 summer",
      on: "2023-05-01",
    },
    {
      name: "a row with no readable inspection date stands at the end of its year",
      year: "2026/27",
      sources: [JAN_2026, matrixRow("2025/26", "not a date")],
      counts: "risk matrix 2025/26 summer",
      on: "2026-08-31",
    },
    {
      name: "the same inspection in a row and a later file: the one given later",
      year: "2026/27",
      sources: [matrixRow("2025/26", "2026-01-20"), JAN_2026],
      counts: "Ofsted, report card 2026-01-20",
      on: "2026-01-20",
    },
    {
      name: "no inspection at all before the year",
      year: "2024/25",
      sources: [JAN_2026, OCT_2026],
      counts: null,
      on: null,
    },
  ])("$name", ({ year, sources, counts, on }) => {
    const first = inspectionsForYear(year, sources, endOfAcademicYear)[0];
    expect(first?.source.source ?? null).toBe(counts);
    expect(first?.inspectedOn ?? null).toBe(on);
  });

  it.each([
    { entries: [{ indicator: "ofsted.date", value: "2024-03-12" }], date: "2024-03-12" },
    { entries: [{ indicator: "Inspection date", value: "12/03/2024" }], date: "2024-03-12" },
    { entries: [{ indicator: "ofsted.date", value: 45363 }], date: "2024-03-12" },
    { entries: [{ indicator: "ofsted.date", value: "soon" }], date: null },
    { entries: [{ indicator: "ofsted.overall", value: "Good" }], date: null },
  ])(
    "reads the inspection date of $entries.0.indicator = $entries.0.value",
    ({ entries, date }) => {
      expect(inspectionDateOf(entries)).toBe(date);
    },
  );

  it("fills a designation year with the inspection that counts, taken whole", () => {
    const result = evidenceForYear(
      "2026/27",
      [{ indicator: "sef.overall", value: 2 }],
      [matrixRow("2025/26", "2019-03-12", "Outstanding"), JAN_2026],
    );
    const ofsted = result.entries.filter((entry) => String(entry.indicator).startsWith("ofsted."));
    expect(ofsted).toEqual(JAN_2026.entries);
    expect(result.filled.map((fill) => fill.reason)).toContain(
      "Ofsted inspection framework taken from Ofsted, report card 2026-01-20 (dated 20 Jan 2026): no value recorded for 2026/27",
    );
  });
});
