// Events the server publishes after a change commits, for subscriptions and
// streaming cells. One interface, two transports: in-process (one server) and
// Redis (several server instances; every instance hears every event).
// Payloads are plain JSON so they cross Redis unchanged.
import { Redis } from "ioredis";
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";

/** A target with its progress as the API shows it, in JSON form (dates as ISO strings). */
export type TargetSnapshot = Record<string, unknown>;

export interface ProgressChangedEvent {
  readonly kind: "progressChanged";
  readonly trustId: string;
  readonly urn: string;
  readonly year: string;
  readonly metric: string;
  readonly at: string;
  /** The measurement recorded, as JSON. */
  readonly measurement: Record<string, unknown>;
  /** The target for the metric with its new progress; null when the academy has no target for it. */
  readonly target: TargetSnapshot | null;
}

export interface DesignationChangedEvent {
  readonly kind: "designationChanged";
  readonly trustId: string;
  readonly urn: string;
  readonly at: string;
  /** The designation year that changed: evidence recorded or a decision made for it. */
  readonly year: string;
}

export interface TargetChangedEvent {
  readonly kind: "targetChanged";
  readonly trustId: string;
  readonly urn: string;
  readonly year: string;
  readonly metric: string;
  readonly at: string;
  readonly target: TargetSnapshot | null;
}

/** A row as plain JSON for an event payload (dates become ISO strings). */
export function eventJson(value: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

export type LiveEvent = ProgressChangedEvent | DesignationChangedEvent | TargetChangedEvent;

export interface LiveEvents {
  /** Which transport: "in-process" or "redis". */
  readonly transport: string;
  publish(event: LiveEvent): void;
  subscribe(trustId: string, listener: (event: LiveEvent) => void): () => void;
  close(): Promise<void>;
}

/** One process: listeners in memory. */
export function inProcessEvents(): LiveEvents {
  const listeners = new Map<string, Set<(event: LiveEvent) => void>>();
  return {
    transport: "in-process",
    publish(event) {
      // After the current turn, so the mutation that published answers before the fan-out runs.
      setImmediate(() => {
        for (const listener of listeners.get(event.trustId) ?? []) listener(event);
      });
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

const topic = (trustId: string) => `mat:trust:${trustId}`;

/**
 * Several instances: events go through Redis pub/sub, one channel per trust,
 * so an instance only receives the trusts its subscribers belong to.
 */
export function redisEvents(url: string, onError: (error: unknown) => void): LiveEvents {
  const publishClient = new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: false });
  const subscribeClient = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
  publishClient.on("error", onError);
  subscribeClient.on("error", onError);
  const target = createRedisEventTarget<CustomEvent<LiveEvent>>({ publishClient, subscribeClient });
  return {
    transport: "redis",
    publish(event) {
      target.dispatchEvent(new CustomEvent(topic(event.trustId), { detail: event }));
    },
    subscribe(trustId, listener) {
      const handler = (event: CustomEvent<LiveEvent>) => listener(event.detail);
      target.addEventListener(topic(trustId), handler as EventListener);
      return () => target.removeEventListener(topic(trustId), handler as EventListener);
    },
    async close() {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}
