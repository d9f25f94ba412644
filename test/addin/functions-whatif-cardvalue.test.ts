// MAT.WHATIF and MAT.CARDVALUE called as Excel calls them, against the real
// server with the demo trust. Only Excel is mocked (office-addin-mock): the
// CustomFunctions global, and for MAT.CARDVALUE the host's answer to
// isSetSupported("CustomFunctionsRuntime", "1.4").
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import { OfficeMockObject } from "office-addin-mock";
import { installCustomFunctionsMock } from "./custom-functions-mock.js";
import { DEMO_MATRIX, HEADER_ROW, cellError, countingFetch } from "./functions-fixtures.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { saveConnection } from "../../addin/shared/connection.js";
import {
  configureFunctions,
  card,
  cardvalue,
  designation,
  whatif,
} from "../../addin/functions/index.js";

let server: TestServer;
const requests = countingFetch();
const YEAR = "2025/26";

const row = (urn: string) => DEMO_MATRIX.find((entry) => entry.urn === urn)!.values;

/** Excel's Office global as far as MAT.CARDVALUE asks it: which requirement sets the host has. */
async function installHost(customFunctionsRuntime: string | null): Promise<void> {
  const host = new OfficeMockObject({
    context: {
      requirements: {
        isSetSupported: (name: string, version?: string) =>
          name === "CustomFunctionsRuntime" &&
          customFunctionsRuntime !== null &&
          Number(version ?? "1.1") <= Number(customFunctionsRuntime),
      },
    },
  });
  (globalThis as { Office?: unknown }).Office = host;
}

beforeAll(async () => {
  await installCustomFunctionsMock();
  server = await startTestServer("sqlite");
  configureFunctions({ fetch: requests.fetch, now: () => new Date("2026-03-02T10:00:00Z") });
  await saveConnection({ serverUrl: server.url, token: server.tokens.leader });
  // The demo header row's columns that name no indicator (URN, Academy, Notes) are learned once.
  await designation("phase-model", row("140001"), HEADER_ROW);
});

afterAll(async () => {
  configureFunctions();
  delete (globalThis as { Office?: unknown }).Office;
  await server?.stop();
});

beforeEach(() => requests.reset());

