// The server's enums arrive as GraphQL values (GREEN, AUTUMN1, LOCAL_BOARD,
// TRUST_ADMIN); the add-in shows and compares the domain's words (green,
// autumn1, localBoard, trust-admin), as a MAT.CARD cell always has, so
// COUNTIF("green") keeps working. One rule both ways, the server's own.
import {
  ROLES,
  camelWordOf,
  enumNameOf,
  wordOfEnumName,
  type Role,
} from "../../server/shared/index.js";

/** The word of an academy-card or calendar enum value: GREEN -> green, AUTUMN1 -> autumn1. */
export const wordOf = camelWordOf;

/** The word of an optional enum value. */
export function wordOrNull(name: string | null): string | null {
  return name === null ? null : wordOf(name);
}

/** The enum value the server takes for a word: autumn1 -> AUTUMN1, summer -> SUMMER. */
export const enumValueOf = enumNameOf;

/**
 * The value of a generated enum (addin/shared/graphql-types.generated.ts) the
 * server takes for a word: enumValueIn(Period, "autumn1") is "AUTUMN1". A word
 * that is none of them is an error naming what the enum accepts.
 */
export function enumValueIn<E extends Readonly<Record<string, string>>>(
  values: E,
  word: string,
): E[keyof E] {
  const name = enumNameOf(word);
  const accepted = Object.values(values);
  if (!accepted.includes(name))
    throw new Error(`"${word}" is not one of ${accepted.map(camelWordOf).join(", ")}`);
  return name as E[keyof E];
}

/** A role's word: TRUST_ADMIN -> trust-admin. */
export function roleOf(name: string): Role | string {
  return wordOfEnumName(ROLES, name);
}

/** A phase as a person reads it: ALL_THROUGH -> all through, ALTERNATIVE_PROVISION -> alternative provision. */
export function phaseWords(name: string): string {
  return name.toLowerCase().replace(/_/g, " ");
}
