// What a WebSocket client can act on (docs/clients.md "WebSocket close codes"):
// a token the server does not accept closes with 4401, which graphql-ws's own
// client does not retry; 4403 is only for a sign-in that may not subscribe at
// all (the hosting operator); and a subscription to an academy the viewer
// cannot see is answered with an `error` message carrying NOT_FOUND, never
// accepted in silence. Real server, real sockets, graphql-ws's real client.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createClient } from "graphql-ws";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { wsSession } from "../support/ws-session.js";
import { issueOperatorToken, issueToken } from "../../server/auth/tokens.js";
import { CloseCode } from "../../server/shared/index.js";
import { LiveClient, type LiveProblem } from "../../addin/shared/live-client.js";
import { startTcpProxy } from "../support/tcp-proxy.js";

const PROGRESS = `subscription Progress($urn: URN) {
  progressChanged(urn: $urn) { urn metric }
}`;

describe("WebSocket close codes and refused subscriptions", () => {
  let server: TestServer;
  let wsUrl: string;
  let operator: string;
  let expired: string;
  let otherTrustAdmin: string;

  beforeAll(async () => {
    server = await startTestServer("sqlite");
    wsUrl = `${server.url.replace(/^http/, "ws")}/graphql`;
    const prisma = server.handle.prisma;
    operator = (await issueOperatorToken(prisma, "Close-code hosting", 1)).token;
    const old = await issueToken(prisma, {
      trustId: server.handle.demo!.trustId,
      role: "leader",
      name: "Expired leader",
    });
    await prisma.apiToken.update({
      where: { id: old.tokenId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expired = old.token;
    const other = await prisma.trust.create({ data: { uid: "TR09871", name: "Other Trust" } });
    await prisma.academy.create({
      data: { trustId: other.id, urn: "149001", name: "Other Trust Academy", phase: "primary" },
    });
    otherTrustAdmin = (
      await issueToken(prisma, { trustId: other.id, role: "trust-admin", name: "Other admin" })
    ).token;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.each([
    ["no token", null],
    ["an unknown token", "mat_not_a_real_token"],
    ["an expired token", "expired"],
  ])("closes with 4401 for %s, before any operation", async (_, given) => {
    const token = given === "expired" ? expired : given;
    const session = await wsSession(wsUrl, token);
    expect(await session.acknowledged).toBe(false);
    expect(await session.closed).toBe(CloseCode.unauthorized);
  });

  it("is not retried by graphql-ws's client: one connection, and the close reaches the caller", async () => {
    let connections = 0;
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: "Bearer mat_not_a_real_token" },
      // graphql-ws's default: 5 attempts for anything it deems retryable.
      retryAttempts: 5,
      retryWait: () => new Promise((resolve) => setTimeout(resolve, 10)),
      on: { connecting: () => (connections += 1) },
    });
    try {
      const failure = await new Promise<unknown>((resolve) => {
        client.subscribe(
          { query: PROGRESS, variables: {} },
          { next: () => undefined, error: resolve, complete: () => resolve(null) },
        );
      });
      expect((failure as { code?: number }).code).toBe(4401);
      // Give a retry time to happen, were one coming.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(connections).toBe(1);
    } finally {
      await client.dispose();
    }
  });

  it("is read by the add-in's live client as signed out, and not retried", async () => {
    // A proxy in front of the server counts the client's connections.
    const proxy = await startTcpProxy(server.handle.port);
    const client = new LiveClient(
      { serverUrl: proxy.url, token: "mat_not_a_real_token" },
      { webSocketImpl: WebSocket, retryDelayMs: () => 10 },
    );
    try {
      const problem = await new Promise<LiveProblem>((resolve) => {
        client.listen(
          { query: PROGRESS, variables: {} },
          { event: () => undefined, failed: resolve, resumed: () => undefined },
        );
      });
      expect(problem.reason).toBe("signedOut");
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(proxy.connections).toBe(1);
      expect(client.stopped?.reason).toBe("signedOut");
    } finally {
      client.close();
      await proxy.close();
    }
  });

  it("closes with 4403 for a sign-in that may not subscribe at all (the hosting operator)", async () => {
    const session = await wsSession(wsUrl, operator);
    expect(await session.acknowledged).toBe(false);
    expect(await session.closed).toBe(CloseCode.forbidden);
  });

  it.each([
    ["another trust's academy", () => server.tokens.leader, "149001"],
    ["a URN nobody holds", () => server.tokens.leader, "159999"],
    ["an academy outside the academy role's own", () => server.tokens.academy, "140005"],
    ["the demo trust's academy, to another trust's admin", () => otherTrustAdmin, "140001"],
  ])(
    "answers a subscription to %s with an error on that operation, keeping the socket",
    async (_, token, urn) => {
      const session = await wsSession(wsUrl, token());
      try {
        expect(await session.acknowledged).toBe(true);
        const answer = await session.subscribe(PROGRESS, { urn }).firstMessage;
        expect(answer.type).toBe("error");
        expect(answer.payload).toEqual([
          expect.objectContaining({
            message: `No academy with URN ${urn} in your trust`,
            extensions: expect.objectContaining({ code: "NOT_FOUND" }),
          }),
        ]);
        // The socket stays open for the viewer's other subscriptions.
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(session.closeCode()).toBeNull();
      } finally {
        session.close();
      }
    },
  );
});
