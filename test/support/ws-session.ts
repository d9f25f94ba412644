// A raw graphql-transport-ws session over a real WebSocket, for tests that
// look at the protocol itself: whether the server acknowledges the
// connection, what it answers each operation (next or error, in the order it
// sends them) and whether, and with what code, it closes the socket.
import WebSocket from "ws";

export interface WsMessage {
  readonly type: string;
  readonly payload?: unknown;
}

export interface WsSession {
  /** Every message the server sent, as the text it wrote. */
  readonly raw: readonly string[];
  /** True on connection_ack; false when the server closes the socket first. */
  readonly acknowledged: Promise<boolean>;
  /** The close code, when the server closes the socket. */
  readonly closed: Promise<number>;
  /** The close code so far, or null while open. */
  closeCode(): number | null;
  /** Sends a subscribe message; `firstMessage` is the first next or error for it. */
  subscribe(
    query: string,
    variables?: Record<string, unknown>,
    operationName?: string,
  ): { firstMessage: Promise<WsMessage> };
  /** Sends a complete message: the client stops operation `id`. */
  complete(id: string): void;
  close(): void;
}

export async function wsSession(url: string, token: string | null): Promise<WsSession> {
  const socket = new WebSocket(url, "graphql-transport-ws");
  let code: number | null = null;
  let onAck: (value: boolean) => void = () => undefined;
  const acknowledged = new Promise<boolean>((resolve) => (onAck = resolve));
  const closed = new Promise<number>((resolve) =>
    socket.once("close", (closeCode) => {
      code = closeCode;
      onAck(false);
      resolve(closeCode);
    }),
  );
  const waiting = new Map<string, (message: WsMessage) => void>();
  const raw: string[] = [];
  socket.on("message", (data) => {
    raw.push(String(data));
    const message = JSON.parse(String(data)) as WsMessage & { id?: string };
    if (message.type === "connection_ack") onAck(true);
    else if (message.type === "ping") socket.send(JSON.stringify({ type: "pong" }));
    else if (message.id && (message.type === "next" || message.type === "error")) {
      const resolve = waiting.get(message.id);
      waiting.delete(message.id);
      resolve?.(message);
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  socket.send(
    JSON.stringify({
      type: "connection_init",
      payload: token ? { authorization: `Bearer ${token}` } : {},
    }),
  );
  let next = 0;
  return {
    raw,
    acknowledged,
    closed,
    closeCode: () => code,
    subscribe(query, variables = {}, operationName) {
      const id = String(++next);
      const firstMessage = new Promise<WsMessage>((resolve) => waiting.set(id, resolve));
      socket.send(
        JSON.stringify({ id, type: "subscribe", payload: { query, variables, operationName } }),
      );
      return { firstMessage };
    },
    complete: (id) => socket.send(JSON.stringify({ id, type: "complete" })),
    close: () => socket.close(),
  };
}
