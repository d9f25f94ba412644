// An audit row as the API shows it: the actor's user id read from the
// recorded actor, and the before and after documents as one change per field.
import type { AuditRow } from "../services/audit.service.js";
import type {
  AuditAction,
  AuditChangeType,
  AuditEntity,
  AuditEntryType,
} from "./types/audit.type.js";

/** "Ada Leader (leader, cuid)" as AuditService.record writes it; the operator's entries differ. */
const USER_ACTOR = /^(.*) \(([a-z-]+), ([^),\s]+)\)$/;

/** Database ids of other records: internal, not a client's business. */
const INTERNAL_FIELD = /^(id|.+Id|updatedBy|enteredBy|changedBy)$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * One change per field: every field of a record created or removed; for a
 * change, each field the after document gives whose value differs (writers
 * give the whole row or only the fields they changed). A list or a plain
 * value is one change of the field "value".
 */
export function auditChanges(before: unknown, after: unknown): AuditChangeType[] {
  if ((before === null || isRecord(before)) && (after === null || isRecord(after))) {
    const fields = Object.keys(after ?? before ?? {});
    return fields
      .filter((field) => !INTERNAL_FIELD.test(field))
      .map((field) => ({ field, before: before?.[field] ?? null, after: after?.[field] ?? null }))
      .filter((change) => before === null || after === null || !same(change.before, change.after));
  }
  return before === null && after === null ? [] : [{ field: "value", before, after }];
}

export function toAuditEntry(row: AuditRow): AuditEntryType {
  const user = USER_ACTOR.exec(row.actor);
  return {
    id: row.id,
    actorId: user ? user[3]! : null,
    actorName: user ? user[1]! : row.actor,
    action: row.action as AuditAction,
    entity: row.entity as AuditEntity,
    entityId: row.entityId,
    changes: auditChanges(row.before, row.after),
    at: row.at,
  };
}
