// The task pane in headless Chromium (Debian's chromium, driven by
// playwright-core) at Excel's task-pane width, against the real server with
// the demo trust. Office.js is replaced by a mock Office host whose workbook
// holds the demo risk matrix. The walk: connect, map the sample range,
// designate into two new columns, save to the server, open an academy card,
// record a measurement and insert the card sheet; then an Excel table, the
// add-in build's own output, an open card following what others record
// (live, over the real WebSocket), a leader's view, a refused token and the
// keyboard. Screenshots go to test-results/taskpane-*.png.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import type { Page } from "playwright-core";
import { buildAddin } from "../../addin/build.js";
import { HEADERS } from "../../server/demo/demo-risk-matrix.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { SEED_MATRICES, type SeedMatrix } from "../fixtures/seed-matrices.js";
import {
  demoRiskMatrixRows,
  demoWorkbookSeed,
  RISK_MATRIX_SHEET,
} from "./taskpane-support/demo-workbook.js";
import type { ExcelMockHandle } from "./taskpane-support/mock-office-host.js";
import type { Cell } from "./taskpane-support/mock-workbook.js";
import { overflowWidth, screenshot, unlabelledControls } from "./taskpane-support/page-checks.js";
import {
  launchTaskpaneBrowser,
  pageErrors,
  type TaskpaneBrowser,
} from "./taskpane-support/taskpane-browser.js";

const TRUST = "Northern Lights Academy Trust";
const YEAR = "2025/26";
const DESIGNATION = HEADERS.length; // first column right of the matrix (AF)

declare global {
  interface Window {
    __excelMock?: ExcelMockHandle;
  }
}

let server: TestServer;
let browser: TaskpaneBrowser;

