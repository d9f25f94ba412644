// One live client per connection (server URL and token) per runtime, held by
// whatever needs it (the custom functions' progress feed, the task pane's
// open card) and closed when the last holder lets go. Kept on globalThis
// (per-runtime.ts): functions.js and taskpane.js each have their own copy of
// this module, and share one WebSocket all the same.
import type { Connection } from "./connection.js";
import { LiveClient, type LiveClientOptions } from "./live-client.js";
import { perRuntime } from "./per-runtime.js";

interface Held {
  readonly client: LiveClient;
  holders: number;
}

const held = perRuntime("liveClients", () => new Map<string, Held>());

/**
 * The live client for a connection, shared by everything in this runtime
 * that holds the same connection; call `release` when done with it. A client
 * stopped by its token is replaced for new holders (the token may be good
 * again on a restored server).
 */
export function holdLiveClient(
  connection: Connection,
  options: LiveClientOptions = {},
): { readonly client: LiveClient; release(): void } {
  const key = `${connection.serverUrl}\n${connection.token ?? ""}`;
  let entry = held.get(key);
  if (
    !entry ||
    entry.client.stopped?.reason === "signedOut" ||
    entry.client.stopped?.reason === "forbidden"
  ) {
    entry = { client: new LiveClient(connection, options), holders: 0 };
    held.set(key, entry);
  }
  entry.holders += 1;
  const holding = entry;
  let released = false;
  return {
    client: holding.client,
    release() {
      if (released) return;
      released = true;
      holding.holders -= 1;
      if (holding.holders > 0) return;
      holding.client.close();
      if (held.get(key) === holding) held.delete(key);
    },
  };
}
