// Events the server publishes after a change commits, for subscriptions and
// streaming cells. The transport (in-process, Redis) sits behind this interface.

export interface ProgressChangedEvent {
  readonly kind: "progressChanged";
  readonly trustId: string;
  readonly urn: string;
  readonly year: string;
  readonly metric: string;
  readonly at: string;
}

export interface DesignationChangedEvent {
  readonly kind: "designationChanged";
  readonly trustId: string;
  readonly urn: string;
  readonly at: string;
}

export interface TargetChangedEvent {
  readonly kind: "targetChanged";
  readonly trustId: string;
  readonly urn: string;
  readonly year: string;
  readonly metric: string;
  readonly at: string;
}

export type LiveEvent = ProgressChangedEvent | DesignationChangedEvent | TargetChangedEvent;

export interface LiveEvents {
  publish(event: LiveEvent): void;
  subscribe(trustId: string, listener: (event: LiveEvent) => void): () => void;
  close(): Promise<void>;
}

/** One process: listeners in memory. */
export function inProcessEvents(): LiveEvents {
  const listeners = new Map<string, Set<(event: LiveEvent) => void>>();
  return {
    publish(event) {
      for (const listener of listeners.get(event.trustId) ?? []) listener(event);
    },
    subscribe(trustId, listener) {
      const set = listeners.get(trustId) ?? new Set();
      set.add(listener);
      listeners.set(trustId, set);
      return () => set.delete(listener);
    },
    async close() {
      listeners.clear();
    },
  };
}
