// What the custom functions share in the add-in's runtime: the connection
// (server URL and token, from Office's storage), the batching client, the
// framework catalog, the progress feed (live, over graphql-ws) and the
// recalculation that follows the data. Built on first use; tests build
// their own with configureFunctions() (a counting fetch, Node's WebSocket
// class, short reconnection delays, a clock, a recalculation to count).
//
// Each open workbook has its own runtime, and OfficeRuntime.storage is
// shared by all of them: so the connection is read from storage again when
// it is older than a second (one recalculation's cells share one read), and
// every five seconds, so that signing in in one workbook reaches the others'
// functions. A change, heard or read, refreshes the catalog, the live
// cells, and asks Excel to recalculate (recalculation.ts).
import {
  loadConnection,
  onConnectionChange,
  settingsStore,
  type Connection,
  type SettingsStore,
} from "../shared/connection.js";
import { AddinFailure, GraphQLHttpClient, type Fetch } from "../shared/graphql-client.js";
import { BatchingClient, type BatchingOptions } from "./batching-client.js";
import { FrameworkCatalog } from "./framework-catalog.js";
import { LiveProgressFeed } from "./live-progress-feed.js";
import { PUBLIC_EVIDENCE, type CardResult } from "./operations.js";
import type { ProgressFeed } from "./progress-feed.js";
import { excelFormatReader, NumberFormatReader, type FormatReader } from "./number-formats.js";
import {
  excelRecalculation,
  loadWithDocument,
  Recalculation,
  type Recalculate,
} from "./recalculation.js";

export interface FunctionRuntimeOptions extends BatchingOptions {
  /** How requests are sent (default: the runtime's fetch). */
  readonly fetch?: Fetch;
  /** Where the connection is kept (default: OfficeRuntime.storage). */
  readonly store?: SettingsStore;
  /** The WebSocket class for live updates (default: the runtime's own; Node has none and passes ws). */
  readonly webSocketImpl?: unknown;
  /** Wait before live reconnection attempt `attempt` (default 0.5 s doubling to 30 s, with jitter). */
  readonly liveRetryDelayMs?: (attempt: number) => number;
  /** MAT.PROGRESS polling interval when no WebSocket can be opened (default 30 s). */
  readonly pollIntervalMs?: number;
  /** The clock that picks the default academic year. */
  readonly now?: () => Date;
  /** How number formats are read (default: the Excel API; null: never, formats unknown). */
  readonly readFormats?: FormatReader | null;
  /** How Excel is asked to recalculate (default: Application.calculate(full); null: never). */
  readonly recalculate?: Recalculate | null;
  /** Requests for a recalculation this close together make one (default 250 ms). */
  readonly recalculateDelayMs?: number;
  /** A connection read this recently is used again (default 1 s). */
  readonly connectionFreshMs?: number;
  /** How often storage is read for a sign-in made in another workbook (default 5 s; null: never). */
  readonly connectionPollMs?: number | null;
}

const sameConnection = (a: Connection, b: Connection) =>
  a.serverUrl === b.serverUrl && a.token === b.token;

/** A public value as MAT.EVIDENCE reads it. */
export interface PublicEvidenceAnswer {
  readonly value: string | null;
  readonly unavailable: string | null;
  readonly describes: string;
  readonly date: string | null;
  readonly source: string;
}

export class FunctionRuntime {
  readonly server: BatchingClient;
  readonly frameworks: FrameworkCatalog;
  readonly progress: ProgressFeed;
  /** Number formats of the ranges MAT.DESIGNATION and MAT.EXPLAIN read, one batch per recalculation. */
  readonly numberFormats: NumberFormatReader;
  readonly now: () => Date;
  /** Asks Excel to recalculate when the data behind the cells changes. */
  readonly recalculation: Recalculation;
  private connectionPromise: Promise<Connection> | null = null;
  private loadedAt = 0;
  /** The connection last read or heard, to notice a change made in another workbook. */
  private lastSeen: Connection | null = null;
  private readonly stopListening: () => void;
  private readonly poll: ReturnType<typeof setInterval> | null;

