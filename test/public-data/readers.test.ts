import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readPublicFile, type ReadSummary } from "../../server/public-data/read-public-file.js";
import { type ReadRow, type SchoolRow } from "../../server/public-data/types.js";
import { notAvailableReason, readNumber } from "../../server/public-data/cells.js";

const FIXTURES = new URL("../fixtures/public-data/", import.meta.url);

/** The fixtures' schools other than "Faraway School" (another trust's, with an unreadable grade). */
const notFaraway = ({ urn }: { urn: string }) => urn !== "199001";

async function readFixture(
  name: string,
  wants: ((row: { urn: string; trust: string | null }) => boolean) | undefined = notFaraway,
): Promise<{ summary: ReadSummary; rows: ReadRow[] }> {
  const rows: ReadRow[] = [];
  const summary = await readPublicFile(
    createReadStream(new URL(name, FIXTURES)),
    { fileName: name, wants },
    (row) => {
      rows.push(row);
    },
  );
  return { summary, rows };
}

function valuesOf(rows: ReadRow[], urn: string) {
  const row = rows.find((item): item is SchoolRow => item.type === "school" && item.urn === urn);
  return row?.values ?? [];
}

function valueOf(rows: ReadRow[], urn: string, indicator: string, group?: string) {
  return valuesOf(rows, urn).find(
    (value) => value.indicator === indicator && (group === undefined || value.groupLabel === group),
  );
}

describe("recognising a public file by its header", () => {
  it.each([
    ["ofsted-mi-report-card-era.csv", "ofsted-mi", "2026-07-31", "win1252"],
    ["ofsted-mi-pre-report-card.csv", "ofsted-mi", "2023-05-30", "utf8"],
    ["ks2_school_attainment_data.csv", "ks2", "2024/25", "ascii"],
    ["202425_performance_tables_schools_final.csv", "ks4", "2024/25", "ascii"],
    ["1a_absence_3term_school.csv", "absence", "2024/25", "ascii"],
    ["exclusions_school_level.csv", "exclusions", "2024/25", "ascii"],
    ["2022-2023/england_ks4final.csv", "ks4", "2022/23", "ascii"],
    ["2022-2023/england_ks2final.csv", "ks2", "2022/23", "ascii"],
    ["edubasealldata20261130.csv", "gias-establishments", "2024-09-01", "win1252"],
    ["links_edubasealldata20261130.csv", "gias-links", "2024-09-01", "win1252"],
  ])("reads %s as %s, edition %s, %s", async (name, kind, edition, encoding) => {
    const { summary } = await readFixture(name);
    expect(summary).toMatchObject({ kind, edition, encoding });
  });

  it("refuses a file it does not know, naming the headers it expected", async () => {
    const text = "Name,Score\nAlice,3\n";
    await expect(
      readPublicFile(Readable.from([Buffer.from(text)]), { fileName: "scores.csv" }, () => {}),
    ).rejects.toThrow(/scores\.csv: not a public data file.*GIAS establishments: URN, LA \(code\)/);
  });

  it("asks for the year of an older wide file whose path does not name it", async () => {
    const text = "RECTYPE,URN,PTRWM_EXP\n1,140001,74%\n";
    await expect(
      readPublicFile(
        Readable.from([Buffer.from(text)]),
        { fileName: "england_ks2final.csv" },
        () => {},
      ),
    ).rejects.toThrow(/--year 2023\/24/);
  });
});

