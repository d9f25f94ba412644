// The add-in's live connection to the server: GraphQL subscriptions over
// graphql-ws on the same path as queries (ws(s)://<server>/graphql), with
// the token as the connection parameters' `authorization`.
//
// - One client per connection (server URL and token) per runtime, shared by
//   the custom functions and the task pane (hold-live-client.ts).
// - Identical subscriptions (same operation and variables) share one
//   subscription on the server, counted by listener: the last one to leave
//   ends it.
// - A socket that drops is reconnected with backoff (0.5 s doubling to 30 s,
//   with jitter so a restarted server is not met by every client at once),
//   and each subscription is sent again with what its operation takes from
//   the last event it heard (`after` = the last event's `cursor`), so the
//   server first sends what was committed meanwhile, in order, each once. Listeners hear
//   `resumed` to read again what no event carries.
// - A token the server does not accept, at connection or later (none,
//   unknown, revoked or expired: close 4401), or a sign-in that may not
//   subscribe (4403), ends every subscription with a problem saying so
//   (signed out); nothing is retried until the connection changes.
//
// Listeners get plain data, never class instances: the client may have been
// made by the other bundle, whose classes are not this bundle's.
// graphql-ws/client, not the package root, which brings the server half and graphql with it.
import { createClient, type Client, type FormattedExecutionResult } from "graphql-ws/client";
import type { Connection } from "./connection.js";
import { unreachableFailure, type Operation } from "./graphql-client.js";
import { closeProblem, rejectionProblem, type LiveProblem } from "./live-problem.js";

export type { LiveProblem } from "./live-problem.js";

/** A subscription to hold open. */
export interface LiveOperation<T, V = Readonly<Record<string, unknown>>> {
  /** A subscription typed by code generation (addin/shared/graphql-types.generated.ts). */
  readonly query: Operation<T, V>;
  readonly variables: V;
  /** Variables to add when subscribing again after a disconnection, from the last event heard. */
  readonly resumeFrom?: (last: T) => Partial<V>;
}

export interface LiveListener<T> {
  event(data: T): void;
  failed(problem: LiveProblem): void;
  /** Subscribed again after the socket dropped; missed events the operation resumes follow. */
  resumed(): void;
}

export interface LiveClientOptions {
  /** The WebSocket class (default: the runtime's own; Node, which has none, passes ws). */
  readonly webSocketImpl?: unknown;
  /** Wait before reconnection attempt `attempt` (0 first). */
  readonly retryDelayMs?: (attempt: number) => number;
}

interface Shared {
  readonly key: string;
  readonly operation: LiveOperation<unknown>;
  readonly listeners: Set<LiveListener<unknown>>;
  last: { readonly data: unknown } | null;
  /** Ends the current server subscription; null while none is open. */
  end: (() => void) | null;
  /** Set by a rejection: the subscription will not be sent again. */
  problem: LiveProblem | null;
  /** Whether the socket was up, and how many connections had been made, when it was last sent. */
  sentWith: { readonly up: boolean; readonly connections: number };
  resuming: boolean;
}

function defaultRetryDelay(attempt: number): number {
  return Math.min(30_000, 500 * 2 ** attempt) * (0.75 + Math.random() / 4);
}

/** ws://host/graphql for http://host, wss:// for https://. */
export function liveUrl(serverUrl: string): string {
  return `${serverUrl.replace(/\/+$/, "").replace(/^http/i, "ws")}/graphql`;
}

export class LiveClient {
  private readonly client: Client | null;
  private readonly shared = new Map<string, Shared>();
  private readonly waiting = new Set<Shared>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private connections = 0;
  private up = false;
  private problem: LiveProblem | null = null;
  private closed = false;

  constructor(
    readonly connection: Connection,
    private readonly options: LiveClientOptions = {},
  ) {
    const webSocketImpl =
      options.webSocketImpl ?? (globalThis as { WebSocket?: unknown }).WebSocket;
    this.client = webSocketImpl
      ? createClient({
          url: liveUrl(connection.serverUrl),
          webSocketImpl,
          connectionParams: connection.token ? { authorization: `Bearer ${connection.token}` } : {},
          lazy: true,
          // A recalculation cancels and restarts streaming cells: keep the socket meanwhile.
          lazyCloseTimeout: 2_000,
          // Pings keep proxies from closing a quiet socket.
          keepAlive: 25_000,
          // Reconnection is ours, so that `after` is sent again.
          retryAttempts: 0,
          on: {
            connected: () => this.onConnected(),
            closed: () => (this.up = false),
            error: () => (this.up = false),
          },
        })
      : null;
    if (!this.client) this.problem = { reason: "unsupported", message: "No WebSocket here" };
  }

  /** Whether this runtime can open a WebSocket at all. */
  get supported(): boolean {
    return this.client !== null;
  }

  /** Whether a socket has ever been opened and accepted (a failure before that may be a proxy refusing WebSockets). */
  get hasOpened(): boolean {
    return this.connections > 0;
  }

  /** Why the client has stopped for good (revoked or refused token), or null while it works. */
  get stopped(): LiveProblem | null {
    return this.problem;
  }

