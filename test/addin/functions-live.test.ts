// MAT.PROGRESS over the real WebSocket: the cell's first value from the
// batched card read, then each measurement a data manager records, pushed by
// the server within a second and with no request; cells of the same academy
// and metric sharing one subscription; a dropped connection resumed with
// `after` (the last cursor heard); a revoked token; and polling only where no WebSocket can be
// opened. Against the real server (test-server.ts); the socket is Node's ws,
// tapped to see what crosses the wire (graphql-ws-wire.ts), and a TCP proxy
// stands in for the network when a test needs it to fail.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import { installCustomFunctionsMock } from "./custom-functions-mock.js";
import { countingFetch, streamingCell } from "./functions-fixtures.js";
import { graphqlWsWire } from "./graphql-ws-wire.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.js";
import { issueTokenForUser, revokeToken } from "../../server/auth/tokens.js";
import { saveConnection } from "../../addin/shared/connection.js";
import {
  configureFunctions,
  functionRuntime,
  progress,
  SIGN_IN_AGAIN_MESSAGE,
  type FunctionRuntimeOptions,
} from "../../addin/functions/index.js";

const YEAR = "2025/26";
let server: TestServer;
const requests = countingFetch();
const wire = graphqlWsWire();
const proxies: TcpProxy[] = [];

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the condition holds (checked every 20 ms), failing after `ms`. */
async function until(condition: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await pause(20);
  }
}

function configure(options: FunctionRuntimeOptions = {}): void {
  configureFunctions({
    fetch: requests.fetch,
    webSocketImpl: wire.WebSocket,
    liveRetryDelayMs: () => 100,
    // Polling is the fallback only: a minute, so nothing here passes by polling unless a test says so.
    pollIntervalMs: 60_000,
    ...options,
  });
}

async function record(urn: string, metric: string, value: number): Promise<string> {
  const data = await server.client(server.tokens["data-manager"]).request<{
    recordMeasurement: { createdAt: string };
  }>(
    gql`
      mutation ($input: MeasurementInput!) {
        recordMeasurement(input: $input) {
          createdAt
        }
      }
    `,
    { input: { urn, year: YEAR, metric, period: "SUMMER2", value, source: "Live test" } },
  );
  return data.recordMeasurement.createdAt;
}

/** The (urn, metric) of each ProgressChanged subscription sent for an academy. */
function progressSubscriptions(urn: string): { metric: unknown; after: unknown }[] {
  return wire
    .subscribed("ProgressChanged")
    .filter((message) => message.payload?.variables?.urn === urn)
    .map((message) => ({
      metric: message.payload?.variables?.metric,
      after: message.payload?.variables?.after,
    }));
}

/** Waits for a cell's subscriptions to reach the server and be registered there. */
async function subscribedTo(urn: string): Promise<void> {
  await until(() => progressSubscriptions(urn).length > 0, `a subscription for ${urn}`);
  await pause(150);
}

function proxy(port: number): Promise<TcpProxy> {
  return startTcpProxy(port).then((started) => {
    proxies.push(started);
    return started;
  });
}

beforeAll(async () => {
  await installCustomFunctionsMock();
  server = await startTestServer("sqlite", { LIVE_TOKEN_RECHECK_SECONDS: "0.2" });
});

afterEach(() => {
  configureFunctions();
});

afterAll(async () => {
  configureFunctions();
  for (const started of proxies) await started.close();
  await server?.stop();
});