  constructor(private readonly options: FunctionRuntimeOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.numberFormats = new NumberFormatReader(
      options.readFormats === undefined ? excelFormatReader() : options.readFormats,
    );
    const client = () => this.client();
    this.server = new BatchingClient(client, options);
    this.frameworks = new FrameworkCatalog(client);
    this.progress = new LiveProgressFeed({
      card: (urn, year) => this.card(urn, year),
      connection: () => this.connection(),
      live: {
        ...(options.webSocketImpl ? { webSocketImpl: options.webSocketImpl } : {}),
        ...(options.liveRetryDelayMs ? { retryDelayMs: options.liveRetryDelayMs } : {}),
      },
      pollIntervalMs: options.pollIntervalMs ?? 30_000,
      // The live connection is back after a drop: the non-streaming cells may be stale too.
      onResumed: () => this.recalculation.request("reconnected"),
    });
    this.recalculation = new Recalculation(
      options.recalculate === undefined ? excelRecalculation() : options.recalculate,
      options.recalculateDelayMs,
    );
    // A reopened workbook's cells hold the values of its last session.
    this.recalculation.request("runtime started");
    this.recalculation.followYear(this.now);
    // Signing in in this runtime (the task pane): the change is heard at once.
    this.stopListening = onConnectionChange((connection) => {
      this.connectionPromise = Promise.resolve(connection);
      this.loadedAt = Date.now();
      this.lastSeen = connection;
      this.changed(connection);
    });
    const pollMs = options.connectionPollMs === undefined ? 5_000 : options.connectionPollMs;
    this.poll =
      pollMs === null
        ? null
        : setInterval(() => void this.connection(true).catch(() => undefined), pollMs);
    (this.poll as { unref?: () => void } | null)?.unref?.();
  }

  /** The current server URL and token, read from storage unless read in the last second. */
  connection(fresh = false): Promise<Connection> {
    const freshMs = this.options.connectionFreshMs ?? 1_000;
    if (!fresh && this.connectionPromise && Date.now() - this.loadedAt < freshMs)
      return this.connectionPromise;
    const store = this.options.store ?? settingsStore();
    const loading = loadConnection(store).then((connection) => {
      const before = this.lastSeen;
      this.lastSeen = connection;
      // Changed elsewhere (another workbook's pane, or this one's before a reload).
      if (before && !sameConnection(before, connection)) this.changed(connection);
      return connection;
    });
    this.connectionPromise = loading;
    this.loadedAt = Date.now();
    // A storage failure is not kept: the next call reads again.
    loading.catch(() => {
      if (this.connectionPromise === loading) this.connectionPromise = null;
    });
    return loading;
  }

  /** The connection changed (or was saved again): fresh frameworks, live cells and values. */
  private changed(after: Connection): void {
    // A new token may see other frameworks (the trust's own).
    this.frameworks.invalidate();
    // A new client for the new connection, and fresh values.
    this.progress.refresh();
    this.recalculation.request(after.token ? "signed in" : "signed out");
    // Signed in: load this workbook's runtime with it next time, so its cells are recalculated on opening.
    if (after.token) void loadWithDocument();
  }

  /**
   * An academy's card for a year (batched). Cards are the trust's data:
   * without a token the answer is SIGNED_OUT at once, with no request.
   */
  async card(urn: string, year: string): Promise<CardResult> {
    const { token } = await this.connection();
    if (!token) throw new AddinFailure("SIGNED_OUT", "Not signed in");
    return this.server.card(urn, year);
  }

  /**
   * A stored public value (MAT.EVIDENCE); null when none is held. The trust's
   * data: without a token the answer is SIGNED_OUT at once, with no request.
   */
  async publicEvidence(
    urn: string,
    indicator: string,
    year: string | null,
  ): Promise<PublicEvidenceAnswer | null> {
    const { token } = await this.connection();
    if (!token) throw new AddinFailure("SIGNED_OUT", "Not signed in");
    const client = await this.client();
    const data = await client.request(PUBLIC_EVIDENCE, { urn, indicator, year });
    return data.publicEvidence;
  }

  private async client(): Promise<GraphQLHttpClient> {
    const { serverUrl, token } = await this.connection();
    return new GraphQLHttpClient(serverUrl, token, this.options.fetch);
  }

  close(): void {
    this.stopListening();
    if (this.poll) clearInterval(this.poll);
    this.recalculation.close();
    this.progress.close();
  }
}

let current: FunctionRuntime | null = null;

/** The runtime the functions use, built on first use. */
export function functionRuntime(): FunctionRuntime {
  return (current ??= new FunctionRuntime());
}

/** Replaces the runtime (tests; or a host that wants other timings). */
export function configureFunctions(options: FunctionRuntimeOptions = {}): FunctionRuntime {
  current?.close();
  current = new FunctionRuntime(options);
  return current;
}
