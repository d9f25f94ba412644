// MAT.PROGRESS kept up to date by the server: subscriptions over graphql-ws.
//
// - A cell's first value comes from its academy's card, read through the
//   batching client with every other card of the recalculation (one
//   academyCards request per year and 500 academies).
// - Each cell then listens to progressChanged(urn, metric) and
//   targetChanged(urn) on the live client of the connection. The client
//   shares one server subscription per (urn, metric), and one per academy for
//   targets, between every cell that streams it; the last cell to be
//   cancelled ends it. An event carries the target's new progress, so it is
//   shown as it comes, with no request.
// - When the socket drops, the client reconnects and resubscribes with
//   `after` (the last event's `cursor`), and the server sends what was
//   committed meanwhile first, in order, each once; the cells' cards are read
//   again as well, for a subscription that had heard no event to resume from.
// - A revoked token ends the subscriptions (4401): the cells say to sign in
//   again. A new connection (sign in, sign out, another server) means a new
//   client and fresh values.
// - When no WebSocket can be opened to the server at all while it answers
//   over HTTP (a proxy that refuses them, a runtime without WebSocket), the
//   cells fall back on polling (PollingProgressFeed) for this connection.
import type { Connection } from "../shared/connection.js";
import { AddinFailure, failureKindOf } from "../shared/graphql-client.js";
import { holdLiveClient } from "../shared/hold-live-client.js";
import type { LiveClient, LiveClientOptions, LiveProblem } from "../shared/live-client.js";
import { signInAgain } from "./excel-error.js";
import {
  PROGRESS_CHANGED,
  TARGET_CHANGED,
  targetProgressOf,
  type CardResult,
  type TargetProgress,
} from "./operations.js";
import { PollingProgressFeed } from "./polling-progress-feed.js";
import {
  changesOnly,
  progressOnCard,
  sameMetric,
  type ProgressFeed,
  type ProgressKey,
  type ProgressUpdate,
} from "./progress-feed.js";

export interface LiveProgressFeedOptions {
  /** An academy's card for a year, batched; SIGNED_OUT without a token. */
  readonly card: (urn: string, year: string) => Promise<CardResult>;
  /** The connection now. */
  readonly connection: () => Promise<Connection>;
  /** How live clients are made (the WebSocket class, reconnection delays). */
  readonly live?: LiveClientOptions;
  /** Polling interval when no WebSocket can be opened (default 30 s). */
  readonly pollIntervalMs?: number;
  /** Called when a dropped socket is back and a subscription was sent again. */
  readonly onResumed?: () => void;
}

/** How the cells of the current connection hear of changes. */
type Link =
  | { readonly mode: "signed-out" }
  | { readonly mode: "live"; readonly client: LiveClient; readonly release: () => void }
  | { readonly mode: "polling"; readonly feed: PollingProgressFeed };

interface Watch {
  readonly key: ProgressKey;
  readonly deliver: (update: ProgressUpdate) => void;
  /** Events heard so far: a card read that started before the latest one is older than it. */
  events: number;
  detach: () => void;
}

export class LiveProgressFeed implements ProgressFeed {
  private readonly watches = new Set<Watch>();
  private link: Link | null = null;
  /** Bumped by every relink, so that only the latest one takes effect. */
  private generation = 0;
  private linking: Promise<void> | null = null;
  private probing: Link | null = null;

  constructor(private readonly options: LiveProgressFeedOptions) {}

  watch(key: ProgressKey, listener: (update: ProgressUpdate) => void): () => void {
    const watch: Watch = {
      key,
      deliver: changesOnly(listener),
      events: 0,
      detach: () => undefined,
    };
    this.watches.add(watch);
    // Until the first link is made, relink attaches every watch it finds.
    if (this.link) this.attach(watch, this.link);
    else this.linking ??= this.relink().finally(() => (this.linking = null));
    void this.read(watch);
    return () => {
      watch.detach();
      this.watches.delete(watch);
    };
  }

  refresh(): void {
    void this.relink();
    for (const watch of this.watches) void this.read(watch);
  }

  close(): void {
    this.generation += 1;
    for (const watch of this.watches) watch.detach();
    this.watches.clear();
    if (this.link) unlink(this.link);
    this.link = null;
  }

  /** Follows the current connection: a live client for it (shared in the runtime), or nothing while signed out. */
  /** Never rejects: storage that cannot be read leaves the link as it is (the card reads say why). */
  private async relink(): Promise<void> {
    const generation = ++this.generation;
    let connection: Connection;
    try {
      connection = await this.options.connection();
    } catch {
      // Storage could not be read: the cells' card reads say so, and the next watch tries again.
      return;
    }
    if (generation !== this.generation) return;
    const previous = this.link;
    const next = this.linkFor(connection);
    if (previous?.mode === "live" && next.mode === "live" && previous.client === next.client) {
      // The same connection saved again: the subscriptions go on as they are.
      next.release();
      return;
    }
    this.link = next;
    for (const watch of this.watches) {
      watch.detach();
      this.attach(watch, next);
    }
    // After the new link is held, so a connection that did not change keeps its client.
    if (previous) unlink(previous);
  }