describe("Ofsted management information", () => {
  it("reads the report card, the last OEIF graded inspection and the ungraded one from one row", async () => {
    const { rows } = await readFixture("ofsted-mi-report-card-era.csv");
    expect(valueOf(rows, "140001", "ofsted.achievement")).toMatchObject({
      value: "Exceptional",
      date: "2026-01-20",
      describes: "2025/26",
      groupLabel: "report card",
    });
    expect(valueOf(rows, "140001", "ofsted.overall")).toMatchObject({
      value: "1",
      date: "2019-05-14",
      groupLabel: "OEIF graded inspection",
    });
    expect(valueOf(rows, "140001", "ofsted.framework", "OEIF graded inspection")?.value).toBe("OE");
    expect(valueOf(rows, "140002", "ofsted.ungradedOutcome")).toMatchObject({
      value: "School remains Good",
      date: "2025-06-04",
    });
  });

  it.each([
    ["140004", "ofsted.overall", null, "not judged"],
    ["140004", "ofsted.framework", "EIF-2024", null],
    ["140001", "ofsted.sixthForm", null, "blank (NULL)"],
    ["140003", "ofsted.safeguarding", "Not met", null],
    ["140003", "ofsted.categoryOfConcern", "SM", null],
    ["140012", "ofsted.categoryOfConcern", "SWK", null],
  ])("for %s reads %s as %s (unavailable: %s)", async (urn, indicator, value, unavailable) => {
    const { rows } = await readFixture("ofsted-mi-report-card-era.csv");
    expect(valueOf(rows, urn, indicator)).toMatchObject({ value, unavailable });
  });

  it("keeps a predecessor's inspection, flagged with the predecessor's URN", async () => {
    const { rows } = await readFixture("ofsted-mi-report-card-era.csv");
    expect(valueOf(rows, "140005", "ofsted.overall")).toMatchObject({
      value: "2",
      predecessorUrn: "100005",
    });
    expect(valueOf(rows, "140001", "ofsted.overall")?.predecessorUrn).toBeNull();
  });

  it("reads Windows-1252 names (a curly apostrophe) without mangling them", async () => {
    const { rows } = await readFixture("links_edubasealldata20261130.csv");
    expect(rows.find((row) => row.type === "link" && row.urn === "140005")).toMatchObject({
      linkName: "St Anne\u2019s CE Primary School",
    });
  });

  it("skips another trust's school without reading its cells", async () => {
    const { summary, rows } = await readFixture(
      "ofsted-mi-report-card-era.csv",
      ({ trust }) => trust === "4567",
    );
    expect(summary.skipped).toBe(1);
    expect(rows.some((row) => row.type === "school" && row.urn === "199001")).toBe(false);
  });

  it("refuses a grade of a trust's school it cannot read, naming line, column and value", async () => {
    await expect(readFixture("ofsted-mi-report-card-era.csv", () => true)).rejects.toThrow(
      /Line 17, column "Latest OEIF overall effectiveness".*Goodish/,
    );
  });

  it("reads the pre-report-card edition's latest and previous graded inspections", async () => {
    const { rows } = await readFixture("ofsted-mi-pre-report-card.csv");
    expect(valueOf(rows, "140008", "ofsted.overall", "graded inspection")).toMatchObject({
      value: "3",
      date: "2023-02-06",
    });
    expect(valueOf(rows, "140008", "ofsted.overall", "previous graded inspection")).toMatchObject({
      value: "2",
      date: "2018-12-12",
      describes: "2018/19",
    });
    expect(valueOf(rows, "140001", "ofsted.earlyYears", "graded inspection")).toMatchObject({
      value: null,
      unavailable: "not applicable (9)",
    });
  });
});

describe("DfE school results, absence and exclusions", () => {
  it.each([
    ["ks2_school_attainment_data.csv", "140001", "ks2.rwmExpected", "78", null, "2024/25"],
    [
      "ks2_school_attainment_data.csv",
      "140004",
      "ks2.rwmExpected",
      null,
      "confidential (c)",
      "2024/25",
    ],
    [
      "ks2_school_attainment_data.csv",
      "140013",
      "ks2.rwmExpected",
      null,
      "not available (x)",
      "2024/25",
    ],
    [
      "ks2_school_attainment_data.csv",
      "199001",
      "ks2.rwmExpected",
      null,
      "below 0.5% (low)",
      "2024/25",
    ],
    [
      "202425_performance_tables_schools_final.csv",
      "140002",
      "ks4.attainment8",
      "47.2",
      null,
      "2024/25",
    ],
    [
      "202425_performance_tables_schools_final.csv",
      "140002",
      "ks4.progress8",
      null,
      "not applicable (z)",
      "2024/25",
    ],
    ["202425_performance_tables_schools_final.csv", "140002", "ks4.basics5", "48", null, "2024/25"],
    ["1a_absence_3term_school.csv", "140001", "attendance.absence", "4.1", null, "2024/25"],
    [
      "1a_absence_3term_school.csv",
      "140001",
      "attendance.persistentAbsence",
      "9.8",
      null,
      "2024/25",
    ],
    ["exclusions_school_level.csv", "140002", "behaviour.suspensionRate", "12.73", null, "2024/25"],
    [
      "exclusions_school_level.csv",
      "140002",
      "behaviour.permanentExclusionRate",
      "0.18",
      null,
      "2024/25",
    ],
    [
      "exclusions_school_level.csv",
      "140003",
      "behaviour.permanentExclusions",
      null,
      "not available (x)",
      "2024/25",
    ],
    ["2022-2023/england_ks4final.csv", "140002", "ks4.progress8", "0.12", null, "2022/23"],
    ["2022-2023/england_ks4final.csv", "140002", "ks4.basics5", "49", null, "2022/23"],
    [
      "2022-2023/england_ks4final.csv",
      "140008",
      "ks4.basics5",
      null,
      "suppressed (SUPP)",
      "2022/23",
    ],
    [
      "2022-2023/england_ks4final.csv",
      "140010",
      "ks4.attainment8",
      null,
      "no entries (NE)",
      "2022/23",
    ],
    ["2022-2023/england_ks2final.csv", "140001", "ks2.rwmExpected", "74", null, "2022/23"],
    [
      "2022-2023/england_ks2final.csv",
      "140004",
      "ks2.rwmExpected",
      null,
      "low coverage (LOWCOV)",
      "2022/23",
    ],
  ])(
    "%s: %s %s is %s (unavailable: %s) for %s",
    async (file, urn, indicator, value, unavailable, describes) => {
      const { rows } = await readFixture(file, () => true);
      expect(valueOf(rows, urn, indicator)).toMatchObject({ value, unavailable, describes });
    },
  );

  it("reads only the headline row of a school (all pupils, every breakdown Total)", async () => {
    const { rows } = await readFixture("ks2_school_attainment_data.csv");
    expect(rows.filter((row) => row.type === "school" && row.urn === "140001")).toHaveLength(1);
  });

  it.each([
    ["ks2_school_attainment_data.csv", "ks2.rwmExpected", null, 62],
    ["202425_performance_tables_schools_final.csv", "ks4.attainment8", null, 45.9],
    ["1a_absence_3term_school.csv", "attendance.absence", "primary", 5.4],
    ["1a_absence_3term_school.csv", "attendance.absence", "secondary", 8.6],
    ["exclusions_school_level.csv", "behaviour.suspensionRate", "secondary", 22.85],
  ])("%s gives England's %s (%s) as %s", async (file, indicator, phase, value) => {
    const { rows } = await readFixture(file);
    expect(rows).toContainEqual({ type: "national", indicator, phase, year: "2024/25", value });
  });

  it("refuses a number it cannot read, naming the line, column and value", async () => {
    const text =
      "time_period,school_urn,education_phase,sess_overall_percent,enrolments_pa_10_exact_percent\n202425,140001,Primary,12%%,9\n";
    await expect(
      readPublicFile(Readable.from([Buffer.from(text)]), { fileName: "absence.csv" }, () => {}),
    ).rejects.toThrow(
      /Line 2, column sess_overall_percent \(attendance\.absence\): "12%%" is not a number/,
    );
  });
});

