// Opaque cursors: base64url of a JSON array naming the list and holding the
// key of a row in it. A cursor of one list is refused by another, and one that
// does not decode is a BAD_USER_INPUT naming the argument, never an empty page.
import type { Problem } from "../../domain/index.js";
import type { NewestFirstKey } from "../../services/page.js";

/** How one list writes the key of its rows into a cursor and reads it back. */
export interface CursorCodec<K> {
  /** The list's name inside its cursors. */
  readonly list: string;
  write(key: K): readonly (string | number)[];
  /** The key, or null when the parts are not one of this list's keys. */
  read(parts: readonly unknown[]): K | null;
}

export function encodeCursor<K>(codec: CursorCodec<K>, key: K): string {
  return Buffer.from(JSON.stringify([codec.list, ...codec.write(key)]), "utf8").toString(
    "base64url",
  );
}

function parts(cursor: string): unknown[] | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/** The key a cursor holds, or the problem naming the argument when it is not a cursor of this list. */
export function readCursor<K>(
  codec: CursorCodec<K>,
  argument: string,
  cursor: string,
): { readonly key: K } | { readonly problem: Problem } {
  const found = parts(cursor);
  const key = found && found[0] === codec.list ? codec.read(found.slice(1)) : null;
  if (key !== null) return { key };
  const shown = String(cursor).slice(0, 40);
  return {
    problem: {
      field: argument,
      value: shown,
      accepts: "a cursor this list gave (an edge's cursor, startCursor or endCursor)",
      message: `${argument}: "${shown}" is not a cursor of this list; it accepts a cursor this list gave (an edge's cursor, pageInfo.startCursor or pageInfo.endCursor)`,
    },
  };
}

/** A list ordered by one text key, such as academies by URN. */
export function textKeyCursor(list: string, pattern: RegExp): CursorCodec<string> {
  return {
    list,
    write: (key) => [key],
    read: ([key, ...rest]) =>
      typeof key === "string" && rest.length === 0 && pattern.test(key) ? key : null,
  };
}

/** A list ordered by one whole number, such as a target's versions. */
export function numberKeyCursor(list: string): CursorCodec<number> {
  return {
    list,
    write: (key) => [key],
    read: ([key, ...rest]) =>
      typeof key === "number" && Number.isSafeInteger(key) && rest.length === 0 ? key : null,
  };
}

/** A newest-first list ordered by a time and the id. */
export function newestFirstCursor(list: string): CursorCodec<NewestFirstKey> {
  return {
    list,
    write: (key) => [key.at.getTime(), key.id],
    read: ([at, id, ...rest]) =>
      typeof at === "number" &&
      Number.isSafeInteger(at) &&
      typeof id === "string" &&
      id.length > 0 &&
      id.length <= 64 &&
      rest.length === 0
        ? { at: new Date(at), id }
        : null,
  };
}
