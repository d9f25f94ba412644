// Flat reads for reporting tools over real HTTP (docs/clients.md "Flat
// reads"): /data/overview, /data/targets and /data/designations as CSV and
// JSON, with the bearer token; the same figures GraphQL gives (read through
// the same services), under the documented column names, ISO dates, numbers
// unformatted; the year defaulting to the current academic year; errors in
// GraphQL's shape, as /export answers them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import { parse } from "csv-parse/sync";
import { startTestServer, storesToTest, type TestServer } from "../support/test-server.js";
import {
  DESIGNATION_COLUMNS,
  OVERVIEW_COLUMNS,
  TARGET_COLUMNS,
} from "../../server/services/flat-rows.service.js";
import { academicYearOf } from "../../server/shared/index.js";

const YEAR = "2025/26";

const OVERVIEW = gql`
  query Overview($year: AcademicYear!) {
    trustOverview(year: $year) {
      academies {
        academy {
          urn
        }
        designation {
          level {
            key
            label
          }
          provisional
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

const CARDS = gql`
  query Cards($urns: [URN!]!, $year: AcademicYear!) {
    academyCards(urns: $urns, year: $year) {
      academy {
        urn
      }
      targets {
        metric
        baseline
        target
        progress {
          latest
          expected
          gapClosed
          rag
        }
      }
    }
  }