describe("MAT.WHATIF", () => {
  it("moves a primary's KS2 result named by its header: one request, the row as given shared with MAT.DESIGNATION", async () => {
    const values = row("140001");
    const [now, moved, changes] = await Promise.all([
      designation("phase-model", values, HEADER_ROW, "key"),
      whatif("phase-model", values, HEADER_ROW, "KS2 RWM %", 0.5, "key"),
      whatif("phase-model", values, HEADER_ROW, "KS2 RWM %", 0.5, "changes"),
    ]);
    expect(now).toBe("sustain");
    // 50% is more than 10 points under the national 62%: Stabilise, the lowest level counts.
    expect(moved).toBe("stabilise");
    const lines = String(changes).split("\n");
    expect(lines[0]).toBe(
      "KS2 RWM % at 0.5: A: Self-Sustaining (Sustain) -> D: Challenged and Vulnerable (Stabilise)",
    );
    expect(lines.slice(1).join("\n")).toMatch(/-> stabilise: .*50/);
    // Two rows, the row as given (shared by all three cells) and the row moved in its own
    // cell (the same columns), explained for the changes: one request.
    expect(requests.operations()).toEqual(["DesignateCells"]);
  });

  it("finds the column an indicator key names (the server says which): a sheet of cells in two requests", async () => {
    const primaries = DEMO_MATRIX.filter(({ values }) =>
      values[0]!.some((cell) => cell === "Primary"),
    );
    expect(primaries.length).toBeGreaterThan(3);
    const byKey = await Promise.all(
      primaries.map(({ values }) =>
        whatif("phase-model", values, HEADER_ROW, "ks2.rwmExpected", 90, "rank").catch(
          (error: { code: string }) => error.code,
        ),
      ),
    );
    // The rows as given, and the what-if rows with the key's cell first (the server names the
    // column it clashes with); then the what-if rows without "KS2 RWM %".
    expect(requests.operations()).toEqual(["DesignateCells", "DesignateCells", "DesignateCells"]);
    requests.reset();
    const byHeader = await Promise.all(
      primaries.map(({ values }) =>
        whatif("phase-model", values, HEADER_ROW, "KS2 RWM %", 90, "rank").catch(
          (error: { code: string }) => error.code,
        ),
      ),
    );
    expect(byKey).toEqual(byHeader);
    // By its header the value is moved in its own cell: the same columns, one request.
    expect(requests.operations()).toEqual(["DesignateCells"]);
    // The same as MAT.DESIGNATION on the row with its cell changed by hand.
    const column = HEADER_ROW[0]!.indexOf("KS2 RWM %");
    const edited = await Promise.all(
      primaries.map(({ values }) =>
        designation(
          "phase-model",
          [values[0]!.map((cell, index) => (index === column ? 90 : cell))],
          HEADER_ROW,
          "rank",
        ),
      ),
    );
    expect(byKey).toEqual(edited);
    expect(new Set(byKey).size).toBeGreaterThan(1);
  });

  it("says a move changes nothing when the value is the one the row holds", async () => {
    const text = await whatif("phase-model", row("140002"), HEADER_ROW, "P8", 0.1, "changes");
    expect(text).toMatch(/^P8 at 0.1: stays /);
    expect(String(text).split("\n")[1]).toBe("No reason changed");
  });

  it("works on a two-column range with headers left empty", async () => {
    const pairs = [
      ["phase", "secondary"],
      ["Latest Ofsted judgement", "Good"],
      ["P8", -0.62],
    ];
    expect(await designation("phase-model", pairs, undefined, "key")).toBe("stabilise");
    expect(await whatif("phase-model", pairs, null as never, "ks4.progress8", 0.3, "key")).toBe(
      "improve",
    );
    const changes = String(
      await whatif("phase-model", pairs, null as never, "ks4.progress8", 0.3, "changes"),
    );
    expect(changes.split("\n")[0]).toBe(
      "ks4.progress8 at 0.3: D: Challenged and Vulnerable (Stabilise) -> B: Self-Improving (Improve)",
    );
  });

  it("answers #VALUE! naming the indicator and what it accepts for a bad indicator or value", async () => {
    const unknown = await cellError(
      whatif("phase-model", row("140001"), HEADER_ROW, "Shoe size", 9),
    );
    expect(unknown.code).toBe("#VALUE!");
    expect(unknown.message).toContain('"Shoe size" names no indicator');
    expect(unknown.message).toContain("ks2.rwmExpected");
    const twoColumn = await cellError(
      whatif("phase-model", [["P8", 0.3]], null as never, "Shoe size", 9),
    );
    expect(twoColumn.code).toBe("#VALUE!");
    expect(twoColumn.message).toContain('Unknown indicator "Shoe size"');
    const value = await cellError(
      whatif("phase-model", row("140002"), HEADER_ROW, "ks4.progress8", "Goodish"),
    );
    expect(value.code).toBe("#VALUE!");
    expect(value.message).toContain("Progress 8 (ks4.progress8)");
    expect(value.message).toContain('"Goodish"');
    expect(value.message).toMatch(/accepts/);
    const blank = await cellError(whatif("phase-model", row("140002"), HEADER_ROW, "P8", ""));
    expect(blank.code).toBe("#VALUE!");
    expect(blank.message).toContain("value: give the value P8 would move to");
    const field = await cellError(
      whatif("phase-model", row("140002"), HEADER_ROW, "P8", 0.2, "colour"),
    );
    expect(field.message).toBe('field: "colour" is not one of label, key, rank, risk, changes');
  });
});

interface DemoCard {
  academy: { name: string };
  designation: {
    status: string;
    statusText: string;
    level: { label: string; rank: number } | null;
    support: { activity: string }[];
  } | null;
  targets: {
    metric: string;
    metricLabel: string;
    progress: { latest: number | null; rag: string | null };
  }[];
}

async function demoCard(urn: string): Promise<DemoCard> {
  const data = await server.client(server.tokens.leader).request<{ academyCard: DemoCard }>(
    gql`
      query ($urn: URN!, $year: AcademicYear!) {
        academyCard(urn: $urn, year: $year) {
          academy {
            name
          }
          designation {
            status
            statusText
            level {
              label
              rank
            }
            support {
              activity
            }
          }
          targets {
            metric
            metricLabel
            progress {
              latest
              rag
            }
          }
        }
      }
    `,
    { urn, year: YEAR },
  );
  return data.academyCard;
}

