// A workbook of 1,000 academies with 10 function cells each (DESIGNATION and
// EXPLAIN under two frameworks, TARGET and CARD), recalculated at once as
// Excel does: a handful of HTTP requests, not 10,000, and every cell the
// same as when it is calculated alone. The cards go 500 academies to an
// academyCards request, which the server answers in a fixed number of SQL
// statements. Against the real server: the demo
// trust's 14 academies plus 986 imported for the test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import { installCustomFunctionsMock } from "./custom-functions-mock.js";
import { DEMO_MATRIX, HEADER_ROW, countingFetch, rowValues } from "./functions-fixtures.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { DEMO_TRUST } from "../../server/demo/seed-demo-trust.js";
import type { RiskMatrixRow } from "../../server/demo/demo-risk-matrix.js";
import { saveConnection } from "../../addin/shared/connection.js";
import {
  configureFunctions,
  type FunctionRuntimeOptions,
  card,
  designation,
  explain,
  target,
} from "../../addin/functions/index.js";

const YEAR = "2025/26";
const ACADEMIES = 1_000;
let server: TestServer;
const requests = countingFetch();

/** Deterministic pseudo-random numbers, so every run builds the same workbook. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function syntheticRow(urn: number): RiskMatrixRow {
  const next = random(urn);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const round = (value: number, places = 1) => Number(value.toFixed(places));
  const secondary = next() < 0.4;
  return {
    URN: urn,
    Academy: `Test Academy ${urn}`,
    Phase: secondary ? "Secondary" : "Primary",
    "Inspection date": 43_000 + Math.floor(next() * 2_500),
    "Latest Ofsted judgement": pick(["Outstanding", "Good", "Good", "Requires improvement", 4]),
    "Ofsted safeguarding": pick(["Effective", "Effective", "Effective", "Not effective"]),
    ...(secondary
      ? { P8: pick([round(next() * 1.6 - 0.9, 2), "n/a"]), "Basics 5+": round(30 + next() * 40) }
      : { "KS2 RWM %": round(40 + next() * 45) }),
    "Absence %": round(4 + next() * 6),
    "PA %": round(10 + next() * 25),
    "Suspension rate": round(next() * 25),
    Trajectory: pick(["Improving", "Static", "Declining"]),
    SEF: pick([1, 2, 3, 4]),
    "QA QoE": pick([1, 2, 3]),
    "QI outcomes": pick([1, 2, 3, 4]),
    "Inspection due": pick(["Yes", "No"]),
    Notes: next() < 0.1 ? "New headteacher" : "",
  };
}

const workbook = [
  ...DEMO_MATRIX,
  ...Array.from({ length: ACADEMIES - DEMO_MATRIX.length }, (_, index) => {
    const row = syntheticRow(150_000 + index);
    return { urn: String(row.URN), values: rowValues(row) };
  }),
];

/** The 10 function cells of one academy's row. */
function rowCells(academy: { urn: string; values: unknown[][] }): (() => Promise<unknown>)[] {
  const { urn, values } = academy;
  return [
    () => designation("phase-model", values, HEADER_ROW),
    () => designation("phase-model", values, HEADER_ROW, "rank"),
    () => designation("phase-model", values, HEADER_ROW, "risk"),
    () => explain("phase-model", values, HEADER_ROW),
    () => designation("tiered-support", values, HEADER_ROW),
    () => designation("tiered-support", values, HEADER_ROW, "key"),
    () => explain("tiered-support", values, HEADER_ROW),
    () => target(urn, "attendance.absence", YEAR),
    () => target(urn, "attendance.persistentAbsence", YEAR),
    () => card(urn, YEAR),
  ];
}

const cells = workbook.flatMap(rowCells);

/** What a cell shows: its value, or its error code and message. */
function shown(outcome: PromiseSettledResult<unknown>): unknown {
  if (outcome.status === "fulfilled") return outcome.value;
  const { code, message } = outcome.reason as { code: string; message: string };
  return { code, message };
}

/** Every cell started in the same tick, as Excel starts a recalculation's calls. */
async function recalculate(
  list: readonly (() => Promise<unknown>)[],
): Promise<{ shown: unknown[]; requests: string[]; ms: number; sql: number }> {
  requests.reset();
  server.handle.resetQueryCount();
  const started = performance.now();
  const outcomes = await Promise.allSettled(list.map((cell) => cell()));
  return {
    shown: outcomes.map(shown),
    requests: requests.operations(),
    ms: Math.round(performance.now() - started),
    sql: server.handle.queryCount(),
  };
}

function configure(options: FunctionRuntimeOptions = {}): void {
  configureFunctions({ fetch: requests.fetch, ...options });
}

const tally = (names: readonly string[]) =>
  names.reduce<Record<string, number>>((counts, name) => {
    counts[name] = (counts[name] ?? 0) + 1;
    return counts;
  }, {});

let first: Awaited<ReturnType<typeof recalculate>>;

