// Collects the calls Excel makes during one recalculation and hands them to a
// sender in one go. A batch closes once no new call has arrived for
// `windowMs` (15 ms by default), or `maxWaitMs` after its first call, so a
// long recalculation still sends something; identical calls (same key)
// share one entry and one answer (and, when told how, one payload merged
// from theirs: a row explained for one cell is explained for all).

export interface BatchTiming {
  /** Quiet time that closes a batch. */
  readonly windowMs: number;
  /** Longest a call waits for its batch to close. */
  readonly maxWaitMs: number;
}

/** What the sender answers for one key: a value, or why there is none. */
export type Outcome<V> = { readonly value: V } | { readonly failure: unknown };

export type Sender<P, V> = (
  batch: ReadonlyMap<string, P>,
) => Promise<ReadonlyMap<string, Outcome<V>>>;

interface Entry<P, V> {
  payload: P;
  readonly waiters: { resolve(value: V): void; reject(reason: unknown): void }[];
}

export class BatchWindow<P, V> {
  private pending = new Map<string, Entry<P, V>>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstCallAt = 0;
  private lastCallAt = 0;

  constructor(
    private readonly send: Sender<P, V>,
    private readonly timing: BatchTiming,
    /** The payload of a key asked again in the same batch (default: the first call's). */
    private readonly merge: ((first: P, again: P) => P) | null = null,
  ) {}

  /** Queues a call; identical keys in one batch are sent once. */
  call(key: string, payload: P): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      const now = Date.now();
      const entry = this.pending.get(key);
      if (entry) {
        entry.waiters.push({ resolve, reject });
        if (this.merge) entry.payload = this.merge(entry.payload, payload);
      } else this.pending.set(key, { payload, waiters: [{ resolve, reject }] });
      this.lastCallAt = now;
      if (this.timer === null) {
        this.firstCallAt = now;
        this.arm(this.timing.windowMs);
      }
    });
  }

  /** Re-arming on every call would cost a timer per cell; instead the timer checks, when it fires, whether calls kept coming. */
  private arm(delay: number): void {
    this.timer = setTimeout(() => {
      const now = Date.now();
      const quietFor = now - this.lastCallAt;
      const waited = now - this.firstCallAt;
      if (quietFor < this.timing.windowMs && waited < this.timing.maxWaitMs) {
        this.arm(Math.min(this.timing.windowMs - quietFor, this.timing.maxWaitMs - waited));
        return;
      }
      this.timer = null;
      void this.flush();
    }, delay);
  }

  /** Never rejects: a failed send rejects each waiting call instead. */
  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    const payloads = new Map<string, P>();
    for (const [key, entry] of batch) payloads.set(key, entry.payload);
    let answers: ReadonlyMap<string, Outcome<V>>;
    try {
      answers = await this.send(payloads);
    } catch (error) {
      for (const entry of batch.values()) for (const waiter of entry.waiters) waiter.reject(error);
      return;
    }
    for (const [key, entry] of batch) {
      const outcome = answers.get(key);
      for (const waiter of entry.waiters) {
        if (outcome === undefined) waiter.reject(new Error(`No answer came back for ${key}`));
        else if ("value" in outcome) waiter.resolve(outcome.value);
        else waiter.reject(outcome.failure);
      }
    }
  }
}
