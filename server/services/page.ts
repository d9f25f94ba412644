// A page of an ordered list, as Relay pages it: the rows between two keys
// (after one, before another), the first or the last `size` of them. A
// service reads one more row than the page holds, in the window's reading
// order, and pageOf turns that into the page; the API turns keys into cursors.

export interface PageWindow<K> {
  /** Only rows after this key in the list's order. */
  readonly after: K | null;
  /** Only rows before this key in the list's order. */
  readonly before: K | null;
  /** The first `size` rows within the bounds, or the last. */
  readonly take: "first" | "last";
  readonly size: number;
}

export interface Page<T> {
  /** In the list's order. */
  readonly rows: readonly T[];
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
}

/** How many rows a service reads for a window: one more than the page, to know whether more follow. */
export const rowsToRead = (window: PageWindow<unknown>): number => window.size + 1;

/**
 * The page from rows read in the window's reading order (the list's order for
 * `first`, from the end for `last`). Beyond a cursor there is at least the
 * cursor's own row, so paging forward from `after` has a previous page and
 * paging back from `before` a next one.
 */
export function pageOf<T>(window: PageWindow<unknown>, read: readonly T[]): Page<T> {
  const more = read.length > window.size;
  const rows = read.slice(0, window.size);
  return window.take === "first"
    ? { rows, hasNextPage: more, hasPreviousPage: window.after !== null }
    : { rows: rows.reverse(), hasNextPage: window.before !== null, hasPreviousPage: more };
}

/** The key of a row in a newest-first list: its time, then its id for rows of the same time. */
export interface NewestFirstKey {
  readonly at: Date;
  readonly id: string;
}

type Direction = "asc" | "desc";

/**
 * Prisma's orderBy and where-bounds for a newest-first list ordered by a time
 * column and the id: read from the newest for `first`, from the oldest for
 * `last`; `after` keeps older rows, `before` newer ones.
 */
export function newestFirst<F extends string>(field: F, window: PageWindow<NewestFirstKey>) {
  const direction: Direction = window.take === "first" ? "desc" : "asc";
  const beyond = (key: NewestFirstKey, side: "lt" | "gt") => ({
    OR: [
      { [field]: { [side]: key.at } } as Record<F, { lt?: Date; gt?: Date }>,
      { [field]: key.at, id: { [side]: key.id } } as Record<F, Date> & {
        id: { lt?: string; gt?: string };
      },
    ],
  });
  return {
    orderBy: [{ [field]: direction } as Record<F, Direction>, { id: direction }],
    bounds: [
      ...(window.after ? [beyond(window.after, "lt")] : []),
      ...(window.before ? [beyond(window.before, "gt")] : []),
    ],
  };
}
