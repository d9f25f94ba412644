// Workbook exports for a governors' meeting over real HTTP: the academy card
// and the trust overview as .xlsx, with the same bearer token as the API, and
// every text cell plain text, never a formula, whatever an academy is called.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import ExcelJS from "exceljs";
import { startTestServer, storesToTest, type TestServer } from "../support/test-server.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const YEAR = "2025/26";

const CARD = gql`
  query Card($urn: URN!, $year: AcademicYear!) {
    academyCard(urn: $urn, year: $year) {
      academy {
        name
      }
      targets {
        metricLabel
        baseline
        target
        status
        signOff {
          action
          bodyName
        }
        progress {
          latest
          rag
          national
          nationalFigure
          expected
          tolerance
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
        }
        designation {
          computed {
            label
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
  academy: { name: string };
  targets: {
    metricLabel: string;
    baseline: number;
    target: number;
    status: string;
    signOff: { action: string; bodyName: string }[];
    progress: {
      latest: number | null;
      rag: string | null;
      national: number | null;
      nationalFigure: string | null;
      expected: number | null;
      tolerance: number;
    };
  }[];
};

type OverviewRow = {
  academy: { urn: string; name: string };
  designation: { computed: { label: string } | null } | null;
  rag: { green: number; amber: number; red: number; none: number };
};

/** The worksheet's rows as cell values, from the first row; each row starts at column A. */
function rowsOf(sheet: ExcelJS.Worksheet): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values: ExcelJS.CellValue[] = [];
    for (let column = 1; column <= sheet.columnCount; column++)
      values.push(row.getCell(column).value);
    rows[number - 1] = values;
  });
  return rows;
}

describe.each(await storesToTest())("workbook exports on %s", (store) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(store);
  });
  afterAll(async () => {
    await server?.stop();
  });

  function download(path: string, token: string | null = server.tokens.leader) {
    return fetch(`${server.url}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  }

  async function workbookAt(path: string, token?: string): Promise<ExcelJS.Worksheet> {
    const response = await download(path, token);
    expect(
      response.status,
      await response
        .clone()
        .text()
        .catch(() => ""),
    ).toBe(200);
    expect(response.headers.get("content-type")).toMatch(new RegExp(`^${XLSX}`));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error(`${path} has no worksheet`);
    return sheet;
  }

  it("exports an academy card with the academy's name, its metrics and the RAG of each", async () => {
    const sheet = await workbookAt(`/export/academy-card.xlsx?urn=140001&year=${YEAR}`);
    const card = (
      await server
        .client(server.tokens.leader)
        .request<{ academyCard: Card }>(CARD, { urn: "140001", year: YEAR })
    ).academyCard;
    const rows = rowsOf(sheet);
    expect(rows[0]![0]).toBe("Oakfield Primary Academy (URN 140001)");
    expect(String(rows[2]![0])).toMatch(/^Designation: /);
    expect(rows[4]!.slice(0, 15)).toEqual([
      "Metric",
      "Baseline",
      "Target",
      "Status",
      "Signed off",
      "Latest",
      "Period",
      "Expected by then",
      "Tolerance",
      "Gap closed",
      "On track",
      "RAG",
      "National",
      "National figure",
      "Change pending",
    ]);
    const targets = rows.slice(5).filter((row) => row[0] !== null && row[0] !== undefined);
    expect(targets).toHaveLength(card.targets.length);
    card.targets.forEach((target, index) => {
      const row = targets[index]!;
      expect(row[0], target.metricLabel).toBe(target.metricLabel);
      expect(row[1]).toBe(target.baseline);
      expect(row[2]).toBe(target.target);
      // The workbook writes the domain's words (agreed); the API's enum is AGREED.
      expect(row[3]).toBe(target.status.toLowerCase());
      // Each sign-off step with its body and the date the board met.
      for (const step of target.signOff) expect(String(row[4])).toContain(step.bodyName);
      if (target.status === "AGREED")
        expect(String(row[4])).toMatch(/agreed: Trust Board, 14 Oct 2025/);
      expect(row[5]).toBe(target.progress.latest);
      expect(row[7]).toBe(target.progress.expected);
      expect(row[8]).toBe(target.progress.tolerance);
      expect(row[11]).toBe(target.progress.rag ?? "NO DATA");
      expect(row[12]).toBe(target.progress.national);
      // Which national figure, with its source: built in, or loaded from a DfE file.
      expect(row[13] || null).toBe(target.progress.nationalFigure);
    });
    // Shown to the unit's precision: one decimal for a percentage.
    const absenceRow = sheet.getRow(6);
    expect(absenceRow.getCell(8).numFmt).toBe("0.0");
    expect(absenceRow.getCell(9).numFmt).toBe("0.0");
    expect(targets.map((row) => row[11])).toSatisfy((rags: unknown[]) =>
      rags.every((rag) => ["GREEN", "AMBER", "RED", "NO DATA"].includes(String(rag))),
    );
  });

  it("exports the trust overview with every academy, its designation and its RAG counts", async () => {
    const sheet = await workbookAt(`/export/overview.xlsx?year=${YEAR}`);
    const overview = (
      await server
        .client(server.tokens.leader)
        .request<{ trustOverview: { academies: OverviewRow[] } }>(OVERVIEW, { year: YEAR })
    ).trustOverview;
    const rows = rowsOf(sheet);
    expect(rows[0]![0]).toBe(`Northern Lights Academy Trust: trust overview ${YEAR}`);
    expect(rows[2]!.slice(0, 9)).toEqual([
      "URN",
      "Academy",
      "Phase",
      "Designation",
      "Status",
      "Green",
      "Amber",
      "Red",
      "No data",
    ]);
    const academies = rows.slice(3);
    expect(academies.map((row) => row[0])).toEqual(
      overview.academies.map((row) => row.academy.urn),
    );
    overview.academies.forEach((expected, index) => {
      const row = academies[index]!;
      expect(row[1]).toBe(expected.academy.name);
      expect(row[3]).toBe(expected.designation?.computed?.label ?? "Insufficient evidence");
      expect(row.slice(5, 9), expected.academy.urn).toEqual([
        expected.rag.green,
        expected.rag.amber,
        expected.rag.red,
        expected.rag.none,
      ]);
    });
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
    expect(rowsOf(own)[0]![0]).toBe("Oakfield Primary Academy (URN 140001)");
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
        const sheet = await workbookAt(`/export/overview.xlsx?year=${YEAR}`);
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
      const sheet = await workbookAt(`/export/academy-card.xlsx?urn=150601&year=${YEAR}`);
      const title = sheet.getCell("A1");
      expect(title.formula).toBeUndefined();
      expect(title.type).toBe(ExcelJS.ValueType.String);
      expect(String(title.value)).toBe(`'=HYPERLINK("http://x","click") (URN 150601)`);
    });
  });
});
