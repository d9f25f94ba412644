// MAT.DESIGNATION and MAT.EXPLAIN on a trust's own matrix, against the real
// server: the seed's headers read as the framework means them, the plain level
// beside its status (complete or provisional), what is missing named, an
// ambiguous header asked in the cell, and percent cells read as Excel shows
// them from their number formats, read once per recalculation. Only the
// CustomFunctions global and Excel's number formats are mocked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installCustomFunctionsMock } from "./custom-functions-mock.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { saveConnection } from "../../addin/shared/connection.js";
import { configureFunctions, designation, explain } from "../../addin/functions/index.js";
import type { FunctionRuntime } from "../../addin/functions/function-runtime.js";
import { splitAddress } from "../../addin/functions/number-formats.js";

const SEED_002_HEADERS = [
  [
    "Academy",
    "Latest Ofsted judgement",
    "Latest SEF judgement",
    "The Quality of Education",
    "Leadership & Management",
    "Safeguarding",
    "Current Status judgement 1-3",
  ],
];
const CARLETON = [["Carleton High", "Good", 2, 3, 3, "Effective", 1]];
const BEECH = [["Beech Tree Primary", "Good", "", 2, 2, "Effective", 1]];

const PRIMARY_HEADERS = [["Phase", "Most recent inspection outcome", "KS2 RWM %"]];
const LITTLE_OAK = [["Primary", "Outstanding", 1]];

/** Number formats by address, as Excel holds them. */
const FORMATS = new Map<string, string[][]>([
  ["Primary!A2:C2", [["General", "General", "0%"]]],
  ["Primary!A3:C3", [["General", "General", "General"]]],
]);

let server: TestServer;
let runtime: FunctionRuntime;
const reads: string[][] = [];

beforeAll(async () => {
  await installCustomFunctionsMock();
  server = await startTestServer("sqlite");
  runtime = configureFunctions({
    now: () => new Date("2026-03-02T10:00:00Z"),
    readFormats: async (addresses) => {
      reads.push([...addresses]);
      return new Map(addresses.map((address) => [address, FORMATS.get(address) ?? [[]]]));
    },
  });
  await saveConnection({ serverUrl: server.url, token: server.tokens.leader });
});

afterAll(async () => {
  configureFunctions();
  await server?.stop();
});

/** Excel's invocation for a cell whose `values` argument is at `address`. */
const at = (address: string) =>
  ({ parameterAddresses: ["", address] }) as unknown as CustomFunctions.Invocation;

describe("MAT functions on a trust's own matrix", () => {
  it("designates seed 002's Carleton High as Category 3, plain for COUNTIF, with status complete", async () => {
    expect(await designation("risk-matrix", CARLETON, SEED_002_HEADERS)).toBe(
      "Category 3: intensive support",
    );
    expect(await designation("risk-matrix", CARLETON, SEED_002_HEADERS, "status")).toBe("complete");
  });

  it("keeps a provisional level plain, says provisional in its status, and MAT.EXPLAIN names what is missing", async () => {
    expect(await designation("risk-matrix", BEECH, SEED_002_HEADERS)).toBe(
      "Category 1: securely good or outstanding",
    );
    expect(await designation("risk-matrix", BEECH, SEED_002_HEADERS, "status")).toBe("provisional");
    const text = await explain("risk-matrix", BEECH, SEED_002_HEADERS);
    expect(text.split("\n")[0]).toBe("Provisional: no SEF judgement");
  });

  it("asks in MAT.EXPLAIN which indicator an ambiguous header means, with its choices", async () => {
    const text = await explain("phase-model", CARLETON, SEED_002_HEADERS);
    expect(text).toContain("Cannot designate this row:");
    expect(text).toContain(
      '"Safeguarding" could mean Ofsted safeguarding (ofsted.safeguarding) or Trust safeguarding audit (qa.safeguarding)',
    );
  });

  it("reads a percent-formatted 100% as 100%, reading every cell's formats in one batch per recalculation", async () => {
    reads.length = 0;
    const [formatted, general, explained] = await Promise.all([
      designation("phase-model", LITTLE_OAK, PRIMARY_HEADERS, "key", at("Primary!A2:C2")),
      designation("phase-model", LITTLE_OAK, PRIMARY_HEADERS, "key", at("Primary!A3:C3")),
      explain("phase-model", LITTLE_OAK, PRIMARY_HEADERS, at("Primary!A2:C2")),
    ]);
    expect(formatted).toBe("sustain");
    // The same 1 in a General cell is 1%, as Excel shows it.
    expect(general).toBe("stabilise");
    expect(explained).toContain("KS2 reading, writing and maths at the expected standard 100%");
    expect(reads).toEqual([["Primary!A2:C2", "Primary!A3:C3"]]);
    expect(runtime.numberFormats.reads).toBe(1);
  });

  it.each([
    ["'Risk matrix'!B3:L3", ["Risk matrix", "B3:L3"]],
    ["'Bob''s sheet'!A1", ["Bob's sheet", "A1"]],
    ["Matrix!A1:C1", ["Matrix", "A1:C1"]],
    ["A1:C1", [null, "A1:C1"]],
  ])("splits the address %s into its sheet and range", (address, parts) => {
    expect(splitAddress(address)).toEqual(parts);
  });
});
