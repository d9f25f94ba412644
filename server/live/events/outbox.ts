// The outbox: LiveEventCounter (each trust's last position) and LiveEvent (the
// events, one row per position), written in the transaction of the change
// they announce and read by feeds, catch-up and pages.
//
// Positions follow commit order: the counter's UPSERT is the transaction's
// last statement but one, and on PostgreSQL it holds the counter row's lock
// until COMMIT, so a later position can only be taken after the earlier
// transaction has committed; SQLite has one writer at a time. A rolled-back
// transaction gives its positions back, so there are no gaps, and once
// position n is visible every position below it is too.
//
// Both writes are raw SQL, the same text on both stores: they run in every
// recording's transaction, and Prisma compiles a model query anew each time
// (about a millisecond of the one thread on this machine).
import { Prisma } from "../../../generated/sqlite/client.js";
import type { Db } from "../../db/index.js";
import type { Tx } from "../../services/audit.service.js";
import {
  decodeEvent,
  encodeData,
  MalformedEvent,
  type LiveEvent,
  type NewEvent,
  type StoredEvent,
} from "./payloads.js";

type Row = { trustId: string; seq: number; kind: string; urn: string; data: string; at: Date };

function fromRow(row: Row): StoredEvent {
  const wire = { ...row, data: JSON.parse(row.data), at: row.at.toISOString() };
  try {
    return decodeEvent(wire);
  } catch (error) {
    if (!(error instanceof MalformedEvent)) throw error;
    // Keep the position (no gap) but show it to no one: it cannot be shown as its kind.
    const { data: _data, ...rest } = wire;
    return { ...rest, at: row.at, kind: null, writtenAs: `${row.kind} (${error.message})` };
  }
}

/**
 * Writes a transaction's events with the trusts' next positions (call it as
 * the transaction's last step) and returns them as written.
 */
export async function writeEvents(tx: Tx, emitted: readonly NewEvent[]): Promise<LiveEvent[]> {
  if (emitted.length === 0) return [];
  const byTrust = new Map<string, NewEvent[]>();
  for (const event of emitted) {
    const list = byTrust.get(event.trustId);
    if (list) list.push(event);
    else byTrust.set(event.trustId, [event]);
  }
  const written: LiveEvent[] = [];
  const at = new Date();
  // Trusts in a fixed order, so two transactions never wait on each other's counters.
  for (const trustId of [...byTrust.keys()].sort()) {
    const events = byTrust.get(trustId)!;
    const count = events.length;
    const [counter] = await tx.$queryRaw<{ last: number | bigint }[]>`
      INSERT INTO "LiveEventCounter" ("trustId", "last") VALUES (${trustId}, ${count})
      ON CONFLICT ("trustId") DO UPDATE SET "last" = "LiveEventCounter"."last" + ${count}
      RETURNING "last"`;
    const first = Number(counter!.last) - count + 1;
    const positioned = events.map((event, index) => ({ ...event, seq: first + index, at }));
    // At most 100 rows a statement (5 parameters each), under every store's parameter limit.
    for (let start = 0; start < positioned.length; start += 100) {
      const rows = positioned
        .slice(start, start + 100)
        .map(
          (event) =>
            Prisma.sql`(${trustId}, ${event.seq}, ${event.kind}, ${event.urn}, ${JSON.stringify(encodeData(event))}, ${at})`,
        );
      await tx.$executeRaw`
        INSERT INTO "LiveEvent" ("trustId", "seq", "kind", "urn", "data", "at")
        VALUES ${Prisma.join(rows)}`;
    }
    written.push(...positioned);
  }
  return written;
}

/** The last committed position of a trust (0 before its first event). */
export async function headOf(prisma: Db, trustId: string): Promise<number> {
  const row = await prisma.liveEventCounter.findUnique({ where: { trustId } });
  return row?.last ?? 0;
}

/** The position of the last event written at or before `time`. */
export async function positionAt(prisma: Db, trustId: string, time: Date): Promise<number> {
  const row = await prisma.liveEvent.findFirst({
    where: { trustId, at: { lte: time } },
    orderBy: { seq: "desc" },
    select: { seq: true },
  });
  return row?.seq ?? 0;
}

/** The events with positions in (from, to], oldest first. */
export async function readEvents(
  prisma: Db,
  trustId: string,
  from: number,
  to: number,
): Promise<StoredEvent[]> {
  const rows = await prisma.liveEvent.findMany({
    where: { trustId, seq: { gt: from, lte: to } },
    orderBy: { seq: "asc" },
  });
  return rows.map(fromRow);
}
