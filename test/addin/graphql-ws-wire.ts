// Node's WebSocket class (ws) for the add-in's live client, recording every
// graphql-ws message on the wire in both directions: what the add-in
// subscribed to, when it completed a subscription, what it sent as `after`,
// and which events the server pushed. Nothing is changed on the way.
import WebSocket from "ws";

export interface WireMessage {
  readonly direction: "sent" | "received";
  /** Which socket (1 for the first opened). */
  readonly socket: number;
  readonly type: string;
  readonly id?: string;
  readonly payload?: {
    readonly query?: string;
    readonly variables?: Record<string, unknown>;
    readonly data?: unknown;
  };
}

export interface GraphQLWsWire {
  /** The class to pass as webSocketImpl (a ws subclass). */
  readonly WebSocket: unknown;
  readonly messages: WireMessage[];
  /** Sockets opened so far. */
  sockets(): number;
  /** The subscribe messages sent for an operation (by its name), in order. */
  subscribed(operation: string): WireMessage[];
  /** The complete messages sent for an operation's subscriptions. */
  completed(operation: string): WireMessage[];
  /** The events received for an operation's subscriptions. */
  received(operation: string): WireMessage[];
}

export function graphqlWsWire(): GraphQLWsWire {
  const messages: WireMessage[] = [];
  let sockets = 0;
  const parse = (data: unknown): Omit<WireMessage, "direction" | "socket"> =>
    JSON.parse(String(data)) as Omit<WireMessage, "direction" | "socket">;

  class TappedWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      const socket = ++sockets;
      this.on("message", (data) =>
        messages.push({ direction: "received", socket, ...parse(data) }),
      );
      const send = this.send.bind(this);
      this.send = ((data: unknown, ...rest: unknown[]) => {
        messages.push({ direction: "sent", socket, ...parse(data) });
        (send as (...args: unknown[]) => void)(data, ...rest);
      }) as typeof this.send;
    }
  }

  const idsOf = (operation: string) =>
    new Set(
      messages
        .filter(
          (message) =>
            message.type === "subscribe" &&
            message.payload?.query?.includes(`subscription ${operation}(`),
        )
        .map((message) => message.id),
    );
  return {
    WebSocket: TappedWebSocket,
    messages,
    sockets: () => sockets,
    subscribed(operation) {
      const ids = idsOf(operation);
      return messages.filter((message) => message.type === "subscribe" && ids.has(message.id));
    },
    completed(operation) {
      const ids = idsOf(operation);
      return messages.filter(
        (message) =>
          message.type === "complete" && message.direction === "sent" && ids.has(message.id),
      );
    },
    received(operation) {
      const ids = idsOf(operation);
      return messages.filter((message) => message.type === "next" && ids.has(message.id));
    },
  };
}
