// Live events: what services publish (in the transaction of the change), the
// outbox that orders them, the transports that carry them between instances,
// and the ordered, resumable streams subscriptions read. Nothing here knows
// GraphQL (a lint rule keeps it so): server/live/transport serves these
// streams over graphql-ws and server/graphql shapes them.
export { EventBus, type Derived, type EventBusOptions, type EventPage } from "./event-bus.js";
export type { StreamOptions } from "./subscription.js";
export { decodeCursor, encodeCursor } from "./cursor.js";
export { inProcessEvents, redisEvents, type LiveEvents } from "./transports.js";
export {
  decodeEvent,
  encodeEvent,
  EVENT_KINDS,
  MalformedEvent,
  type EventKind,
  type EventPayloads,
  type LiveEvent,
  type MeasurementPayload,
  type NewEvent,
  type StoredEvent,
  type UnknownEvent,
  type WireEvent,
} from "./payloads.js";
