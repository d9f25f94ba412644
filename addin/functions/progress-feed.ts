// Where MAT.PROGRESS gets its updates. The function only knows the
// ProgressFeed interface: watch a target, hear its progress until told to
// stop. Today the one transport is polling (every 30 s, and at once when the
// connection changes), each round going through the batching client so a
// sheet of PROGRESS cells costs one request per round. When the server
// publishes `progressChanged` over graphql-ws, a subscription feed replaces
// this one behind the same interface (see functionRuntime()).
import type { CardResult, TargetProgress } from "./operations.js";

export interface ProgressKey {
  readonly urn: string;
  readonly metric: string;
  readonly year: string;
}

/** What a watcher hears: the target with its progress, or why there is none. */
export type ProgressUpdate =
  | { readonly target: TargetProgress }
  | { readonly missing: ProgressKey; readonly metrics: readonly string[] }
  | { readonly failure: unknown };

export interface ProgressFeed {
  /** Starts delivering updates for the key (the first as soon as it is known); returns a function that stops them. */
  watch(key: ProgressKey, listener: (update: ProgressUpdate) => void): () => void;
  /** Asks for fresh values now (e.g. the connection changed). */
  refresh(): void;
  /** Stops every watch and timer. */
  close(): void;
}

interface Watch {
  readonly key: ProgressKey;
  readonly listener: (update: ProgressUpdate) => void;
  /** What was last delivered, to stay quiet when nothing changed. */
  last: string | null;
}

export class PollingProgressFeed implements ProgressFeed {
  private readonly watches = new Set<Watch>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly card: (urn: string, year: string) => Promise<CardResult>,
    private readonly intervalMs = 30_000,
  ) {}

  watch(key: ProgressKey, listener: (update: ProgressUpdate) => void): () => void {
    const watch: Watch = { key, listener, last: null };
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
    const byCard = new Map<string, Watch[]>();
    for (const watch of watches) {
      const id = `${watch.key.urn}|${watch.key.year}`;
      const group = byCard.get(id);
      if (group) group.push(watch);
      else byCard.set(id, [watch]);
    }
    for (const group of byCard.values()) {
      const { urn, year } = group[0]!.key;
      this.card(urn, year).then(
        (card) => {
          for (const watch of group) {
            const metric = watch.key.metric.toLowerCase();
            const target = card.targets.find((entry) => entry.metric.toLowerCase() === metric);
            this.deliver(
              watch,
              target
                ? { target }
                : { missing: watch.key, metrics: card.targets.map((entry) => entry.metric) },
            );
          }
        },
        (failure: unknown) => {
          for (const watch of group) this.deliver(watch, { failure });
        },
      );
    }
  }

  private deliver(watch: Watch, update: ProgressUpdate): void {
    if (!this.watches.has(watch)) return;
    const fingerprint = JSON.stringify(
      "failure" in update ? { failure: String(update.failure) } : update,
    );
    if (fingerprint === watch.last) return;
    watch.last = fingerprint;
    watch.listener(update);
  }
}
