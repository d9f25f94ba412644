// What the custom functions share in the add-in's one runtime: the
// connection (server URL and token, from Office's storage, reloaded when the
// task pane signs in or out), the batching client, the framework catalog and
// the progress feed (live, over graphql-ws). Built on first use; tests build
// their own with configureFunctions() (a counting fetch, Node's WebSocket
// class, short reconnection delays, a clock).
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
}

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
  private connectionPromise: Promise<Connection> | null = null;
  private readonly stopListening: () => void;

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
    });
    this.stopListening = onConnectionChange((connection) => {
      const previous = this.connectionPromise;
      this.connectionPromise = Promise.resolve(connection);
      // A new token may see other frameworks (the trust's own).
      this.frameworks.invalidate();
      // Which headers name no indicator is the server's to say: only another server may differ.
      void previous?.then(
        (before) => {
          if (before.serverUrl !== connection.serverUrl) this.server.forget();
        },
        () => this.server.forget(),
      );
      // A new client for the new connection, and fresh values.
      this.progress.refresh();
    });
  }

  /** The current server URL and token. */
  connection(): Promise<Connection> {
    const store = this.options.store ?? settingsStore();
    const loading = (this.connectionPromise ??= loadConnection(store));
    // A storage failure is not kept: the next call reads again.
    loading.catch(() => {
      if (this.connectionPromise === loading) this.connectionPromise = null;
    });
    return loading;
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