describe("MAT.CARDVALUE", () => {
  afterEach(() => {
    delete (globalThis as { Office?: unknown }).Office;
  });

  it("is an entity with a card where the host has CustomFunctionsRuntime 1.4", async () => {
    await installHost("1.4");
    const expected = await demoCard("140001");
    const value = (await cardvalue("140001", YEAR)) as Excel.EntityCellValue;
    expect(value.type).toBe("Entity");
    expect(value.text).toBe(`${expected.academy.name}: ${expected.designation!.level!.label}`);
    const properties = value.properties!;
    expect(properties["Designation"]).toEqual({
      type: "String",
      basicValue: expected.designation!.level!.label,
    });
    expect(properties["Status"]).toEqual({ type: "String", basicValue: "not yet agreed" });
    expect(properties["Rank"]).toEqual({ type: "Double", basicValue: 4 });
    const support = properties["Support"] as Excel.ArrayCellValue;
    expect(support.type).toBe("Array");
    expect(
      support.elements.slice(1).map((line) => (line[0] as Excel.StringCellValue).basicValue),
    ).toEqual(expected.designation!.support.map((entry) => entry.activity));
    expect(expected.targets.length).toBeGreaterThan(0);
    for (const target of expected.targets) {
      expect(properties[`${target.metricLabel} RAG`]).toEqual({
        type: "String",
        basicValue: target.progress.rag?.toLowerCase() ?? "no data",
      });
      expect(properties[`${target.metricLabel} latest`]).toEqual(
        target.progress.latest === null
          ? { type: "String", basicValue: "no data" }
          : { type: "Double", basicValue: target.progress.latest },
      );
    }
    // Every property the card lays out exists, and every property is laid out.
    const card = value.layouts!.card!;
    expect(card.title).toEqual({ property: "Academy" });
    const laidOut = card.sections!.flatMap((section) => section.properties);
    for (const name of laidOut) expect(properties).toHaveProperty([name]);
    expect(new Set([...laidOut, "Academy"])).toEqual(new Set(Object.keys(properties)));
  });

  it("is text, one line per item, where the host has no data types", async () => {
    await installHost("1.3");
    const expected = await demoCard("140001");
    const text = String(await cardvalue("140001", YEAR));
    const lines = text.split("\n");
    expect(lines[0]).toBe(`${expected.academy.name} (140001), ${YEAR}`);
    expect(lines[1]).toBe(
      `Designation: ${expected.designation!.level!.label} (${expected.designation!.statusText})`,
    );
    for (const target of expected.targets)
      expect(lines.some((line) => line.startsWith(`${target.metricLabel}: `))).toBe(true);
    // Outside Office altogether (no Office global): text too.
    delete (globalThis as { Office?: unknown }).Office;
    expect(await cardvalue("140001", YEAR)).toBe(text);
  });

  it("shares the academyCards request with MAT.CARD: one request for a sheet of both", async () => {
    await installHost("1.4");
    const urns = DEMO_MATRIX.map(({ urn }) => urn);
    const answers = await Promise.all(
      urns.flatMap((urn) => [
        cardvalue(urn, YEAR).catch((error: { code: string }) => error.code),
        card(urn, YEAR).catch((error: { code: string }) => error.code),
      ]),
    );
    expect(answers.filter((answer) => typeof answer === "object").length).toBeGreaterThan(0);
    expect(requests.operations()).toEqual(["AcademyCards"]);
  });

  it("answers #N/A signed out, and for an academy not in the trust; #VALUE! for a bad URN", async () => {
    const stranger = await cellError(cardvalue("999999", YEAR));
    expect(stranger).toEqual({ code: "#N/A", message: "No academy with URN 999999 in your trust" });
    const bad = await cellError(cardvalue("12345", YEAR));
    expect(bad.code).toBe("#VALUE!");
    await saveConnection({ serverUrl: server.url, token: null });
    try {
      const signedOut = await cellError(cardvalue("140001", YEAR));
      expect(signedOut.code).toBe("#N/A");
      expect(signedOut.message).toContain("Sign in");
    } finally {
      await saveConnection({ serverUrl: server.url, token: server.tokens.leader });
    }
  });
});
