// The live-event bus: a transactional outbox with one gap-free sequence per
// trust, in commit order, and ordered, resumable streams over it.
//
// Writing. A service runs its change in `events.transaction(fn)` and calls
// `events.emit(tx, event)` for each change a subscriber should hear. At the end
// of the transaction (after `fn`, before COMMIT) the bus takes the trust's next
// positions from LiveEventCounter with one UPSERT ... RETURNING and writes the
// events to LiveEvent. On PostgreSQL that UPSERT holds the counter row's lock
// until COMMIT, so a later position can only be taken after the earlier
// transaction has committed; SQLite has one writer at a time. Either way
// positions follow commit order, a rolled-back transaction gives its positions
// back, and once position n is visible every position below it is too.
// After COMMIT the committing instance publishes the events (in-process or Redis).
//
// Reading. Each instance keeps one feed per trust that has subscribers here. The
// feed hands events to its subscriptions strictly in sequence: one that arrives
// early waits for the ones before it, and a gap (a publish lost in Redis, an
// instance killed between COMMIT and publish) is read from the outbox, both
// when a later event shows it and by polling the counter. A subscription holds
// only its cursor (the last position it passed), a bounded queue for a slow
// client and at most one page of catch-up; it delivers each position once.
import type { Db } from "../db/index.js";
import type { Tx } from "../services/audit.service.js";
import type { LiveEvent, LiveEvents, NewEvent, EventKind } from "./live-events.js";

export interface EventBusOptions {
  /** Events per catch-up page (one outbox read, shared by subscriptions reading the same page). */
  readonly pageSize?: number;
  /** How often a feed checks the counter for events no transport delivered. */
  readonly pollMs?: number;
  /** How long a feed waits for an early event's predecessors before reading them. */
  readonly gapWaitMs?: number;
  /** Most events a subscription queues for a slow client before it reads from the outbox instead. */
  readonly maxQueue?: number;
}

/** A cursor is opaque to clients: a versioned, encoded trust and position. */
export function encodeCursor(trustId: string, seq: number): string {
  return Buffer.from(`live1:${trustId}:${seq}`, "utf8").toString("base64url");
}

/** The trust and position a cursor names, or null when it is not one of ours. */
export function decodeCursor(cursor: string): { trustId: string; seq: number } | null {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const match = /^live1:([^:]{1,100}):(\d{1,15})$/.exec(text);
  return match ? { trustId: match[1]!, seq: Number(match[2]) } : null;
}

export interface StreamOptions {
  readonly trustId: string;
  /** Deliver from just after this position; null: from now on. */
  readonly after: number | null;
  /** Which events this subscriber may and wants to see (cheap: runs for every event of the trust). */
  readonly accept: (event: LiveEvent) => boolean;
}

export interface EventPage {
  readonly events: LiveEvent[];
  /** The last position this page read (pass it back as `after` for the next page). */
  readonly last: number;
  /** More events follow after `last`. */
  readonly hasMore: boolean;
}

type Row = { trustId: string; seq: number; kind: string; urn: string; data: string; at: Date };

function fromRow(row: Row): LiveEvent {
  return {
    trustId: row.trustId,
    seq: row.seq,
    kind: row.kind as EventKind,
    urn: row.urn,
    data: JSON.parse(row.data) as Record<string, unknown>,
    at: row.at.toISOString(),
  };
}

export class EventBus {
  private readonly staged = new WeakMap<object, NewEvent[]>();
  private readonly feeds = new Map<string, TrustFeed>();
  /** Complete pages never change: kept for subscriptions reconnecting together (a small LRU). */
  private readonly pages = new Map<string, Promise<LiveEvent[]>>();
  private readonly shared = new Map<string, { seq: number; value: Promise<unknown> }>();
  readonly pageSize: number;
  readonly pollMs: number;
  readonly gapWaitMs: number;
  readonly maxQueue: number;

