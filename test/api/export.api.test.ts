// Board papers as workbooks over real HTTP: the academy card and the trust
// overview as .xlsx a trust board accepts (title block, the designation that
// counts with who agreed it and when, each target with its unit, direction,
// figures, trend and RAG with a legend, periods in words, A4 print setup),
// with the same bearer token as the API, and every text cell plain text,
// never a formula, whatever an academy is called.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import ExcelJS from "exceljs";
import { startTestServer, storesToTest, type TestServer } from "../support/test-server.js";
import { labelled, rowsOf, sheetText, tableOf, workbookOf } from "../support/paper-sheets.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const YEAR = "2025/26";
/** A period code where words belong: "autumn1", "spring2". */
const PERIOD_CODE = /\b(autumn|spring|summer)[12]\b/;

const DECIDE = gql`
  mutation Decide($urn: URN!, $year: AcademicYear!, $agreedOn: Date!) {
    decideDesignation(
      urn: $urn
      year: $year
      body: "Trust Board"
      agreedOn: $agreedOn
      reason: "Agreed at the October board"
    ) {
      status
    }
  }
`;

const CARD = gql`
  query Card($urn: URN!, $year: AcademicYear!) {
    academyCard(urn: $urn, year: $year) {
      designation {
        status
        computed {
          label
        }
        decision {
          level {
            label
          }
          body
          decidedBy {
            name
          }
        }
      }
      targets {
        metric
        metricLabel
        baseline
        target
        measurements {
          period
        }
        progress {
          latest
          rag
        }
      }
    }
  }
`;

const OVERVIEW = gql`
  query Overview($year: AcademicYear!) {
    trustOverview(year: $year) {
      academies {
        academy {
          urn
          name
          phase
        }
        designation {
          decision {
            body
          }
        }
        rag {
          green
          amber
          red
          none
        }
      }
    }
  }
`;

type Card = {
  designation: {
    status: string;
    computed: { label: string } | null;
    decision: { level: { label: string }; body: string; decidedBy: { name: string } | null } | null;
  } | null;
  targets: {
    metric: string;
    metricLabel: string;
    baseline: number;
    target: number;
    measurements: { period: string }[];
    progress: { latest: number | null; rag: string | null };
  }[];
};

type OverviewRow = {
  academy: { urn: string; name: string; phase: string };
  designation: { decision: { body: string } | null } | null;
  rag: { green: number; amber: number; red: number; none: number };
};

