// MAT.PROGRESS by polling: every watched target's card is read again every
// 30 s (and at once when the connection changes), each round through the
// batching client, so a sheet of PROGRESS cells costs one request per round.
// Only the fallback: LiveProgressFeed uses it when no WebSocket can be
// opened to the server at all (a proxy that refuses them, a runtime without
// WebSocket).
import type { CardResult } from "./operations.js";
import {
  changesOnly,
  progressOnCard,
  type ProgressFeed,
  type ProgressKey,
  type ProgressUpdate,
} from "./progress-feed.js";

interface Watch {
  readonly key: ProgressKey;
  readonly deliver: (update: ProgressUpdate) => void;
}

export class PollingProgressFeed implements ProgressFeed {
  private readonly watches = new Set<Watch>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly card: (urn: string, year: string) => Promise<CardResult>,
    private readonly intervalMs = 30_000,
  ) {}

  watch(key: ProgressKey, listener: (update: ProgressUpdate) => void): () => void {
    const watch: Watch = { key, deliver: changesOnly(listener) };
    this.watches.add(watch);
    this.poll([watch]);
    this.timer ??= setInterval(() => this.poll([...this.watches]), this.intervalMs);
    return () => {
      this.watches.delete(watch);
      if (this.watches.size === 0) this.stopTimer();
    };
  }

  refresh(): void {
    this.poll([...this.watches]);
  }

  close(): void {
    this.watches.clear();
    this.stopTimer();
  }

  private stopTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** One card request per academy and year; the batching client sends them together. */
  private poll(watches: readonly Watch[]): void {
    for (const watch of watches) {
      const { urn, year } = watch.key;
      this.card(urn, year).then(
        (card) => this.deliver(watch, progressOnCard(card, watch.key)),
        (failure: unknown) => this.deliver(watch, { failure }),
      );
    }
  }

  private deliver(watch: Watch, update: ProgressUpdate): void {
    if (this.watches.has(watch)) watch.deliver(update);
  }
}
