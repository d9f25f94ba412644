// The live-event bus: a transactional outbox with one gap-free sequence per
// trust, in commit order (outbox.ts), and ordered, resumable streams over it.
//
// Writing. A service runs its change in `events.transaction(fn)` and calls
// `events.emit(tx, event)` for each change a subscriber should hear. At the end
// of the transaction (after `fn`, before COMMIT) the bus writes the events with
// their positions; after COMMIT the committing instance publishes them
// (in-process or Redis), with nothing awaited in between.
//
// Reading. Each instance keeps one feed per trust that has subscribers here
// (trust-feed.ts), which hands events to its subscriptions (subscription.ts)
// strictly in sequence, reading from the outbox whatever a transport lost.
import type { Db } from "../../db/index.js";
import type { Tx } from "../../services/audit.service.js";
import type { LiveEvent, NewEvent, StoredEvent } from "./payloads.js";
import type { LiveEvents } from "./transports.js";
import { headOf, positionAt, readEvents, writeEvents } from "./outbox.js";
import { TrustFeed, type FeedSource } from "./trust-feed.js";
import { Subscription, type StreamOptions } from "./subscription.js";

export interface EventBusOptions {
  /** Events per catch-up page (one outbox read, shared by subscriptions reading the same page). */
  readonly pageSize?: number;
  /** How often a feed checks the counter for events no transport delivered. */
  readonly pollMs?: number;
  /** How long a feed waits for an early event's predecessors before reading them. */
  readonly gapWaitMs?: number;
  /** Most events a subscription queues for a slow client before it reads from the outbox instead. */
  readonly maxQueue?: number;
  /** How long a shared value is brought forward along the events before it is read again (30 s). */
  readonly sharedMaxAgeMs?: number;
}

export interface EventPage {
  readonly events: LiveEvent[];
  /** The last position this page read (pass it back as `after` for the next page). */
  readonly last: number;
  /** More events follow after `last`. */
  readonly hasMore: boolean;
}

/**
 * A value read from the database that the trust's events can bring forward:
 * `apply` gives the value after an event from the value before it (the same
 * value when the event does not touch it), or null when the event says
 * something it cannot work out (then the value is read again). `read` takes
 * whatever has committed, which may already include the changes of events
 * applied after it, so applying an event twice must do no harm.
 */
export interface Derived<T> {
  read(): Promise<T>;
  apply(value: T, event: LiveEvent): T | null;
}

interface Shared {
  /** The value includes every event up to this position. */
  seq: number;
  value: Promise<unknown>;
  /** When the read it was brought forward from began. */
  readAt: number;
}

export class EventBus implements FeedSource {
  private readonly staged = new WeakMap<object, NewEvent[]>();
  private readonly feeds = new Map<string, TrustFeed>();
  /** Complete pages never change: kept for subscriptions reconnecting together (a small LRU). */
  private readonly pages = new Map<string, Promise<StoredEvent[]>>();
  private readonly shared = new Map<string, Shared>();
  readonly pageSize: number;
  readonly pollMs: number;
  readonly gapWaitMs: number;
  readonly maxQueue: number;
  readonly sharedMaxAgeMs: number;

  constructor(
    private readonly prisma: Db,
    private readonly transport: LiveEvents,
    options: EventBusOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 500;
    this.pollMs = options.pollMs ?? 1000;
    this.gapWaitMs = options.gapWaitMs ?? 25;
    this.maxQueue = options.maxQueue ?? 1000;
    this.sharedMaxAgeMs = options.sharedMaxAgeMs ?? 30_000;
  }

  get transportName(): string {
    return this.transport.transport;
  }

  /**
   * Runs `fn` in a database transaction; the events it emits are written with
   * their positions just before COMMIT and published after it.
   */
  async transaction<T>(fn: (tx: Tx) => Promise<T>, options?: { timeout?: number }): Promise<T> {
    let written: LiveEvent[] = [];
    const result = await this.prisma.$transaction(async (tx) => {
      const emitted: NewEvent[] = [];
      this.staged.set(tx, emitted);
      const value = await fn(tx);
      written = await writeEvents(tx, emitted);
      return value;
    }, options);
    for (const event of written) this.transport.publish(event);
    return result;
  }

  /** Adds an event to the transaction `tx` (one that `transaction` started). */
  emit(tx: Tx, event: NewEvent): void {
    const emitted = this.staged.get(tx);
    if (!emitted)
      throw new Error(
        `events.emit(${event.kind}) outside events.transaction: run the change in events.transaction so the event commits with it`,
      );
    emitted.push(event);
  }

  /** The last committed position of a trust (0 before its first event). */
  head(trustId: string): Promise<number> {
    return headOf(this.prisma, trustId);
  }

  /** The position of the last event written at or before `time` (for the deprecated `since`). */
  positionAt(trustId: string, time: Date): Promise<number> {
    return positionAt(this.prisma, trustId, time);
  }