  private linkFor(connection: Connection): Link {
    if (!connection.token) return { mode: "signed-out" };
    const held = holdLiveClient(connection, this.options.live);
    if (held.client.supported) return { mode: "live", ...held };
    held.release();
    return this.pollingLink();
  }

  private pollingLink(): Link {
    return {
      mode: "polling",
      feed: new PollingProgressFeed(this.options.card, this.options.pollIntervalMs),
    };
  }

  private attach(watch: Watch, link: Link): void {
    switch (link.mode) {
      case "signed-out":
        // The card read answers "Sign in"; signing in relinks.
        watch.detach = () => undefined;
        return;
      case "polling":
        watch.detach = link.feed.watch(watch.key, (update) => this.deliver(watch, update));
        return;
      case "live": {
        const { urn, metric, year } = watch.key;
        const failed = (problem: LiveProblem) => this.onProblem(watch, problem, link);
        const resumed = () => {
          this.options.onResumed?.();
          void this.read(watch);
        };
        const stops = [
          link.client.listen(
            {
              query: PROGRESS_CHANGED,
              variables: { urn, metric },
              resumeFrom: (last) => ({ after: last.progressChanged.cursor }),
            },
            {
              event: ({ progressChanged: change }) => {
                if (change.year === year && change.target)
                  this.heard(watch, targetProgressOf(change.target));
              },
              failed,
              resumed,
            },
          ),
          link.client.listen(
            {
              query: TARGET_CHANGED,
              variables: { urn },
              resumeFrom: (last) => ({ after: last.targetChanged.cursor }),
            },
            {
              event: ({ targetChanged: change }) => {
                if (change.year !== year || !sameMetric(change.metric, metric)) return;
                if (change.target) this.heard(watch, targetProgressOf(change.target));
                else void this.read(watch);
              },
              failed,
              resumed,
            },
          ),
        ];
        watch.detach = () => stops.forEach((stop) => stop());
        return;
      }
      default: {
        const unreachable: never = link;
        throw new Error(`Unhandled link ${JSON.stringify(unreachable)}`);
      }
    }
  }

  private heard(watch: Watch, target: TargetProgress): void {
    watch.events += 1;
    this.deliver(watch, { target });
  }

  private onProblem(watch: Watch, problem: LiveProblem, link: Link): void {
    if (this.link !== link) return;
    switch (problem.reason) {
      case "unsupported":
      case "unreachable":
        // Never opened: the server may answer over HTTP while WebSockets are refused on the way.
        if (link.mode === "live" && !link.client.hasOpened) this.probe(link);
        else this.deliver(watch, { failure: new AddinFailure("UNREACHABLE", problem.message) });
        return;
      case "signedOut":
        this.deliver(watch, { failure: signInAgain() });
        return;
      case "forbidden":
        this.deliver(watch, { failure: new AddinFailure("SIGNED_OUT", problem.message) });
        return;
      case "rejected":
        this.deliver(watch, {
          failure: new AddinFailure(failureKindOf(problem.code), problem.message),
        });
        return;
      default: {
        const unreachable: never = problem.reason;
        throw new Error(`Unhandled live problem ${String(unreachable)}`);
      }
    }
  }

  /**
   * The socket has never opened: read every cell's card over HTTP, which
   * shows what the server says (a value, or why not). If HTTP works, poll
   * for this connection instead.
   */
  private probe(link: Link): void {
    if (this.probing === link) return;
    this.probing = link;
    void Promise.all([...this.watches].map((watch) => this.read(watch))).then((answers) => {
      if (this.probing === link) this.probing = null;
      const stillClosed = link.mode === "live" && !link.client.hasOpened;
      if (this.link !== link || !stillClosed || !answers.some(Boolean)) return;
      this.link = this.pollingLink();
      for (const watch of this.watches) {
        watch.detach();
        this.attach(watch, this.link);
      }
      unlink(link);
    });
  }

  /** Reads the cell's card (batched) and shows it, unless an event came meanwhile; true when the server answered. Never rejects: a failure is shown in the cell. */
  private async read(watch: Watch): Promise<boolean> {
    const events = watch.events;
    const { urn, year } = watch.key;
    let update: ProgressUpdate;
    try {
      update = progressOnCard(await this.options.card(urn, year), watch.key);
    } catch (failure) {
      update = { failure };
    }
    if (watch.events === events) this.deliver(watch, update);
    return !("failure" in update) || !isUnreachable(update.failure);
  }

  private deliver(watch: Watch, update: ProgressUpdate): void {
    if (this.watches.has(watch)) watch.deliver(update);
  }
}

function isUnreachable(failure: unknown): boolean {
  return failure instanceof AddinFailure && failure.kind === "UNREACHABLE";
}

function unlink(link: Link): void {
  if (link.mode === "live") link.release();
  if (link.mode === "polling") link.feed.close();
}