beforeAll(async () => {
  server = await startTestServer("sqlite");
  browser = await launchTaskpaneBrowser(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

function sheetValues(page: Page, sheet = RISK_MATRIX_SHEET): Promise<Cell[][]> {
  return page.evaluate((name) => window.__excelMock!.snapshot(name).values, sheet);
}

async function expectPaneHealthy(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  expect(await overflowWidth(page), `${name}: wider than the task pane`).toBe(0);
  expect(await unlabelledControls(page), `${name}: controls without a label`).toEqual([]);
}

async function connect(page: Page, token: string): Promise<void> {
  await page.getByLabel("Access token").fill(token);
  await page.getByRole("button", { name: "Connect" }).click();
  await page.getByText(`Connected to ${TRUST}`).waitFor();
}

/** A seed-layout matrix as the sheet holds it: heading rows, the header row, academies (blank rows kept), number formats. */
function seedSheet(matrix: SeedMatrix): { rows: Cell[][]; formats: (string | null)[][] } {
  const width = matrix.headers.length;
  const pad = (row: readonly (Cell | null)[]): Cell[] =>
    Array.from({ length: width }, (_, i) => row[i] ?? "");
  const rows: Cell[][] = [];
  const formats: (string | null)[][] = [];
  for (const heading of matrix.headings) {
    rows.push(pad(heading));
    formats.push([]);
  }
  rows.push([...matrix.headers]);
  formats.push([]);
  const nameFirst = matrix.headers[0] !== "URN";
  for (const academy of matrix.academies) {
    if (academy === null) {
      rows.push(pad([]));
      formats.push([]);
      continue;
    }
    const cells = academy.cells.map((cell) =>
      cell !== null && typeof cell === "object" ? cell.value : (cell ?? ""),
    );
    const cellFormats = academy.cells.map((cell) =>
      cell !== null && typeof cell === "object" ? cell.numFmt : null,
    );
    rows.push(nameFirst ? [academy.name, ...cells] : [cells[0]!, academy.name, ...cells.slice(1)]);
    formats.push(
      nameFirst ? [null, ...cellFormats] : [cellFormats[0]!, null, ...cellFormats.slice(1)],
    );
  }
  return { rows, formats };
}

/** What the server itself makes of the demo rows, sent with their workbook headers (its own alias mapping). */
async function designationsByServer(framework: string): Promise<string[]> {
  const [headers, ...rows] = demoRiskMatrixRows();
  const evidence = rows.map((row) =>
    headers!.flatMap((header, index) =>
      ["URN", "Academy", "Notes"].includes(String(header))
        ? []
        : [{ indicator: String(header), value: row[index] === "" ? null : String(row[index]) }],
    ),
  );
  const data = await server.client(server.tokens["data-manager"]).request<{
    designateBatch: { level: { label: string } | null; status: string }[];
  }>(
    gql`
      query ($framework: String!, $rows: [[EvidenceInput!]!]!, $year: AcademicYear) {
        designateBatch(framework: $framework, rows: $rows, year: $year) {
          level {
            label
          }
          status
        }
      }
    `,
    { framework, rows: evidence, year: YEAR },
  );
  return data.designateBatch.map((designation) =>
    designation.level
      ? `${designation.level.label}${designation.status === "PROVISIONAL" ? " (provisional)" : ""}`
      : "Insufficient evidence",
  );
}

describe("the task pane in Chromium, against the real server", () => {
  it("connects, maps the demo matrix, designates it in one batch, saves it and opens an academy card", async () => {
    const page = await browser.open(demoWorkbookSeed());
    const token = server.tokens["data-manager"];

    // Connect.
    await page.getByLabel("Access token").waitFor();
    expect(await page.getByLabel("Server URL").inputValue()).toBe(server.url);
    await expectPaneHealthy(page, "connect");
    await connect(page, token);
    await page.getByRole("tab", { name: "Connect" }).click();
    await expect(
      page.getByText("Signed in as Demo data-manager (data manager)").isVisible(),
    ).resolves.toBe(true);
    await expectPaneHealthy(page, "connected");

    // Map the sample range: one selected cell (C5) stands for the block around it.
    await page.getByRole("tab", { name: "Risk matrix" }).click();
    await page.getByRole("button", { name: "Use selection" }).click();
    await page.getByText("'Risk matrix'!A1:AE15: 14 academies, 31 columns").waitFor();
    expect(await page.getByLabel("Indicator for column O, P8").inputValue()).toBe("ks4.progress8");
    expect(await page.getByLabel("Indicator for column A, URN").inputValue()).toBe("urn");
    expect(
      await page.getByLabel("Indicator for column F, Latest Ofsted judgement").inputValue(),
    ).toBe("ofsted.overall");
    await page.getByText("Not used (2): Academy, Notes").waitFor();
    // Editable per column: unmapping a column lists it; mapping it again restores it.
    await page.getByLabel("Indicator for column F, Latest Ofsted judgement").selectOption("");
    await page.getByText("Not used (3): Academy, Latest Ofsted judgement, Notes").waitFor();
    await page
      .getByLabel("Indicator for column F, Latest Ofsted judgement")
      .selectOption("ofsted.overall");
    await page.getByText("Not used (2): Academy, Notes").waitFor();
    await expectPaneHealthy(page, "mapping");

    // Designate under phase-model: two new columns, written in one Excel batch.
    await page.getByLabel("Framework", { exact: true }).selectOption("phase-model");
    await page.getByRole("tabpanel", { name: "Risk matrix" }).getByLabel("Year").selectOption(YEAR);
    const syncsBefore = await page.evaluate(() => window.__excelMock!.syncs().length);
    await page.getByRole("button", { name: "Designate" }).click();
    await page
      .getByText("14 rows designated under phase-model, written into 'Risk matrix'!AF1:AG15")
      .waitFor();
    const syncs = await page.evaluate(
      (from) => window.__excelMock!.syncs().slice(from),
      syncsBefore,
    );
    expect(syncs.filter((sync) => sync.writes > 0)).toHaveLength(1);
    const values = await sheetValues(page);
    expect(values[0]!.slice(DESIGNATION)).toEqual([
      "Designation (phase-model)",
      "Reasons (phase-model)",
    ]);
    const written = values.slice(1).map((row) => row[DESIGNATION]);
    expect(written).toEqual(await designationsByServer("phase-model"));
    expect(written[11]).toBe("Insufficient evidence"); // Harbour New Academy: no data yet
    expect(written[7]).toBe("D: Challenged and Vulnerable (Stabilise)"); // Kingsway: safeguarding not effective
    expect(values[3]![DESIGNATION + 1]).toContain("Progress 8 not available");
    await expectPaneHealthy(page, "designated");

    // Save to server as 2025/26 summer evidence (the demo's, at version 1: changes pass expectedVersion).
    await page.getByLabel("Term").selectOption("summer");
    await page.getByRole("button", { name: "Save to server" }).click();
    await page.getByText(`Saved 14 rows as ${YEAR} summer evidence`).waitFor();
    const stored = await server.client(token).request<{
      academy: { evidence: { term: string; version: number }[] };
    }>(gql`
      {
        academy(urn: "140003") {
          evidence(year: "2025/26") {
            term
            version
          }
        }
      }
    `);
    expect(stored.academy.evidence.find((record) => record.term === "SUMMER")?.version).toBe(2);
    await expectPaneHealthy(page, "saved");

    // A cell the server cannot read: designated in place, and listed by row before saving.
    await page.evaluate(() => window.__excelMock!.setCell("Risk matrix", "O4", "Goodish"));
    await page.getByRole("button", { name: "Use selection" }).click();
    await page.getByText("'Risk matrix'!A1:AG15: 14 academies, 33 columns").waitFor();
    await page.getByRole("button", { name: "Designate" }).click();
    await page.getByText("Cannot read this row: 1").waitFor();
    const redone = await sheetValues(page);
    expect(redone[0]!.length).toBe(DESIGNATION + 2); // the same two columns, written over
    expect(redone[3]![DESIGNATION]).toBe("Cannot read this row");
    expect(redone[3]![DESIGNATION + 1]).toContain("Goodish");
    await page.getByRole("button", { name: "Save to server" }).click();
    await page.getByText("1 row has problems; nothing was saved").waitFor();
    const problems = page.getByRole("list", { name: "Problems by row" });
    expect(await problems.textContent()).toMatch(/Row 4 \(URN 140003\):.*Goodish/);
    await expectPaneHealthy(page, "save-errors");
    await page.getByRole("button", { name: "Save the 13 rows without problems" }).click();
    await page.getByText(`Saved 13 rows as ${YEAR} summer evidence`).waitFor();

    // Academy card: targets with status, RAG and progress.
    await page.getByRole("tab", { name: "Academy cards" }).click();
    await page.getByRole("combobox", { name: "Academy" }).click();
    await page.keyboard.type("Oak");
    await page.getByRole("option", { name: "Oakfield Primary Academy (140001)" }).click();
    await page.getByRole("region", { name: `Card of Oakfield Primary Academy, ${YEAR}` }).waitFor();
    // The designation that counts in the card's year, with its status: computed, not yet agreed.
    const cardRegion = page.getByRole("region", {
      name: `Card of Oakfield Primary Academy, ${YEAR}`,
    });
    await cardRegion.getByText("A: Self-Sustaining (Sustain)").waitFor();
    await cardRegion.getByText("Not yet agreed", { exact: true }).first().waitFor();
    const card = await server.client(token).request<{
      academyCard: {
        targets: { metricLabel: string; status: string; progress: { rag: string | null } }[];
      };
    }>(gql`
      {
        academyCard(urn: "140001", year: "2025/26") {
          targets {
            metricLabel
            status
            progress {
              rag
            }
          }
        }
      }
    `);
    expect(card.academyCard.targets.length).toBeGreaterThan(0);
    for (const target of card.academyCard.targets) {
      const item = page.getByRole("article", { name: target.metricLabel, exact: true });
      const text = await item.textContent();
      // The API answers enum values (AGREED, RED); the card shows words ("Agreed").
      expect(text?.toLowerCase()).toContain(target.status.toLowerCase());
      expect(text).toContain(
        { GREEN: "Green: on track", AMBER: "Amber: within tolerance", RED: "Red: off track" }[
          target.progress.rag ?? ""
        ] ?? "No data yet",
      );
      expect(await item.getByRole("progressbar").count()).toBe(1);
    }
    await expectPaneHealthy(page, "card");

    // Record a measurement: overall absence 3.4 in summer 2 meets the 3.5 target.
    // Typed as Excel's percent format stores it (0.034), the form says how it reads it.
    const absence = page.getByRole("article", { name: "Overall absence", exact: true });
    await absence.getByRole("button", { name: "Record measurement: Overall absence" }).click();
    await absence.getByLabel("Period").selectOption("summer2");
    await absence.getByLabel("Value").fill("0.034");
    await absence.getByText("read as 3.4%").waitFor();
    await expectPaneHealthy(page, "card-measurement-form");
    await absence.getByLabel("Source").fill("MIS export");
    await absence.getByRole("button", { name: "Record", exact: true }).click();
    await absence.getByText("Green: on track").waitFor();
    await expectPaneHealthy(page, "card-measured");

    // Insert card sheet: a formatted sheet with a native chart of progress against target.
    await page.getByRole("button", { name: "Insert card sheet" }).click();
    await page.getByText("Inserted the sheet “Card 140001 2025-26”").waitFor();
    const sheet = await page.evaluate(() => {
      const mock = window.__excelMock!;
      return {
        names: mock.sheetNames(),
        active: mock.activeSheet(),
        snapshot: mock.snapshot("Card 140001 2025-26"),
      };
    });
    expect(sheet.names).toContain("Card 140001 2025-26");
    expect(sheet.active).toBe("Card 140001 2025-26");
    expect(sheet.snapshot.values[4]!.slice(0, 8)).toEqual([
      "Metric",
      "Status",
      "Baseline",
      "Target",
      "Latest",
      "Period",
      "Gap closed",
      "RAG",
    ]);
    expect(sheet.snapshot.charts).toHaveLength(1);
    expect(sheet.snapshot.charts[0]).toMatchObject({
      type: "BarClustered",
      title: "Progress against target",
    });
    expect(sheet.snapshot.formats.A5?.bold).toBe(true);

    // The token lives in Office's storage, never in the workbook; it survives a reload.
    const everything = await page.evaluate(() =>
      JSON.stringify(
        window.__excelMock!.sheetNames().map((name) => window.__excelMock!.snapshot(name).values),
      ),
    );
    expect(everything).not.toContain(token);
    expect(await page.evaluate(() => window.__excelMock!.settingsWrites)).toEqual([]);
    await page.reload();
    await page.getByRole("tab", { name: "Risk matrix", selected: true }).waitFor();
    await page.getByText("data manager", { exact: true }).waitFor();

    // Sign out forgets the token.
    await page.getByRole("tab", { name: "Connect" }).click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Access token").waitFor();
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(token);
    expect(pageErrors(page)).toEqual([]);
  }, 240_000);

  it("designates an Excel table into two new table columns, and over them when run again", async () => {
    const seed = demoWorkbookSeed();
    const page = await browser.open({
      ...seed,
      tables: [{ name: "RiskMatrix", sheet: RISK_MATRIX_SHEET, address: "A1:AE15" }],
      selection: { sheet: "Notes", address: "A1" },
    });
    await connect(page, server.tokens["data-manager"]);
    await page.getByRole("tab", { name: "Risk matrix" }).click();
    const pane = page.getByRole("tabpanel", { name: "Risk matrix" });
    await pane.getByLabel("Or a table").selectOption("RiskMatrix");
    await page
      .getByText("Table RiskMatrix, 'Risk matrix'!A1:AE15: 14 academies, 31 columns")
      .waitFor();
    await pane.getByLabel("Framework", { exact: true }).selectOption("risk-matrix");
    for (const run of [1, 2]) {
      await pane.getByRole("button", { name: "Designate" }).click();
      await page
        .getByText("two new columns of table RiskMatrix")
        .or(page.getByText("'Risk matrix'!AF1:AG15"))
        .waitFor();
      await page
        .getByText(`Table RiskMatrix, 'Risk matrix'!A1:AG15: 14 academies, 33 columns`)
        .waitFor();
      const tables = await page.evaluate(() => window.__excelMock!.tables());
      expect(tables, `run ${run}`).toEqual([
        { name: "RiskMatrix", address: "'Risk matrix'!A1:AG15" },
      ]);
    }
    const values = await sheetValues(page);
    expect(values[0]!.slice(DESIGNATION)).toEqual([
      "Designation (risk-matrix)",
      "Reasons (risk-matrix)",
    ]);
    expect(values.slice(1).map((row) => row[DESIGNATION])).toEqual(
      await designationsByServer("risk-matrix"),
    );
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);

  it("reads a seed-002-style matrix picked by sheet: heading row skipped, the seed's headers, provisional shown, mapping saved for the trust", async () => {
    const seed002 = SEED_MATRICES.find((matrix) => matrix.seed === "002")!;
    const seed000 = SEED_MATRICES.find((matrix) => matrix.seed === "000")!;
    const page = await browser.open({
      sheets: [
        { name: "Notes", rows: [["Workbook kept by the data manager"]] },
        { name: "Matrix 2025-26", ...seedSheet(seed002) },
        { name: "Primary", ...seedSheet(seed000) },
      ],
      selection: { sheet: "Notes", address: "A1" },
    });
    await connect(page, server.tokens["data-manager"]);
    await page.getByRole("tab", { name: "Risk matrix" }).click();
    const pane = page.getByRole("tabpanel", { name: "Risk matrix" });
    await pane.getByLabel("Or a sheet").selectOption("Matrix 2025-26");
    await page
      .getByText("5 academies, 12 columns; headers in row 2 (1 heading row above skipped)", {
        exact: false,
      })
      .waitFor();
    await pane.getByLabel("Framework", { exact: true }).selectOption("risk-matrix");
    // The seed's own headers are the trust's own judgements; its answer column is not evidence.
    expect(
      await pane.getByLabel("Indicator for column E, The Quality of Education").inputValue(),
    ).toBe("qa.qualityOfEducation");
    expect(await pane.getByLabel("Indicator for column K, Safeguarding").inputValue()).toBe(
      "qa.safeguarding",
    );
    expect(
      await pane.getByLabel("Indicator for column L, Current Status judgement 1-3").inputValue(),
    ).toBe("");
    await expectPaneHealthy(page, "seed-002-mapping");

    await pane.getByRole("button", { name: "Designate" }).click();
    await page.getByRole("status", { name: "Designation summary" }).waitFor();
    const values = await sheetValues(page, "Matrix 2025-26");
    const written = values.slice(2).map((row) => [row[0], row[12]]);
    expect(written).toEqual([
      ["Carleton High", "Category 3: intensive support"],
      ["", ""],
      ["Wingfield Academy", "Category 1: securely good or outstanding"],
      ["Rosewood Primary", "Category 2: targeted support or not meeting its Ofsted judgement"],
      ["Ashfield Academy", "Category 3: intensive support"],
      ["Beech Tree Primary", "Category 1: securely good or outstanding (provisional)"],
    ]);
    expect(String(values[7]![13])).toContain("Provisional: no SEF judgement");
    await expectPaneHealthy(page, "seed-002-designated");

    // The mapping saved for the trust is what the server uses afterwards.
    await pane.getByRole("button", { name: "Save mapping for the trust" }).click();
    await page.getByRole("status", { name: "Column map saved" }).waitFor();
    const saved = await server.client(server.tokens.leader).request<{
      columnMap: { header: string; indicator: string | null }[];
    }>(gql`
      {
        columnMap {
          header
          indicator
        }
      }
    `);
    expect(saved.columnMap).toContainEqual({
      header: "Safeguarding",
      indicator: "qa.safeguarding",
    });
    expect(saved.columnMap).toContainEqual({
      header: "Latest SEF judgement",
      indicator: "sef.overall",
    });

    // A percent-formatted 100% KS2 RWM is 100%, not 1%: the small primary is not Stabilise.
    await pane.getByLabel("Framework", { exact: true }).selectOption("phase-model");
    await pane.getByLabel("Or a sheet").selectOption("Primary");
    await page.getByText("4 academies, 7 columns", { exact: false }).waitFor();
    await pane.getByRole("button", { name: "Designate" }).click();
    await page.getByText("4 rows designated under phase-model").waitFor();
    const primary = await sheetValues(page, "Primary");
    expect(primary.slice(2).map((row) => [row[1], row[7]])).toEqual(
      seed000.academies
        .filter((academy) => academy !== null)
        .map((academy) => [
          academy.name,
          expect.stringContaining(
            { sustain: "Sustain", improve: "Improve", repair: "Repair", stabilise: "Stabilise" }[
              academy.expected
            ]!,
          ),
        ]),
    );
    expect(primary[2]![7]).toBe("A: Self-Sustaining (Sustain)");
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);

  it("works the same from the add-in build (addin/build.ts): its page, the real custom functions and the minified bundle", async () => {
    const builtDir = await mkdtemp(join(tmpdir(), "mat-addin-"));
    try {
      // The manifest's URLs are not used here (the page is opened directly); they must be https.
      await buildAddin({ outDir: builtDir });
      const page = await browser.open(demoWorkbookSeed(), { builtDir });
      await connect(page, server.tokens["data-manager"]);
      await page.getByRole("tab", { name: "Risk matrix" }).click();
      await page.getByRole("button", { name: "Use selection" }).click();
      await page.getByText("'Risk matrix'!A1:AE15: 14 academies, 31 columns").waitFor();
      await page
        .getByRole("tabpanel", { name: "Risk matrix" })
        .getByLabel("Year")
        .selectOption(YEAR);
      await page.getByRole("button", { name: "Designate" }).click();
      await page.getByText("14 rows designated under phase-model").waitFor();
      const values = await sheetValues(page);
      expect(values.slice(1).map((row) => row[DESIGNATION])).toEqual(
        await designationsByServer("phase-model"),
      );
      // The shared runtime: the same page registered the custom functions.
      expect(await page.evaluate(() => window.__excelMock!.customFunctions)).toContain(
        "DESIGNATION",
      );
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await rm(builtDir, { recursive: true, force: true });
    }
  }, 120_000);

  it("keeps an open card up to date: what is recorded elsewhere shows with no click, for the academy open", async () => {
    const page = await browser.open(demoWorkbookSeed());
    // What the pane sends on its WebSocket (graphql-ws messages), to see it subscribe and unsubscribe.
    const sent: { type: string; id?: string; payload?: { variables?: { urn?: string } } }[] = [];
    page.on("websocket", (socket) =>
      socket.on("framesent", (frame) => sent.push(JSON.parse(String(frame.payload)))),
    );
    const subscriptionsOf = (urn: string) =>
      sent.filter(
        (message) => message.type === "subscribe" && message.payload?.variables?.urn === urn,
      );
    const ended = (urn: string) =>
      subscriptionsOf(urn).filter((subscription) =>
        sent.some((message) => message.type === "complete" && message.id === subscription.id),
      );
    await connect(page, server.tokens.leader);
    await page.getByRole("tab", { name: "Academy cards" }).click();
    const open = async (name: string) => {
      await page.getByRole("combobox", { name: "Academy" }).click();
      await page.getByRole("option", { name }).click();
    };
    await open("Meadow Lane Primary (140004)");
    await page.getByRole("region", { name: `Card of Meadow Lane Primary, ${YEAR}` }).waitFor();
    const dataManager = server.client(server.tokens["data-manager"]);
    const record = (urn: string, metric: string, value: number) =>
      dataManager.request(
        gql`
          mutation ($input: MeasurementInput!) {
            recordMeasurement(input: $input) {
              id
            }
          }
        `,
        {
          input: {
            urn,
            year: YEAR,
            metric,
            period: "SUMMER2",
            value,
            source: "Another user's MIS",
          },
        },
      );

    // A measurement recorded through the API by someone else.
    const absence = page.getByRole("article", { name: "Overall absence", exact: true });
    await page.waitForTimeout(300); // the subscription reaches the server
    const started = performance.now();
    await record("140004", "attendance.absence", 2.7);
    await absence.getByText(/latest 2\.7% \(Summer 2\)/).waitFor({ timeout: 2_000 });
    console.log(
      `task pane: a measurement recorded through the API showed on the open card ${Math.round(performance.now() - started)} ms after the request was sent`,
    );
    expect(await absence.textContent()).toContain("Summer 2 2.7%"); // in the measurements too

    // A target changed through the API.
    const { target } = await dataManager.request<{
      target: { version: number; baseline: number; status: string };
    }>(gql`
      query {
        target(urn: "140004", metric: "attendance.persistentAbsence", year: "2025/26") {
          version
          baseline
          status
        }
      }
    `);
    await dataManager.request(
      gql`
        mutation ($input: TargetInput!) {
          setTarget(input: $input) {
            version
          }
        }
      `,
      {
        input: {
          urn: "140004",
          year: YEAR,
          metric: "attendance.persistentAbsence",
          baseline: target.baseline,
          target: 9.5,
          expectedVersion: target.version,
          reason: "Revised at the spring review",
        },
      },
    );
    await page
      .getByRole("article", { name: "Persistent absence", exact: true })
      .getByText(/target 9\.5%/)
      .waitFor({ timeout: 2_000 });

    // Another academy: its events reach the card, the first academy's no longer do.
    await open("St Anne's CE Primary (140005)");
    await page.getByRole("region", { name: `Card of St Anne's CE Primary, ${YEAR}` }).waitFor();
    await page.waitForTimeout(300);
    await record("140004", "attendance.absence", 2.5);
    await record("140005", "attendance.absence", 3.2);
    await absence.getByText(/latest 3\.2% \(Summer 2\)/).waitFor({ timeout: 2_000 });
    // progressChanged and targetChanged for each academy opened; the first academy's ended.
    expect(subscriptionsOf("140004")).toHaveLength(2);
    expect(ended("140004")).toHaveLength(2);
    expect(subscriptionsOf("140005")).toHaveLength(2);
    expect(ended("140005")).toHaveLength(0);
    await expectPaneHealthy(page, "card-live");

    // Signing out closes the card and ends its subscriptions.
    await page.getByRole("tab", { name: "Connect" }).click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => ended("140005").length).toBe(2);
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);

  it("shows a leader the card without recording measurements, offers only the board steps, and no evidence saving", async () => {
    const page = await browser.open(demoWorkbookSeed());
    await connect(page, server.tokens.leader);
    await page.getByRole("tab", { name: "Risk matrix" }).click();
    await page.getByRole("button", { name: "Use selection" }).click();
    await page.getByText(/Saving rows as evidence is for data managers/).waitFor();
    await page.getByRole("tab", { name: "Academy cards" }).click();
    await page.getByRole("combobox", { name: "Academy" }).click();
    await page.getByRole("option", { name: "Hillcrest School (140003)" }).click();
    await page.getByRole("region", { name: `Card of Hillcrest School, ${YEAR}` }).waitFor();
    expect(await page.getByRole("button", { name: /^Record measurement/ }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Edit target/ }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Propose/ }).count()).toBe(0);
    // Overall absence is proposed: the leader records the LGB's review for the board.
    const absence = page.getByRole("article", { name: "Overall absence", exact: true });
    await absence.getByRole("button", { name: "Record LGB review: Overall absence" }).click();
    await absence.getByLabel("Date the board met").fill("2025-10-01");
    await expectPaneHealthy(page, "leader-review-form");
    await absence.getByRole("button", { name: "Record LGB review", exact: true }).click();
    await absence.getByText("Reviewed by the LGB, 1 Oct 2025 (Demo leader)").waitFor();
    await absence
      .getByRole("button", { name: "Record trust board agreement: Overall absence" })
      .waitFor();
    await expectPaneHealthy(page, "leader-card");
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);

  it("shows a governor their own academy's card with only the LGB review to record, and a pending change beside the agreed value", async () => {
    const page = await browser.open(demoWorkbookSeed());
    await connect(page, server.tokens.governor);
    await page.getByRole("tab", { name: "Academy cards" }).click();
    await page.getByRole("combobox", { name: "Academy" }).click();
    // Only the academies of the governor's local board are offered.
    const offered = (await page.getByRole("option").allTextContents()).filter((text) =>
      /\(\d{6}\)$/.test(text),
    );
    expect(offered).toEqual(["Oakfield Primary Academy (140001)"]);
    await page.getByRole("option", { name: "Oakfield Primary Academy (140001)" }).click();
    await page.getByRole("region", { name: `Card of Oakfield Primary Academy, ${YEAR}` }).waitFor();
    const buttons = await page.getByRole("article").getByRole("button").allTextContents();
    expect(buttons.every((text) => text === "Record LGB review")).toBe(true);
    expect(buttons.length).toBeGreaterThan(0);
    // A change to the agreed absence target, asked for by the data manager.
    const { target } = await server.client(server.tokens["data-manager"]).request<{
      target: { version: number; baseline: number; target: number };
    }>(gql`
      query {
        target(urn: "140001", metric: "attendance.absence", year: "2025/26") {
          version
          baseline
          target
        }
      }
    `);
    await server.client(server.tokens["data-manager"]).request(
      gql`
        mutation ($input: TargetInput!) {
          setTarget(input: $input) {
            version
          }
        }
      `,
      {
        input: {
          urn: "140001",
          year: YEAR,
          metric: "attendance.absence",
          baseline: target.baseline,
          target: target.target + 0.5,
          expectedVersion: target.version,
          reason: "New housing estate",
        },
      },
    );
    const absence = page.getByRole("article", { name: "Overall absence", exact: true });
    await absence.getByRole("note", { name: "Change pending: Overall absence" }).waitFor();
    expect(await absence.textContent()).toContain("stays in force until the trust board agrees");
    await expectPaneHealthy(page, "governor-card");
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);

  it("refuses a token the server does not know, and stores nothing", async () => {
    const page = await browser.open(demoWorkbookSeed());
    await page.getByLabel("Access token").fill("mat_not-a-real-token");
    await page.getByRole("button", { name: "Connect" }).click();
    await page.getByText("The server did not accept this token. Check it and try again.").waitFor();
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(
      "mat_not-a-real-token",
    );
    await expectPaneHealthy(page, "refused");
  }, 60_000);

  it("says when Office's storage cannot be read instead of waiting on it, and can try again", async () => {
    const page = await browser.open(demoWorkbookSeed(), {
      storageError: "Storage is turned off by policy",
    });
    await page
      .getByText("The saved connection could not be read: Storage is turned off by policy")
      .waitFor();
    await expect(page.getByText("Not connected").first().isVisible()).resolves.toBe(true);
    await page.getByRole("button", { name: "Try the saved token again" }).click();
    await page.getByRole("button", { name: "Try the saved token again" }).waitFor();
    expect(pageErrors(page)).toEqual([]);
  }, 60_000);

  it("can be worked with the keyboard alone: sign in with Enter, move between tabs with the arrow keys", async () => {
    const page = await browser.open(demoWorkbookSeed());
    await page.getByLabel("Access token").focus();
    await page.keyboard.type(server.tokens["data-manager"]);
    await page.keyboard.press("Enter");
    await page.getByText(`Connected to ${TRUST}`).waitFor({ state: "attached" });
    await page.getByRole("tab", { name: "Connect", selected: true }).focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await page.getByRole("tab", { name: "Academy cards", selected: true }).waitFor();
    await page.getByRole("combobox", { name: "Academy" }).focus();
    await page.keyboard.type("Castle");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.getByRole("region", { name: `Card of Castle Primary, ${YEAR}` }).waitFor();
    await page.keyboard.press("Shift+Tab");
    await page.getByRole("tab", { name: "Academy cards" }).focus();
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Space");
    await page.getByRole("button", { name: "Use selection" }).waitFor();
    await page.getByRole("button", { name: "Use selection" }).focus();
    await page.keyboard.press("Enter");
    await page.getByText("14 academies, 31 columns").waitFor();
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);
});
