// designateRows over real HTTP: the compact form of designateBatch (one
// header row, a matrix of cell values, flat lists back). It answers the demo
// matrix as designateBatch does, leaves out and lists headers that name no
// indicator, answers a bad row in place naming the indicator and what it
// accepts, refuses a malformed matrix saying where, and resolves headers by
// the trust's column map for a signed-in trust.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import { refusalOf } from "./refusal-of.js";
import {
  startTestServer,
  storesToTest,
  type TestServer,
  type WireProblem,
} from "../support/test-server.js";
import { DEMO_ROWS, HEADERS } from "../../server/demo/demo-risk-matrix.js";

const ROWS = gql`
  query Rows(
    $framework: String!
    $headers: [String!]!
    $rows: CellMatrix!
    $percentFormatted: CellMatrix
    $year: AcademicYear
    $explain: Boolean
  ) {
    designateRows(
      framework: $framework
      headers: $headers
      rows: $rows
      percentFormatted: $percentFormatted
      year: $year
      explain: $explain
    ) {
      framework
      levels {
        key
        rank
      }
      levelKeys
      provisional
      insufficientEvidence
      problems {
        code
        row
        column
        indicator
        field
        message
        value
        accepts
      }
      unknownHeaders {
        code
        row
        column
        field
        message
      }
      explanations {
        reasons {
          source
          indicated
          message
        }
        coverage {
          used
          missing {
            source
            label
          }
          unreadable {
            indicator
            message
          }
          provisional
        }
      }
    }
  }
`;

const BATCH = gql`
  query Batch(
    $framework: String!
    $rows: [[EvidenceInput!]!]!
    $year: AcademicYear
    $reportBadRows: Boolean
  ) {
    designateBatch(framework: $framework, rows: $rows, year: $year, reportBadRows: $reportBadRows) {
      level {
        key
      }
      insufficientEvidence
      status
      reasons {
        source
        indicated
        message
      }
      coverage {
        used
        missing {
          source
          label
        }
        unreadable {
          indicator
          message
        }
        provisional
      }
      problems {
        code
        row
        column
        indicator
        field
        message
        value
        accepts
      }
    }
  }
`;

type Cell = string | number | boolean | null;

interface Explanation {
  reasons: { source: string; indicated: string | null; message: string }[];
  coverage: {
    used: string[];
    missing: { source: string; label: string }[];
    unreadable: { indicator: string; message: string }[];
    provisional: boolean;
  };
}

interface RowDesignations {
  framework: string;
  levels: { key: string; rank: number }[];
  levelKeys: (string | null)[];
  provisional: boolean[];
  insufficientEvidence: boolean[];
  problems: WireProblem[];
  unknownHeaders: Pick<WireProblem, "code" | "row" | "column" | "field" | "message">[];
  explanations: Explanation[] | null;
}

interface BatchRow extends Explanation {
  level: { key: string } | null;
  insufficientEvidence: boolean;
  status: "COMPLETE" | "PROVISIONAL";
  problems: WireProblem[];
}

/** A demo cell as a workbook shows it: dates as days, blanks null, the rest as typed. */
function cellOf(value: unknown): Cell {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return value as Cell;
}

const NOT_EVIDENCE = ["URN", "Academy", "Notes"];
const MATRIX = DEMO_ROWS.map((row) => HEADERS.map((header) => cellOf(row[header])));
/** The same rows for designateBatch: text cells, the columns that name no indicator left out. */
const ENTRIES = DEMO_ROWS.map((row) =>
  HEADERS.filter((header) => !NOT_EVIDENCE.includes(header)).map((header) => {
    const value = cellOf(row[header]);
    return { indicator: header, value: value === null ? null : String(value) };
  }),
);
const PRESETS = ["phase-model", "tiered-support", "risk-matrix", "risk-designation"];

