// graphql-ws's server over ws sockets, as graphql-ws/use/ws serves it except
// for how messages are written. At October-board load (50 events/s to 200
// subscribers) one write system call per message per socket was the largest
// single cost of the server's one thread (a fifth of it, profiled in
// docs/live-progress.md), and graphql-ws waited for each write to finish
// before a subscription could take its next event. Here a socket's messages
// are queued and written together once the current turn of the event loop
// has run (one write for however many messages a socket got in that turn),
// and a send returns at once unless the socket already holds more than
// `highWaterMark` bytes (queued here, or written and not read by its client),
// when it waits for that message to be written: a client that does not read
// still holds back its own subscription (whose queue is bounded) and nobody
// else's. Nothing waits a moment longer than it did: when the server keeps
// up, each event is written as soon as it has been sent to everyone; when
// events come faster than it writes, several go in one write. The frames are
// built here (text-frames.ts), a socket's in one buffer with one write call:
// ws would encode each message and write its header and data separately.
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type { WebSocket, WebSocketServer } from "ws";
import {
  CloseCode,
  DEPRECATED_GRAPHQL_WS_PROTOCOL,
  handleProtocols,
  type Server,
} from "graphql-ws";
import { isAlreadySent } from "./shared-message.js";
import { textFrames } from "./text-frames.js";

export interface SocketWriterOptions {
  /** Bytes a socket may hold, queued or unread, before a send waits for its write (64 KiB: some 200 events). */
  readonly highWaterMark?: number;
  /** How often to ping each client; a client that has not answered by the next ping is dropped (12 s, as graphql-ws). */
  readonly keepAliveMs?: number;
  readonly production: boolean;
  readonly onInternalError: (error: unknown) => void;
}

export interface Extra {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
  /** Queues a message this server serialised itself (shared-message.ts), as graphql-ws's sends are; a promise only when the socket is full. */
  readonly write: (message: string) => Promise<void> | undefined;
}

interface Outgoing {
  readonly socket: WebSocket;
  readonly raw: Socket;
  readonly messages: string[];
  /** Characters queued in `messages` (bytes for the ASCII that JSON mostly is). */
  queued: number;
  /** Resolves a send that waits for its message to be written. */
  readonly written: (() => void)[];
}

/** Sockets with messages to write once the current turn has run. */
const pending = new Map<WebSocket, Outgoing>();
let scheduled = false;

function flush(): void {
  scheduled = false;
  const batch = [...pending.values()];
  pending.clear();
  for (const { socket, raw, messages, written } of batch) {
    if (socket.readyState !== socket.OPEN) {
      for (const resolve of written) resolve();
      continue;
    }
    const done =
      written.length > 0
        ? () => {
            for (const resolve of written) resolve();
          }
        : undefined;
    if (socket.extensions !== "") {
      // A negotiated extension (compression) frames messages its own way: ws writes them, corked.
      raw.cork();
      messages.forEach((message, index) =>
        socket.send(message, index === messages.length - 1 ? done : undefined),
      );
      raw.uncork();
      continue;
    }
    // Whole frames, so they interleave safely with ws's own (pings, close).
    raw.write(textFrames(messages), done);
  }
}

function queue(
  socket: WebSocket,
  raw: Socket,
  message: string,
  highWaterMark: number,
): Promise<void> | undefined {
  let outgoing = pending.get(socket);
  if (!outgoing) {
    outgoing = { socket, raw, messages: [], queued: 0, written: [] };
    pending.set(socket, outgoing);
  }
  outgoing.messages.push(message);
  outgoing.queued += message.length;
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
  if (socket.bufferedAmount + outgoing.queued < highWaterMark) return undefined;
  const { written } = outgoing;
  return new Promise((resolve) => written.push(resolve));
}

/** Serves `server` on every connection of `wss`; returns what stops it. */
export function serveSockets<E extends Extra>(
  wss: WebSocketServer,
  server: Server<E>,
  options: SocketWriterOptions,
): { dispose(): Promise<void> } {
  const highWaterMark = options.highWaterMark ?? 64 * 1024;
  const keepAliveMs = options.keepAliveMs ?? 12_000;
  const closeReason = (error: unknown) =>
    options.production
      ? "Internal server error"
      : (error instanceof Error ? error.message : String(error)).slice(0, 120);
  wss.options.handleProtocols = handleProtocols;
  wss.once("error", (error) => {
    options.onInternalError(error);
    for (const client of wss.clients)
      client.close(CloseCode.InternalServerError, closeReason(error));
  });
  wss.on("connection", (socket, request) => {
    const raw = request.socket as Socket;
    socket.once("error", (error) => {
      options.onInternalError(error);
      socket.close(CloseCode.InternalServerError, closeReason(error));
    });
    let pongWait: NodeJS.Timeout | null = null;
    const pinger =
      keepAliveMs > 0
        ? setInterval(() => {
            if (socket.readyState !== socket.OPEN) return;
            pongWait = setTimeout(() => socket.terminate(), keepAliveMs);
            socket.once("pong", () => {
              if (pongWait) clearTimeout(pongWait);
              pongWait = null;
            });
            socket.ping();
          }, keepAliveMs)
        : null;
    const write = (data: string) =>
      socket.readyState === socket.OPEN ? queue(socket, raw, data, highWaterMark) : undefined;
    const closed = server.opened(
      {
        protocol: socket.protocol,
        // A placeholder's message: the real one was written by the onNext hook.
        send: (data) => (isAlreadySent(data) ? undefined : write(data)),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on("message", (data: Buffer) => {
            handle(String(data)).catch((error: unknown) => {
              options.onInternalError(error);
              socket.close(CloseCode.InternalServerError, closeReason(error));
            });
          }),
      },
      { socket, request, write } as E,
    );
    socket.once("close", (code, reason) => {
      if (pongWait) clearTimeout(pongWait);
      if (pinger) clearInterval(pinger);
      const outgoing = pending.get(socket);
      pending.delete(socket);
      for (const resolve of outgoing?.written ?? []) resolve();
      if (
        !options.production &&
        code === CloseCode.SubprotocolNotAcceptable &&
        socket.protocol === DEPRECATED_GRAPHQL_WS_PROTOCOL
      )
        options.onInternalError(
          new Error("A client asked for subscriptions-transport-ws, which is not served."),
        );
      void closed(code, String(reason));
    });
  });
  return {
    async dispose() {
      for (const client of wss.clients) client.close(1001, "Going away");
      wss.removeAllListeners();
      await new Promise<void>((resolve, reject) =>
        wss.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
