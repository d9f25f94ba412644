// The MAT custom functions called as Excel calls them (2-D ranges, null for
// an omitted argument), against the real server with the demo trust. Only
// the CustomFunctions global is mocked (office-addin-mock); every answer
// comes from the server over HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import WebSocket from "ws";
import { installCustomFunctionsMock } from "./custom-functions-mock.js";
import {
  DEMO_MATRIX,
  HEADER_ROW,
  cellError,
  countingFetch,
  streamingCell,
} from "./functions-fixtures.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { saveConnection } from "../../addin/shared/connection.js";
import {
  configureFunctions,
  SIGN_IN_MESSAGE,
  card,
  designation,
  explain,
  progress,
  stored,
  support,
  target,
} from "../../addin/functions/index.js";

let server: TestServer;
const requests = countingFetch();
const YEAR = "2025/26";

async function signIn(token: string | null): Promise<void> {
  await saveConnection({ serverUrl: server.url, token });
}

async function demoCard(urn: string) {
  const data = await server.client(server.tokens.leader).request<{
    academyCard: {
      targets: {
        metric: string;
        baseline: number;
        target: number;
        status: string;
        progress: {
          latest: number | null;
          gapClosed: number | null;
          rag: string | null;
          expected: number | null;
        };
      }[];
    };
  }>(
    gql`
      query ($urn: URN!, $year: AcademicYear!) {
        academyCard(urn: $urn, year: $year) {
          targets {
            metric
            baseline
            target
            status
            progress {
              latest
              gapClosed
              rag
              expected
            }
          }
        }
      }
    `,
    { urn, year: YEAR },
  );
  return data.academyCard.targets;
}

const row = (urn: string) => DEMO_MATRIX.find((entry) => entry.urn === urn)!.values;

beforeAll(async () => {
  await installCustomFunctionsMock();
  server = await startTestServer("sqlite");
  configureFunctions({
    fetch: requests.fetch,
    webSocketImpl: WebSocket,
    // Mid-way through the demo trust's year, so "the current academic year" is 2025/26.
    now: () => new Date("2026-03-02T10:00:00Z"),
  });
});

afterAll(async () => {
  configureFunctions();
  await server?.stop();
});

beforeEach(async () => {
  await signIn(server.tokens.leader);
  requests.reset();
});

describe("MAT.DESIGNATION", () => {
  it("gives every demo academy the designation the server stored for it (phase-model)", async () => {
    const stored = await server.client(server.tokens.leader).request<{
      academies: {
        edges: {
          node: { urn: string; currentDesignation: { computed: { label: string } | null } };
        }[];
      };
    }>(gql`
      {
        academies(first: 50) {
          edges {
            node {
              urn
              currentDesignation: designation(year: "2025/26") {
                computed {
                  label
                }
              }
            }
          }
        }
      }
    `);
    const expected = new Map(
      stored.academies.edges.map(({ node }) => [node.urn, node.currentDesignation.computed?.label]),
    );
    const labels = await Promise.all(
      DEMO_MATRIX.map(({ values }) =>
        designation("phase-model", values, HEADER_ROW).catch(
          (error: { code: string }) => error.code,
        ),
      ),
    );
    expect(DEMO_MATRIX.map(({ urn }, index) => [urn, labels[index]])).toEqual(
      DEMO_MATRIX.map(({ urn }) => [urn, expected.get(urn) ?? "#N/A"]),
    );
  });

  it("puts a secondary with Progress 8 of -0.62 in Stabilise, from a two-column range", async () => {
    const pairs = [
      ["phase", "secondary"],
      ["Latest Ofsted judgement", "Good"],
      ["P8", -0.62],
    ];
    expect(await designation("phase-model", pairs)).toBe(
      "D: Challenged and Vulnerable (Stabilise)",
    );
    expect(await designation("phase-model", pairs, undefined, "key")).toBe("stabilise");
    expect(await designation("phase-model", pairs, undefined, "rank")).toBe(1);
    expect(await designation("phase-model", pairs, undefined, "risk")).toBe("high");
  });

  it("leaves out columns whose header is blank, whatever they hold", async () => {
    const headers = [["Phase", "", "P8"]];
    expect(await designation("phase-model", [["Secondary", "Goodish", 0.3]], headers, "key")).toBe(
      "sustain",
    );
  });

  it("asks to sign in for the presets unless the operator turns public evaluation on", async () => {
    await signIn(null);
    await expect(
      designation("tiered-support", row("140001"), HEADER_ROW, "key"),
    ).rejects.toMatchObject({ code: "#N/A", message: expect.stringContaining("Sign in") });
    const open = await startTestServer("sqlite", { PUBLIC_EVALUATION: "true" });
    try {
      await saveConnection({ serverUrl: open.url, token: null });
      expect(await designation("tiered-support", row("140001"), HEADER_ROW, "key")).toBe("tier1");
    } finally {
      await open.stop();
    }
  });

  it("answers #VALUE! naming the indicator and what it accepts for a cell it cannot read", async () => {
    const error = await cellError(
      designation("phase-model", [
        ["Phase", "Secondary"],
        ["P8", "Goodish"],
      ]),
    );
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toContain("Progress 8 (ks4.progress8)");
    expect(error.message).toContain('"Goodish"');
    expect(error.message).toMatch(/accepts .*Progress 8 score/);
  });

  it("answers #VALUE! for an indicator it does not know in the two-column form", async () => {
    const error = await cellError(designation("phase-model", [["Shoe size", 9]]));
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toContain('Unknown indicator "Shoe size"');
  });

  it("answers #N/A when no source of evidence can be used", async () => {
    const error = await cellError(
      designation("phase-model", [
        ["P8", "n/a"],
        ["KS2 RWM %", "SUPP"],
      ]),
    );
    expect(error).toEqual({
      code: "#N/A",
      message: "Insufficient evidence: no source of evidence could be used (MAT.EXPLAIN says why)",
    });
  });

  it("answers #VALUE! for an unknown framework, a bad field and ranges of different sizes", async () => {
    const framework = await cellError(designation("phase-modle", [["P8", 0.3]]));
    expect(framework.code).toBe("#VALUE!");
    expect(framework.message).toContain('unknown framework "phase-modle"');
    const field = await cellError(designation("phase-model", [["P8", 0.3]], undefined, "colour"));
    expect(field).toEqual({
      code: "#VALUE!",
      message: 'field: "colour" is not one of label, key, rank, risk, status',
    });
    const sizes = await cellError(designation("phase-model", [[1, 2, 3]], [["P8", "Phase"]]));
    expect(sizes.code).toBe("#VALUE!");
    expect(sizes.message).toContain("values has 3 cells but headers has 2");
  });
});

