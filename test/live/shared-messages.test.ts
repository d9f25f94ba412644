// One serialised message per audience (server/live/transport/shared-message.ts
// and text-frames.ts), on a real server over real WebSockets: subscribers who
// asked the same thing and see the trust alike get byte-for-byte the same
// payload, each under its own operation id (two on one socket included); a
// subscriber scoped to one academy, or asking for other fields, gets its own
// message and never another audience's; completing one operation leaves the
// other on the socket running.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { wsSession, type WsSession } from "../support/ws-session.js";

const PROGRESS = `subscription Progress($metric: String) {
  progressChanged(metric: $metric) {
    urn metric
    measurement { period value }
    target { progress { latest rag } }
  }
}`;

/** The same stream, other fields: a different document, so a different audience. */
const PROGRESS_URN_ONLY = `subscription Progress($metric: String) {
  progressChanged(metric: $metric) { urn }
}`;

const RECORD = gql`
  mutation ($input: MeasurementInput!) {
    recordMeasurement(input: $input) {
      id
    }
  }
`;

interface Next {
  id: string;
  type: string;
  payload: { data: { progressChanged: { urn: string } & Record<string, unknown> } };
}

describe("one message per audience", () => {
  let server: TestServer;
  let wsUrl = "";
  beforeAll(async () => {
    server = await startTestServer("sqlite");
    wsUrl = `${server.url.replace(/^http/, "ws")}/graphql`;
  });
  afterAll(async () => {
    await server?.stop();
  });

  const record = (urn: string, value: number) =>
    server.client(server.tokens["data-manager"]).request(RECORD, {
      input: {
        urn,
        year: "2025/26",
        metric: "attendance.absence",
        period: "SUMMER2",
        value,
        source: "test",
      },
    });

  /** The text of each `next` message a session received, in order. */
  const nexts = (session: WsSession) =>
    session.raw.filter((text) => (JSON.parse(text) as { type: string }).type === "next");

  async function until(check: () => boolean): Promise<void> {
    for (let waited = 0; !check(); waited += 10) {
      if (waited > 10_000) throw new Error("timed out");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Subscribes and waits until the server has set the subscription up (it answers nothing before an event). */
  const opened = async (token: string) => {
    const session = await wsSession(wsUrl, token);
    expect(await session.acknowledged).toBe(true);
    return session;
  };

  it("sends every subscriber of one audience the same payload under its own id, and other audiences their own", async () => {
    const leaders = [await opened(server.tokens.leader), await opened(server.tokens.leader)];
    const academy = await opened(server.tokens.academy);
    const urnOnly = await opened(server.tokens.leader);
    leaders[0]!.subscribe(PROGRESS, { metric: "attendance.absence" });
    leaders[0]!.subscribe(PROGRESS, { metric: "attendance.absence" });
    leaders[1]!.subscribe(PROGRESS, { metric: "attendance.absence" });
    academy.subscribe(PROGRESS, { metric: "attendance.absence" });
    urnOnly.subscribe(PROGRESS_URN_ONLY, { metric: "attendance.absence" });
    // Setting up a subscription answers nothing: let the server take them before recording.
    await new Promise((resolve) => setTimeout(resolve, 300));

    // Outside the academy role's own academy, then inside it.
    await record("140002", 4.1);
    await record("140001", 3.3);
    await until(
      () =>
        nexts(leaders[0]!).length === 4 &&
        nexts(leaders[1]!).length === 2 &&
        nexts(urnOnly).length === 2 &&
        nexts(academy).length === 1,
    );

    const parsed = (session: WsSession) => nexts(session).map((text) => JSON.parse(text) as Next);
    // Two operations on one socket: each event once under each id, in order.
    expect(parsed(leaders[0]!).map((message) => [message.id, message.type])).toEqual([
      ["1", "next"],
      ["2", "next"],
      ["1", "next"],
      ["2", "next"],
    ]);
    const payloadOf = (text: string) => text.slice(text.indexOf(`"payload":`));
    const [first, second] = [nexts(leaders[1]!)[0]!, nexts(leaders[1]!)[1]!];
    // Byte for byte the same payload for the whole audience.
    expect(nexts(leaders[0]!).map(payloadOf)).toEqual([
      payloadOf(first),
      payloadOf(first),
      payloadOf(second),
      payloadOf(second),
    ]);
    expect(JSON.parse(first)).toEqual({
      id: "1",
      type: "next",
      payload: {
        data: {
          progressChanged: {
            urn: "140002",
            metric: "attendance.absence",
            measurement: { period: "SUMMER2", value: 4.1 },
            target: { progress: expect.objectContaining({ latest: 4.1 }) },
          },
        },
      },
    });
    // The academy role hears only its own academy; the other document gets only its fields.
    expect(parsed(academy).map((message) => message.payload.data.progressChanged.urn)).toEqual([
      "140001",
    ]);
    expect(payloadOf(nexts(academy)[0]!)).toBe(payloadOf(second));
    expect(parsed(urnOnly).map((message) => message.payload)).toEqual([
      { data: { progressChanged: { urn: "140002" } } },
      { data: { progressChanged: { urn: "140001" } } },
    ]);
    for (const session of [...leaders, academy, urnOnly]) session.close();
  });

  it("completes one operation on a socket and goes on sending the other", async () => {
    const session = await opened(server.tokens.leader);
    session.subscribe(PROGRESS, { metric: "attendance.absence" });
    session.subscribe(PROGRESS, { metric: "attendance.absence" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await record("140003", 4.4);
    await until(() => nexts(session).length === 2);
    session.complete("1");
    await new Promise((resolve) => setTimeout(resolve, 100));
    await record("140003", 4.5);
    await until(() => nexts(session).length === 3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const last = nexts(session).map((text) => JSON.parse(text) as Next);
    expect(last.map((message) => message.id)).toEqual(["1", "2", "2"]);
    session.close();
  });

  it("refuses a broken query each time it is sent, and runs each operation of one document by its name", async () => {
    const session = await opened(server.tokens.leader);
    const codes = async (query: string) => {
      const answer = await session.subscribe(query).firstMessage;
      expect(answer.type).toBe("error");
      return (answer.payload as { extensions: { code: string } }[]).map(
        (error) => error.extensions.code,
      );
    };
    for (let time = 0; time < 2; time++) {
      expect(await codes("subscription { progressChanged { urn ")).toEqual([
        "GRAPHQL_PARSE_FAILED",
      ]);
      expect(await codes("subscription { progressChange { urn } }")).toEqual([
        "GRAPHQL_VALIDATION_FAILED",
      ]);
    }
    const both = `subscription Urns { progressChanged { urn } }
      subscription Metrics { progressChanged { metric } }`;
    const urns = session.subscribe(both, {}, "Urns").firstMessage;
    const metrics = session.subscribe(both, {}, "Metrics").firstMessage;
    await new Promise((resolve) => setTimeout(resolve, 300));
    await record("140004", 4.6);
    expect((await urns).payload).toEqual({ data: { progressChanged: { urn: "140004" } } });
    expect((await metrics).payload).toEqual({
      data: { progressChanged: { metric: "attendance.absence" } },
    });
    session.close();
  });
});
