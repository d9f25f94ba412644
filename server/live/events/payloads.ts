// What each kind of live event carries, and its codec. An event lives in memory
// typed (dates as Dates); it is stored in the outbox and sent through Redis as
// JSON, written and read by the codec of its kind, field by field, so a field
// is a date because its codec says so (never because of its name) and a
// malformed stored event is an error naming the field, not a wrong value.
import { PERIODS, type Period } from "../../domain/index.js";

/**
 * The kinds of event a subscription can deliver. Adding a kind is its payload
 * type and codec here, the `emit` in the service and the resolver that shows
 * it; the outbox, cursors and catch-up never look inside an event's data.
 */
export const EVENT_KINDS = ["progressChanged", "designationChanged", "targetChanged"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** A measurement as a progressChanged event carries it (the row as recorded). */
export interface MeasurementPayload {
  readonly id: string;
  readonly academyId: string;
  readonly year: string;
  readonly metric: string;
  readonly period: Period;
  readonly value: number;
  readonly provisional: boolean;
  readonly source: string;
  readonly enteredBy: string;
  readonly createdAt: Date;
}

/** The data of each kind of event. */
export interface EventPayloads {
  /** A measurement was recorded (subscribers read the target's progress when they show it). */
  readonly progressChanged: {
    readonly year: string;
    readonly metric: string;
    readonly measurement: MeasurementPayload;
  };
  /** A designation was computed or decided for the academy in that year. */
  readonly designationChanged: { readonly year: string };
  /** A target was created, changed or moved on in its sign-off. */
  readonly targetChanged: { readonly year: string; readonly metric: string };
}

type EventOf<K extends EventKind> = {
  readonly kind: K;
  readonly trustId: string;
  /** The academy the change is about (for visibility and the urn filter). */
  readonly urn: string;
  readonly data: EventPayloads[K];
};

/** What a service emits inside its transaction: whose, about which academy, and its data. */
export type NewEvent = { [K in EventKind]: EventOf<K> }[EventKind];

/** Where an event sits in its trust's sequence, and when it was written. */
export interface Position {
  /** 1, 2, 3 ... per trust, with no gaps, in commit order. */
  readonly seq: number;
  /** When the event was written (informative only: resume by `seq`, never by time). */
  readonly at: Date;
}

/** An event written to the outbox. */
export type LiveEvent = NewEvent & Position;

/**
 * An event of a kind this version does not know (written by a newer instance
 * during a rolling upgrade): it keeps its position, so the sequence has no gap,
 * and reaches no subscriber.
 */
export interface UnknownEvent extends Position {
  readonly kind: null;
  readonly trustId: string;
  readonly urn: string;
  /** The kind it was written as. */
  readonly writtenAs: string;
}

/** Whatever an outbox position holds, as this version reads it. */
export type StoredEvent = LiveEvent | UnknownEvent;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** An event as JSON: an outbox row's columns, or a message on a transport. */
export interface WireEvent {
  readonly trustId: string;
  readonly seq: number;
  readonly kind: string;
  readonly urn: string;
  readonly data: JsonObject;
  readonly at: string;
}

interface Codec<T> {
  encode(data: T): JsonObject;
  decode(json: JsonObject): T;
}

/** Thrown when stored or received JSON is not an event of its kind. */
export class MalformedEvent extends Error {
  override readonly name = "MalformedEvent";
}

function field(json: JsonObject, key: string, type: "string" | "number" | "boolean"): Json {
  const value = json[key];
  if (value === undefined || typeof value !== type)
    throw new MalformedEvent(`live event: "${key}" should be a ${type}, got ${typeof value}`);
  return value;
}
const text = (json: JsonObject, key: string) => field(json, key, "string") as string;

function period(json: JsonObject, key: string): Period {
  const value = text(json, key);
  if (!(PERIODS as readonly string[]).includes(value))
    throw new MalformedEvent(
      `live event: "${key}" should be a period, got "${value.slice(0, 20)}"`,
    );
  return value as Period;
}
const number = (json: JsonObject, key: string) => field(json, key, "number") as number;
const flag = (json: JsonObject, key: string) => field(json, key, "boolean") as boolean;

function date(json: JsonObject, key: string): Date {
  const value = new Date(text(json, key));
  if (Number.isNaN(value.getTime()))
    throw new MalformedEvent(`live event: "${key}" should be an ISO date, got "${json[key]}"`);
  return value;
}

function object(json: JsonObject, key: string): JsonObject {
  const value = json[key];
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new MalformedEvent(`live event: "${key}" should be an object`);
  return value;
}

const measurement: Codec<MeasurementPayload> = {
  encode: (row) => ({
    id: row.id,
    academyId: row.academyId,
    year: row.year,
    metric: row.metric,
    period: row.period,
    value: row.value,
    provisional: row.provisional,
    source: row.source,
    enteredBy: row.enteredBy,
    createdAt: row.createdAt.toISOString(),
  }),
  decode: (json) => ({
    id: text(json, "id"),
    academyId: text(json, "academyId"),
    year: text(json, "year"),
    metric: text(json, "metric"),
    period: period(json, "period"),
    value: number(json, "value"),
    provisional: flag(json, "provisional"),
    source: text(json, "source"),
    enteredBy: text(json, "enteredBy"),
    createdAt: date(json, "createdAt"),
  }),
};

const CODECS: { readonly [K in EventKind]: Codec<EventPayloads[K]> } = {
  progressChanged: {
    encode: (data) => ({
      year: data.year,
      metric: data.metric,
      measurement: measurement.encode(data.measurement),
    }),
    decode: (json) => ({
      year: text(json, "year"),
      metric: text(json, "metric"),
      measurement: measurement.decode(object(json, "measurement")),
    }),
  },
  designationChanged: {
    encode: (data) => ({ year: data.year }),
    decode: (json) => ({ year: text(json, "year") }),
  },
  targetChanged: {
    encode: (data) => ({ year: data.year, metric: data.metric }),
    decode: (json) => ({ year: text(json, "year"), metric: text(json, "metric") }),
  },
};

function isKind(kind: string): kind is EventKind {
  return (EVENT_KINDS as readonly string[]).includes(kind);
}

/** An event's data as JSON (for the outbox's `data` column and for transports). */
export function encodeData(event: NewEvent): JsonObject {
  // The union of codecs takes the union of payloads; `kind` ties the pair.
  return (CODECS[event.kind] as Codec<NewEvent["data"]>).encode(event.data);
}

/** An event as JSON. */
export function encodeEvent(event: LiveEvent): WireEvent {
  return {
    trustId: event.trustId,
    seq: event.seq,
    kind: event.kind,
    urn: event.urn,
    data: encodeData(event),
    at: event.at.toISOString(),
  };
}

/** An event from JSON; an unknown kind keeps its position (MalformedEvent when the data is not of its kind). */
export function decodeEvent(wire: WireEvent): StoredEvent {
  const at = new Date(wire.at);
  const base = { trustId: wire.trustId, seq: wire.seq, urn: wire.urn, at };
  if (!isKind(wire.kind)) return { ...base, kind: null, writtenAs: wire.kind };
  const data = (CODECS[wire.kind] as Codec<NewEvent["data"]>).decode(wire.data);
  return { ...base, kind: wire.kind, data } as LiveEvent;
}
