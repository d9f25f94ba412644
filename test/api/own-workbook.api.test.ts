// A trust's own workbook over real HTTP: designate and designateBatch with the
// seeds' own headers (read from fixture workbooks in the seeds' layouts by the
// same reader the CLI uses), provisional levels typed in the API, and the
// trust's saved column map used by every path afterwards.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gql } from "graphql-request";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presets } from "../../server/domain/index.js";
import { columnsFor, entriesFor, readRiskMatrix } from "../../server/workbook/risk-matrix-sheet.js";
import { buildSeedMatrix, SEED_MATRICES } from "../fixtures/seed-matrices.js";
import {
  graphQLErrorOf,
  startTestServer,
  storesToTest,
  type TestServer,
  type WireProblem,
} from "../support/test-server.js";

const DESIGNATE = gql`
  query Designate($framework: String!, $evidence: [EvidenceInput!]!, $year: AcademicYear) {
    designate(framework: $framework, evidence: $evidence, year: $year) {
      level {
        key
      }
      status
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
      reasons {
        message
      }
    }
  }
`;

const BATCH = gql`
  query Batch($framework: String!, $rows: [[EvidenceInput!]!]!, $year: AcademicYear) {
    designateBatch(framework: $framework, rows: $rows, year: $year) {
      level {
        key
      }
      status
    }
  }
`;

const COLUMN_MAP = gql`
  {
    columnMap {
      header
      indicator
    }
  }
`;

const SAVE_COLUMN_MAP = gql`
  mutation Save($entries: [ColumnMapEntryInput!]!) {
    saveColumnMap(entries: $entries) {
      header
      indicator
    }
  }
`;

interface Designated {
  level: { key: string } | null;
  status: "COMPLETE" | "PROVISIONAL";
  coverage: {
    used: string[];
    missing: { source: string; label: string }[];
    unreadable: { indicator: string; message: string }[];
    provisional: boolean;
  };
  reasons: { message: string }[];
}