  /**
   * The events after `after` in the page-aligned block that holds `after + 1`.
   * Blocks are aligned so that subscriptions resuming from nearby positions
   * share one read (and the event objects, so mapping them is shared too).
   */
  readBlock(trustId: string, after: number): Promise<StoredEvent[]> {
    const index = Math.floor(after / this.pageSize);
    const key = `${trustId}:${index}`;
    const known = this.pages.get(key);
    if (known) return known;
    const read = readEvents(
      this.prisma,
      trustId,
      index * this.pageSize,
      (index + 1) * this.pageSize,
    );
    this.pages.set(key, read);
    void read.then(
      (events) => {
        // A block not yet full may still grow: only share it while the read is in flight.
        if (events.length < this.pageSize) this.pages.delete(key);
        else if (this.pages.size > 64) this.pages.delete(this.pages.keys().next().value!);
      },
      () => this.pages.delete(key),
    );
    return read;
  }

  /** One page of a trust's events after a position, oldest first, with whether more follow. */
  async page(
    trustId: string,
    after: number,
    limit: number,
    accept: (event: LiveEvent) => boolean,
  ): Promise<EventPage> {
    const head = await this.head(trustId);
    const events: LiveEvent[] = [];
    let last = Math.min(after, head);
    scan: while (last < head) {
      const block = await this.readBlock(trustId, last);
      let moved = false;
      for (const event of block) {
        if (event.seq !== last + 1 || event.seq > head) continue;
        if (event.kind !== null && accept(event)) {
          // One more to show: stop before it, so `hasMore` is exact.
          if (events.length === limit) break scan;
          events.push(event);
        }
        last = event.seq;
        moved = true;
      }
      if (!moved) break;
    }
    return { events, last, hasMore: last < head };
  }

  /**
   * A value as of position `seq` or later, shared by everyone who needs it
   * (one academy card for all subscribers and reconnections). Read once, it is
   * brought forward along the events this instance's feed hands over, in
   * order, and read again when an event cannot be applied, when the feed no
   * longer remembers the events in between, or after `sharedMaxAgeMs` (so a
   * change no event announces shows within that time; long, because an
   * academy hears a measurement every second or so even in October, and a
   * value read again every 2 s would be read for nearly every event).
   */
  sharedValue<T>(trustId: string, key: string, seq: number, derived: Derived<T>): Promise<T> {
    const name = `${trustId}|${key}`;
    const known = this.shared.get(name);
    if (known && known.seq >= seq) return known.value as Promise<T>;
    const feed = this.feeds.get(trustId);
    const now = Date.now();
    const later =
      known && now - known.readAt < this.sharedMaxAgeMs ? feed?.between(known.seq, seq) : null;
    const entry: Shared = later
      ? { seq, value: Promise.resolve(), readAt: known!.readAt }
      : // What a read finds includes every event the feed has passed (they are committed).
        { seq: Math.max(seq, feed?.head ?? 0), value: Promise.resolve(), readAt: now };
    const value: Promise<T> = later
      ? (known!.value as Promise<T>).then((before) => {
          let current = before;
          for (const event of later) {
            if (event.kind === null) continue;
            const next = derived.apply(current, event);
            if (next === null) {
              entry.readAt = Date.now();
              return derived.read();
            }
            current = next;
          }
          return current;
        })
      : derived.read();
    entry.value = value;
    this.shared.delete(name);
    this.shared.set(name, entry);
    value.catch(() => {
      if (this.shared.get(name) === entry) this.shared.delete(name);
    });
    if (this.shared.size > 10_000) this.shared.delete(this.shared.keys().next().value!);
    return value;
  }

  /** A subscription: events after `after` (caught up from the outbox, in pages), then live, each once, in order. */
  stream(options: StreamOptions): AsyncIterableIterator<LiveEvent> {
    const feed = this.feed(options.trustId);
    return new Subscription(this, feed, options, () => this.release(feed));
  }

  private feed(trustId: string): TrustFeed {
    let feed = this.feeds.get(trustId);
    if (!feed) {
      feed = new TrustFeed(this, this.transport, trustId);
      this.feeds.set(trustId, feed);
    }
    feed.users += 1;
    return feed;
  }

  private release(feed: TrustFeed): void {
    feed.users -= 1;
    if (feed.users === 0) {
      feed.close();
      this.feeds.delete(feed.trustId);
    }
  }

  /** Subscriptions open on this instance, by trust (for tests and the bench). */
  openFeeds(): { trustId: string; subscriptions: number; head: number | null }[] {
    return [...this.feeds.values()].map((feed) => ({
      trustId: feed.trustId,
      subscriptions: feed.taps.size,
      head: feed.head,
    }));
  }

  async close(): Promise<void> {
    for (const feed of this.feeds.values()) feed.close();
    this.feeds.clear();
    await this.transport.close();
  }
}