describe.each(await storesToTest())("board papers as workbooks on %s", (store) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(store);
    // The October board agrees two academies' designations.
    for (const urn of ["140001", "140002"])
      await server
        .client(server.tokens.leader)
        .request(DECIDE, { urn, year: YEAR, agreedOn: "2025-10-14" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  function download(path: string, token: string | null = server.tokens.leader) {
    return fetch(`${server.url}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  }

  async function workbookAt(path: string, token?: string): Promise<ExcelJS.Workbook> {
    const response = await download(path, token);
    expect(
      response.status,
      await response
        .clone()
        .text()
        .catch(() => ""),
    ).toBe(200);
    expect(response.headers.get("content-type")).toMatch(new RegExp(`^${XLSX}`));
    return workbookOf(await response.arrayBuffer());
  }

  it("gives the academy card a title block, the agreed designation and every target a governor reads", async () => {
    const workbook = await workbookAt(`/export/academy-card.xlsx?urn=140001&year=${YEAR}`);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "Academy card",
      "Trend and sign-off",
      "Measurements",
    ]);
    const sheet = workbook.getWorksheet("Academy card")!;
    const card = (
      await server
        .client(server.tokens.leader)
        .request<{ academyCard: Card }>(CARD, { urn: "140001", year: YEAR })
    ).academyCard;
    const rows = rowsOf(sheet);
    expect(rows[0]![0]).toBe("Northern Lights Academy Trust");
    expect(rows[1]![0]).toBe("Academy card: Oakfield Primary Academy (URN 140001), primary");
    expect(labelled(sheet, "Year")).toBe(YEAR);
    expect(labelled(sheet, "Framework")).toBe("Phase model (Stabilise, Repair, Improve, Sustain)");
    expect(String(labelled(sheet, "Produced"))).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d$/);
    expect(String(labelled(sheet, "Data as at"))).toMatch(
      /^\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d$/,
    );
    // The designation that counts: agreed by the board, when, by whom; time in level; support.
    const decision = card.designation!.decision!;
    expect(labelled(sheet, "Level")).toBe(decision.level.label);
    expect(labelled(sheet, "Status")).toBe("agreed");
    expect(labelled(sheet, "Agreed by")).toBe(
      `Trust Board, 14 Oct 2025 (${decision.decidedBy!.name})`,
    );
    expect(String(labelled(sheet, "Time in level"))).toMatch(/^since 14 Oct 2025 \(/);
    // Counted support as delivered of allocated in its period (the card's supportUse).
    expect(String(labelled(sheet, "Support"))).toMatch(
      /^[^:]+: \d+(\.\d)? of \d+(\.\d)? \w+ this (half term|term|year)/,
    );

    const { header, records } = tableOf(sheet, "Metric");
    expect(records.map((record) => record["Metric"]!.value)).toEqual(
      card.targets.map((target) => target.metricLabel),
    );
    card.targets.forEach((target, index) => {
      const record = records[index]!;
      expect(record["Baseline"]!.value, target.metric).toBe(target.baseline);
      expect(record["Target"]!.value).toBe(target.target);
      expect(record["Latest"]!.value).toBe(target.progress.latest);
      expect(record["RAG"]!.value).toBe(
        target.progress.rag
          ? target.progress.rag[0] + target.progress.rag.slice(1).toLowerCase()
          : "No data",
      );
      expect(String(record["Latest for"]!.value)).toMatch(
        /^((Autumn|Spring|Summer) [12]|(Autumn|Spring|Summer) term|Whole year|none yet)( \(provisional\))?$/,
      );
      expect(String(record["National position"]!.value)).toMatch(/national/);
      // Text left and wrapped, numbers right, the unit in its own column.
      expect(record["Metric"]!.alignment).toMatchObject({ horizontal: "left", wrapText: true });
      expect(record["Baseline"]!.alignment).toMatchObject({ horizontal: "right" });
    });
    const absence = records.find((record) => record["Metric"]!.value === "Overall absence")!;
    expect(absence["Unit"]!.value).toBe("%");
    expect(absence["Direction"]!.value).toBe("lower is better");
    expect(absence["Baseline"]!.numFmt).toBe("0.0");
    expect(absence["Gap closed"]!.numFmt).toBe("0%");
    // The legend under the table, and periods in words everywhere.
    expect(sheetText(sheet)).toMatch(/RAG legend\nGreen \| on track/);
    for (const each of workbook.worksheets) expect(sheetText(each)).not.toMatch(PERIOD_CODE);
    // A4, fit to one page wide, the header row on every page, a footer with page numbers.
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${header.number}:${header.number}`,
    });
    expect(sheet.headerFooter.oddFooter).toMatch(
      /Northern Lights Academy Trust: academy card 2025\/26, produced .*&R&8Page &P of &N$/,
    );
    // The trend of every measurement, one line per period measured.
    const trend = tableOf(workbook.getWorksheet("Trend and sign-off")!, "Metric").records;
    card.targets.forEach((target, index) => {
      const periods = new Set(target.measurements.map((measurement) => measurement.period));
      const lines = String(trend[index]!["Trend (every measurement)"]!.value).split("\n");
      expect(lines, target.metric).toHaveLength(Math.max(1, periods.size));
    });
  });

  it("fills the overview's Confirmed column from the designation that counts and names the framework", async () => {
    const workbook = await workbookAt(`/export/overview.xlsx?year=${YEAR}`);
    const sheet = workbook.getWorksheet("Trust overview")!;
    const overview = (
      await server
        .client(server.tokens.leader)
        .request<{ trustOverview: { academies: OverviewRow[] } }>(OVERVIEW, { year: YEAR })
    ).trustOverview;
    expect(rowsOf(sheet)[1]![0]).toBe("Trust overview");
    expect(labelled(sheet, "Framework")).toBe("Phase model (Stabilise, Repair, Improve, Sustain)");
    // Changes since the last board: the latest decision agreed.
    expect(labelled(sheet, "Changes since")).toBe(
      "14 Oct 2025 (the last Trust Board decision, 14 Oct 2025)",
    );
    const { records } = tableOf(sheet, "URN");
    expect(records.map((record) => record["URN"]!.value)).toEqual(
      overview.academies.map((row) => row.academy.urn),
    );
    overview.academies.forEach((expected, index) => {
      const record = records[index]!;
      expect(record["Academy"]!.value).toBe(expected.academy.name);
      expect(String(record["Confirmed (agreed by, when)"]!.value), expected.academy.urn).toMatch(
        expected.designation?.decision ? /^Trust Board, 14 Oct 2025 \(/ : /^not yet agreed$/,
      );
      expect(
        ["Green", "Amber", "Red", "No data"].map((name) => record[name]!.value),
        expected.academy.urn,
      ).toEqual([expected.rag.green, expected.rag.amber, expected.rag.red, expected.rag.none]);
      // Long words wrap in their column: "alternative provision" never spills into the next.
      expect(record["Phase"]!.alignment).toMatchObject({ wrapText: true });
      expect(String(record[`Changes since 14 Oct 2025`]!.value)).not.toMatch(
        /attendance\.|\(version/,
      );
    });
    expect(sheetText(sheet)).toMatch(/RAG legend\nGreen \| on track/);
    // Every change, in words, on its own sheet.
    const changes = tableOf(workbook.getWorksheet("Changes")!, "URN").records;
    expect(changes.length).toBeGreaterThan(0);
    for (const change of changes) {
      expect(String(change["When"]!.value)).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
      expect(String(change["What changed"]!.value)).not.toMatch(/\b[a-z]+\.[a-zA-Z0-9]+\b/);
    }
    for (const each of workbook.worksheets) expect(sheetText(each)).not.toMatch(PERIOD_CODE);
  });

  it("counts changes since the date given, and refuses one that is not a date", async () => {
    const sheet = (await workbookAt(`/export/overview.xlsx?year=${YEAR}&since=2025-09-01`))
      .worksheets[0]!;
    expect(labelled(sheet, "Changes since")).toBe("1 Sep 2025 (the date chosen, 1 Sep 2025)");
    const bad = await download(`/export/overview.xlsx?year=${YEAR}&since=last-board`);
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as {
      errors: { extensions: { code: string; problems: { field: string }[] } }[];
    };
    expect(body.errors[0]?.extensions.code).toBe("BAD_USER_INPUT");
    expect(body.errors[0]?.extensions.problems[0]?.field).toBe("since");
  });

  it.each([
    { path: `/export/academy-card.xlsx?urn=140001&year=${YEAR}` },
    { path: `/export/overview.xlsx?year=${YEAR}` },
  ])("answers 401 to $path without a token, or with an unknown one", async ({ path }) => {
    const anonymous = await download(path, null);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({
      errors: [
        { message: expect.stringMatching(/^Sign in/), extensions: { code: "UNAUTHENTICATED" } },
      ],
    });
    const unknown = await download(path, "mat_no-such-token");
    expect(unknown.status).toBe(401);
    expect(
      ((await unknown.json()) as { errors: { extensions: { code: string } }[] }).errors[0]
        ?.extensions.code,
    ).toBe("UNAUTHENTICATED");
  });

  it("answers 404 to the academy user asking for another academy's card, and 400 to a bad year", async () => {
    const other = await download(
      `/export/academy-card.xlsx?urn=140002&year=${YEAR}`,
      server.tokens.academy,
    );
    expect(other.status).toBe(404);
    expect(
      ((await other.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions
        .code,
    ).toBe("NOT_FOUND");
    const own = await workbookAt(
      `/export/academy-card.xlsx?urn=140001&year=${YEAR}`,
      server.tokens.academy,
    );
    expect(rowsOf(own.worksheets[0]!)[1]![0]).toBe(
      "Academy card: Oakfield Primary Academy (URN 140001), primary",
    );
    const badYear = await download(`/export/overview.xlsx?year=2025-26`);
    expect(badYear.status).toBe(400);
    const [problem] = (
      (await badYear.json()) as {
        errors: { message: string; extensions: { code: string; problems: { field: string }[] } }[];
      }
    ).errors;
    expect(problem?.extensions.code).toBe("BAD_USER_INPUT");
    expect(problem?.extensions.problems[0]?.field).toBe("year");
  });

  describe("names a spreadsheet would run as formulas", () => {
    const hostile = [
      { urn: "150601", name: '=HYPERLINK("http://x","click")' },
      { urn: "150602", name: "+1+2" },
      { urn: "150603", name: "-2+3" },
      { urn: "150604", name: "@SUM(A1:A2)" },
    ];
    beforeAll(async () => {
      for (const academy of hostile)
        await server.client(server.tokens["data-manager"]).request(
          gql`
            mutation Create($input: AcademyInput!) {
              createAcademy(input: $input) {
                urn
              }
            }
          `,
          { input: { ...academy, phase: "PRIMARY" } },
        );
    });

    it.each(hostile)(
      "shows academy $urn named $name as plain text in the overview export",
      async ({ urn, name }) => {
        const sheet = (await workbookAt(`/export/overview.xlsx?year=${YEAR}`)).worksheets[0]!;
        let found: ExcelJS.Cell | undefined;
        sheet.eachRow((row) => {
          if (row.getCell(1).value === urn) found = row.getCell(2);
        });
        expect(found, `row for ${urn}`).toBeDefined();
        const cell = found!;
        expect(cell.formula).toBeUndefined();
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        const text = String(cell.value);
        expect(text).not.toMatch(/^[=+\-@]/);
        expect(text).toBe(`'${name}`);
      },
    );

    it("shows the name as plain text on the academy card export too", async () => {
      const sheet = (await workbookAt(`/export/academy-card.xlsx?urn=150601&year=${YEAR}`))
        .worksheets[0]!;
      for (const cell of [sheet.getCell("A1"), sheet.getCell("A2")]) {
        expect(cell.formula).toBeUndefined();
        expect(cell.type).toBe(ExcelJS.ValueType.String);
      }
      expect(String(sheet.getCell("A2").value)).toBe(
        `Academy card: =HYPERLINK("http://x","click") (URN 150601), primary`,
      );
    });
  });
});
