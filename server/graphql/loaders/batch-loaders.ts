// The two shapes of DataLoader the API batches with: one value per parent
// (the academy a field hangs off), grouped by the arguments the field was
// asked with, and one object per id (what node(id) looks up).
import DataLoader from "dataloader";

/** A parent's id and the arguments its field was asked with. */
export interface ParentKey<O> {
  readonly options: O;
  readonly id: string;
}

const cacheKeyOf = <O>(key: ParentKey<O>) => JSON.stringify([key.options, key.id]);

/**
 * One value per parent: the loads of one tick with the same arguments are
 * read together, `load(options, ids)` once per set of arguments.
 */
export function perParentLoader<O, V>(
  load: (options: O, ids: readonly string[]) => Promise<ReadonlyMap<string, V>>,
  missing: (options: O) => V,
): DataLoader<ParentKey<O>, V, string> {
  return new DataLoader<ParentKey<O>, V, string>(
    async (keys) => {
      const groups = new Map<string, { options: O; ids: string[] }>();
      for (const key of keys) {
        const group = JSON.stringify(key.options);
        const found = groups.get(group);
        if (found) found.ids.push(key.id);
        else groups.set(group, { options: key.options, ids: [key.id] });
      }
      const values = new Map<string, V>();
      await Promise.all(
        [...groups.values()].map(async ({ options, ids }) => {
          const loaded = await load(options, [...new Set(ids)]);
          for (const id of ids)
            values.set(cacheKeyOf({ options, id }), loaded.get(id) ?? missing(options));
        }),
      );
      return keys.map((key) => values.get(cacheKeyOf(key)) ?? missing(key.options));
    },
    { cacheKeyFn: cacheKeyOf },
  );
}

/** One object per id, null for an id not found (or not the viewer's to see). */
export function byIdLoader<V extends { readonly id: string }>(
  load: (ids: readonly string[]) => Promise<readonly V[]>,
): DataLoader<string, V | null> {
  return new DataLoader<string, V | null>(async (ids) => {
    const found = new Map((await load(ids)).map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });
}