describe("MAT.PROGRESS over the live connection", () => {
  it("shows the card's value, then each new measurement within a second, with no request", async () => {
    configure();
    await saveConnection({ serverUrl: server.url, token: server.tokens.leader });
    const cell = streamingCell();
    progress("140002", "attendance.absence", "latest", YEAR, cell.invocation);
    expect(typeof (await cell.next())).toBe("number");
    await subscribedTo("140002");

    const delays: { fromSent: number; fromAnswered: number }[] = [];
    requests.reset();
    for (const value of [4.1, 4.3, 3.9, 4.0, 4.4, 3.8, 4.2, 3.7, 4.5, 3.6]) {
      const from = cell.results.length;
      const sent = performance.now();
      await record("140002", "attendance.absence", value);
      const answered = performance.now();
      await cell.next((shown) => shown === value, 5_000, from);
      const shownAt = cell.times[cell.results.indexOf(value, from)]!;
      delays.push({ fromSent: shownAt - sent, fromAnswered: shownAt - answered });
    }
    const sorted = (key: "fromSent" | "fromAnswered") =>
      delays.map((delay) => delay[key]).sort((a, b) => a - b);
    const median = (list: number[]) => list[Math.floor(list.length / 2)]!;
    console.log(
      `recordMeasurement to cell, 10 measurements: from the mutation being sent median ${median(sorted("fromSent")).toFixed(1)} ms, ` +
        `max ${Math.max(...sorted("fromSent")).toFixed(1)} ms; from its answer median ${median(sorted("fromAnswered")).toFixed(1)} ms, ` +
        `max ${Math.max(...sorted("fromAnswered")).toFixed(1)} ms`,
    );
    expect(Math.max(...sorted("fromSent"))).toBeLessThan(1_000);
    // Pushed over the socket: not one HTTP request from the add-in.
    expect(requests.operations()).toEqual([]);
    cell.cancel();
  });

  it("shares one subscription among the cells of an academy and metric, and ends it with the last", async () => {
    configure();
    await saveConnection({ serverUrl: server.url, token: server.tokens.leader });
    const latest = streamingCell();
    const rag = streamingCell();
    const other = streamingCell();
    progress("140003", "attendance.absence", "latest", YEAR, latest.invocation);
    // The metric in another case is the same target, and the same subscription.
    progress("140003", "Attendance.Absence", "rag", YEAR, rag.invocation);
    progress("140003", "attendance.persistentAbsence", "latest", YEAR, other.invocation);
    await Promise.all([latest.next(), rag.next(), other.next()]);
    await subscribedTo("140003");
    expect(progressSubscriptions("140003")).toEqual([
      { metric: "attendance.absence", after: undefined },
      { metric: "attendance.persistentAbsence", after: undefined },
    ]);
    const targetSubscriptions = () =>
      wire
        .subscribed("TargetChanged")
        .filter((message) => message.payload?.variables?.urn === "140003");
    expect(targetSubscriptions()).toHaveLength(1);

    // One event reaches both cells of the shared subscription.
    const otherShown = other.results.length;
    await record("140003", "attendance.absence", 2.1);
    expect(await latest.next((value) => value === 2.1)).toBe(2.1);
    expect(await rag.next((value) => value === "green", 2_000, 1)).toBe("green");
    // The other metric's cell did not move: a measurement of its own metric recorded after
    // is the next value it shows.
    await record("140003", "attendance.persistentAbsence", 7.3);
    expect(await other.next(() => true, 2_000, otherShown)).toBe(7.3);

    /** Complete messages sent for the subscriptions of an operation with these variables. */
    const completedFor = (operation: string, variables: Record<string, string>) =>
      wire
        .completed(operation)
        .filter((message) =>
          wire.messages.some(
            (sent) =>
              sent.type === "subscribe" &&
              sent.id === message.id &&
              Object.entries(variables).every(
                ([name, value]) => sent.payload?.variables?.[name] === value,
              ),
          ),
        );
    const absence = { urn: "140003", metric: "attendance.absence" };
    const persistent = { urn: "140003", metric: "attendance.persistentAbsence" };
    latest.cancel();
    // Still subscribed for the remaining cell: a later measurement reaches it, and by then no
    // complete message had gone out for the shared subscription.
    const ragShown = rag.results.length;
    await record("140003", "attendance.absence", 2.2);
    expect(await rag.next(() => true, 2_000, ragShown)).toBeDefined();
    expect(completedFor("ProgressChanged", absence)).toHaveLength(0);
    rag.cancel();
    await until(
      () => completedFor("ProgressChanged", absence).length === 1,
      "the shared subscription to end",
    );
    expect(completedFor("ProgressChanged", persistent)).toHaveLength(0);
    expect(completedFor("TargetChanged", { urn: "140003" })).toHaveLength(0);
    other.cancel();
    await until(
      () =>
        completedFor("ProgressChanged", persistent).length === 1 &&
        completedFor("TargetChanged", { urn: "140003" }).length === 1,
      "every subscription to end",
    );
    // With nothing left to hear, the socket itself closes (after 2 s, in case a recalculation restarts the cells).
    await until(() => server.handle.subscriptionClients() === 0, "the socket to close", 5_000);
  });

  it("after the connection drops, resubscribes after the last cursor it heard and shows what was recorded meanwhile, each once", async () => {
    const network = await proxy(server.handle.port);
    // Excel's recalculation, counted: the non-streaming cells are asked again once the socket is back.
    const recalculations: number[] = [];
    configure({
      recalculate: async () => recalculations.push(Date.now()) > 0,
      recalculateDelayMs: 10,
    });
    const reasons = () => functionRuntime().recalculation.reasons;
    await saveConnection({ serverUrl: network.url, token: server.tokens.leader });
    const cell = streamingCell();
    progress("140004", "attendance.absence", "latest", YEAR, cell.invocation);
    await cell.next();
    await subscribedTo("140004");
    const seenAt = await record("140004", "attendance.absence", 5.5);
    await cell.next((value) => value === 5.5);
    const socketsBefore = wire.sockets();
    const heard = wire
      .received("ProgressChanged")
      .map(
        (message) =>
          (message.payload?.data as { progressChanged: { cursor: string } }).progressChanged.cursor,
      );
    const lastCursor = heard.at(-1);

    network.cut();
    expect(
      await cell.next((value) => typeof value === "object", 5_000, cell.results.length),
    ).toEqual({
      code: "#N/A",
      message: `Cannot reach the server at ${network.url}; check the connection in the task pane.`,
    });
    await record("140004", "attendance.absence", 5.2);
    await record("140004", "attendance.absence", 4.9);
    network.restore();

    expect(await cell.next((value) => value === 4.9, 10_000, cell.results.length)).toBe(4.9);
    await until(() => reasons().includes("reconnected"), "a recalculation after reconnecting");
    expect(recalculations.length).toBe(reasons().length);
    const resubscribed = progressSubscriptions("140004").at(-1)!;
    expect(resubscribed).toEqual({ metric: "attendance.absence", after: lastCursor });
    // The server sent both measurements of the outage on the new socket, first thing.
    await until(
      () =>
        wire.received("ProgressChanged").filter((message) => message.socket > socketsBefore)
          .length >= 2,
      "the catch-up events",
    );
    const caughtUp = wire
      .received("ProgressChanged")
      .filter((message) => message.socket > socketsBefore)
      .map(
        (message) =>
          (message.payload?.data as { progressChanged: { at: string; cursor: string } })
            .progressChanged,
      );
    expect(caughtUp.every((change) => change.at > seenAt)).toBe(true);
    // Nothing heard before the drop comes again.
    expect(caughtUp.filter((change) => heard.includes(change.cursor))).toEqual([]);
    cell.cancel();
  });

  it("says to sign in again when the server revokes the token", async () => {
    configure();
    const issued = await issueTokenForUser(
      server.handle.prisma,
      server.handle.demo!.tokens.leader.userId,
      "revoked in the live test",
      1,
    );
    await saveConnection({ serverUrl: server.url, token: issued.token });
    const cell = streamingCell();
    progress("140005", "attendance.absence", "latest", YEAR, cell.invocation);
    expect(typeof (await cell.next())).toBe("number");
    await subscribedTo("140005");
    await revokeToken(server.handle.prisma, issued.tokenId);
    expect(await cell.next((value) => typeof value === "object", 5_000)).toEqual({
      code: "#N/A",
      message: SIGN_IN_AGAIN_MESSAGE,
    });
    cell.cancel();
  });
});

