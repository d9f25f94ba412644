// Problems of batch operations as data, over real HTTP: every problem of a
// designateBatch, recordEvidenceBatch or importAcademies (none left out past
// 100), each placed by `row`, with its cell's `column` as written and the
// `indicator` it names, a `code` (NOT_FOUND for a header naming no indicator
// or a URN not in the trust), and `problemCount`; bad rows of
// designateBatch(reportBadRows) carry the same shape in data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { refusalOf } from "./refusal-of.js";

const PROBLEM_FIELDS = "code row column indicator field message value accepts";

const BATCH = gql`
  query Batch($rows: [[EvidenceInput!]!]!, $reportBadRows: Boolean) {
    designateBatch(framework: "phase-model", rows: $rows, reportBadRows: $reportBadRows) {
      level {
        key
      }
      problems {
        ${PROBLEM_FIELDS}
      }
    }
  }
`;

const RECORD_BATCH = gql`
  mutation Record($rows: [RecordEvidenceRowInput!]!) {
    recordEvidenceBatch(year: "2025/26", term: SUMMER, rows: $rows) {
      urn
    }
  }
`;

const IMPORT = gql`
  mutation Import($rows: [AcademyInput!]!) {
    importAcademies(rows: $rows) {
      created
    }
  }
`;

interface Problem {
  code: string;
  row: number | null;
  column: string | null;
  indicator: string | null;
  field: string;
  message: string;
  value: string | null;
  accepts: string | null;
}

const range = (count: number) => Array.from({ length: count }, (_, index) => index);

describe("batch problems as data", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite");
  });
  afterAll(async () => {
    await server?.stop();
  });
  const dataManager = () => server.client(server.tokens["data-manager"]);

  it("lists every problem of 150 bad rows (300 problems), each by row and column, with the count", async () => {
    const rows = range(150).map((index) => [
      { indicator: "P8", value: `bad ${index}` },
      { indicator: "Latest Ofsted judgement", value: "Goodish" },
    ]);
    const error = await refusalOf(dataManager().request(BATCH, { rows }));
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.problemCount).toBe(300);
    expect(error.problems).toHaveLength(300);
    expect(error.message).toMatch(/^rows\[0\]: .* \(and 299 more\)$/);
    expect(error.problems[298]).toEqual({
      code: "BAD_USER_INPUT",
      row: 149,
      column: "P8",
      indicator: "ks4.progress8",
      field: "value",
      value: "bad 149",
      accepts: expect.any(String),
      message: expect.stringMatching(
        /^Progress 8 \(ks4\.progress8\): cannot read "bad 149"; accepts /,
      ),
    });
    expect(new Set(error.problems.map((problem) => problem.row))).toEqual(new Set(range(150)));
    expect(
      error.problems
        .filter((problem) => problem.row === 42)
        .map(({ column, indicator }) => [column, indicator]),
    ).toEqual([
      ["P8", "ks4.progress8"],
      ["Latest Ofsted judgement", "ofsted.overall"],
    ]);
  });

  it("answers bad rows in place with reportBadRows: an unknown header NOT_FOUND, an ambiguous one asked", async () => {
    const data = await dataManager().request<{
      designateBatch: { level: { key: string } | null; problems: Problem[] }[];
    }>(BATCH, {
      rows: [
        [{ indicator: "P8", value: "0.3" }],
        [
          { indicator: "Favourite colour", value: "blue" },
          { indicator: "Safeguarding", value: "Met" },
        ],
      ],
      reportBadRows: true,
    });
    expect(data.designateBatch[0]).toEqual({ level: { key: "sustain" }, problems: [] });
    expect(data.designateBatch[1]!.level).toBeNull();
    expect(data.designateBatch[1]!.problems).toEqual([
      {
        code: "NOT_FOUND",
        row: 1,
        column: "Favourite colour",
        indicator: null,
        field: "indicator",
        value: "Favourite colour",
        accepts: "an indicator key such as ks4.progress8 or a known workbook header",
        message: expect.stringContaining('Unknown indicator "Favourite colour"'),
      },
      {
        code: "BAD_USER_INPUT",
        row: 1,
        column: "Safeguarding",
        indicator: null,
        field: "indicator",
        value: "Safeguarding",
        accepts: "ofsted.safeguarding, qa.safeguarding",
        message: expect.stringContaining('"Safeguarding" could mean'),
      },
    ]);
  });

  it("lists every problem of a 120-row evidence batch (a URN outside the trust NOT_FOUND, a bad cell) and stores nothing", async () => {
    const before = await server.handle.prisma.evidenceRecord.count();
    const rows = range(120).map((index) => ({
      urn: String(150_001 + index),
      evidence: [{ indicator: "KS2 RWM %", value: "lots" }],
    }));
    const error = await refusalOf(dataManager().request(RECORD_BATCH, { rows }));
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.problemCount).toBe(240);
    expect(error.problems).toHaveLength(240);
    const ofRow = (row: number) =>
      error.problems
        .filter((problem) => problem.row === row)
        .map(({ code, field, column, indicator }) => ({ code, field, column, indicator }));
    expect(ofRow(119)).toEqual([
      { code: "NOT_FOUND", field: "urn", column: null, indicator: null },
      { code: "BAD_USER_INPUT", field: "value", column: "KS2 RWM %", indicator: "ks2.rwmExpected" },
    ]);
    expect(await server.handle.prisma.evidenceRecord.count()).toBe(before);
  });

  it("lists every problem of a 130-row academy import, naming the field and what it accepts", async () => {
    const rows = range(130).map((index) => ({
      urn: String(160_001 + index),
      name: `Academy ${index}`,
      phase: "PRIMARY",
      // The schema's Phase enum refuses "nursery" before any row is read;
      // a UKPRN of the wrong shape is what the import itself refuses by row.
      ukprn: `9${index}`,
    }));
    const error = await refusalOf(dataManager().request(IMPORT, { rows }));
    expect(error.problemCount).toBe(130);
    expect(error.problems.map((problem) => problem.row)).toEqual(range(130));
    expect(error.problems[129]).toMatchObject({
      code: "BAD_USER_INPUT",
      row: 129,
      column: null,
      field: "ukprn",
      value: "9129",
      accepts: expect.any(String),
      message: expect.stringContaining('ukprn: "9129" is not a valid UKPRN'),
    });
  });
});
