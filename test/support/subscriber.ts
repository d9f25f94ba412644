// A graphql-ws client (the protocol Apollo Client and GraphiQL speak) that
// collects the events of one subscription for tests.
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

export interface Subscriber<T> {
  readonly events: T[];
  /** Resolves once `count` events have arrived (or rejects after `ms`). */
  waitFor(count: number, ms?: number): Promise<T[]>;
  /** Resolves with the close code when the server closes the socket. */
  readonly closed: Promise<number>;
  /** Resolves when the socket is open and the subscription sent. */
  readonly ready: Promise<void>;
  readonly errors: unknown[];
  dispose(): Promise<void>;
}

export function subscribe<T>(
  url: string,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
): Subscriber<T> {
  const events: T[] = [];
  const errors: unknown[] = [];
  const waiters: { count: number; resolve: (events: T[]) => void }[] = [];
  let onClosed: (code: number) => void = () => undefined;
  let onReady: () => void = () => undefined;
  const closed = new Promise<number>((resolve) => (onClosed = resolve));
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const client: Client = createClient({
    url: url.replace(/^http/, "ws") + "/graphql",
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: (error) => errors.push(error),
    on: {
      connected: () => setTimeout(onReady, 50),
      closed: (event) => onClosed((event as { code: number }).code),
    },
  });
  client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        if (result.data) {
          events.push(result.data as T);
          for (const waiter of [...waiters]) {
            if (events.length >= waiter.count) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve(events.slice());
            }
          }
        }
      },
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  return {
    events,
    errors,
    closed,
    ready,
    waitFor(count, ms = 10_000) {
      if (events.length >= count) return Promise.resolve(events.slice());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `only ${events.length} of ${count} events after ${ms} ms; errors: ${JSON.stringify(errors)}`,
              ),
            ),
          ms,
        );
        waiters.push({ count, resolve: (found) => (clearTimeout(timer), resolve(found)) });
      });
    },
    async dispose() {
      await client.dispose();
    },
  };
}