`;

interface OverviewAnswer {
  trustOverview: {
    academies: {
      academy: { urn: string };
      designation: { level: { key: string; label: string } | null; provisional: boolean } | null;
      rag: { green: number; amber: number; red: number; none: number };
    }[];
  };
}

interface CardsAnswer {
  academyCards: ({
    academy: { urn: string };
    targets: {
      metric: string;
      baseline: number;
      target: number;
      progress: {
        latest: number | null;
        expected: number | null;
        gapClosed: number | null;
        rag: string | null;
      };
    }[];
  } | null)[];
}

type Json = { year: string; columns: string[]; rows: Record<string, unknown>[] };

describe.each(await storesToTest())("flat reads (%s)", (store) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(store);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const get = (path: string, token: string | null = server.tokens.leader) =>
    fetch(`${server.url}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const json = async (path: string, token?: string) =>
    (await (await get(path, token)).json()) as Json;
  const csv = async (path: string) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString("utf8");
    return {
      response,
      bytes,
      text,
      records: parse(text, { columns: true, bom: true }) as Record<string, string>[],
    };
  };

  it("gives the overview as CSV and JSON under the documented columns, one row per academy, as GraphQL counts it", async () => {
    const { response, bytes, text, records } = await csv(`/data/overview.csv?year=${YEAR}`);
    // UTF-8 with a byte order mark, so Excel and Power BI read names such as "St Anne's" right.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="overview-2025-26.csv"',
    );
    expect(text.split("\r\n")[0]).toBe(`\uFEFF${OVERVIEW_COLUMNS.join(",")}`);
    const answer = await server.client(server.tokens.leader).request<OverviewAnswer>(OVERVIEW, {
      year: YEAR,
    });
    const academies = answer.trustOverview.academies;
    expect(records.map((row) => row.urn)).toEqual(academies.map((row) => row.academy.urn));
    for (const [index, row] of academies.entries()) {
      const record = records[index]!;
      expect(record.level_key ?? "").toBe(row.designation?.level?.key ?? "");
      expect(record.targets_green).toBe(String(row.rag.green));
      expect(record.targets_amber).toBe(String(row.rag.amber));
      expect(record.targets_red).toBe(String(row.rag.red));
      expect(record.targets_not_measured).toBe(String(row.rag.none));
      expect(record.year).toBe(YEAR);
    }
    const body = await json(`/data/overview.json?year=${YEAR}`);
    expect(body.year).toBe(YEAR);
    expect(body.columns).toEqual([...OVERVIEW_COLUMNS]);
    expect(body.rows.map((row) => row.urn)).toEqual(records.map((row) => row.urn));
    expect(body.rows[0]).toMatchObject({ urn: "140001", targets_red: expect.any(Number) });
    expect(Object.keys(body.rows[0]!)).toEqual([...OVERVIEW_COLUMNS]);
  });

  it("gives each target with its progress, numbers unrounded, as the academy cards show it", async () => {
    const body = await json(`/data/targets.json?year=${YEAR}`);
    expect(body.columns).toEqual([...TARGET_COLUMNS]);
    const urns = [...new Set(body.rows.map((row) => row.urn as string))];
    expect(urns.length).toBeGreaterThan(10);
    const cards = await server
      .client(server.tokens.leader)
      .request<CardsAnswer>(CARDS, { urns, year: YEAR });
    const expected = cards.academyCards.flatMap((card) =>
      card!.targets.map((target) => ({
        urn: card!.academy.urn,
        metric: target.metric,
        baseline: target.baseline,
        target: target.target,
        latest: target.progress.latest,
        rag: target.progress.rag?.toLowerCase() ?? null,
      })),
    );
    expect(
      body.rows.map((row) => ({
        urn: row.urn,
        metric: row.metric,
        baseline: row.baseline,
        target: row.target,
        latest: row.latest,
        rag: row.rag,
      })),
    ).toEqual(expected);
    const measured = body.rows.find((row) => row.latest !== null)!;
    expect(measured).toMatchObject({
      year: YEAR,
      expected: expect.any(Number),
      on_track: expect.any(Boolean),
      metric_label: expect.any(String),
    });
    expect(measured.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // The CSV carries the same rows; an empty field is a missing value.
    const { records } = await csv(`/data/targets.csv?year=${YEAR}`);
    expect(records.length).toBe(body.rows.length);
    const unmeasured = records.find((row) => row.latest === "");
    if (unmeasured) expect(unmeasured.rag).toBe("");
  });

  it("gives the designation history of the year: computed designations and decisions, newest first, times in ISO", async () => {
    const body = await json(`/data/designations.json?year=${YEAR}`);
    expect(body.columns).toEqual([...DESIGNATION_COLUMNS]);
    expect(body.rows.length).toBeGreaterThan(0);
    for (const row of body.rows) {
      expect(["computed", "decision"]).toContain(row.kind);
      expect(row.recorded_at).toMatch(/^\d{4}-\d\d-\d\dT/);
      if (row.kind === "decision") expect(row.agreed_on).toMatch(/^\d{4}-\d\d-\d\d$/);
    }
    const oakfield = body.rows.filter((row) => row.urn === "140001");
    const times = oakfield.map((row) => row.recorded_at as string);
    expect(times).toEqual([...times].sort().reverse());
  });

  it("reads the current academic year when none is given", async () => {
    const body = await json("/data/overview.json");
    expect(body.year).toBe(academicYearOf(new Date()));
    expect(body.rows.length).toBeGreaterThan(10);
  });

  it("answers a missing token, a bad year and an unknown table in GraphQL's error shape", async () => {
    const signedOut = await get(`/data/overview.csv?year=${YEAR}`, null);
    expect(signedOut.status).toBe(401);
    expect(await signedOut.json()).toMatchObject({
      errors: [{ extensions: { code: "UNAUTHENTICATED" } }],
    });
    const badYear = await get("/data/targets.json?year=2025-26");
    expect(badYear.status).toBe(400);
    expect(await badYear.json()).toMatchObject({
      errors: [{ extensions: { code: "BAD_USER_INPUT", problems: [{ field: "year" }] } }],
    });
    const unknown = await get("/data/measurements.csv");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      errors: [
        {
          message: expect.stringContaining("/data/overview.csv"),
          extensions: { code: "NOT_FOUND" },
        },
      ],
    });
  });

  it("quotes commas, quotes and line breaks in CSV, and keeps a formula-like name from running", async () => {
    const name = '=HYPERLINK("http://x.example","Bridge, ""AP""")\nline two';
    await server.handle.prisma.academy.updateMany({ where: { urn: "140014" }, data: { name } });
    try {
      const { records } = await csv(`/data/overview.csv?year=${YEAR}`);
      expect(records.find((row) => row.urn === "140014")!.academy).toBe(`'${name}`);
      expect(records).toHaveLength(14);
      // JSON is not opened by a spreadsheet: the name as stored.
      const body = await json(`/data/overview.json?year=${YEAR}`);
      expect(body.rows.find((row) => row.urn === "140014")!.academy).toBe(name);
    } finally {
      await server.handle.prisma.academy.updateMany({
        where: { urn: "140014" },
        data: { name: "Bridge Alternative Provision" },
      });
    }
  });

  it("counts against the rate limit like every route, saying what is left", async () => {
    const first = await get(`/data/overview.json?year=${YEAR}`);
    const second = await get(`/data/overview.json?year=${YEAR}`);
    expect(first.headers.get("ratelimit-limit")).toBe("600");
    expect(Number(second.headers.get("ratelimit-remaining"))).toBe(
      Number(first.headers.get("ratelimit-remaining")) - 1,
    );
  });
});
