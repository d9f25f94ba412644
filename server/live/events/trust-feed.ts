// One trust's events on this instance, strictly in sequence. The feed hands
// events to its taps one position after another: one that arrives early waits
// for the ones before it, and a gap (a publish lost in Redis, an instance
// killed between COMMIT and publish) is read from the outbox, both when a
// later event shows it and by polling the counter. It also remembers the last
// events it handed over, so a value derived from the database can be brought
// forward along them instead of read again (EventBus.sharedValue).
import type { LiveEvents } from "./transports.js";
import type { StoredEvent } from "./payloads.js";

/** What a feed reads from the outbox, and how patiently. */
export interface FeedSource {
  readonly pageSize: number;
  readonly pollMs: number;
  readonly gapWaitMs: number;
  head(trustId: string): Promise<number>;
  /** The events after `after` in its page-aligned block. */
  readBlock(trustId: string, after: number): Promise<StoredEvent[]>;
}

/** Most events a feed holds while waiting for the ones before them. */
const EARLY_LIMIT = 10_000;
/** How many of the last events handed over a feed remembers. */
const RECENT = 1024;

export class TrustFeed {
  /** Every position up to here has been handed to the taps; null until the counter is read. */
  head: number | null = null;
  /** The head as first read, and the lowest position heard before it was: where "now" began. */
  startedAt: number | null = null;
  firstHeard: number | null = null;
  users = 0;
  readonly taps = new Set<(event: StoredEvent) => void>();
  readonly ready: Promise<void>;
  private readonly early = new Map<number, StoredEvent>();
  /** The last RECENT events handed over, by position modulo RECENT. */
  private readonly recent: (StoredEvent | undefined)[] = new Array(RECENT);
  private readonly stopListening: () => void;
  private readonly poller: NodeJS.Timeout;
  private filling: Promise<void> | null = null;
  private gapTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly source: FeedSource,
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
    this.poller = setInterval(() => this.poll(), source.pollMs);
    this.poller.unref();
  }

  /**
   * The events with positions in (after, upTo] this feed has handed over, in
   * order; null when it no longer remembers them all (or has not reached upTo).
   */
  between(after: number, upTo: number): StoredEvent[] | null {
    if (this.head === null || upTo > this.head || upTo - after > RECENT) return null;
    const events: StoredEvent[] = [];
    for (let seq = after + 1; seq <= upTo; seq++) {
      const event = this.recent[seq % RECENT];
      if (event?.seq !== seq) return null;
      events.push(event);
    }
    return events;
  }

  /** The committed head, retried while the database is unreachable. */
  private async readHead(): Promise<number> {
    for (;;) {
      try {
        return await this.source.head(this.trustId);
      } catch (error) {
        if (this.closed) throw error;
        await new Promise((resolve) => setTimeout(resolve, this.source.pollMs).unref());
      }
    }
  }

  private heard(event: StoredEvent): void {
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
      this.recent[event.seq % RECENT] = event;
      for (const tap of this.taps) tap(event);
    }
    if (this.early.size > 0 && !this.gapTimer) {
      this.gapTimer = setTimeout(() => {
        this.gapTimer = null;
        if (this.early.size > 0) this.fill();
      }, this.source.gapWaitMs);
      this.gapTimer.unref();
    }
  }

  private poll(): void {
    if (this.head === null || this.filling) return;
    this.source.head(this.trustId).then(
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
          const block = await this.source.readBlock(this.trustId, this.head);
          let moved = false;
          for (const event of block) {
            if (this.head === null || event.seq !== this.head + 1) continue;
            // The live copy if it came meanwhile, so everyone shares one object.
            this.early.set(event.seq, this.early.get(event.seq) ?? event);
            this.advance();
            moved = true;
          }
          if (!moved || block.length < this.source.pageSize) return;
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
    this.recent.fill(undefined);
  }
}
