// The subscription server's socket glue (server/live/transport/socket-writer.ts)
// on real sockets: messages sent in one turn arrive in order, a send returns at
// once while a socket holds little, and a client that stops reading makes its
// own sends wait (so what the server holds for it stays bounded) while another
// client on the same server goes on receiving.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { GRAPHQL_TRANSPORT_WS_PROTOCOL, type Server, type WebSocket as Sink } from "graphql-ws";
import { serveSockets, type Extra } from "../../server/live/transport/socket-writer.js";

describe("socket writer", () => {
  let httpServer: http.Server;
  let stop: () => Promise<void>;
  let url = "";
  const opened: Sink[] = [];

  beforeAll(async () => {
    httpServer = http.createServer();
    const wss = new WebSocketServer({ server: httpServer, path: "/graphql" });
    const server: Server<Extra> = {
      opened: (socket) => {
        opened.push(socket);
        return async () => undefined;
      },
    };
    stop = serveSockets(wss, server, {
      production: true,
      highWaterMark: 64 * 1024,
      onInternalError: (error) => {
        throw error;
      },
    }).dispose;
    await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
    url = `ws://127.0.0.1:${(httpServer.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await stop?.();
    await new Promise<void>((resolve) => httpServer.close(() => resolve()));
  });

  async function connect(): Promise<{ client: WebSocket; sink: Sink; received: string[] }> {
    const before = opened.length;
    const client = new WebSocket(url, GRAPHQL_TRANSPORT_WS_PROTOCOL);
    const received: string[] = [];
    client.on("message", (data: Buffer) => received.push(String(data)));
    await new Promise((resolve, reject) => {
      client.once("open", resolve);
      client.once("error", reject);
    });
    while (opened.length === before) await new Promise((resolve) => setTimeout(resolve, 5));
    return { client, sink: opened[before]!, received };
  }

  /** graphql-ws's socket may answer a send with nothing or a promise. */
  const send = (sink: Sink, data: string) => Promise.resolve(sink.send(data));

  const settles = (promise: Promise<void>, ms: number) =>
    Promise.race([
      promise.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms)),
    ]);

  it("delivers messages sent in one turn, in order, and returns from each send at once", async () => {
    const { client, sink, received } = await connect();
    const sends = Array.from({ length: 50 }, (_, index) => send(sink, `message ${index}`));
    expect(
      await settles(
        Promise.all(sends).then(() => undefined),
        0,
      ),
    ).toBe(true);
    while (received.length < 50) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(received).toEqual(Array.from({ length: 50 }, (_, index) => `message ${index}`));
    client.close();
  });

  it("delivers messages of every frame length (7-, 16- and 64-bit) and non-ASCII text intact", async () => {
    const { client, sink, received } = await connect();
    const messages = [
      "",
      "a",
      "x".repeat(125),
      "x".repeat(126),
      "é".repeat(100),
      "y".repeat(65_535),
      "z".repeat(65_536),
      `{"school":"Ysgol Gymraeg Bro Morgannwg — Ffôn 😀"}`.repeat(3_000),
    ];
    await Promise.all(messages.map((message) => send(sink, message)));
    while (received.length < messages.length)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(received).toEqual(messages);
    client.close();
  });

  it("makes a send wait for a client that does not read, and not for one that does", async () => {
    const stalled = await connect();
    const reading = await connect();
    stalled.client.pause();
    // Fill the kernel's buffers for the stalled client until a send waits.
    const chunk = "x".repeat(1024 * 1024);
    let waiting: Promise<void> | null = null;
    for (let sent = 0; sent < 256 && !waiting; sent++) {
      const sending = send(stalled.sink, chunk);
      if (!(await settles(sending, 500))) waiting = sending;
    }
    expect(waiting).not.toBeNull();
    // Meanwhile the other client is served as if nothing were wrong.
    for (let index = 0; index < 100; index++)
      expect(await settles(send(reading.sink, `event ${index}`), 1000)).toBe(true);
    while (reading.received.length < 100) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(reading.received.at(-1)).toBe("event 99");
    // Still waiting; closing the stalled socket lets its send return.
    expect(await settles(waiting!, 200)).toBe(false);
    stalled.client.terminate();
    expect(await settles(waiting!, 5000)).toBe(true);
    reading.client.close();
  });
});
