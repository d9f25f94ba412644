// The transport for events after they commit: in-process (one server) or Redis
// (several server instances; every instance hears every event of the trusts it
// listens to). A transport may deliver late, out of order or not at all (Redis
// pub/sub is at-most-once); the event bus (event-bus.ts) puts events back in
// order and reads what a transport lost from the outbox.
// Payloads are plain JSON so they cross Redis unchanged.
import { Redis } from "ioredis";
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";

/**
 * The kinds of event a subscription can deliver. Adding a kind is one line here
 * (and the resolver that shows it); the outbox, cursors and catch-up do not
 * look inside an event's data.
 */
export const EVENT_KINDS = ["progressChanged", "designationChanged", "targetChanged"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** What a service emits inside its transaction: whose, about which academy, and its data. */
export interface NewEvent {
  readonly kind: EventKind;
  readonly trustId: string;
  readonly urn: string;
  /** Whatever JSON the service gives; only the resolver for the kind reads it. */
  readonly data: Record<string, unknown>;
}

/** An event written to the outbox: its position in the trust's sequence and when it was written. */
export interface LiveEvent extends NewEvent {
  /** 1, 2, 3 ... per trust, with no gaps, in commit order. */
  readonly seq: number;
  /** ISO time the event was written (informative only: resume by `seq`, never by time). */
  readonly at: string;
}

/** A row as plain JSON for an event payload (dates become ISO strings). */
export function eventJson(value: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

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
      target.addEventListener(topic(trustId), handler);
      return () => target.removeEventListener(topic(trustId), handler);
    },
    async close() {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}