  constructor(
    private readonly prisma: Db,
    private readonly transport: LiveEvents,
    options: EventBusOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 500;
    this.pollMs = options.pollMs ?? 1000;
    this.gapWaitMs = options.gapWaitMs ?? 25;
    this.maxQueue = options.maxQueue ?? 1000;
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
      written = await this.write(tx, emitted);
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

  private async write(tx: Tx, emitted: readonly NewEvent[]): Promise<LiveEvent[]> {
    if (emitted.length === 0) return [];
    const byTrust = new Map<string, NewEvent[]>();
    for (const event of emitted)
      byTrust.set(event.trustId, [...(byTrust.get(event.trustId) ?? []), event]);
    const written: LiveEvent[] = [];
    const at = new Date();
    // Trusts in a fixed order, so two transactions never wait on each other's counters.
    for (const trustId of [...byTrust.keys()].sort()) {
      const events = byTrust.get(trustId)!;
      const count = events.length;
      const [counter] = await tx.$queryRaw<{ last: number | bigint }[]>`
        INSERT INTO "LiveEventCounter" ("trustId", "last") VALUES (${trustId}, ${count})
        ON CONFLICT ("trustId") DO UPDATE SET "last" = "LiveEventCounter"."last" + ${count}
        RETURNING "last"`;
      const first = Number(counter!.last) - count + 1;
      const rows = events.map((event, index) => ({
        trustId,
        seq: first + index,
        kind: event.kind,
        urn: event.urn,
        data: JSON.stringify(event.data),
        at,
      }));
      await tx.liveEvent.createMany({ data: rows });
      for (const row of rows)
        written.push({ ...row, kind: row.kind, data: JSON.parse(row.data), at: at.toISOString() });
    }
    return written;
  }

  /** The last committed position of a trust (0 before its first event). */
  async head(trustId: string): Promise<number> {
    const row = await this.prisma.liveEventCounter.findUnique({ where: { trustId } });
    return row?.last ?? 0;
  }

  /** The position of the last event written at or before `time` (for the deprecated `since`). */
  async positionAt(trustId: string, time: Date): Promise<number> {
    const row = await this.prisma.liveEvent.findFirst({
      where: { trustId, at: { lte: time } },
      orderBy: { seq: "desc" },
      select: { seq: true },
    });
    return row?.seq ?? 0;
  }

  /**
   * The events after `after` in the page-aligned block that holds `after + 1`.
   * Blocks are aligned so that subscriptions resuming from nearby positions
   * share one read (and the event objects, so mapping them is shared too).
   */
  private block(trustId: string, after: number): Promise<LiveEvent[]> {
    const index = Math.floor(after / this.pageSize);
    const key = `${trustId}:${index}`;
    const known = this.pages.get(key);
    if (known) return known;
    const read = this.prisma.liveEvent
      .findMany({
        where: {
          trustId,
          seq: { gt: index * this.pageSize, lte: (index + 1) * this.pageSize },
        },
        orderBy: { seq: "asc" },
      })
      .then((rows) => rows.map(fromRow));
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
      const block = await this.block(trustId, last);
      let moved = false;
      for (const event of block) {
        if (event.seq !== last + 1 || event.seq > head) continue;
        if (accept(event)) {
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
   * A value computed once for everyone who needs it at position `seq` or
   * earlier: kept until an event with a later position needs it.
   * (One academy card computation for all subscribers and reconnections.)
   */
  sharedValue<T>(trustId: string, key: string, seq: number, compute: () => Promise<T>): Promise<T> {
    const name = `${trustId}|${key}`;
    const known = this.shared.get(name);
    if (known && known.seq >= seq) return known.value as Promise<T>;
    // What it computes includes every event the feed has passed (they are committed).
    const asOf = Math.max(seq, this.feeds.get(trustId)?.head ?? 0);
    const value = compute();
    this.shared.delete(name);
    this.shared.set(name, { seq: asOf, value });
    value.catch(() => this.shared.delete(name));
    if (this.shared.size > 10_000) this.shared.delete(this.shared.keys().next().value!);
    return value;
  }

  /** A subscription: events after `after` (caught up from the outbox, in pages), then live, each once, in order. */
  stream(options: StreamOptions): AsyncIterableIterator<LiveEvent> {
    const feed = this.feed(options.trustId);
    return new Subscription(this, feed, options, () => this.release(feed));
  }

  /** Reads the events after `after` in its block (the subscription's catch-up step). */
  readBlock(trustId: string, after: number): Promise<LiveEvent[]> {
    return this.block(trustId, after);
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

/** Most events a feed holds while waiting for the ones before them. */
const EARLY_LIMIT = 10_000;

/** One trust's events on this instance, strictly in sequence. */
class TrustFeed {
  /** Every position up to here has been handed to the taps; null until the counter is read. */
  head: number | null = null;
  /** The head as first read, and the lowest position heard before it was: where "now" began. */
  startedAt: number | null = null;
  firstHeard: number | null = null;
  users = 0;
  readonly taps = new Set<(event: LiveEvent) => void>();
  readonly ready: Promise<void>;
  private readonly early = new Map<number, LiveEvent>();
  private readonly stopListening: () => void;
  private readonly poller: NodeJS.Timeout;
  private filling: Promise<void> | null = null;
  private gapTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly bus: EventBus,
    transport: LiveEvents,
    readonly trustId: string,
  ) {
    // Listen first, then read the counter: nothing committed in between is missed.
    this.stopListening = transport.subscribe(trustId, (event) => this.heard(event));
    this.ready = this.readHead().then((head) => {
      this.head = head;
      this.startedAt = Math.min(head, (this.firstHeard ?? head + 1) - 1);
      for (const seq of [...this.early.keys()]) if (seq <= head) this.early.delete(seq);
      this.advance();
    });
    this.poller = setInterval(() => this.poll(), bus.pollMs);
    this.poller.unref();
  }

  /** The committed head, retried while the database is unreachable. */
  private async readHead(): Promise<number> {
    for (;;) {
      try {
        return await this.bus.head(this.trustId);
      } catch (error) {
        if (this.closed) throw error;
        await new Promise((resolve) => setTimeout(resolve, this.bus.pollMs).unref());
      }
    }
  }

  private heard(event: LiveEvent): void {
    // Heard before the head was read: published after this feed (and its first subscription) began.
    if (this.head === null) this.firstHeard = Math.min(this.firstHeard ?? event.seq, event.seq);
    if (this.closed || (this.head !== null && event.seq <= this.head)) return;
    // Bounded while a gap cannot be read (the database away): the rest is read from the outbox later.
    if (this.early.size >= EARLY_LIMIT) return;
    this.early.set(event.seq, event);
    if (this.head === null) return;
    this.advance();
  }

  /** Hands over every event that is next in sequence; a gap left behind is read after a short wait. */
  private advance(): void {
    while (this.head !== null && this.early.has(this.head + 1)) {
      const event = this.early.get(this.head + 1)!;
      this.early.delete(event.seq);
      this.head = event.seq;
      for (const tap of this.taps) tap(event);
    }
    if (this.early.size > 0 && !this.gapTimer) {
      this.gapTimer = setTimeout(() => {
        this.gapTimer = null;
        if (this.early.size > 0) this.fill();
      }, this.bus.gapWaitMs);
      this.gapTimer.unref();
    }
  }

  private poll(): void {
    if (this.head === null || this.filling) return;
    this.bus.head(this.trustId).then(
      (last) => {
        if (this.head !== null && last > this.head) this.fill();
      },
      () => undefined,
    );
  }

  /** Reads from the outbox what no transport delivered, up to the committed head. */
  private fill(): void {
    if (this.filling || this.closed) return;
    this.filling = (async () => {
      try {
        for (;;) {
          if (this.closed || this.head === null) return;
          const block = await this.bus.readBlock(this.trustId, this.head);
          let moved = false;
          for (const event of block) {
            if (this.head === null || event.seq !== this.head + 1) continue;
            // The live copy if it came meanwhile, so everyone shares one object.
            this.early.set(event.seq, this.early.get(event.seq) ?? event);
            this.advance();
            moved = true;
          }
          if (!moved || block.length < this.bus.pageSize) return;
        }
      } catch {
        // The next poll tries again.
      } finally {
        this.filling = null;
      }
    })();
  }

  close(): void {
    this.closed = true;
    this.stopListening();
    clearInterval(this.poller);
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.taps.clear();
    this.early.clear();
  }
}

/**
 * One subscriber's stream. `cursor` is the last position passed (delivered or
 * filtered out): everything at or below it is never delivered again. While
 * behind the feed it reads blocks from the outbox, one at a time as the client
 * takes them; at the feed's head it takes events from the feed. A client too
 * slow for `maxQueue` events falls back to reading from the outbox.
 */
class Subscription implements AsyncIterableIterator<LiveEvent> {
  private cursor = 0;
  /** The position of the last event handed to the client. */
  private handed = 0;
  private live = false;
  private done = false;
  private readonly queue: LiveEvent[] = [];
  private waiting: ((result: IteratorResult<LiveEvent>) => void) | null = null;
  private readonly started: Promise<void>;
  private readonly tap = (event: LiveEvent) => this.heard(event);

  constructor(
    private readonly bus: EventBus,
    private readonly feed: TrustFeed,
    private readonly options: StreamOptions,
    private readonly release: () => void,
  ) {
    // Tap first: from the moment the feed's head is known, nothing can pass unseen.
    feed.taps.add(this.tap);
    if (options.after === null && feed.head !== null) {
      // "From now on": the feed's head at this moment, so the next event is delivered.
      this.cursor = this.handed = feed.head;
      this.live = true;
      this.started = Promise.resolve();
      return;
    }
    this.started = feed.ready.then(() => {
      // A new feed: "now" began when it started listening, before its head was read.
      const start = options.after ?? feed.startedAt ?? feed.head ?? 0;
      this.cursor = start;
      this.handed = start;
      this.live = start >= (feed.head ?? 0);
    });
  }

  /** Events queued for the client now (never more than the bus's maxQueue). */
  get buffered(): number {
    return this.queue.length;
  }

  private heard(event: LiveEvent): void {
    if (!this.live || this.done || event.seq <= this.cursor) return;
    if (event.seq !== this.cursor + 1) {
      // Cannot happen with an in-order feed; read the outbox rather than skip.
      this.live = false;
      this.wake();
      return;
    }
    this.cursor = event.seq;
    if (!this.options.accept(event)) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      this.handed = event.seq;
      resolve({ value: event, done: false });
      return;
    }
    if (this.queue.length >= this.bus.maxQueue) {
      // A slow client: forget the queue and read it again from the outbox when asked.
      this.queue.length = 0;
      this.cursor = this.handed;
      this.live = false;
      return;
    }
    this.queue.push(event);
  }

  private wake(): void {
    if (!this.waiting) return;
    const resolve = this.waiting;
    this.waiting = null;
    this.next().then(resolve, () => resolve({ value: undefined, done: true }));
  }

  async next(): Promise<IteratorResult<LiveEvent>> {
    await this.started;
    for (;;) {
      if (this.done) return { value: undefined, done: true };
      const queued = this.queue.shift();
      if (queued) {
        this.handed = queued.seq;
        return { value: queued, done: false };
      }
      if (this.live) {
        return new Promise((resolve) => (this.waiting = resolve));
      }
      await this.catchUp();
    }
  }

  /** Reads one block after the cursor; at the feed's head, switches to live. */
  private async catchUp(): Promise<void> {
    const head = this.feed.head ?? 0;
    if (this.cursor < head) {
      const block = await this.bus.readBlock(this.options.trustId, this.cursor);
      if (this.done) return;
      let moved = false;
      for (const event of block) {
        if (event.seq <= this.cursor) continue;
        if (event.seq !== this.cursor + 1) break;
        this.cursor = event.seq;
        moved = true;
        if (this.options.accept(event)) this.queue.push(event);
      }
      if (!moved && this.cursor < head)
        throw new Error(
          `Live events after position ${this.cursor} are no longer kept; read the data again and subscribe without a cursor.`,
        );
    }
    // Synchronously with the check: every later event reaches the tap.
    if (this.cursor >= (this.feed.head ?? 0)) this.live = true;
  }

  return(): Promise<IteratorResult<LiveEvent>> {
    if (!this.done) {
      this.done = true;
      this.feed.taps.delete(this.tap);
      this.queue.length = 0;
      this.release();
      const resolve = this.waiting;
      this.waiting = null;
      resolve?.({ value: undefined, done: true });
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<LiveEvent>> {
    void this.return();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<LiveEvent> {
    return this;
  }
}
