// Where MAT.PROGRESS gets its values. The function only knows the
// ProgressFeed interface: watch a target, hear its progress until told to
// stop. Two transports implement it: LiveProgressFeed (subscriptions over
// graphql-ws, what the runtime uses) and PollingProgressFeed (a card request
// every 30 s), which the live feed falls back on when no WebSocket can be
// opened at all.
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
  /** The connection changed (sign in, sign out, another server): follow the new one, with fresh values. */
  refresh(): void;
  /** Stops every watch, subscription and timer. */
  close(): void;
}

export function sameMetric(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The key's target on its academy's card, or the metrics the card has instead. */
export function progressOnCard(card: CardResult, key: ProgressKey): ProgressUpdate {
  const target = card.targets.find((entry) => sameMetric(entry.metric, key.metric));
  return target ? { target } : { missing: key, metrics: card.targets.map((entry) => entry.metric) };
}

/** Passes an update on only when it differs from the last one passed, so a cell is set only when its value changes. */
export function changesOnly(
  listener: (update: ProgressUpdate) => void,
): (update: ProgressUpdate) => void {
  let last: string | null = null;
  return (update) => {
    const fingerprint = JSON.stringify(
      "failure" in update ? { failure: String(update.failure) } : update,
    );
    if (fingerprint === last) return;
    last = fingerprint;
    listener(update);
  };
}
