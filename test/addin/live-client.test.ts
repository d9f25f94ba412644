// The add-in's live client closing while its socket is still opening: the
// task pane closes a card (or the connection changes) before the server has
// answered, and the attempt then fails. Nothing may be left rejecting with no
// one to hear it (the browser logs it as an error; Node would end the process).
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { LiveClient } from "../../addin/shared/live-client.js";

const unhandled: unknown[] = [];
const hear = (reason: unknown) => unhandled.push(reason);

afterEach(() => {
  process.off("unhandledRejection", hear);
  unhandled.length = 0;
});

/** An address where nothing listens: a port taken and given back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("closing the live client while it connects", () => {
  it("leaves no unhandled rejection when the attempt then fails", async () => {
    process.on("unhandledRejection", hear);
    const port = await closedPort();
    const client = new LiveClient(
      { serverUrl: `http://127.0.0.1:${port}`, token: "mat_token" },
      { webSocketImpl: WebSocket, retryDelayMs: () => 60_000 },
    );
    client.listen(
      { query: "subscription { ping }", variables: {} },
      { event: () => undefined, failed: () => undefined, resumed: () => undefined },
    );
    client.close();
    // The refused connection fails within milliseconds; give its rejection time to surface.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(unhandled).toEqual([]);
  });
});