describe("GIAS", () => {
  it("reads the roster columns a trust needs and never the head teacher's name", async () => {
    const { rows } = await readFixture("edubasealldata20261130.csv");
    const school = rows.find((row) => row.type === "establishment" && row.urn === "140011");
    expect(school).toMatchObject({
      establishment: {
        name: "Valley Special School",
        laestab: "3731011",
        ukprn: "10140011",
        phase: "special",
        openDate: "2015-09-01",
        trustCode: "4567",
      },
    });
    expect(JSON.stringify(rows)).not.toMatch(/Jane|Doe|Smith/);
  });

  it.each([
    ["140001", "primary"],
    ["140002", "secondary"],
    ["140009", "all-through"],
    ["140014", "alternative provision"],
  ])("gives %s the phase %s", async (urn, phase) => {
    const { rows } = await readFixture("edubasealldata20261130.csv");
    expect(rows.find((row) => row.type === "establishment" && row.urn === urn)).toMatchObject({
      establishment: { phase },
    });
  });
});

describe("cells", () => {
  it.each([
    ["NULL", "blank (NULL)"],
    ["z", "not applicable (z)"],
    ["c", "confidential (c)"],
    ["x", "not available (x)"],
    ["low", "below 0.5% (low)"],
    ["SUPP", "suppressed (SUPP)"],
    ["", "blank"],
    ["62", null],
  ])("%j is not available because %s", (raw, reason) => {
    expect(notAvailableReason(raw)).toBe(reason);
  });

  it.each([
    ["62", 62],
    ["65%", 65],
    ["-0.31", -0.31],
    ["Goodish", null],
    ["12%%", null],
  ])("%j reads as the number %s", (raw, number) => {
    expect(readNumber(raw)).toBe(number);
  });

  it("reads a Windows-1252 byte split from its neighbours across chunks", async () => {
    const header = "URN,LinkURN,LinkName,LinkType,LinkEstablishedDate\n";
    const bytes = Buffer.concat([
      Buffer.from(header + "140005,100005,St Anne"),
      Buffer.from([0x92]),
      Buffer.from("s,Predecessor,01-01-2017\n"),
    ]);
    const rows: ReadRow[] = [];
    await readPublicFile(
      Readable.from([bytes.subarray(0, 60), bytes.subarray(60, 71), bytes.subarray(71)]),
      { fileName: "l.csv" },
      (row) => {
        rows.push(row);
      },
    );
    expect(rows[0]).toMatchObject({ linkName: "St Anne\u2019s" });
  });
});
