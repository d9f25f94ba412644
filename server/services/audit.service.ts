// The audit log: every change, who made it, when, and the before and after.
import { newId, type Db } from "../db/index.js";
import type { Viewer } from "../auth/viewer.js";
import {
  newestFirst,
  pageOf,
  rowsToRead,
  type NewestFirstKey,
  type Page,
  type PageWindow,
} from "./page.js";

/** A Prisma client or the transaction client inside $transaction. */
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export interface AuditRow {
  readonly id: string;
  readonly actor: string;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  /** The record (or fields) before, as a JSON document; null when there was none. */
  readonly before: unknown;
  /** The record (or fields) after; null when it was removed. */
  readonly after: unknown;
  readonly at: Date;
}

/** Which entries of the log a page lists. */
export interface AuditFilter {
  readonly since: Date | null;
  readonly entity: string | null;
}

export class AuditService {
  constructor(private readonly prisma: Db) {}

  async record(
    tx: Tx,
    viewer: Viewer,
    action: string,
    entity: string,
    entityId: string,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await this.recordFor(
      tx,
      viewer.trustId,
      `${viewer.name} (${viewer.role}, ${viewer.userId})`,
      action,
      entity,
      entityId,
      before,
      after,
    );
  }

  /** An entry in a trust's log by an actor outside it (the hosting operator). */
  async recordFor(
    tx: Tx,
    trustId: string,
    actor: string,
    action: string,
    entity: string,
    entityId: string,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    // Through JSON once: Dates become ISO text and undefined fields drop out, as they are read back.
    const document = (value: unknown) =>
      value === null || value === undefined ? null : JSON.stringify(value);
    // Raw SQL (the same text on both stores): it runs in every change's
    // transaction, and a model query is compiled anew each time. The JSON
    // text goes into a Json column (jsonb on PostgreSQL, which reads it).
    await tx.$executeRaw`
      INSERT INTO "AuditEntry" ("id", "trustId", "actor", "action", "entity", "entityId", "before", "after", "at")
      VALUES (${newId()}, ${trustId}, ${actor}, ${action}, ${entity}, ${entityId}, ${document(before)}, ${document(after)}, ${new Date()})`;
  }

  /** A page of the trust's log, newest first, optionally since a time or of one kind of record. */
  async list(
    viewer: Viewer,
    filter: AuditFilter,
    window: PageWindow<NewestFirstKey>,
  ): Promise<Page<AuditRow>> {
    const { orderBy, bounds } = newestFirst("at", window);
    const rows = await this.prisma.auditEntry.findMany({
      where: { AND: [this.matching(viewer, filter), ...bounds] },
      orderBy,
      take: rowsToRead(window),
    });
    return pageOf(window, rows);
  }

  /** How many entries of the trust's log match. */
  async count(viewer: Viewer, filter: AuditFilter): Promise<number> {
    return this.prisma.auditEntry.count({ where: this.matching(viewer, filter) });
  }

  /** Entries of the trust's log by id. */
  async byIds(viewer: Viewer, ids: readonly string[]): Promise<AuditRow[]> {
    return this.prisma.auditEntry.findMany({
      where: { trustId: viewer.trustId, id: { in: [...ids] } },
    });
  }

  private matching(viewer: Viewer, filter: AuditFilter) {
    return {
      trustId: viewer.trustId,
      ...(filter.since ? { at: { gte: filter.since } } : {}),
      ...(filter.entity ? { entity: filter.entity } : {}),
    };
  }
}
