// The transport for events after they commit: in-process (one server) or Redis
// (several server instances; every instance hears every event of the trusts it
// listens to). A transport may deliver late, out of order or not at all (Redis
// pub/sub is at-most-once); the event bus (event-bus.ts) puts events back in
// order and reads what a transport lost from the outbox.
import {
  decodeEvent,
  encodeEvent,
  type LiveEvent,
  type StoredEvent,
  type WireEvent,
} from "./payloads.js";

export interface LiveEvents {
  /** Which transport: "in-process" or "redis". */
  readonly transport: string;
  publish(event: LiveEvent): void;
  subscribe(trustId: string, listener: (event: StoredEvent) => void): () => void;
  close(): Promise<void>;
}

/** One process: listeners in memory, handed the very event that was written. */
export function inProcessEvents(): LiveEvents {
  const listeners = new Map<string, Set<(event: StoredEvent) => void>>();
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
 * Several instances: events go through Redis pub/sub as JSON (the codec of
 * their kind), one channel per trust, so an instance only receives the trusts
 * its subscribers belong to.
 */
export async function redisEvents(
  url: string,
  onError: (error: unknown) => void,
): Promise<LiveEvents> {
  // Loaded only by a server given REDIS_URL: one instance never holds the Redis client.
  const [{ Redis }, { createRedisEventTarget }] = await Promise.all([
    import("ioredis"),
    import("@graphql-yoga/redis-event-target"),
  ]);
  const publishClient = new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: false });
  const subscribeClient = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
  publishClient.on("error", onError);
  subscribeClient.on("error", onError);
  const target = createRedisEventTarget<CustomEvent<WireEvent>>({
    publishClient,
    subscribeClient,
  });
  return {
    transport: "redis",
    publish(event) {
      target.dispatchEvent(new CustomEvent(topic(event.trustId), { detail: encodeEvent(event) }));
    },
    subscribe(trustId, listener) {
      const handler = (message: CustomEvent<WireEvent>) => {
        let event: StoredEvent;
        try {
          event = decodeEvent(message.detail);
        } catch (error) {
          // Not an event this version can read: the feed reads its position from the outbox.
          onError(error);
          return;
        }
        listener(event);
      };
      target.addEventListener(topic(trustId), handler as unknown as (event: Event) => void);
      return () =>
        target.removeEventListener(topic(trustId), handler as unknown as (event: Event) => void);
    },
    async close() {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}