describe("MAT.EXPLAIN", () => {
  it("gives one line per source and lists the columns that are not evidence", async () => {
    const text = await explain("phase-model", row("140002"), HEADER_ROW);
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^Ofsted \(OE.*Good/);
    expect(lines.some((line) => line.startsWith("Progress 8 0.1"))).toBe(true);
    expect(lines.at(-1)).toBe("Not evidence (no indicator by that header): URN, Academy, Notes");
  });

  it("explains insufficient evidence rather than failing", async () => {
    const text = await explain("phase-model", [["P8", "n/a"]]);
    expect(text.split("\n")[0]).toBe("Insufficient evidence: no source of evidence could be used.");
  });

  it("shares one row with MAT.DESIGNATION for the same cells", async () => {
    const values = row("140003");
    const [level, reasons] = await Promise.all([
      designation("risk-matrix", values, HEADER_ROW),
      explain("risk-matrix", values, HEADER_ROW),
    ]);
    expect(level).toMatch(/^Category/);
    expect(reasons.length).toBeGreaterThan(0);
    // One row, explained for both cells: one request.
    expect(requests.operations()).toEqual(["DesignateCells"]);
  });

  it("asks for reasons only for the rows an EXPLAIN cell reads, the header row once per request", async () => {
    const [first, second] = [row("140001"), row("140002")];
    const [levels, reasons] = await Promise.all([
      Promise.all([
        designation("phase-model", first, HEADER_ROW),
        designation("phase-model", second, HEADER_ROW),
      ]),
      explain("phase-model", second, HEADER_ROW),
    ]);
    expect(reasons.split("\n").length).toBeGreaterThan(1);
    expect(levels).toEqual([
      await designation("phase-model", first, HEADER_ROW),
      await designation("phase-model", second, HEADER_ROW),
    ]);
    const [levelOnly, explained] = requests
      .variables()
      .slice(0, 2)
      .sort((a, b) => Number(a.explain) - Number(b.explain));
    // The first row for its level alone; the second, shared by DESIGNATION and EXPLAIN, explained.
    expect(levelOnly).toMatchObject({ explain: false, headers: [...HEADER_ROW[0]!] });
    expect(levelOnly!.rows).toHaveLength(1);
    expect(explained).toMatchObject({ explain: true, headers: [...HEADER_ROW[0]!] });
    expect(explained!.rows).toHaveLength(1);
    // Numbers go as numbers (the URN, P8), blanks as null: the cells as Excel holds them.
    expect((explained!.rows as unknown[][])[0]).toEqual(
      second[0]!.map((cell) => (cell === "" ? null : cell)),
    );
  });

  it("sends one request per header row: two sheets with their columns in another order", async () => {
    const values = row("140003");
    const order = HEADER_ROW[0]!.map((_, index) => index).reverse();
    const reversed = (range: unknown[][]) => [order.map((index) => range[0]![index])];
    const [asIs, backwards] = await Promise.all([
      designation("risk-matrix", values, HEADER_ROW, "key"),
      designation("risk-matrix", reversed(values), reversed(HEADER_ROW), "key"),
    ]);
    expect(backwards).toBe(asIs);
    expect(requests.operations()).toEqual(["DesignateCells", "DesignateCells"]);
  });
});

