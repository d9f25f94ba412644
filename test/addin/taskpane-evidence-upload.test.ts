// Saving the risk matrix as evidence, against the real server (the demo
// trust's 2025/26 summer evidence exists at version 1): every row checked
// first with problems listed by sheet row; the rest sent in chunks with
// progress, each change carrying the version it replaces; a refused chunk
// listed by row while the others are saved.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraphQLHttpClient } from "../../addin/shared/graphql-client.js";
import type { SheetTable } from "../../addin/taskpane/excel/sheet-table.js";
import { autoMapColumns } from "../../addin/taskpane/risk-matrix/column-map.js";
import {
  checkEvidenceRows,
  saveEvidenceRows,
} from "../../addin/taskpane/risk-matrix/evidence-upload.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { demoRiskMatrixRows } from "./taskpane-support/demo-workbook.js";
import type { Cell } from "./taskpane-support/mock-workbook.js";

const YEAR = "2025/26";
const TERM = "summer";

let server: TestServer;
let client: GraphQLHttpClient;

beforeAll(async () => {
  server = await startTestServer("sqlite");
  client = new GraphQLHttpClient(server.url, server.tokens["data-manager"]);
});

afterAll(async () => {
  await server?.stop();
});

function matrix(edit: (rows: Cell[][]) => void = () => {}): SheetTable {
  const [headers, ...rows] = demoRiskMatrixRows();
  edit(rows);
  return {
    sheet: "Risk matrix",
    address: "'Risk matrix'!A1:AE15",
    tableName: null,
    rowIndex: 0,
    columnIndex: 0,
    headers: headers!.map(String),
    rows,
  };
}

async function summerVersions(): Promise<Map<string, number>> {
  const checked = await checkEvidenceRows(
    client,
    matrix(),
    autoMapColumns(matrix().headers),
    "phase-model",
    YEAR,
    TERM,
  );
  return new Map(checked.versions);
}

describe("checking rows before saving", () => {
  it("lists every problem by sheet row, and keeps the good rows with the stored versions", async () => {
    const table = matrix((rows) => {
      rows[0]![0] = ""; // row 2: no URN
      rows[1]![0] = 12345; // row 3: five digits
      rows[2]![0] = 999999; // row 4: not in the trust
      rows[4]![0] = 140004; // row 6: the same URN as row 5
      rows[9]![14] = "Goodish"; // row 11: P8 unreadable
    });
    const checked = await checkEvidenceRows(
      client,
      table,
      autoMapColumns(table.headers),
      "phase-model",
      YEAR,
      TERM,
    );
    expect(
      checked.errors.map((error) => [error.sheetRow, error.urn, error.messages.join(" ")]),
    ).toEqual([
      [2, null, "No URN in this row."],
      [3, "12345", 'URN "12345" is not six digits.'],
      [4, "999999", "No academy with URN 999999 in your trust."],
      [6, "140004", "URN 140004 is also on row 5."],
      [11, "140010", expect.stringMatching(/^Progress 8 \(ks4\.progress8\).*Goodish/)],
    ]);
    expect(checked.ready.map((row) => row.sheetRow)).toEqual([5, 7, 8, 9, 10, 12, 13, 14, 15]);
    expect(checked.ready[0]!.evidence).toContainEqual({ indicator: "phase", value: "Primary" });
    expect(checked.versions.get("140001")).toBe(1);
  });

  it("needs a column mapped to URN", async () => {
    const table = matrix();
    const mapping = autoMapColumns(table.headers).map((column) =>
      column.role.kind === "urn" ? { ...column, role: { kind: "unmapped" as const } } : column,
    );
    await expect(
      checkEvidenceRows(client, table, mapping, "phase-model", YEAR, TERM),
    ).rejects.toMatchObject({
      kind: "BAD_USER_INPUT",
      message: expect.stringContaining("map a column to URN"),
    });
  });
});

describe("saving in chunks", () => {
  it("saves every row in chunks, reporting progress, each change passing the version it replaces", async () => {
    const table = matrix();
    const checked = await checkEvidenceRows(
      client,
      table,
      autoMapColumns(table.headers),
      "phase-model",
      YEAR,
      TERM,
    );
    const progress: [number, number][] = [];
    const outcome = await saveEvidenceRows(
      client,
      YEAR,
      TERM,
      checked.ready,
      checked.versions,
      (done, total) => progress.push([done, total]),
      5,
    );
    expect(outcome).toEqual({ saved: 14, errors: [] });
    expect(progress).toEqual([
      [0, 14],
      [5, 14],
      [10, 14],
      [14, 14],
    ]);
    expect((await summerVersions()).get("140001")).toBe(checked.versions.get("140001")! + 1);
  });

  it("lists a chunk the server refuses (a stale version) by row and saves the other chunks", async () => {
    const table = matrix();
    const checked = await checkEvidenceRows(
      client,
      table,
      autoMapColumns(table.headers),
      "phase-model",
      YEAR,
      TERM,
    );
    const stale = new Map(checked.versions);
    stale.set("140007", stale.get("140007")! - 1); // someone saved Brookside since
    const outcome = await saveEvidenceRows(client, YEAR, TERM, checked.ready, stale, () => {}, 5);
    expect(outcome.saved).toBe(9);
    expect(outcome.errors.map((error) => error.sheetRow)).toEqual([7, 8, 9, 10, 11]);
    expect(outcome.errors[0]!.messages[0]).toMatch(
      /^Not saved: Evidence for 140007 2025\/26 summer was changed by someone else/,
    );
    const after = await summerVersions();
    expect(after.get("140001")).toBe(checked.versions.get("140001")! + 1);
    expect(after.get("140007")).toBe(checked.versions.get("140007"));
  });

  it("stops when the server cannot be reached, listing every row as not sent", async () => {
    const table = matrix();
    const checked = await checkEvidenceRows(
      client,
      table,
      autoMapColumns(table.headers),
      "phase-model",
      YEAR,
      TERM,
    );
    const offline = new GraphQLHttpClient("http://127.0.0.1:9", server.tokens["data-manager"]);
    const outcome = await saveEvidenceRows(
      offline,
      YEAR,
      TERM,
      checked.ready,
      checked.versions,
      () => {},
      5,
    );
    expect(outcome.saved).toBe(0);
    expect(outcome.errors).toHaveLength(14);
    expect(outcome.errors[0]!.messages[0]).toMatch(/^Not saved: Cannot reach the server/);
    expect(outcome.errors[13]!.messages[0]).toMatch(/^Not sent: Cannot reach the server/);
  });
});