describe("MAT.PROGRESS where no WebSocket can be opened", () => {
  it("polls when a proxy refuses WebSockets but passes HTTP", async () => {
    const network = await proxy(server.handle.port);
    network.refuseWebSockets = true;
    configure({ pollIntervalMs: 300 });
    await saveConnection({ serverUrl: network.url, token: server.tokens.leader });
    const acknowledged = () =>
      wire.messages.filter((message) => message.type === "connection_ack").length;
    const acknowledgedBefore = acknowledged();
    requests.reset();
    const cell = streamingCell();
    progress("140006", "attendance.absence", "latest", YEAR, cell.invocation);
    expect(typeof (await cell.next())).toBe("number");
    await pause(500);
    await record("140006", "attendance.absence", 6.1);
    expect(await cell.next((value) => value === 6.1, 3_000)).toBe(6.1);
    expect(acknowledged()).toBe(acknowledgedBefore);
    expect(requests.operations().filter((name) => name === "AcademyCards").length).toBeGreaterThan(
      2,
    );
    cell.cancel();
  });

  it("polls in a runtime without WebSocket", async () => {
    configureFunctions({ fetch: requests.fetch, pollIntervalMs: 300 });
    await saveConnection({ serverUrl: server.url, token: server.tokens.leader });
    const cell = streamingCell();
    progress("140007", "attendance.absence", "latest", YEAR, cell.invocation);
    expect(typeof (await cell.next())).toBe("number");
    await record("140007", "attendance.absence", 7.1);
    expect(await cell.next((value) => value === 7.1, 3_000)).toBe(7.1);
    cell.cancel();
  });
});