describe("MAT.SUPPORT", () => {
  it("spills the entitlements of a level named by key, label or rank", async () => {
    const byKey = await support("phase-model", "repair");
    expect(byKey[0]).toEqual(["Activity", "Quantity", "Unit", "Per"]);
    expect(byKey).toContainEqual(["MAT QA review", 2, "reviews", "year"]);
    expect(byKey).toContainEqual(["Bespoke support", 12, "days", "year"]);
    expect(await support("phase-model", "C: Developing (Repair)")).toEqual(byKey);
    expect(await support("phase-model", 2)).toEqual(byKey);
    // The conditional entitlement (inspection due within a year) needs evidence: left out.
    expect(byKey.some((line) => String(line[0]).startsWith("Inspection-readiness"))).toBe(false);
  });

  it("gives one quantity when an activity is named, from one cached request", async () => {
    expect(await support("phase-model", "stabilise", "mat qa review")).toEqual([[3]]);
    expect(await support("phase-model", "sustain", "MAT QA review")).toEqual([[1]]);
    expect(requests.count()).toBeLessThanOrEqual(1);
  });

  it("answers #VALUE! for an unknown level and #N/A for an activity the level does not have", async () => {
    const level = await cellError(support("phase-model", "excellent"));
    expect(level.code).toBe("#VALUE!");
    expect(level.message).toContain('"excellent" is not a level of phase-model');
    const activity = await cellError(support("tiered-support", "tier1", "Rapid improvement plan"));
    expect(activity.code).toBe("#N/A");
    expect(activity.message).toContain("the activities are: CEO 1:1");
  });
});

describe("MAT.STORED", () => {
  it("reads the designation that counts and its status: not yet agreed, then agreed by the board", async () => {
    // Oakfield (140001) has only its computed designation; Castle (140013) is agreed by the board first.
    await server.client(server.tokens.leader).request(gql`
      mutation {
        decideDesignation(
          urn: "140013"
          year: "2025/26"
          body: "Trust Board"
          agreedOn: "2025-10-14"
        ) {
          status
        }
      }
    `);
    expect(await stored("140001", YEAR)).toBe("A: Self-Sustaining (Sustain)");
    expect(await stored("140001", YEAR, "status")).toBe("not yet agreed");
    expect(await stored("140001", YEAR, "rank")).toBe(4);
    expect(await stored("140013", YEAR, "key")).toBe("stabilise");
    expect(await stored("140013", YEAR, "status")).toBe("agreed");
    expect(await stored("140013", YEAR, "agreed")).toBe(
      "agreed by Trust Board, 14 Oct 2025 (Demo leader)",
    );
    const notAgreed = await cellError(stored("140001", YEAR, "timeInLevel"));
    expect(notAgreed.code).toBe("#N/A");
  });

  it("answers #N/A for a year with no designation and #VALUE! for an unknown field", async () => {
    const year = await cellError(stored("140001", "2019/20"));
    expect(year).toEqual({
      code: "#N/A",
      message: "Academy 140001 has no designation for 2019/20",
    });
    const field = await cellError(stored("140001", YEAR, "colour"));
    expect(field.code).toBe("#VALUE!");
  });
});

