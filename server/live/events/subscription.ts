// One subscriber's stream. `cursor` is the last position passed (delivered or
// filtered out): everything at or below it is never delivered again. While
// behind the feed it reads blocks from the outbox, one at a time as the client
// takes them; at the feed's head it takes events from the feed. A client too
// slow for `maxQueue` events falls back to reading from the outbox. So a
// subscription holds only its cursor, a bounded queue and at most one page of
// catch-up, and delivers each position once.
import type { LiveEvent, StoredEvent } from "./payloads.js";
import type { FeedSource, TrustFeed } from "./trust-feed.js";

export interface StreamOptions {
  readonly trustId: string;
  /** Deliver from just after this position; null: from now on. */
  readonly after: number | null;
  /** Which events this subscriber may and wants to see (cheap: runs for every event of the trust). */
  readonly accept: (event: LiveEvent) => boolean;
}

/** An event a subscriber takes: of a kind this version knows, and accepted. */
const wanted = (options: StreamOptions, event: StoredEvent): event is LiveEvent =>
  event.kind !== null && options.accept(event);

export class Subscription implements AsyncIterableIterator<LiveEvent> {
  private cursor = 0;
  /** The position of the last event handed to the client. */
  private handed = 0;
  private live = false;
  private done = false;
  private readonly queue: LiveEvent[] = [];
  private waiting: ((result: IteratorResult<LiveEvent>) => void) | null = null;
  private readonly started: Promise<void>;
  /** `started` has settled, so `next` may answer without a turn of its own. */
  private running = false;
  private readonly tap = (event: StoredEvent) => this.heard(event);

  constructor(
    private readonly source: FeedSource & { readonly maxQueue: number },
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

  private heard(event: StoredEvent): void {
    if (!this.live || this.done || event.seq <= this.cursor) return;
    if (event.seq !== this.cursor + 1) {
      // Cannot happen with an in-order feed; read the outbox rather than skip.
      this.live = false;
      this.wake();
      return;
    }
    this.cursor = event.seq;
    if (!wanted(this.options, event)) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      this.handed = event.seq;
      resolve({ value: event, done: false });
      return;
    }
    if (this.queue.length >= this.source.maxQueue) {
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

  next(): Promise<IteratorResult<LiveEvent>> {
    // At the feed's head with nothing queued (every subscriber, after each event): no turn of its own.
    if (this.running && !this.done && this.live && this.queue.length === 0)
      return new Promise((resolve) => (this.waiting = resolve));
    return this.following();
  }

  private async following(): Promise<IteratorResult<LiveEvent>> {
    await this.started;
    this.running = true;
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
      const block = await this.source.readBlock(this.options.trustId, this.cursor);
      if (this.done) return;
      let moved = false;
      for (const event of block) {
        if (event.seq <= this.cursor) continue;
        if (event.seq !== this.cursor + 1) break;
        this.cursor = event.seq;
        moved = true;
        if (wanted(this.options, event)) this.queue.push(event);
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