const CARLETON = [
  { indicator: "Latest Ofsted judgement", value: "Good" },
  { indicator: "Inspection date", value: "14/03/2023" },
  { indicator: "Latest SEF judgement", value: "2" },
  { indicator: "The Quality of Education", value: "3" },
  { indicator: "Statutory Annual Data", value: "2" },
  { indicator: "Behaviour & Attitudes", value: "2" },
  { indicator: "Personal Development", value: "2" },
  { indicator: "Leadership & Management", value: "3" },
  { indicator: "Early Years/ Post-16", value: "n/a" },
  { indicator: "Safeguarding", value: "Effective" },
  { indicator: "Current Status judgement 1-3", value: "1" },
];

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "own-workbook-api-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe.each(await storesToTest())("a trust's own workbook over the API on %s", (store) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(store);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("designates seed 002's Carleton High, with its own headers, as Category 3", async () => {
    const data = await server
      .client(server.tokens.leader)
      .request<{ designate: Designated }>(DESIGNATE, {
        framework: "risk-matrix",
        evidence: CARLETON,
        year: "2025/26",
      });
    expect(data.designate.level?.key).toBe("category3");
    expect(data.designate.status).toBe("COMPLETE");
    expect(data.designate.coverage.used).toEqual(
      expect.arrayContaining(["inspection", "sef.overall", "qa.qualityOfEducation"]),
    );
  });

  it("types a level reached without a required source as PROVISIONAL, naming what is missing", async () => {
    const data = await server
      .client(server.tokens.leader)
      .request<{ designate: Designated }>(DESIGNATE, {
        framework: "risk-matrix",
        evidence: CARLETON.filter((cell) => cell.indicator !== "Latest SEF judgement"),
        year: "2025/26",
      });
    expect(data.designate.status).toBe("PROVISIONAL");
    expect(data.designate.coverage).toMatchObject({
      provisional: true,
      missing: [{ source: "sef.overall", label: "SEF judgement" }],
    });
  });

  it("reports a bad cell the framework does not use without refusing the academy", async () => {
    const data = await server
      .client(server.tokens.leader)
      .request<{ designate: Designated }>(DESIGNATE, {
        framework: "risk-matrix",
        evidence: [...CARLETON, { indicator: "KS2 RWM %", value: "12%%" }],
        year: "2025/26",
      });
    expect(data.designate.level?.key).toBe("category3");
    expect(data.designate.coverage.unreadable).toEqual([
      {
        indicator: "ks2.rwmExpected",
        message: expect.stringContaining('cannot read "12%%"'),
      },
    ]);
  });

  it("asks about an ambiguous header with its choices, never guessing", async () => {
    const refusal = await server
      .client(server.tokens.leader)
      .request(DESIGNATE, {
        framework: "phase-model",
        evidence: [
          { indicator: "Ofsted", value: "Good" },
          { indicator: "Safeguarding", value: "Effective" },
        ],
      })
      .catch(graphQLErrorOf);
    expect(refusal).toMatchObject({
      code: "BAD_USER_INPUT",
      problems: [
        {
          message: expect.stringContaining(
            '"Safeguarding" could mean Ofsted safeguarding (ofsted.safeguarding) or Trust safeguarding audit (qa.safeguarding)',
          ),
        },
      ],
    });
  });

  it.each(SEED_MATRICES.map((matrix) => [matrix.seed, matrix] as const))(
    "designates seed %s's workbook, read as the CLI reads it, in one designateBatch",
    async (_seed, matrix) => {
      const file = await buildSeedMatrix(matrix, folder);
      const framework = presets().get(matrix.framework)!;
      const sheet = await readRiskMatrix(file, { headers: [framework.headers] });
      const columns = columnsFor(sheet, framework.headers);
      const rows = sheet.rows.map((row) =>
        entriesFor(row, columns).map((entry) => ({
          indicator: entry.indicator,
          value:
            entry.value === null || entry.value === undefined
              ? null
              : entry.value instanceof Date
                ? entry.value.toISOString().slice(0, 10)
                : String(entry.value),
          percentFormatted: entry.percentFormatted ?? null,
        })),
      );
      const data = await server.client(server.tokens.leader).request<{
        designateBatch: Pick<Designated, "level" | "status">[];
      }>(BATCH, { framework: matrix.framework, rows, year: "2025/26" });
      const academies = matrix.academies.filter((academy) => academy !== null);
      expect(
        data.designateBatch.map((designation) => [designation.level?.key, designation.status]),
      ).toEqual(
        academies.map((academy) => [
          academy.expected,
          academy.provisional ? "PROVISIONAL" : "COMPLETE",
        ]),
      );
    },
  );

  describe("the trust's saved column map", () => {
    const dataManager = () => server.client(server.tokens["data-manager"]);

    it("is saved by a data manager and read back", async () => {
      const saved = await dataManager().request<{
        saveColumnMap: { header: string; indicator: string | null }[];
      }>(SAVE_COLUMN_MAP, {
        entries: [
          { header: "Safeguarding", indicator: "ofsted.safeguarding" },
          { header: "Current Status judgement 1-3", indicator: null },
        ],
      });
      expect(saved.saveColumnMap).toEqual([
        { header: "Current Status judgement 1-3", indicator: null },
        { header: "Safeguarding", indicator: "ofsted.safeguarding" },
      ]);
      const read = await server
        .client(server.tokens.leader)
        .request<{ columnMap: unknown[] }>(COLUMN_MAP);
      expect(read.columnMap).toEqual(saved.saveColumnMap);
    });

    it("is used by designate afterwards: 'Safeguarding' is the trust's chosen indicator", async () => {
      const data = await dataManager().request<{ designate: Designated }>(DESIGNATE, {
        framework: "phase-model",
        evidence: [
          { indicator: "Ofsted", value: "Good" },
          { indicator: "Safeguarding", value: "Not met" },
        ],
        year: "2025/26",
      });
      expect(data.designate.level?.key).toBe("stabilise");
      expect(data.designate.reasons.map((reason) => reason.message).join("\n")).toContain(
        "Safeguarding not met or not effective",
      );
    });

    it("is refused to a leader, and names a wrong indicator and a repeated header", async () => {
      const refused = await server
        .client(server.tokens.leader)
        .request(SAVE_COLUMN_MAP, { entries: [] })
        .catch(graphQLErrorOf);
      expect(refused.code).toBe("FORBIDDEN");
      const bad = await dataManager()
        .request(SAVE_COLUMN_MAP, {
          entries: [
            { header: "Leadership & Management", indicator: "qa.leadership" },
            { header: "leadership and management", indicator: null },
          ],
        })
        .catch(graphQLErrorOf);
      expect(bad.code).toBe("BAD_USER_INPUT");
      // Each entry is a row; its header the column; a known indicator key its indicator.
      expect(
        (bad.problems as WireProblem[]).map(({ row, column, indicator, field, code }) => ({
          row,
          column,
          indicator,
          field,
          code,
        })),
      ).toEqual([
        {
          row: 0,
          column: "Leadership & Management",
          indicator: null,
          field: "indicator",
          code: "NOT_FOUND",
        },
        {
          row: 1,
          column: "leadership and management",
          indicator: null,
          field: "header",
          code: "BAD_USER_INPUT",
        },
      ]);
      expect(bad.message).toMatch(/^entries\[0\]: indicator: unknown indicator "qa.leadership"/);
    });

    it("is not seen by a caller who is not signed in", async () => {
      const refusal = await server.client().request(COLUMN_MAP).catch(graphQLErrorOf);
      expect(refusal.code).toBe("UNAUTHENTICATED");
    });
  });
});
