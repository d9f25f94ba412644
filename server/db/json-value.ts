// Documents for Json columns. The domain's types are interfaces (no index
// signature), which Prisma's InputJsonValue does not accept as they are.
import type { Prisma } from "../../generated/sqlite/client.js";

/** A plain JSON document (objects, arrays, strings, numbers, booleans) for a Json column. */
export function jsonValue(value: unknown): Prisma.InputJsonValue {
  return value as Prisma.InputJsonValue;
}