describe.each(await storesToTest())("designateRows on %s", (store) => {
  let server: TestServer;
  /** Signed out, as public evaluation allows (the signed-in budget's rows). */
  const anyone = () => server.client();
  const rowsOf = (variables: Record<string, unknown>, token?: string) =>
    server
      .client(token)
      .request<{ designateRows: RowDesignations }>(ROWS, variables)
      .then((data) => data.designateRows);

  beforeAll(async () => {
    server = await startTestServer(store, {
      PUBLIC_EVALUATION: "true",
      PUBLIC_MAX_ROWS: "10000",
      PUBLIC_MAX_COST: "50000",
      PUBLIC_BODY_LIMIT: "20mb",
      RATE_LIMIT_SIGNED_OUT_PER_MINUTE: "100000",
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.each(PRESETS)(
    "answers the demo matrix under %s as designateBatch does, reasons and coverage included",
    async (framework) => {
      const [rows, batch] = await Promise.all([
        rowsOf({ framework, headers: HEADERS, rows: MATRIX, year: "2025/26", explain: true }),
        anyone()
          .request<{ designateBatch: BatchRow[] }>(BATCH, {
            framework,
            rows: ENTRIES,
            year: "2025/26",
          })
          .then((data) => data.designateBatch),
      ]);
      expect(rows.framework).toBe(framework);
      expect(rows.levelKeys).toEqual(batch.map((row) => row.level?.key ?? null));
      expect(rows.provisional).toEqual(batch.map((row) => row.status === "PROVISIONAL"));
      expect(rows.insufficientEvidence).toEqual(batch.map((row) => row.insufficientEvidence));
      expect(rows.explanations).toEqual(
        batch.map(({ reasons, coverage }) => ({ reasons, coverage })),
      );
      expect(rows.problems).toEqual([]);
      // Every level key is one of the framework's levels, and the demo reaches more than one.
      const known = new Set(rows.levels.map((level) => level.key));
      expect(rows.levelKeys.every((key) => key === null || known.has(key))).toBe(true);
      expect(new Set(rows.levelKeys).size).toBeGreaterThan(1);
    },
  );

  it("leaves out and lists once each header that names no indicator, and skips blank ones", async () => {
    const headers = [...HEADERS.slice(0, -1), ""]; // Notes' header blanked
    const rows = await rowsOf({ framework: "phase-model", headers, rows: MATRIX });
    expect(rows.unknownHeaders).toEqual(
      ["URN", "Academy"].map((column) => ({
        code: "NOT_FOUND",
        row: null,
        column,
        field: "indicator",
        message: `Unknown indicator "${column}"; use an indicator key such as ks4.progress8 or a known workbook header`,
      })),
    );
    expect(rows.levelKeys.filter((key) => key !== null)).toHaveLength(MATRIX.length - 1);
  });

  it("reads numbers as numbers and text as text alike", async () => {
    const asText = MATRIX.map((row) => row.map((cell) => (cell === null ? null : String(cell))));
    const [typed, text] = await Promise.all([
      rowsOf({ framework: "tiered-support", headers: HEADERS, rows: MATRIX }),
      rowsOf({ framework: "tiered-support", headers: HEADERS, rows: asText }),
    ]);
    expect(typed.levelKeys).toEqual(text.levelKeys);
    expect(typed.explanations).toBeNull();
  });

  it("answers a bad cell in its row, naming the indicator and what it accepts, as designateBatch(reportBadRows) does", async () => {
    const headers = ["Phase", "P8", "Latest Ofsted judgement"];
    const matrix: Cell[][] = [
      ["Secondary", 0.3, "Good"],
      ["Secondary", "twelve", "Good"],
      ["Secondary", -0.62, "Goodish"],
    ];
    const [rows, batch] = await Promise.all([
      rowsOf({ framework: "phase-model", headers, rows: matrix }),
      anyone()
        .request<{ designateBatch: BatchRow[] }>(BATCH, {
          framework: "phase-model",
          rows: matrix.map((cells) =>
            cells.map((value, index) => ({ indicator: headers[index], value: String(value) })),
          ),
          reportBadRows: true,
        })
        .then((data) => data.designateBatch),
    ]);
    expect(rows.levelKeys).toEqual(batch.map((row) => row.level?.key ?? null));
    expect(rows.levelKeys.map((key) => key !== null)).toEqual([true, false, false]);
    expect(rows.problems).toEqual(batch.flatMap((row) => row.problems));
    expect(rows.problems[0]).toMatchObject({
      code: "BAD_USER_INPUT",
      row: 1,
      column: "P8",
      indicator: "ks4.progress8",
      field: "value",
      value: "twelve",
      message: expect.stringMatching(/^Progress 8 \(ks4\.progress8\): cannot read "twelve"/),
    });
    expect(rows.problems[1]).toMatchObject({
      row: 2,
      indicator: "ofsted.overall",
      accepts: expect.stringContaining("Requires improvement"),
    });
  });

  it("reads percent cells by their number format when given", async () => {
    const headers = ["Phase", "Latest Ofsted judgement", "KS2 RWM %"];
    const matrix: Cell[][] = [
      ["Primary", "Good", 0.45],
      ["Primary", "Good", 0.45],
      ["Primary", "Good", 0.45],
    ];
    const rows = await rowsOf({
      framework: "phase-model",
      headers,
      rows: matrix,
      percentFormatted: [
        [null, null, true],
        [null, null, false],
        [null, null, null],
      ],
      explain: true,
    });
    const ks2 = rows.explanations!.map(
      (row) => row.reasons.find((reason) => reason.source === "outcomes.primary")?.message,
    );
    // Percent-formatted: 45%; another format: 0.45% (shown to one decimal).
    expect(ks2[0]).toContain(" 45% ");
    expect(ks2[1]).toContain(" 0.5% ");
    expect(ks2[2]).toBe(ks2[0]);
  });

  it("refuses a matrix of the wrong shape, saying which row and what it accepts", async () => {
    const short = await refusalOf(
      rowsOf({
        framework: "phase-model",
        headers: ["Phase", "P8"],
        rows: [["Secondary", 0.1], ["Secondary"]],
      }),
    );
    expect(short.code).toBe("BAD_USER_INPUT");
    expect(short.message).toBe(
      "rows[1]: rows: has 1 cells but headers has 2; give a cell per header (null for a blank)",
    );
    expect(short.problems).toEqual([expect.objectContaining({ row: 1, field: "rows" })]);
    const objectCell = await refusalOf(
      rowsOf({
        framework: "phase-model",
        headers: ["P8"],
        rows: [[0.1], [{ value: 0.2 }]],
      }),
    );
    expect(objectCell.code).toBe("BAD_USER_INPUT");
    expect(objectCell.message).toContain("rows[1][0] is object");
    expect(objectCell.message).toContain("a string, a number, true or false, or null");
    const badFormat = await refusalOf(
      rowsOf({
        framework: "phase-model",
        headers: ["KS2 RWM %"],
        rows: [[0.5]],
        percentFormatted: [["yes"]],
      }),
    );
    expect(badFormat.code).toBe("BAD_USER_INPUT");
    expect(badFormat.message).toContain("percentFormatted: give 1 cells");
  });

  it("refuses more rows than the limit, as designateBatch does", async () => {
    const error = await refusalOf(
      rowsOf({
        framework: "phase-model",
        headers: ["P8"],
        rows: Array.from({ length: 10_001 }, () => [0]),
      }),
    );
    expect(error.code).toBe("QUERY_TOO_COMPLEX");
    expect(error.message).toContain("asks for 10001 rows");
  });

  it("designates 10,000 rows in one request, in order", async () => {
    const matrix = Array.from({ length: 10_000 }, (_, index) => MATRIX[index % MATRIX.length]!);
    const [rows, alone] = await Promise.all([
      rowsOf({ framework: "risk-designation", headers: HEADERS, rows: matrix }),
      rowsOf({ framework: "risk-designation", headers: HEADERS, rows: MATRIX }),
    ]);
    expect(rows.levelKeys).toHaveLength(10_000);
    expect(rows.levelKeys).toEqual(
      Array.from({ length: 10_000 }, (_, index) => alone.levelKeys[index % MATRIX.length]),
    );
  });

  describe("signed in", () => {
    const SAVE_COLUMN_MAP = gql`
      mutation Save($entries: [ColumnMapEntryInput!]!) {
        saveColumnMap(entries: $entries) {
          header
        }
      }
    `;

    it("resolves the trust's own headers by its column map, and nobody else's", async () => {
      await server.client(server.tokens["data-manager"]).request(SAVE_COLUMN_MAP, {
        entries: [
          { header: "Our P8 figure", indicator: "ks4.progress8" },
          { header: "URN", indicator: null },
        ],
      });
      const variables = {
        framework: "phase-model",
        headers: ["URN", "Phase", "Latest Ofsted judgement", "Our P8 figure"],
        rows: [[140_001, "Secondary", "Good", -0.62]],
      };
      const trust = await rowsOf(variables, server.tokens.leader);
      expect(trust.levelKeys).toEqual(["stabilise"]);
      expect(trust.unknownHeaders).toEqual([]);
      const stranger = await rowsOf(variables);
      const withoutP8 = await rowsOf({
        ...variables,
        headers: variables.headers.slice(0, 3),
        rows: [variables.rows[0]!.slice(0, 3)],
      });
      expect(stranger.levelKeys).toEqual(withoutP8.levelKeys);
      expect(stranger.levelKeys).not.toEqual(["stabilise"]);
      expect(stranger.unknownHeaders.map((problem) => problem.column)).toEqual([
        "URN",
        "Our P8 figure",
      ]);
    });
  });
});

describe("designateRows without public evaluation", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite");
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("asks a signed-out caller to sign in, and answers a leader", async () => {
    const variables = { framework: "phase-model", headers: ["P8"], rows: [[0.3]] };
    const refused = await refusalOf(server.client().request(ROWS, variables));
    expect(refused.code).toBe("UNAUTHENTICATED");
    const data = await server
      .client(server.tokens.leader)
      .request<{ designateRows: RowDesignations }>(ROWS, variables);
    expect(data.designateRows.levelKeys).toEqual(["sustain"]);
  });
});