  /** Hears an operation's events until the returned function is called. */
  listen<T, V>(operation: LiveOperation<T, V>, listener: LiveListener<T>): () => void {
    const key = `${operation.query}\n${JSON.stringify(operation.variables)}`;
    let shared = this.shared.get(key);
    const heard = listener as LiveListener<unknown>;
    if (!shared) {
      shared = {
        key,
        operation: operation as unknown as LiveOperation<unknown>,
        listeners: new Set([heard]),
        last: null,
        end: null,
        problem: null,
        sentWith: { up: false, connections: 0 },
        resuming: false,
      };
      this.shared.set(key, shared);
      this.send(shared, false);
    } else shared.listeners.add(heard);
    const problem = this.problem ?? shared.problem;
    if (problem) setTimeout(() => heard.failed(problem), 0);
    const entry = shared;
    return () => {
      entry.listeners.delete(heard);
      if (entry.listeners.size > 0) return;
      entry.end?.();
      entry.end = null;
      this.waiting.delete(entry);
      if (this.shared.get(key) === entry) this.shared.delete(key);
    };
  }

  /** Ends every subscription and the socket. */
  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    for (const shared of this.shared.values()) shared.end?.();
    this.shared.clear();
    this.waiting.clear();
    // graphql-ws's dispose waits for a connection still opening and rejects when
    // that attempt fails: such a socket never opened, so there is nothing to close.
    void Promise.resolve(this.client?.dispose()).catch(() => undefined);
  }

  private send(shared: Shared, resume: boolean): void {
    const client = this.client;
    if (!client || this.problem || this.closed) return;
    const { operation, last } = shared;
    const variables =
      resume && last && operation.resumeFrom
        ? { ...operation.variables, ...operation.resumeFrom(last.data) }
        : operation.variables;
    shared.sentWith = { up: this.up, connections: this.connections };
    // Sent again on a socket already open: nothing else will say it is back.
    shared.resuming = resume && !this.up;
    if (resume && this.up) this.tellResumed([shared]);
    let ended = false;
    const end = client.subscribe<unknown>(
      { query: operation.query, variables },
      {
        next: (result) => {
          if (!ended) this.deliver(shared, result);
        },
        error: (error) => {
          if (ended) return;
          ended = true;
          shared.end = null;
          this.failed(shared, error);
        },
        complete: () => {
          ended = true;
        },
      },
    );
    shared.end = () => {
      ended = true;
      end();
    };
  }

  private deliver(shared: Shared, result: FormattedExecutionResult<unknown, unknown>): void {
    if (result.errors?.length) {
      const problem = rejectionProblem(result.errors);
      for (const listener of [...shared.listeners]) listener.failed(problem);
    }
    if (result.data === undefined || result.data === null) return;
    shared.last = { data: result.data };
    for (const listener of [...shared.listeners]) listener.event(result.data);
  }

  private failed(shared: Shared, error: unknown): void {
    if (this.closed) return;
    if (Array.isArray(error)) {
      // The server refused this subscription (validation, limits, sign-in): sending it again would not help.
      shared.problem = rejectionProblem(error);
      for (const listener of [...shared.listeners]) listener.failed(shared.problem);
      return;
    }
    const final = closeProblem(error);
    if (final) {
      this.stop(final);
      return;
    }
    const dropped = shared.sentWith.up || this.connections > shared.sentWith.connections;
    if (!dropped) {
      const problem: LiveProblem = {
        reason: "unreachable",
        message: unreachableFailure(this.connection.serverUrl).message,
      };
      for (const listener of [...shared.listeners]) listener.failed(problem);
    }
    this.retryLater(shared, dropped);
  }

  private retryLater(shared: Shared, dropped: boolean): void {
    if (!this.shared.has(shared.key)) return;
    this.waiting.add(shared);
    if (this.retryTimer) return;
    if (dropped) this.attempt = 0;
    const delay = (this.options.retryDelayMs ?? defaultRetryDelay)(this.attempt++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.retryWaiting();
    }, delay);
  }

  private retryWaiting(): void {
    const again = [...this.waiting];
    this.waiting.clear();
    for (const entry of again) if (this.shared.get(entry.key) === entry) this.send(entry, true);
  }

  private onConnected(): void {
    this.connections += 1;
    this.up = true;
    this.attempt = 0;
    const resumed = [...this.shared.values()].filter((shared) => shared.resuming);
    for (const shared of resumed) shared.resuming = false;
    this.tellResumed(resumed);
    // Another subscription opened a socket: those waiting to retry need not wait longer.
    if (this.waiting.size > 0 && this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
      this.retryWaiting();
    }
  }

  /** After graphql-ws has sent the subscriptions on the socket. */
  private tellResumed(resumed: readonly Shared[]): void {
    if (resumed.length === 0) return;
    setTimeout(() => {
      for (const shared of resumed)
        for (const listener of [...shared.listeners]) listener.resumed();
    }, 0);
  }

  private stop(problem: LiveProblem): void {
    this.problem = problem;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.waiting.clear();
    for (const shared of this.shared.values()) {
      shared.end?.();
      shared.end = null;
      for (const listener of [...shared.listeners]) listener.failed(problem);
    }
  }
}