beforeAll(async () => {
  await installCustomFunctionsMock();
  server = await startTestServer("sqlite");
  const imported = workbook.slice(DEMO_MATRIX.length);
  await server.client(server.tokens["data-manager"]).request(
    gql`
      mutation ($rows: [AcademyInput!]!) {
        importAcademies(rows: $rows) {
          created
        }
      }
    `,
    {
      rows: imported.map(({ urn }, index) => ({
        urn,
        name: `Test Academy ${urn}`,
        phase: index % 5 < 2 ? "SECONDARY" : "PRIMARY",
      })),
    },
  );
  // Targets for the imported academies, written straight to the test's database (fixture set-up).
  const prisma = server.handle.prisma;
  const trust = await prisma.trust.findUniqueOrThrow({ where: { uid: DEMO_TRUST.uid } });
  const academies = await prisma.academy.findMany({
    where: { trustId: trust.id, urn: { in: imported.map(({ urn }) => urn) } },
  });
  await prisma.target.createMany({
    data: academies.flatMap((academy, index) => [
      {
        trustId: trust.id,
        academyId: academy.id,
        year: YEAR,
        metric: "attendance.absence",
        baseline: 7 + (index % 10) / 10,
        target: 6 + (index % 10) / 10,
        milestones: {},
        status: "draft",
        updatedBy: "functions-batching test",
      },
      {
        trustId: trust.id,
        academyId: academy.id,
        year: YEAR,
        metric: "attendance.persistentAbsence",
        baseline: 20 + (index % 7),
        target: 16 + (index % 7),
        milestones: {},
        status: "draft",
        updatedBy: "functions-batching test",
      },
    ]),
  });
  await saveConnection({ serverUrl: server.url, token: server.tokens.leader });
  configure();
  first = await recalculate(cells);
}, 180_000);

afterAll(async () => {
  configureFunctions();
  await server?.stop();
});

describe("recalculating 1,000 academies x 10 function cells", () => {
  it("sends a handful of requests: one designateRows per framework, two academyCards", async () => {
    const second = await recalculate(cells);
    console.log(
      `10,000 cells, first recalculation: ${first.requests.length} requests ${JSON.stringify(tally(first.requests))} in ${first.ms} ms (${first.sql} SQL statements); ` +
        `second: ${second.requests.length} requests ${JSON.stringify(tally(second.requests))} in ${second.ms} ms (${second.sql} SQL statements)`,
    );
    // One designateRows per framework (every row explained, for the EXPLAIN cells; URN,
    // Academy and Notes left out by the server and listed once); the 1,000 cards in two
    // academyCards requests of 500.
    expect(tally(first.requests)).toEqual({ DesignateCells: 2, AcademyCards: 2 });
    expect(tally(second.requests)).toEqual({ DesignateCells: 2, AcademyCards: 2 });
    const differing = second.shown.flatMap((value, index) =>
      JSON.stringify(value) === JSON.stringify(first.shown[index])
        ? []
        : [[index, first.shown[index], value]],
    );
    expect(differing.slice(0, 5)).toEqual([]);
  });

  it("answers every cell with a value, but for the demo rows with insufficient evidence", () => {
    const errors = first.shown.flatMap((value, index) =>
      typeof value === "object" && value !== null && "code" in value ? [{ index, value }] : [],
    );
    for (const { index, value } of errors) {
      expect(index).toBeLessThan(DEMO_MATRIX.length * 10);
      expect(value).toEqual({
        code: "#N/A",
        message:
          "Insufficient evidence: no source of evidence could be used (MAT.EXPLAIN says why)",
      });
    }
    expect(errors.length).toBeLessThan(10);
    const levels = new Set(first.shown.filter((_, index) => index % 10 === 0));
    expect(levels.size).toBeGreaterThanOrEqual(4);
  });

  it("gives each cell the value it has when calculated alone", async () => {
    // Every 37th cell: all ten kinds, spread over the sheet.
    const sample = cells
      .map((cell, index) => ({ cell, index }))
      .filter(({ index }) => index % 37 === 0);
    for (const { cell, index } of sample) {
      const alone = await recalculate([cell]);
      expect(alone.requests.length).toBe(1);
      expect([index, alone.shown[0]]).toEqual([index, first.shown[index]]);
    }
  });

  it("splits into more requests when told to send fewer rows or academies a request", async () => {
    configure({ maxRowsPerRequest: 400, maxCardsPerRequest: 300 });
    const small = await recalculate(cells);
    expect(tally(small.requests)).toEqual({
      // 1,000 rows in 3 requests per framework (400 + 400 + 200).
      DesignateCells: 6,
      AcademyCards: 4, // 300 + 300 + 300 + 100
    });
    expect(small.shown).toEqual(first.shown);
    configure();
  });

  it("answers unknown URNs with #N/A in the same requests, and sends one request per year", async () => {
    const typos = ["999991", "999992", "151001", "999993"];
    const list = [
      ...workbook.map(
        ({ urn }) =>
          () =>
            card(urn, YEAR),
      ),
      ...typos.map((urn) => () => card(urn, YEAR)),
      ...DEMO_MATRIX.slice(0, 3).map(
        ({ urn }) =>
          () =>
            card(urn, "2019/20"),
      ),
    ];
    const mixed = await recalculate(list);
    // 1,004 cards of 2025/26 in 3 requests (500 + 500 + 4), 3 of 2019/20 in one more.
    expect(tally(mixed.requests)).toEqual({ AcademyCards: 4 });
    expect(mixed.shown.slice(0, ACADEMIES)).toEqual(
      first.shown.filter((_, index) => index % 10 === 9),
    );
    expect(mixed.shown.slice(ACADEMIES, ACADEMIES + typos.length)).toEqual(
      typos.map((urn) => ({ code: "#N/A", message: `No academy with URN ${urn} in your trust` })),
    );
    expect(mixed.shown.slice(ACADEMIES + typos.length)).toEqual(
      DEMO_MATRIX.slice(0, 3).map(({ urn }) => ({
        code: "#N/A",
        message: `Academy ${urn} has no targets for 2019/20`,
      })),
    );
  });
});
