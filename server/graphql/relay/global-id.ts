// Global ids (Relay): base64url of "Type:rowId". Every Node's id is one, and
// node(id) reads the type from it. Arguments that take the id of one kind of
// object accept its global id or, as earlier releases gave, the row id.
import { badInput } from "../../domain/index.js";

/** The types that implement Node, by their GraphQL name. */
export const NODE_TYPES = [
  "Academy",
  "AuditEntry",
  "DesignationDecision",
  "EvidenceRecord",
  "Measurement",
  "StoredDesignation",
  "Target",
] as const;

export type NodeTypeName = (typeof NODE_TYPES)[number];

const isNodeType = (name: string): name is NodeTypeName =>
  (NODE_TYPES as readonly string[]).includes(name);

export function globalId(type: NodeTypeName, rowId: string): string {
  return Buffer.from(`${type}:${rowId}`, "utf8").toString("base64url");
}

/** The type and row id a global id names; null when it is not one. */
export function parseGlobalId(id: string): { type: NodeTypeName; rowId: string } | null {
  if (!/^[A-Za-z0-9_-]{4,200}$/.test(id)) return null;
  const text = Buffer.from(id, "base64url").toString("utf8");
  const colon = text.indexOf(":");
  if (colon < 0) return null;
  const type = text.slice(0, colon);
  const rowId = text.slice(colon + 1);
  if (!isNodeType(type) || !/^[A-Za-z0-9_-]{1,64}$/.test(rowId)) return null;
  // Only the canonical spelling: one object, one id.
  return globalId(type, rowId) === id ? { type, rowId } : null;
}

/**
 * The row id an argument names: a global id of the expected type, or a row
 * id as earlier releases gave. The global id of another type is BAD_USER_INPUT.
 */
export function rowIdOf(type: NodeTypeName, argument: string, id: string): string {
  const parsed = parseGlobalId(id);
  if (!parsed) return id;
  if (parsed.type === type) return parsed.rowId;
  throw badInput([
    {
      field: argument,
      value: id.slice(0, 60),
      accepts: `the id of a ${type} (a global id of type ${type})`,
      message: `${argument}: "${id.slice(0, 60)}" is a global id of type ${parsed.type}; it accepts the id of a ${type} (a global id of type ${type})`,
    },
  ]);
}
