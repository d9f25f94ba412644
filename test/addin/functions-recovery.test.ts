// The functions when the server goes away and comes back: a clear message
// while it cannot be reached, values again as soon as it answers (no failure
// is kept), streaming cells included (over a live connection that drops and
// comes back); and a server with a lower query-cost limit than the add-in
// assumes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { installCustomFunctionsMock } from "./custom-functions-mock.js";
import {
  DEMO_MATRIX,
  HEADER_ROW,
  countingFetch,
  shown,
  streamingCell,
} from "./functions-fixtures.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { saveConnection } from "../../addin/shared/connection.js";
import {
  configureFunctions,
  SIGN_IN_AGAIN_MESSAGE,
  SIGN_IN_MESSAGE,
  card,
  designation,
  explain,
  progress,
  support,
  target,
} from "../../addin/functions/index.js";
import { ACADEMY_CARDS_COST } from "../../addin/functions/operations.js";

const YEAR = "2025/26";
const requests = countingFetch();
const values = DEMO_MATRIX[1]!.values;
const servers: TestServer[] = [];

async function start(env: Record<string, string> = {}): Promise<TestServer> {
  const server = await startTestServer("sqlite", env);
  servers.push(server);
  return server;
}

const unreachable = (url: string) => ({
  code: "#N/A",
  message: `Cannot reach the server at ${url}; check the connection in the task pane.`,
});

beforeAll(async () => {
  await installCustomFunctionsMock();
});

afterAll(async () => {
  configureFunctions();
  for (const server of servers) await server.stop();
});

describe("when the server cannot be reached", () => {
  it("says so, and answers again as soon as the server is back at the same address", async () => {
    const first = await start({ PUBLIC_EVALUATION: "true" });
    configureFunctions({ fetch: requests.fetch });
    // With public evaluation on, presets need no token: nothing about the connection changes.
    await saveConnection({ serverUrl: first.url, token: null });
    const before = await designation("phase-model", values, HEADER_ROW);
    expect(before).toMatch(/Sustain|Improve|Repair|Stabilise/);

    await first.stop();
    const down = await Promise.all(
      [
        designation("phase-model", values, HEADER_ROW),
        explain("phase-model", values, HEADER_ROW),
        support("phase-model", "repair", "MAT QA review"),
      ].map(shown),
    );
    expect(down).toEqual(Array(3).fill(unreachable(first.url)));

    const again = await start({ PORT: String(first.handle.port), PUBLIC_EVALUATION: "true" });
    expect(again.url).toBe(first.url);
    expect(await designation("phase-model", values, HEADER_ROW)).toBe(before);
    expect(await explain("phase-model", values, HEADER_ROW)).toContain("\n");
    expect(await support("phase-model", "repair", "MAT QA review")).toEqual([[2]]);
  });

  it("keeps a streaming cell going: unreachable, then asks to sign in, then values again", async () => {
    const first = await start();
    configureFunctions({
      fetch: requests.fetch,
      webSocketImpl: WebSocket,
      liveRetryDelayMs: () => 100,
    });
    await saveConnection({ serverUrl: first.url, token: first.tokens.leader });
    const cell = streamingCell();
    progress("140001", "attendance.absence", "target", YEAR, cell.invocation);
    expect(await cell.next()).toBe(3.5);

    await first.stop();
    expect(await cell.next((value) => typeof value === "object")).toEqual(unreachable(first.url));
    expect(await shown(target("140001", "attendance.absence", YEAR))).toEqual(
      unreachable(first.url),
    );

    // The restarted server has a new database and new tokens: the old one is refused, 401 over
    // HTTP ("Sign in") or 4401 on the socket, not retried ("Sign in again"), whichever answers first.
    const again = await start({ PORT: String(first.handle.port) });
    const refused = cell.results.length;
    const asked = await cell.next((value) => value instanceof Object, 10_000, refused);
    expect(asked).toEqual({ code: "#N/A", message: expect.any(String) });
    expect([SIGN_IN_MESSAGE, SIGN_IN_AGAIN_MESSAGE]).toContain(
      (asked as { message: string }).message,
    );
    const signedIn = cell.results.length;
    await saveConnection({ serverUrl: again.url, token: again.tokens.leader });
    expect(await cell.next(() => true, 10_000, signedIn)).toBe(3.5);
    expect(await target("140001", "attendance.absence", YEAR)).toBe(3.5);
    cell.cancel();
  });

  it("recovers when the connection is pointed at a closed port and back", async () => {
    const live = await start();
    configureFunctions({ fetch: requests.fetch });
    const closed = "http://127.0.0.1:9";
    await saveConnection({ serverUrl: closed, token: live.tokens.leader });
    expect(await shown(card("140001", YEAR))).toEqual(unreachable(closed));
    expect(await shown(designation("tiered-support", values, HEADER_ROW))).toEqual(
      unreachable(closed),
    );
    await saveConnection({ serverUrl: live.url, token: live.tokens.leader });
    expect(await card("140001", YEAR)).toContainEqual(
      expect.arrayContaining(["attendance.absence"]),
    );
    expect(await designation("tiered-support", values, HEADER_ROW)).toMatch(/^Tier/);
  });
});

describe("a server with a lower query-cost limit", () => {
  it("answers every card in one request while academyCards is within it", async () => {
    const strict = await start({
      MAX_QUERY_COST: String(ACADEMY_CARDS_COST + DEMO_MATRIX.length),
    });
    configureFunctions({ fetch: requests.fetch });
    await saveConnection({ serverUrl: strict.url, token: strict.tokens.leader });
    requests.reset();
    const cards = await Promise.all(DEMO_MATRIX.map(({ urn }) => card(urn, YEAR)));
    expect(cards.every((rows) => rows[0]?.[0] === "Metric")).toBe(true);
    expect(requests.operations()).toEqual(["AcademyCards"]);
  });

  it("just below it, halves the request and answers every card in two more", async () => {
    const strict = await start({ MAX_QUERY_COST: String(ACADEMY_CARDS_COST + 7) });
    configureFunctions({ fetch: requests.fetch });
    await saveConnection({ serverUrl: strict.url, token: strict.tokens.leader });
    requests.reset();
    const cards = await Promise.all(DEMO_MATRIX.map(({ urn }) => card(urn, YEAR)));
    expect(cards.every((rows) => rows[0]?.[0] === "Metric")).toBe(true);
    // 14 URNs cost ACADEMY_CARDS_COST + 14, 7 over: two halves of 7 cost + 7 each, within it.
    expect(requests.operations()).toEqual(Array(3).fill("AcademyCards"));
  });

  it("far below it, sends one request and shows the server's message (fewer URNs could not help)", async () => {
    const strict = await start({ MAX_QUERY_COST: "500" });
    configureFunctions({ fetch: requests.fetch });
    await saveConnection({ serverUrl: strict.url, token: strict.tokens.leader });
    requests.reset();
    const cells = await Promise.all(DEMO_MATRIX.map(({ urn }) => shown(card(urn, YEAR))));
    // 14 cards refused at ACADEMY_CARDS_COST + 14, far more over the limit than 14 URNs could save.
    expect(requests.operations()).toEqual(["AcademyCards"]);
    expect(new Set(cells.map((cell) => JSON.stringify(cell)))).toEqual(
      new Set([
        JSON.stringify({
          code: "#N/A",
          message: `The server could not answer: This query would cost ${ACADEMY_CARDS_COST + DEMO_MATRIX.length}; the limit is 500. Ask for fewer fields or smaller pages.`,
        }),
      ]),
    );
  });
});
