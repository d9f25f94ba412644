// The audit log: every change, who made it, when, and the before and after.
import { jsonValue, Prisma, type Db } from "../db/index.js";
import type { Viewer } from "../auth/viewer.js";

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
      value === null || value === undefined
        ? Prisma.DbNull
        : jsonValue(JSON.parse(JSON.stringify(value)));
    await tx.auditEntry.create({
      data: {
        trustId,
        actor,
        action,
        entity,
        entityId,
        before: document(before),
        after: document(after),
      },
    });
  }

  /** Newest first, at most `first`, optionally since a time. */
  async list(
    viewer: Viewer,
    options: { first: number; since: Date | null; entity: string | null },
  ): Promise<AuditRow[]> {
    return this.prisma.auditEntry.findMany({
      where: {
        trustId: viewer.trustId,
        ...(options.since ? { at: { gte: options.since } } : {}),
        ...(options.entity ? { entity: options.entity } : {}),
      },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: Math.min(Math.max(options.first, 1), 500),
    });
  }
}
