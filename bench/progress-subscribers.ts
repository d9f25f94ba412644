// A fleet of graphql-ws clients (the protocol Apollo Client and GraphiQL
// speak), each subscribed to progress, that note when each event
// arrives: performance.now() in this process, the clock the recording side
// reads too.
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { PROGRESS_CHANGED } from "./support/operations.js";

export interface SubscriberFleet {
  readonly size: number;
  /** Resolves when every client has received `count` events in all (or rejects after `ms`). */
  waitForEvents(count: number, ms: number): Promise<void>;
  /** Arrival times of every event since the last call, then forgets them. */
  takeArrivals(): number[];
  /** Events received so far by all clients together. */
  received(): number;
  readonly errors: unknown[];
  dispose(): Promise<void>;
}

/**
 * Opens `count` clients on the servers given in turn, all subscribed to one
 * academy (or, with null, the whole trust); `wave` at a time (all at once by
 * default), so thousands of sockets do not overflow the servers' listen backlog.
 */
export async function subscriberFleet(
  urls: readonly string[],
  token: string,
  urn: string | null,
  count: number,
  wave = count,
): Promise<SubscriberFleet> {
  const errors: unknown[] = [];
  let arrivals: number[] = [];
  let received = 0;
  let waiter: { count: number; resolve: () => void } | null = null;
  const connected: Promise<void>[] = [];
  const clients: Client[] = [];
  for (let index = 0; index < count; index++) {
    const url = urls[index % urls.length]!.replace(/^http/, "ws") + "/graphql";
    let onConnected: () => void = () => undefined;
    connected.push(new Promise<void>((resolve) => (onConnected = resolve)));
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: (error) => errors.push(error),
      on: { connected: () => onConnected() },
    });
    client.subscribe(
      { query: PROGRESS_CHANGED, variables: { urn } },
      {
        next: (result) => {
          arrivals.push(performance.now());
          received += 1;
          if (result.errors) errors.push(...result.errors);
          if (waiter && received >= waiter.count) {
            const done = waiter;
            waiter = null;
            done.resolve();
          }
        },
        error: (error) => errors.push(error),
        complete: () => undefined,
      },
    );
    clients.push(client);
    if (connected.length % wave === 0) await Promise.all(connected);
  }
  await Promise.all(connected);
  return {
    size: count,
    errors,
    received: () => received,
    takeArrivals() {
      const taken = arrivals;
      arrivals = [];
      return taken;
    },
    waitForEvents(total, ms) {
      if (received >= total) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiter = null;
          reject(
            new Error(
              `only ${received} of ${total} events after ${ms} ms; errors: ${JSON.stringify(errors.slice(0, 3))}`,
            ),
          );
        }, ms);
        waiter = {
          count: total,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        };
      });
    },
    async dispose() {
      await Promise.all(clients.map((client) => client.dispose()));
    },
  };
}
