// A TCP proxy in front of a test server, standing in for the network between
// Excel and the server: `cut()` drops every connection and refuses new ones
// (a network outage) until `restore()`; `refuseWebSockets` answers WebSocket
// upgrades with 403 while passing HTTP through, as some corporate proxies do.
// With `latencyMs`, every chunk is held that long in each direction, as a
// network between Excel and a real server delays it (a round trip costs
// twice that); bandwidth is not limited. The server behind it is the real
// one, untouched.
import net from "node:net";

export interface TcpProxy {
  /** http://127.0.0.1:<port> of the proxy. */
  readonly url: string;
  /** Drops every open connection and refuses new ones. */
  cut(): void;
  /** Accepts connections again. */
  restore(): void;
  /** Whether WebSocket upgrades are refused (HTTP still passes). */
  refuseWebSockets: boolean;
  /** Connections accepted so far (to count a client's attempts). */
  readonly connections: number;
  close(): Promise<void>;
}

export interface TcpProxyOptions {
  /** Delay added to every chunk, each way (default 0: passed on at once). */
  readonly latencyMs?: number;
}

/** Copies `from` to `to`, each chunk (and the end) `latencyMs` later; chunks keep their order. */
function forward(from: net.Socket, to: net.Socket, latencyMs: number): void {
  if (latencyMs <= 0) {
    from.pipe(to);
    return;
  }
  // Timers of one duration fire in the order they were set: the stream stays in order.
  from.on("data", (chunk: Buffer) => setTimeout(() => to.destroyed || to.write(chunk), latencyMs));
  from.once("end", () => setTimeout(() => to.end(), latencyMs));
}

export async function startTcpProxy(
  targetPort: number,
  options: TcpProxyOptions = {},
): Promise<TcpProxy> {
  const latencyMs = options.latencyMs ?? 0;
  const open = new Set<net.Socket>();
  let down = false;
  let connections = 0;
  const proxy: TcpProxy = {
    url: "",
    refuseWebSockets: false,
    get connections() {
      return connections;
    },
    cut() {
      down = true;
      for (const socket of open) socket.destroy();
      open.clear();
    },
    restore() {
      down = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server = net.createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    connections += 1;
    open.add(client);
    client.once("close", () => open.delete(client));
    client.once("data", (first) => {
      if (proxy.refuseWebSockets && /\r\nupgrade:\s*websocket/i.test(first.toString("latin1"))) {
        client.end("HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
        return;
      }
      const upstream = net.connect(targetPort, "127.0.0.1");
      open.add(upstream);
      upstream.once("close", () => {
        open.delete(upstream);
        client.destroy();
      });
      client.once("close", () => upstream.destroy());
      upstream.on("error", () => client.destroy());
      client.on("error", () => upstream.destroy());
      forward(client, upstream, latencyMs);
      forward(upstream, client, latencyMs);
      if (latencyMs > 0) setTimeout(() => upstream.write(first), latencyMs);
      else upstream.write(first);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return Object.assign(proxy, { url: `http://127.0.0.1:${port}` });
}
