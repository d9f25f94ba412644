// The event bus on real databases: positions in commit order, no gaps, and
// subscriptions that get every event once, in order, whatever the transport
// does (late, out of order, lost), resuming from a cursor, paging with
// "more follows", with bounded memory for a slow client.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, openDatabase, type Database } from "../../server/db/index.js";
import {
  EventBus,
  decodeCursor,
  decodeEvent,
  encodeCursor,
  encodeEvent,
  MalformedEvent,
  type LiveEvent,
  type LiveEvents,
} from "../../server/live/events/index.js";
import { createTestDatabase, postgresAvailable } from "../support/postgres.js";

const stores = (await postgresAvailable()) ? ["sqlite", "postgresql"] : ["sqlite"];

/** A transport the test steers: every publish goes through `route`, which may hold, reorder or drop it. */
function steeredTransport() {
  const listeners = new Map<string, Set<(event: LiveEvent) => void>>();
  const deliver = (event: LiveEvent) => {
    for (const listener of listeners.get(event.trustId) ?? []) listener(event);
  };
  const transport: LiveEvents & {
    route: (event: LiveEvent, deliver: (event: LiveEvent) => void) => void;
  } = {
    transport: "test",
    route: (event, send) => send(event),
    publish(event) {
      transport.route(event, deliver);
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
  return transport;
}

async function take(stream: AsyncIterableIterator<LiveEvent>, count: number): Promise<LiveEvent[]> {
  const out: LiveEvent[] = [];
  while (out.length < count) {
    const next = await stream.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

describe.each(stores)("the event bus on %s", (store) => {
  let database: Database;
  let cleanup: () => Promise<void>;
  let trustId = "";
  let otherTrustId = "";

  beforeAll(async () => {
    let url: string;
    if (store === "sqlite") {
      const dir = await mkdtemp(join(tmpdir(), "mat-bus-"));
      url = `file:${join(dir, "bus.db")}`;
      cleanup = () => rm(dir, { recursive: true, force: true });
    } else {
      const created = await createTestDatabase();
      url = created.url;
      cleanup = created.drop;
    }
    await migrate(url);
    database = await openDatabase(url);
    trustId = (await database.prisma.trust.create({ data: { uid: "TR01001", name: "Bus Trust" } }))
      .id;
    otherTrustId = (
      await database.prisma.trust.create({ data: { uid: "TR01002", name: "Other Trust" } })
    ).id;
  });
  afterAll(async () => {
    await database?.close();
    await cleanup?.();
  });

  const busWith = (transport: LiveEvents, options = {}) =>
    new EventBus(database.prisma, transport, { pollMs: 50, gapWaitMs: 10, ...options });

  /** Commits one transaction emitting `count` events for `trust`; returns their positions. */
  async function commit(bus: EventBus, count = 1, trust = trustId, urn = "140001") {
    await bus.transaction(async (tx) => {
      for (let index = 0; index < count; index++)
        bus.emit(tx, {
          kind: "designationChanged",
          trustId: trust,
          urn,
          data: { year: `${index}` },
        });
    });
    return bus.head(trust);
  }

  it("numbers a trust's events 1, 2, 3 with no gaps, gives a rolled-back transaction's positions to the next, and keeps trusts apart", async () => {
    const bus = busWith(steeredTransport());
    const start = await bus.head(trustId);
    await commit(bus, 2);
    await expect(
      bus.transaction(async (tx) => {
        bus.emit(tx, { kind: "designationChanged", trustId, urn: "140001", data: { year: "x" } });
        throw new Error("validation failed");
      }),
    ).rejects.toThrow("validation failed");
    await commit(bus, 1);
    await commit(bus, 3, otherTrustId);
    const rows = await database.prisma.liveEvent.findMany({
      where: { trustId, seq: { gt: start } },
      orderBy: { seq: "asc" },
    });
    expect(rows.map((row) => row.seq)).toEqual([start + 1, start + 2, start + 3]);
    expect(await bus.head(otherTrustId)).toBe(3);
    await bus.close();
  });

  // SQLite has one writer: a second transaction cannot commit while the first is open.
  it.skipIf(store === "sqlite")(
    "numbers overlapping transactions in the order they commit, not the order they began",
    async () => {
      const bus = busWith(steeredTransport());
      const start = await bus.head(trustId);
      let releaseFirst: () => void = () => undefined;
      const firstMayCommit = new Promise<void>((resolve) => (releaseFirst = resolve));
      let firstEmitted: () => void = () => undefined;
      const emitted = new Promise<void>((resolve) => (firstEmitted = resolve));
      const first = bus.transaction(async (tx) => {
        bus.emit(tx, {
          kind: "targetChanged",
          trustId,
          urn: "140001",
          data: { year: "2025/26", metric: "began first" },
        });
        firstEmitted();
        await firstMayCommit;
      });
      await emitted;
      await bus.transaction(async (tx) => {
        bus.emit(tx, {
          kind: "targetChanged",
          trustId,
          urn: "140002",
          data: { year: "2025/26", metric: "committed first" },
        });
      });
      releaseFirst();
      await first;
      const rows = await database.prisma.liveEvent.findMany({
        where: { trustId, seq: { gt: start } },
        orderBy: { seq: "asc" },
      });
      expect(
        rows.map((row) => [row.seq - start, (JSON.parse(row.data) as { metric: string }).metric]),
      ).toEqual([
        [1, "committed first"],
        [2, "began first"],
      ]);
      await bus.close();
    },
  );

  it("refuses an event emitted outside events.transaction, naming what to do", async () => {
    const bus = busWith(steeredTransport());
    await database.prisma.$transaction(async (tx) => {
      expect(() =>
        bus.emit(tx, { kind: "designationChanged", trustId, urn: "140001", data: { year: "x" } }),
      ).toThrow("events.emit(designationChanged) outside events.transaction");
    });
    await bus.close();
  });

  it("delivers events the transport swaps in order, each once", async () => {
    const transport = steeredTransport();
    let held: LiveEvent | null = null;
    transport.route = (event, send) => {
      if (!held) {
        held = event;
        return;
      }
      send(event);
      send(held);
      held = null;
    };
    const bus = busWith(transport, { gapWaitMs: 5_000 });
    const stream = bus.stream({ trustId, after: null, accept: () => true });
    const start = await bus.head(trustId);
    const first = stream.next();
    for (let index = 0; index < 6; index++) await commit(bus);
    const seen = [(await first).value as LiveEvent, ...(await take(stream, 5))];
    expect(seen.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6].map((n) => start + n));
    await stream.return!();
    await bus.close();
  });

  it("reads from the outbox the events the transport lost, whether or not a later one follows", async () => {
    const transport = steeredTransport();
    let published = 0;
    // Lose every third event, and the last one (an instance killed after COMMIT, before publishing).
    transport.route = (event, send) => {
      published += 1;
      if (published % 3 !== 0 && published !== 7) send(event);
    };
    const bus = busWith(transport);
    const stream = bus.stream({ trustId, after: null, accept: () => true });
    const start = await bus.head(trustId);
    const pending = take(stream, 7);
    for (let index = 0; index < 7; index++) await commit(bus);
    expect((await pending).map((event) => event.seq)).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((n) => start + n),
    );
    await stream.return!();
    await bus.close();
  });

  it("resumes after a cursor with what was committed meanwhile across pages, then live, each once", async () => {
    const bus = busWith(steeredTransport(), { pageSize: 10 });
    const cursor = await bus.head(trustId);
    await commit(bus, 25);
    const wanted = (event: LiveEvent) => event.urn === "140001";
    await commit(bus, 1, trustId, "140099");
    const stream = bus.stream({ trustId, after: cursor, accept: wanted });
    const missed = await take(stream, 25);
    expect(missed.map((event) => event.seq)).toEqual(
      Array.from({ length: 25 }, (_, index) => cursor + index + 1),
    );
    const live = stream.next();
    await commit(bus, 1);
    expect((await live).value!.seq).toBe(cursor + 27);
    await stream.return!();
    await bus.close();
  });

  it("keeps at most maxQueue events for a client that does not read, and still delivers all in order", async () => {
    const bus = busWith(steeredTransport(), { maxQueue: 5, pageSize: 8 });
    const stream = bus.stream({ trustId, after: null, accept: () => true });
    const start = await bus.head(trustId);
    // Started: the stream is live from here.
    const first = stream.next();
    await commit(bus, 1);
    await first;
    let mostQueued = 0;
    for (let index = 0; index < 40; index++) {
      await commit(bus, 1);
      mostQueued = Math.max(mostQueued, (stream as unknown as { buffered: number }).buffered);
    }
    expect(mostQueued).toBeLessThanOrEqual(5);
    const rest = await take(stream, 40);
    expect(rest.map((event) => event.seq)).toEqual(
      Array.from({ length: 40 }, (_, index) => start + index + 2),
    );
    await stream.return!();
    await bus.close();
  });

  it("pages after a cursor with hasMore, never stopping silently", async () => {
    const bus = busWith(steeredTransport(), { pageSize: 7 });
    const after = await bus.head(trustId);
    await commit(bus, 12, trustId, "140003");
    await commit(bus, 3, trustId, "140004");
    const accept = (event: LiveEvent) => event.urn === "140003";
    const pages = [];
    let cursor = after;
    for (;;) {
      const page = await bus.page(trustId, cursor, 5, accept);
      pages.push({ count: page.events.length, hasMore: page.hasMore });
      cursor = page.last;
      if (!page.hasMore) break;
    }
    expect(pages).toEqual([
      { count: 5, hasMore: true },
      { count: 5, hasMore: true },
      { count: 2, hasMore: false },
    ]);
    expect(cursor).toBe(after + 15);
    await bus.close();
  });

  it("computes a shared value once for everyone asking at once, and again after a later event", async () => {
    const bus = busWith(steeredTransport());
    let computed = 0;
    const derived = {
      read: async () => {
        computed += 1;
        return computed;
      },
      apply: () => null,
    };
    const values = await Promise.all(
      Array.from({ length: 100 }, () => bus.sharedValue(trustId, "card|140001", 5, derived)),
    );
    expect(new Set(values)).toEqual(new Set([1]));
    expect(await bus.sharedValue(trustId, "card|140001", 3, derived)).toBe(1);
    expect(await bus.sharedValue(trustId, "card|140001", 6, derived)).toBe(2);
    expect(computed).toBe(2);
    await bus.close();
  });

  it("brings a shared value forward along the events its feed handed over, in order, and reads it again when one cannot be applied or it is too old", async () => {
    const bus = busWith(steeredTransport(), { sharedMaxAgeMs: 60_000 });
    const stream = bus.stream({ trustId, after: null, accept: () => true });
    const first = stream.next();
    await commit(bus, 1, trustId, "140001");
    const start = (await first).value!.seq;
    let reads = 0;
    // The value is the list of years announced for 140001; a change to 140009 cannot be applied.
    const derived = {
      read: async () => [`read ${++reads}`],
      apply: (years: string[], event: LiveEvent) =>
        event.urn === "140009"
          ? null
          : event.kind === "designationChanged" && event.urn === "140001"
            ? [...years, event.data.year]
            : years,
    };
    expect(await bus.sharedValue(trustId, "years", start, derived)).toEqual(["read 1"]);
    for (const [urn, year] of [
      ["140001", "2024/25"],
      ["140002", "2023/24"],
      ["140001", "2025/26"],
    ])
      await bus.transaction(async (tx) =>
        bus.emit(tx, { kind: "designationChanged", trustId, urn: urn!, data: { year: year! } }),
      );
    await take(stream, 3);
    // Asked at the last position: the three events applied in order, nothing read.
    expect(await bus.sharedValue(trustId, "years", start + 3, derived)).toEqual([
      "read 1",
      "2024/25",
      "2025/26",
    ]);
    await commit(bus, 1, trustId, "140009");
    await take(stream, 1);
    expect(await bus.sharedValue(trustId, "years", start + 4, derived)).toEqual(["read 2"]);
    expect(reads).toBe(2);

    const impatient = busWith(steeredTransport(), { sharedMaxAgeMs: 0 });
    const live = impatient.stream({ trustId, after: null, accept: () => true });
    const next = live.next();
    await commit(impatient, 1, trustId, "140001");
    const at = (await next).value!.seq;
    await impatient.sharedValue(trustId, "years", at, derived);
    await commit(impatient, 1, trustId, "140001");
    await take(live, 1);
    expect(await impatient.sharedValue(trustId, "years", at + 1, derived)).toEqual(["read 4"]);
    await Promise.all([stream.return!(), live.return!()]);
    await Promise.all([bus.close(), impatient.close()]);
  });

  it("stores each kind's data by its codec: a measurement comes back from the outbox with its recorded time as a Date", async () => {
    const bus = busWith(steeredTransport());
    const after = await bus.head(trustId);
    const createdAt = new Date("2026-06-30T09:15:00.123Z");
    const measurement = {
      id: "m1",
      academyId: "a1",
      year: "2025/26",
      metric: "attendance.absence",
      period: "summer2" as const,
      value: 5.25,
      provisional: true,
      source: "MIS",
      enteredBy: "u1",
      createdAt,
    };
    await bus.transaction(async (tx) =>
      bus.emit(tx, {
        kind: "progressChanged",
        trustId,
        urn: "140001",
        data: { year: "2025/26", metric: "attendance.absence", measurement },
      }),
    );
    const [event] = (await bus.page(trustId, after, 10, () => true)).events;
    expect(event).toMatchObject({ kind: "progressChanged", data: { measurement } });
    expect(event!.at).toBeInstanceOf(Date);
    await bus.close();
  });

  it("passes over a position it cannot show (a kind a newer instance wrote) without a gap", async () => {
    const bus = busWith(steeredTransport());
    const after = await bus.head(trustId);
    await database.prisma.$transaction(async (tx) => {
      await tx.liveEventCounter.update({ where: { trustId }, data: { last: after + 1 } });
      await tx.liveEvent.create({
        data: { trustId, seq: after + 1, kind: "inspectionPublished", urn: "140001", data: "{}" },
      });
    });
    await commit(bus, 1);
    const page = await bus.page(trustId, after, 10, () => true);
    expect(page.events.map((event) => event.seq)).toEqual([after + 2]);
    expect(page.last).toBe(after + 2);
    const stream = bus.stream({ trustId, after, accept: () => true });
    expect((await take(stream, 1)).map((event) => event.seq)).toEqual([after + 2]);
    await stream.return!();
    await bus.close();
  });
});

describe("event codecs", () => {
  it("refuse stored data that is not of its kind, naming the field", () => {
    const wire = {
      trustId: "t",
      seq: 1,
      kind: "progressChanged",
      urn: "140001",
      at: "2026-12-01T10:00:00.000Z",
      data: { year: "2025/26", metric: "attendance.absence", measurement: { id: 1 } },
    };
    expect(() => decodeEvent(wire)).toThrow(MalformedEvent);
    expect(() => decodeEvent(wire)).toThrow('"id" should be a string');
  });

  it("round-trip every kind through JSON", () => {
    const at = new Date("2026-12-01T10:00:00.000Z");
    const events: LiveEvent[] = [
      { kind: "designationChanged", trustId: "t", urn: "1", seq: 1, at, data: { year: "2025/26" } },
      {
        kind: "targetChanged",
        trustId: "t",
        urn: "1",
        seq: 2,
        at,
        data: { year: "2025/26", metric: "attendance.absence" },
      },
    ];
    for (const event of events)
      expect(decodeEvent(JSON.parse(JSON.stringify(encodeEvent(event))))).toEqual(event);
  });
});

describe("cursors", () => {
  it("round-trip a trust and position and refuse anything else", () => {
    expect(decodeCursor(encodeCursor("clx1", 42))).toEqual({ trustId: "clx1", seq: 42 });
    expect(decodeCursor("2026-12-01T10:00:00Z")).toBeNull();
    expect(decodeCursor(Buffer.from("live1:t:-1").toString("base64url"))).toBeNull();
  });
});