describe("MAT.TARGET and MAT.CARD", () => {
  it("reads a demo academy's targets and card, for the year given or the current one", async () => {
    const expected = await demoCard("140001");
    const absence = expected.find((entry) => entry.metric === "attendance.absence")!;
    expect(absence.target).toBe(3.5);
    expect(await target("140001", "attendance.absence", YEAR)).toBe(3.5);
    expect(await target("140001", "attendance.absence")).toBe(3.5);
    // A date inside the year (an Excel serial: 1 Oct 2025) picks the same year.
    expect(await target("140001", "attendance.absence", 45931)).toBe(3.5);
    expect(await card("140001", YEAR)).toEqual([
      ["Metric", "Baseline", "Target", "Latest", "Gap closed", "RAG", "Expected", "Status"],
      ...expected.map((entry) => [
        entry.metric,
        entry.baseline,
        entry.target,
        entry.progress.latest ?? "",
        entry.progress.gapClosed ?? "",
        // A cell shows the domain's words (green, agreed), not the API's enum values.
        entry.progress.rag?.toLowerCase() ?? "",
        entry.progress.expected ?? "",
        entry.status.toLowerCase(),
      ]),
    ]);
  });

  it("answers #N/A for an unknown URN or a metric without a target", async () => {
    const urn = await cellError(target("999999", "attendance.absence", YEAR));
    expect(urn).toEqual({ code: "#N/A", message: "No academy with URN 999999 in your trust" });
    const metric = await cellError(target("140001", "ks4.progress8", YEAR));
    expect(metric.code).toBe("#N/A");
    expect(metric.message).toContain("Academy 140001 has no ks4.progress8 target for 2025/26");
    const year = await cellError(card("140001", "2019/20"));
    expect(year).toEqual({ code: "#N/A", message: "Academy 140001 has no targets for 2019/20" });
  });

  it("answers #VALUE! for a malformed URN or year, before asking the server", async () => {
    const urn = await cellError(target("12345", "attendance.absence", YEAR));
    expect(urn.code).toBe("#VALUE!");
    expect(urn.message).toContain("a URN is six digits");
    const year = await cellError(card("140001", 2025));
    expect(year.code).toBe("#VALUE!");
    expect(year.message).toContain("write 2025/26");
    expect(requests.count()).toBe(0);
  });

  it("asks a signed-out user to sign in, without a request, and says the same for a refused token", async () => {
    await signIn(null);
    expect(await cellError(target("140001", "attendance.absence", YEAR))).toEqual({
      code: "#N/A",
      message: SIGN_IN_MESSAGE,
    });
    expect(await cellError(card("140001", YEAR))).toEqual({
      code: "#N/A",
      message: SIGN_IN_MESSAGE,
    });
    expect(requests.count()).toBe(0);
    await signIn("mat_not-a-real-token");
    expect(await cellError(target("140001", "attendance.absence", YEAR))).toEqual({
      code: "#N/A",
      message: SIGN_IN_MESSAGE,
    });
  });
});

describe("MAT.PROGRESS", () => {
  it("streams the latest value, then the new one after a measurement is recorded", async () => {
    const before = (await demoCard("140002")).find(
      (entry) => entry.metric === "attendance.absence",
    )!;
    const cell = streamingCell();
    progress(
      "140002",
      "attendance.absence",
      null as unknown as string,
      null as unknown as string,
      cell.invocation,
    );
    expect(await cell.next()).toBe(before.progress.latest);

    // The cell subscribes once it has shown its first value; a measurement recorded before the
    // subscription is in place is not pushed, so record until one reaches the cell.
    const record = () =>
      server.client(server.tokens["data-manager"]).request(
        gql`
          mutation ($input: MeasurementInput!) {
            recordMeasurement(input: $input) {
              id
            }
          }
        `,
        {
          input: {
            urn: "140002",
            year: YEAR,
            metric: "attendance.absence",
            period: "SUMMER2",
            value: 4.2,
            source: "Functions test",
          },
        },
      );
    for (let attempt = 0; attempt < 40; attempt++) {
      await record();
      const shown = await cell.next((value) => value === 4.2, 250).catch(() => null);
      if (shown !== null) break;
    }
    expect(await cell.next((value) => value === 4.2)).toBe(4.2);
    cell.cancel();
  });

  it("shows the field asked for", async () => {
    const cell = streamingCell();
    progress("140001", "attendance.absence", "rag", YEAR, cell.invocation);
    expect(await cell.next()).toMatch(/^(green|amber|red)$/);
    cell.cancel();
  });

  it("sets an error for a missing target, and for a signed-out user", async () => {
    const missing = streamingCell();
    progress("140001", "ks4.progress8", "latest", YEAR, missing.invocation);
    expect(await missing.next()).toMatchObject({ code: "#N/A" });
    missing.cancel();
    await signIn(null);
    const signedOut = streamingCell();
    progress("140001", "attendance.absence", "latest", YEAR, signedOut.invocation);
    expect(await signedOut.next()).toEqual({ code: "#N/A", message: SIGN_IN_MESSAGE });
    signedOut.cancel();
  });

  it("updates at once when the user signs in", async () => {
    await signIn(null);
    const cell = streamingCell();
    progress("140001", "attendance.absence", "target", YEAR, cell.invocation);
    expect(await cell.next()).toEqual({ code: "#N/A", message: SIGN_IN_MESSAGE });
    await signIn(server.tokens.leader);
    expect(await cell.next((value) => value === 3.5, 2_000)).toBe(3.5);
    cell.cancel();
  });
});
